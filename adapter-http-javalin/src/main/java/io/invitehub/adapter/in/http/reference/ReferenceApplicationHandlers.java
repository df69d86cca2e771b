package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.distributors.DistributorWire;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.reference.ReferenceAdminHandlers.distributorId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;

/**
 * The reference's admin pages over distributor accounts: applications awaiting a decision (pending and
 * rejected, with the reason), approve, reject, create, and delete (refused when it would orphan codes, orders
 * or invitations: suspend instead).
 */
public final class ReferenceApplicationHandlers {
    /** What each route reads (ADR 33). */
    public static final RequestShape PENDING = RequestShape.none();
    public static final RequestShape CREATE = DistributorWire.CREATE;
    public static final RequestShape ONE = ReferenceAdminHandlers.ONE;
    public static final RequestShape REJECT = ONE.body(DistributorWire.REASON);

    private final ManageDistributorsUseCase distributors;

    public ReferenceApplicationHandlers(ManageDistributorsUseCase distributors) {
        this.distributors = Objects.requireNonNull(distributors, "distributors");
    }

    record Applicant(long id, String username, String email, Instant createdAt, String approvalStatus, String rejectionReason) {
        static Applicant of(AccountView a) {
            return new Applicant(a.id().value(), a.username(), ReferenceWire.text(a.email()), a.createdAt(),
                    a.approval().map(ReferenceWire::lower).orElse(""), a.rejectionReason().orElse(null));
        }
    }

    record Decision(String message, String distributor) {
    }

    record NewDistributor(long id, String username, String email) {
    }

    record Created(String message, NewDistributor distributor) {
    }

    /** {@code GET /admins/pending-distributors}: every application not approved (pending or rejected), oldest first. */
    public void pending(Context ctx) {
        ctx.json(accounts(ctx, EnumSet.of(Approval.PENDING, Approval.REJECTED)).stream().map(Applicant::of).collect(Collectors.toList()));
    }

    public void approve(Context ctx) {
        User user = distributors.approve(actor(ctx), distributorId(ctx));
        ctx.json(new Decision("Approved.", user.username()));
    }

    /** {@code POST /admins/distributors/{id}/reject {reason?}}: the page sends {@code {}} without a reason. */
    public void reject(Context ctx) {
        Optional<String> reason = DistributorWire.rejectionReason(ctx);
        User user = distributors.reject(actor(ctx), distributorId(ctx), reason);
        ctx.json(new Decision("Application rejected.", user.username()));
    }

    public void create(Context ctx) {
        User user = DistributorWire.create(ctx, distributors);
        ctx.json(new Created("Distributor created.", new NewDistributor(user.id().value(), user.username(),
                user.email().orElse(""))));
    }

    /** {@code DELETE /admins/distributors/{id}}: refused (409, suspend instead) when it would orphan codes, orders or invitations. */
    public void delete(Context ctx) {
        UserId id = distributorId(ctx);
        AccountView account = distributors.account(actor(ctx), id);
        distributors.delete(actor(ctx), id);
        ctx.json(new Decision("Deleted.", account.username()));
    }

    private List<AccountView> accounts(Context ctx, EnumSet<Approval> approvals) {
        List<AccountView> rows = new ArrayList<>();
        Optional<UserId> after = Optional.empty();
        while (rows.size() < ReferenceWire.MAX_LIST) {
            List<AccountView> page = distributors.accounts(actor(ctx), approvals, after, PageRequest.MAX_LIMIT);
            rows.addAll(page);
            if (page.size() < PageRequest.MAX_LIMIT) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        return rows;
    }
}
