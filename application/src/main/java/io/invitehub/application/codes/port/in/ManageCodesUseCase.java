package io.invitehub.application.codes.port.in;

import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.user.UserId;

import java.util.Collection;

/**
 * Enable, disable and delete codes. A distributor may change only its own codes: someone else's
 * code (or an unknown id) is NOT_FOUND, never revealing that it exists. Staff may change any code.
 */
public interface ManageCodesUseCase {

    /** Flips the code's enabled flag; returns its status afterwards. */
    CodeStatus toggle(UserId caller, RedeemCodeId code);

    /** Sets the enabled flag; returns the status afterwards. */
    CodeStatus setEnabled(UserId caller, RedeemCodeId code, boolean enabled);

    /** Deletes a code that was never used and that no invitation references; otherwise CONFLICT. */
    void delete(UserId caller, RedeemCodeId code);

    /**
     * Deletes each of {@code codes} (at most {@link BatchDeletion#MAX_IDS}) that {@link #delete} would
     * delete, in one transaction, and reports per id; ids the caller may not change are NOT_FOUND in
     * the result, like unknown ones. Not all-or-nothing: one code in use does not keep the others.
     */
    BatchDeletion deleteAll(UserId caller, Collection<RedeemCodeId> codes);
}
