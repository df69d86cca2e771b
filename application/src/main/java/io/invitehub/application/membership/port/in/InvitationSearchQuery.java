package io.invitehub.application.membership.port.in;

import io.invitehub.application.membership.view.StaffInvitation;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.user.Actor;

/** The staff console's invitation search (issue 14). Staff only. */
public interface InvitationSearchQuery {

    /**
     * Every invitation (rebinds included) of the e-mail {@code query} (when it holds an {@code @}) or of the code
     * {@code query} (as typed: any case, hyphens and blanks ignored), newest first, keyset-paged. A query that is
     * neither an e-mail nor a code shape is VALIDATION_FAILED; a code nobody has is an empty page.
     */
    Page<StaffInvitation> search(Actor actor, String query, PageRequest page);
}
