package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.in.InvitationSearchQuery;
import io.invitehub.application.membership.port.out.InvitationSearch;
import io.invitehub.application.membership.view.StaffInvitation;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;

import java.util.List;
import java.util.Optional;

/** Staff find an invitation by the customer's e-mail or by the code: one index range each, newest first. */
public final class InvitationSearchService implements InvitationSearchQuery {
    private static final String BY_EMAIL = "invitations.email";
    private static final String BY_CODE = "invitations.code";

    private final InvitationSearch search;

    public InvitationSearchService(InvitationSearch search) {
        this.search = search;
    }

    @Override
    public Page<StaffInvitation> search(Actor actor, String query, PageRequest page) {
        actor.requireStaff();
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "q is required: an e-mail or a code");
        }
        Optional<Email> email = q.contains("@") ? parseEmail(q) : Optional.empty();
        if (email.isPresent()) {
            Optional<Long> before = page.cursor().map(c -> positive(c.longKey(BY_EMAIL, 1, 0)));
            return page(search.byEmail(email.get(), before, page.limit() + 1), page, BY_EMAIL);
        }
        Code code;
        try {
            code = Code.parse(q);
        } catch (DomainException notACode) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "q is neither an e-mail address nor a code");
        }
        Optional<Long> before = page.cursor().map(c -> positive(c.longKey(BY_CODE, 1, 0)));
        return page(search.byCode(code, before, page.limit() + 1), page, BY_CODE);
    }

    private static Optional<Email> parseEmail(String q) {
        try {
            return Optional.of(Email.of(q));
        } catch (DomainException notAnEmail) {
            return Optional.empty(); // a legacy code may hold an @
        }
    }

    private static Page<StaffInvitation> page(List<StaffInvitation> rows, PageRequest page, String kind) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<StaffInvitation> shown = rows.subList(0, page.limit());
        return new Page<>(shown, Optional.of(PageCursor.of(kind, shown.get(shown.size() - 1).id().value())));
    }

    private static long positive(long id) {
        if (id < 1) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
        }
        return id;
    }
}
