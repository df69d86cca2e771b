package io.invitehub.application.codes.port.in;

import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;

import java.util.Objects;

/** {@code actor} (staff) issues {@code count} new codes on {@code terms}: a grant to a distributor, or a platform batch. */
public record IssueCodesCommand(Actor actor, CodeTerms terms, int count) {
    public static final int MAX_COUNT = 10_000;

    public IssueCodesCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(terms, "terms");
        if (count < 1 || count > MAX_COUNT) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "count must be between 1 and " + MAX_COUNT);
        }
    }
}
