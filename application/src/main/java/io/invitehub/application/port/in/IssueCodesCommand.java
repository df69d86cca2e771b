package io.invitehub.application.port.in;

import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Objects;

/** Issue {@code count} new codes on {@code terms} (an admin grant to a distributor, or a platform batch). */
public record IssueCodesCommand(CodeTerms terms, int count) {
    public static final int MAX_COUNT = 10_000;

    public IssueCodesCommand {
        Objects.requireNonNull(terms, "terms");
        if (count < 1 || count > MAX_COUNT) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "count must be between 1 and " + MAX_COUNT);
        }
    }
}
