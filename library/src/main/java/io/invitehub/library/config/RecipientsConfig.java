package io.invitehub.library.config;

import java.time.Duration;

/** docs/configuration.md, "Anti-harassment": invitations per e-mail and day, and the re-invite cooldown after a removal. */
public record RecipientsConfig(int invitationsPerEmailPerDay, Duration reinviteCooldown) {

    static RecipientsConfig read(EnvironmentReader r) {
        return new RecipientsConfig(
                r.integer("INVITEHUB_INVITATIONS_PER_EMAIL_PER_DAY", 3, 1, 1_000_000),
                r.duration("INVITEHUB_REINVITE_COOLDOWN", Duration.ofHours(24)));
    }
}
