package io.invitehub.application.crm.view;

import java.time.Instant;
import java.util.Optional;

/** A distributor's note on a customer as it stands: its text, its version (1 for the first), who wrote it last and when. */
public record CustomerNote(String body, int version, Instant updatedAt, Optional<String> updatedBy) {
}
