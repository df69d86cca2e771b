package io.invitehub.application.recipients.port.in;

import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Actor;

import java.util.List;
import java.util.Optional;

/** The admin blocklist and the customers' opt-out (SPEC section 9). */
public interface ProtectRecipientsUseCase {

    /**
     * Blocks an e-mail address ({@code a@host.com}) or a domain ({@code host.com} or {@code @host.com}, with its
     * subdomains). ADMIN only; audited. CONFLICT when already listed, VALIDATION_FAILED when neither shape.
     */
    BlockEntry block(Actor admin, String value, Optional<String> reason);

    /** NOT_FOUND when there is no such entry. */
    void unblock(Actor admin, long blockId);

    List<BlockEntry> blocks(Actor admin, Optional<Long> after, int limit);

    /**
     * The owner of {@code email} asks for no further invitations, proving it with a code bound to that
     * e-mail. Limited like the status lookup; an unknown pair is NOT_FOUND and counts against the code.
     * Returns true when newly recorded (false when it already was).
     */
    boolean optOut(Code code, Email email, String clientAddress);

    /** ADMIN lifts an opt-out at the owner's request; NOT_FOUND when there was none. */
    void liftOptOut(Actor admin, Email email);
}
