package io.invitehub.adapter.in.http.distributors;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;

import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.optionalBody;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * What the admin's routes over distributor accounts read alike in InviteHub's API and the reference dialect
 * (the same in-port behind both): the new distributor's body and the rejection's reason.
 */
public final class DistributorWire {
    static final int MAX_REASON = 500;

    /** What creating a distributor reads (ADR 33). */
    public static final RequestShape CREATE = RequestShape.none().body(Field.text("username", 128), Field.email("email"),
            Field.text("password", 1024));
    /** The optional reason of a rejection, read on top of the route's path. */
    public static final Field REASON = Field.prose("reason", MAX_REASON);

    private DistributorWire() {
    }

    record CreateDistributor(String username, String email, String password) {
        @Override
        public String toString() {
            return "CreateDistributor[" + username + ", password=***]";
        }
    }

    record Reject(String reason) {
    }

    /** Creates the distributor the body names ({@code username}, {@code email}, {@code password}), by the signed-in admin. */
    public static User create(Context ctx, ManageDistributorsUseCase distributors) {
        CreateDistributor request = body(ctx, CreateDistributor.class);
        String username = required(request.username(), "username");
        String email = required(request.email(), "email");
        char[] password = required(request.password(), "password").toCharArray();
        return distributors.create(actor(ctx), username, email, password);
    }

    /** The rejection's reason, when the body gives one (the reference's page sends {@code {}} without). */
    public static Optional<String> rejectionReason(Context ctx) {
        return optionalBody(ctx, Reject.class).map(Reject::reason);
    }
}
