package io.invitehub.application.audit.service;

import io.invitehub.application.audit.port.in.AuditTrailQueries;
import io.invitehub.application.audit.port.out.AuditRecords;
import io.invitehub.application.audit.view.AuditFilter;
import io.invitehub.application.audit.view.AuditRecord;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/** The audit log's read side: ADMIN only, keyset over (created_at, id) descending, the filter bound into the cursor. */
public final class AuditTrailService implements AuditTrailQueries {
    private final AuditRecords records;

    public AuditTrailService(AuditRecords records) {
        this.records = records;
    }

    @Override
    public Page<AuditRecord> entries(Actor actor, AuditFilter filter, PageRequest page) {
        actor.requireAnyOf("Only an admin may read the audit log.", Role.ADMIN);
        if (filter.from().isPresent() && filter.to().isPresent() && !filter.from().get().isBefore(filter.to().get())) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        String kind = "audit." + crc(filter.canonical());
        Optional<AuditRecords.After> after = page.cursor().map(c -> {
            List<String> keys = c.keysOf(kind, 2);
            try {
                return new AuditRecords.After(Instant.parse(keys.get(0)), Long.parseLong(keys.get(1)));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
            }
        });
        List<AuditRecord> rows = records.search(filter, after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<AuditRecord> shown = more ? rows.subList(0, page.limit()) : rows;
        Optional<PageCursor> next = more
                ? Optional.of(PageCursor.of(kind, shown.get(shown.size() - 1).at().toString(), shown.get(shown.size() - 1).id()))
                : Optional.empty();
        return new Page<>(shown, next);
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
