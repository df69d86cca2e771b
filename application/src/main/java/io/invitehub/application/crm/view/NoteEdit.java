package io.invitehub.application.crm.view;

import java.time.Instant;
import java.util.Optional;

/** One version of a note: what it said, who wrote it ({@code editedBy}: the username, absent once deleted) and when. */
public record NoteEdit(long id, int version, String body, Instant editedAt, Optional<String> editedBy) {
}
