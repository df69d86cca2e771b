package io.invitehub.adapter.in.http.auth;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.accounts.port.in.RegisterDistributorCommand;
import io.javalin.http.Context;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * What InviteHub's own auth routes and the reference dialect's read alike (the same in-ports behind both):
 * the sign-in's and the sign-up's request shapes and limits, and the sign-up's bodies.
 */
public final class AuthWire {
    /** Usernames are at most 64 characters (the sign-up's rule); a longer one is refused before any lookup. */
    static final int MAX_USERNAME = 128;
    static final int MAX_PASSWORD = 1024;

    /** What each route reads (ADR 33). The login also takes the OAuth2 password form's other fields, and ignores them. */
    public static final RequestShape LOGIN = RequestShape.none().body(Field.text("username", MAX_USERNAME),
            Field.text("password", MAX_PASSWORD), Field.text("grant_type", 64), Field.text("scope", 256),
            Field.text("client_id", 256), Field.text("client_secret", 256));
    public static final RequestShape SEND_VERIFICATION_CODE = RequestShape.none().body(Field.email("email"));
    public static final RequestShape REGISTER_DISTRIBUTOR = RequestShape.none().body(Field.email("email"),
            Field.text("username", MAX_USERNAME), Field.text("password", MAX_PASSWORD), Field.token("code", 16));

    private AuthWire() {
    }

    record SendVerificationCode(String email) {
    }

    record RegisterDistributor(String email, String username, String password, String code) {
        @Override
        public String toString() {
            return "RegisterDistributor[" + username + ", password=***, code=***]";
        }
    }

    /** The e-mail a {@code send-verification-code} body asks a code for. */
    public static String verificationEmail(Context ctx) {
        return required(body(ctx, SendVerificationCode.class).email(), "email");
    }

    /** The sign-up a {@code register-distributor} body asks for, from the client's address. */
    public static RegisterDistributorCommand registration(Context ctx, TrustedProxies proxies) {
        RegisterDistributor request = body(ctx, RegisterDistributor.class);
        char[] password = required(request.password(), "password").toCharArray();
        return new RegisterDistributorCommand(required(request.email(), "email"),
                required(request.username(), "username"), password, required(request.code(), "code"),
                proxies.clientAddress(ctx));
    }
}
