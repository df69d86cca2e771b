package io.invitehub.application.accounts.port.in;

import io.invitehub.application.accounts.view.StaffAccount;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.util.Optional;

/**
 * The admin's accounts page (SPEC section 1: roles are the admin's alone; ADR 50). Every call is ADMIN only
 * (FORBIDDEN otherwise) and every write is audited in its transaction.
 */
public interface StaffAccountsUseCase {

    /** Staff accounts (ADMIN and OPERATOR) by id ascending, keyset-paged. */
    Page<StaffAccount> staff(Actor actor, PageRequest page);

    /**
     * Creates an OPERATOR with a generated temporary password that must be changed at the first sign-in;
     * CONFLICT when the username or e-mail is taken.
     */
    TemporaryPassword createOperator(Actor actor, String username, Optional<String> email);

    /**
     * Switches an OPERATOR account off: it may not sign in, and every token it holds stops working. Disabling a
     * disabled account changes nothing. CONFLICT for an ADMIN or a distributor (distributors are suspended instead);
     * NOT_FOUND for an unknown id.
     */
    StaffAccount disable(Actor actor, UserId account);

    /** Lets a disabled OPERATOR sign in again. */
    StaffAccount enable(Actor actor, UserId account);

    /**
     * Replaces any other account's password with a generated temporary one, ends its tokens and makes it change
     * the password at the next sign-in. CONFLICT for the caller's own account (it changes its password itself).
     */
    TemporaryPassword resetPassword(Actor actor, UserId account);
}
