package io.invitehub.application.recipients.service;

import io.invitehub.application.recipients.port.in.ScreenRecipientsUseCase;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The anti-harassment checks of SPEC section 9, answered from PostgreSQL. Call them inside the
 * transaction that creates the invitation: the open-invitation unique index on the e-mail serialises
 * concurrent creations for one address, so the daily count cannot be overtaken by a parallel request.
 *
 * <ul>
 *   <li>{@link #ensureMayInvite}: blocklist (RECIPIENT_BLOCKED), opt-out (RECIPIENT_OPTED_OUT) and the
 *       daily cap across the platform (INVITATION_LIMIT_REACHED, 429 with the time until the oldest of
 *       the last N leaves the 24-hour window). Redemption calls it.</li>
 *   <li>{@link #ensureMayReinvite}: the same, plus the cooldown after this distributor removed the
 *       e-mail (REINVITE_COOLDOWN, 429). For {@code POST /distributors/me/members/add}.</li>
 * </ul>
 */
public final class RecipientPolicy implements ScreenRecipientsUseCase {
    private final Recipients recipients;
    private final RecipientSettings settings;

    public RecipientPolicy(Recipients recipients, RecipientSettings settings) {
        this.recipients = recipients;
        this.settings = settings;
    }

    @Override
    public void ensureMayInvite(Email email, Instant now) {
        int cap = settings.invitationsPerDay();
        // one read for the three checks (the redemption's hot path)
        Recipients.Screening screening = recipients.screen(email, now.minus(RecipientSettings.DAY), cap);
        Optional<BlockEntry> block = screening.block();
        if (block.isPresent()) {
            throw new DomainException(ErrorCode.RECIPIENT_BLOCKED, block.get().kind() == BlockKind.DOMAIN
                    ? "Invitations to this e-mail domain are blocked by the platform."
                    : "Invitations to this e-mail address are blocked by the platform.");
        }
        if (screening.optedOut()) {
            throw new DomainException(ErrorCode.RECIPIENT_OPTED_OUT,
                    "The owner of this e-mail address asked not to receive further invitations.");
        }
        List<Instant> recent = screening.recent();
        if (recent.size() >= cap) {
            Instant oldestCounted = recent.get(cap - 1);
            Duration wait = Duration.between(now, oldestCounted.plus(RecipientSettings.DAY));
            throw new RateLimitedException(ErrorCode.INVITATION_LIMIT_REACHED,
                    "This e-mail address received " + cap + " invitations in the last 24 hours; try again later.",
                    wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    @Override
    public int invitationsPerDay() {
        return settings.invitationsPerDay();
    }

    @Override
    public void ensureMayReinvite(UserId distributor, Email email, Instant now) {
        Optional<Instant> removed = recipients.lastRemoval(distributor, email);
        if (removed.isPresent()) {
            Instant allowedFrom = removed.get().plus(settings.reinviteCooldown());
            if (now.isBefore(allowedFrom)) {
                throw new RateLimitedException(ErrorCode.REINVITE_COOLDOWN,
                        "This member was removed recently; it can be invited again after " + allowedFrom + ".",
                        Duration.between(now, allowedFrom));
            }
        }
        ensureMayInvite(email, now);
    }
}
