package io.invitehub.adapter.in.http.distributors;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.auth.Account;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.distributors.DistributorReadHandlers.distributorId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;

/** The admin's routes over distributor accounts (SPEC section 10): create, the pending list, approval and its reversals, deletion. */
public final class DistributorAdminHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape ACCOUNTS_ANSWER = ResponseShape.page(Account.class);
    public static final ResponseShape ACCOUNT_ANSWER = ResponseShape.ok(Account.class);
    public static final ResponseShape ACCOUNT_CREATED_ANSWER = ResponseShape.created(Account.class);

    /** What each route reads (ADR 33). */
    public static final RequestShape CREATE = DistributorWire.CREATE;
    public static final RequestShape PENDING = RequestShape.none().query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ONE = RequestShape.none().path(Field.id("id").labelled("distributor id"));
    public static final RequestShape REJECT = ONE.body(DistributorWire.REASON);

    private final ManageDistributorsUseCase distributors;

    public DistributorAdminHandlers(ManageDistributorsUseCase distributors) {
        this.distributors = Objects.requireNonNull(distributors, "distributors");
    }

    /** {@code GET /admins/pending-distributors?limit=&cursor=}: {@code {items, next_cursor}} like every list of this API. */
    public void pending(Context ctx) {
        PageBody.answer(ctx, distributors.pending(HttpRequests.pageRequest(ctx)), Account::of);
    }

    public void approve(Context ctx) {
        ctx.json(Account.of(distributors.approve(actor(ctx), distributorId(ctx))));
    }

    /** {@code POST /admins/distributors/{id}/reject}, with an optional {@code {"reason": …}}. */
    public void reject(Context ctx) {
        Optional<String> reason = DistributorWire.rejectionReason(ctx);
        ctx.json(Account.of(distributors.reject(actor(ctx), distributorId(ctx), reason)));
    }

    public void suspend(Context ctx) {
        ctx.json(Account.of(distributors.suspend(actor(ctx), distributorId(ctx))));
    }

    public void reactivate(Context ctx) {
        ctx.json(Account.of(distributors.reactivate(actor(ctx), distributorId(ctx))));
    }

    public void delete(Context ctx) {
        distributors.delete(actor(ctx), distributorId(ctx));
        ctx.status(204);
    }

    public void create(Context ctx) {
        ctx.status(201).json(Account.of(DistributorWire.create(ctx, distributors)));
    }
}
