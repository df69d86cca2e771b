package io.invitehub.application.recipients.service;

import io.invitehub.application.recipients.port.in.OptOutQueries;
import io.invitehub.application.recipients.port.out.OptOutRecords;
import io.invitehub.application.recipients.view.OptOutEntry;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The admin's list of opt-outs, newest first. */
public final class OptOutQueryService implements OptOutQueries {
    private static final String KIND = "opt-outs";

    private final OptOutRecords records;

    public OptOutQueryService(OptOutRecords records) {
        this.records = records;
    }

    @Override
    public Page<OptOutEntry> optOuts(Actor admin, Optional<Email> email, PageRequest page) {
        admin.requireAnyOf("Only an admin may read the opt-outs.", Role.ADMIN);
        Optional<OptOutRecords.After> after = page.cursor().map(c -> {
            List<String> keys = c.keysOf(KIND, 2);
            try {
                if (!keys.get(1).matches("[0-9a-f]{32}")) {
                    throw new IllegalArgumentException("not a digest");
                }
                return new OptOutRecords.After(Instant.parse(keys.get(0)), keys.get(1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
            }
        });
        List<OptOutEntry> rows = records.optOuts(email, after, page.limit() + 1);
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<OptOutEntry> shown = rows.subList(0, page.limit());
        OptOutEntry last = shown.get(shown.size() - 1);
        return new Page<>(shown, Optional.of(PageCursor.of(KIND, last.createdAt().toString(), last.emailDigest())));
    }
}
