package io.invitehub.adapter.in.http.distributors;

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
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.optionalBody;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/** The admin's routes over distributor accounts (SPEC section 10): create, the pending list, approval and its reversals, deletion. */
public final class DistributorAdminHandlers {
    static final int MAX_REASON = 500;

    /** What each route reads (ADR 33). */
    public static final RequestShape CREATE = RequestShape.none().body(Field.text("username", 128), Field.email("email"),
            Field.text("password", 1024));
    public static final RequestShape PENDING = RequestShape.none().query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ONE = RequestShape.none().path(Field.id("id").labelled("distributor id"));
    public static final RequestShape REJECT = ONE.body(Field.prose("reason", MAX_REASON));

    private final ManageDistributorsUseCase distributors;

    public DistributorAdminHandlers(ManageDistributorsUseCase distributors) {
        this.distributors = Objects.requireNonNull(distributors, "distributors");
    }

    record CreateDistributor(String username, String email, String password) {
        @Override
        public String toString() {
            return "CreateDistributor[" + username + ", password=***]";
        }
    }

    record Reject(String reason) {
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
        Optional<String> reason = optionalBody(ctx, Reject.class).map(Reject::reason);
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
        CreateDistributor request = body(ctx, CreateDistributor.class);
        String username = required(request.username(), "username");
        String email = required(request.email(), "email");
        char[] password = required(request.password(), "password").toCharArray();
        ctx.status(201).json(Account.of(distributors.create(actor(ctx), username, email, password)));
    }
}
