package io.invitehub.adapter.in.http.auth;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.accounts.port.in.PasswordResetUseCase;
import io.invitehub.domain.shared.Language;
import io.javalin.http.Context;

import java.util.Objects;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/** Self-service password reset by e-mail (issue 16, ADR 41): ask for a link, then set a new password with its token. */
public final class PasswordResetHandlers {
    /** A reset token: 43 base64url characters (256 bits); a little slack, no more. */
    static final int MAX_TOKEN = 128;

    /** What the request answers (ADR 40); the confirmation answers 204. */
    public static final ResponseShape REQUEST_ANSWER = ResponseShape.accepted(Accepted.class);

    public static final RequestShape REQUEST = RequestShape.none().body(Field.email("email"), Field.choice("language", Language.class));
    public static final RequestShape RESET = RequestShape.none().body(Field.token("token", MAX_TOKEN),
            Field.text("new_password", AuthWire.MAX_PASSWORD));

    private final PasswordResetUseCase resets;
    private final TrustedProxies proxies;

    public PasswordResetHandlers(PasswordResetUseCase resets, TrustedProxies proxies) {
        this.resets = Objects.requireNonNull(resets, "resets");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    record ResetRequest(String email, String language) {
    }

    record Reset(String token, String newPassword) {
        @Override
        public String toString() {
            return "Reset[***]";
        }
    }

    record Accepted(boolean accepted, String message) {
    }

    /** {@code POST /auth/password-reset/request}: 202 with the same answer whether or not the e-mail has an account. */
    public void request(Context ctx) {
        ResetRequest request = body(ctx, ResetRequest.class);
        Language language = request.language() == null ? Language.ZH_CN
                : HttpRequests.enumValue(Language.class, request.language(), "language");
        resets.requestReset(required(request.email(), "email"), proxies.clientAddress(ctx), language);
        ctx.status(202).json(new Accepted(true,
                "If an account has this e-mail, a link to reset its password is on its way; it is valid for a short time."));
    }

    /** {@code POST /auth/password-reset/confirm}: 204; every session of the account ends. */
    public void reset(Context ctx) {
        Reset request = body(ctx, Reset.class);
        resets.resetPassword(required(request.token(), "token"), required(request.newPassword(), "new_password").toCharArray(),
                proxies.clientAddress(ctx));
        ctx.status(204);
    }
}
