package io.invitehub.application.accounts.port.in;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An admin's side of the distributor lifecycle (PENDING → APPROVED | REJECTED, APPROVED ↔ SUSPENDED).
 * Every write is audited with the actor. Refusals: NOT_FOUND for an id that is no distributor, FORBIDDEN for
 * an actor that is no admin, CONFLICT for an illegal transition.
 */
public interface ManageDistributorsUseCase {

    /** Creates an APPROVED distributor. */
    User create(Actor actor, String username, String email, char[] password);

    /**
     * PENDING distributors by id ascending, one page of them (a keyset list like every other: the cursor of
     * the next page names the last id); VALIDATION_FAILED for a cursor of another list.
     */
    Page<User> pending(PageRequest page);

    /**
     * Distributor accounts whose approval is one of {@code approvals}, with creation time and rejection
     * reason, by id ascending after {@code after} when given; at most {@code limit} (1–500).
     */
    List<AccountView> accounts(Actor actor, Set<Approval> approvals, Optional<UserId> after, int limit);

    /** One distributor's account; NOT_FOUND when {@code distributor} is not a distributor. */
    AccountView account(Actor actor, UserId distributor);

    User approve(Actor actor, UserId distributor);

    /** Rejects a PENDING distributor, keeping the reason (at most 500 characters); its tokens stop working. */
    User reject(Actor actor, UserId distributor, Optional<String> reason);

    /** Suspends an APPROVED distributor; its tokens stop working. */
    User suspend(Actor actor, UserId distributor);

    /** Lifts a suspension. */
    User reactivate(Actor actor, UserId distributor);

    /**
     * Deletes a distributor that owns no code and has no order or invitation (CONFLICT otherwise), and has no settlement
     * records or CRM rows (DISTRIBUTOR_HAS_RECORDS otherwise); nothing changes on a refusal (suspend instead).
     */
    void delete(Actor actor, UserId distributor);
}
