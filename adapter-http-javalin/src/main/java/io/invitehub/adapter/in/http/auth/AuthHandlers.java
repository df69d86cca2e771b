package io.invitehub.adapter.in.http.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.in.SignedIn;
import io.invitehub.domain.shared.Language;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/** Sign-in, the distributor's sign-up with an e-mailed code, the own account and its password (SPEC section 10). */
public final class AuthHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape TOKEN_ANSWER = ResponseShape.ok(Token.class);
    public static final ResponseShape SENT_ANSWER = ResponseShape.ok(Sent.class);
    public static final ResponseShape ACCOUNT_ANSWER = ResponseShape.ok(Account.class);
    public static final ResponseShape ACCOUNT_CREATED_ANSWER = ResponseShape.created(Account.class);

    /**
     * What each route reads (ADR 33); the sign-in's and the sign-up's are the reference dialect's too ({@link AuthWire}).
     * InviteHub's own send-verification-code also takes the mail's {@code language} (issue 16), the reference's does not.
     */
    public static final RequestShape LOGIN = AuthWire.LOGIN;
    public static final RequestShape SEND_VERIFICATION_CODE = AuthWire.SEND_VERIFICATION_CODE
            .body(Field.choice("language", Language.class));
    public static final RequestShape REGISTER_DISTRIBUTOR = AuthWire.REGISTER_DISTRIBUTOR;
    public static final RequestShape CHANGE_PASSWORD = RequestShape.none().body(Field.text("old_password", AuthWire.MAX_PASSWORD),
            Field.text("new_password", AuthWire.MAX_PASSWORD));

    private final SignInUseCase signIn;
    private final DistributorSignUpUseCase signUp;
    private final AccountsUseCase accounts;
    private final TrustedProxies proxies;
    private final Clock clock;

    public AuthHandlers(SignInUseCase signIn, DistributorSignUpUseCase signUp, AccountsUseCase accounts, TrustedProxies proxies,
                        Clock clock) {
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.signUp = Objects.requireNonNull(signUp, "signUp");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- request and response bodies (snake_case on the wire) ---------------------------------------

    record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + ", password=***]";
        }
    }

    /** {@code language}: of the mail, zh-CN when absent. */
    record SendVerificationCode(String email, String language) {
    }

    record ChangePassword(String oldPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[***]";
        }
    }

    /**
     * The login answer of the reference API ({@code access_token}, {@code token_type}) plus lifetime and role, and
     * {@code must_change_password: true} only when the password is a temporary one that must be changed before
     * anything else (ADR 50): otherwise the field is absent and the answer keeps the reference's shape.
     */
    record Token(String accessToken, String tokenType, long expiresIn, String role,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean mustChangePassword) {
        @Override
        public String toString() {
            return "Token[***, " + tokenType + ", " + expiresIn + "s, " + role + "]";
        }
    }

    record Sent(boolean sent, String message) {
    }

    // ---- handlers -----------------------------------------------------------------------------------

    /** {@code POST /auth/login}: JSON or a form (the reference's OAuth2 password form). */
    public void login(Context ctx) {
        Login request = HttpRequests.formOrBody(ctx, Login.class,
                form -> new Login(HttpRequests.formParam(form, "username"), HttpRequests.formParam(form, "password")));
        char[] password = request.password() == null ? null : request.password().toCharArray();
        ctx.json(token(signIn.login(request.username(), password, proxies.clientAddress(ctx))));
    }

    /** The login's and the renewal's answer: a renewed token of a temporary password still says it must be changed. */
    private Token token(SignedIn signedIn) {
        long expiresIn = Math.max(0, Duration.between(clock.instant(), signedIn.expiresAt()).getSeconds());
        return new Token(signedIn.accessToken(), "bearer", expiresIn, signedIn.user().role().name(),
                signedIn.user().mustChangePassword() ? Boolean.TRUE : null);
    }

    public void sendVerificationCode(Context ctx) {
        SendVerificationCode request = body(ctx, SendVerificationCode.class);
        Language language = request.language() == null ? Language.ZH_CN
                : HttpRequests.enumValue(Language.class, request.language(), "language");
        signUp.sendVerificationCode(required(request.email(), "email"), proxies.clientAddress(ctx), language);
        ctx.json(new Sent(true, "A verification code was sent; it is valid for 10 minutes."));
    }

    public void registerDistributor(Context ctx) {
        User user = signUp.register(AuthWire.registration(ctx, proxies));
        ctx.status(201).json(Account.of(user));
    }

    /**
     * {@code POST /auth/renew}: a fresh token for the session of the one the request is signed in with, up to the
     * session's maximum since the password (ADR 48); the login's answer.
     */
    public void renew(Context ctx) {
        ctx.json(token(signIn.renew(HttpRequests.bearerToken(ctx))));
    }

    /** {@code GET /auth/me}: the signed-in account. */
    public void me(Context ctx) {
        ctx.json(Account.of(HttpRequests.caller(ctx)));
    }

    public void changePassword(Context ctx) {
        ChangePassword request = body(ctx, ChangePassword.class);
        char[] oldPassword = required(request.oldPassword(), "old_password").toCharArray();
        char[] newPassword = required(request.newPassword(), "new_password").toCharArray();
        accounts.changePassword(HttpRequests.caller(ctx).id(), oldPassword, newPassword);
        ctx.status(204);
    }
}
