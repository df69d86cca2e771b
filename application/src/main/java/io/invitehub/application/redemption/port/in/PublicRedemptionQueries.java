package io.invitehub.application.redemption.port.in;

import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;

import java.util.UUID;

/** Read-only questions a customer may ask. None of them tells whether a code or e-mail exists on its own. */
public interface PublicRedemptionQueries {

    /** @throws io.invitehub.domain.shared.DomainException NOT_FOUND when unknown */
    InvitationView invitation(UUID publicId);

    /**
     * The code's state for its bound e-mail. An unknown code and a code bound to another (or no)
     * e-mail give the same NOT_FOUND, so the endpoint is no oracle for codes or e-mails; lookups are
     * limited per {@code clientAddress}, and each NOT_FOUND counts as a failed attempt on the code.
     */
    RedemptionStatus status(Code code, Email email, String clientAddress);

    SeatSummary seats();
}
