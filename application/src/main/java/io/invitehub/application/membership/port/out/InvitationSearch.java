package io.invitehub.application.membership.port.out;

import io.invitehub.application.membership.view.StaffInvitation;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;

import java.util.List;
import java.util.Optional;

/** Invitations by e-mail or by code, for staff: each an index range (the e-mail's, the code's). */
public interface InvitationSearch {

    /** The e-mail's invitations, highest id first, below {@code beforeId}; at most {@code limit}. */
    List<StaffInvitation> byEmail(Email email, Optional<Long> beforeId, int limit);

    /** The code's invitations (by its normal form), highest id first, below {@code beforeId}; at most {@code limit}. */
    List<StaffInvitation> byCode(Code code, Optional<Long> beforeId, int limit);
}
