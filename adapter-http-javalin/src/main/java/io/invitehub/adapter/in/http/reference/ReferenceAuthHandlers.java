package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.auth.AuthWire;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.in.SignedIn;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;

import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The reference's sign-in and sign-up: its login is an OAuth2 password form (its client posts a
 * {@code FormData}, so {@code multipart/form-data}; url-encoded works too) answering only
 * {@code access_token} and {@code token_type}; its account has a lower-case {@code role}, {@code is_active}
 * and {@code created_at}. The same in-ports as InviteHub's own auth routes: same limits, same refusals.
 */
public final class ReferenceAuthHandlers {
    /** What each route reads (ADR 33): the sign-in's and the sign-up's are InviteHub's own ({@link AuthWire}). */
    public static final RequestShape LOGIN = AuthWire.LOGIN;
    public static final RequestShape SEND_VERIFICATION_CODE = AuthWire.SEND_VERIFICATION_CODE;
    public static final RequestShape REGISTER_DISTRIBUTOR = AuthWire.REGISTER_DISTRIBUTOR;
    public static final RequestShape NOTHING = RequestShape.none();

    private final SignInUseCase signIn;
    private final DistributorSignUpUseCase signUp;
    private final AccountsUseCase accounts;
    private final TrustedProxies proxies;

    public ReferenceAuthHandlers(SignInUseCase signIn, DistributorSignUpUseCase signUp, AccountsUseCase accounts, TrustedProxies proxies) {
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.signUp = Objects.requireNonNull(signUp, "signUp");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    record Token(String accessToken, String tokenType) {
        @Override
        public String toString() {
            return "Token[***, " + tokenType + "]";
        }
    }

    /** The reference's {@code UserResponse}. */
    record UserResponse(long id, String username, String email, String role, boolean isActive, Instant createdAt) {
        static UserResponse of(AccountView a) {
            return new UserResponse(a.id().value(), a.username(), ReferenceWire.text(a.email()), ReferenceWire.role(a.role()),
                    a.approval().filter(Approval.SUSPENDED::equals).isEmpty(), a.createdAt());
        }
    }

    record Message(String message) {
    }

    /**
     * {@code POST /auth/login}: {@code username} and {@code password} as a multipart or url-encoded form, never JSON
     * (another body type is a 415 at the edge; a multipart body Jetty cannot parse a 400 there, ADR 33).
     */
    public void login(Context ctx) {
        if (!ctx.isMultipartFormData() && !ctx.isFormUrlencoded()) {
            throw invalid("send username and password as a form (multipart/form-data or application/x-www-form-urlencoded)");
        }
        String username = HttpRequests.formParam(ctx, "username");
        String password = HttpRequests.formParam(ctx, "password");
        SignedIn signedIn = signIn.login(required(username, "username"), required(password, "password").toCharArray(),
                proxies.clientAddress(ctx));
        ctx.json(new Token(signedIn.accessToken(), "bearer"));
    }

    /** {@code GET /auth/me}: the signed-in account as the reference's {@code UserResponse}. */
    public void me(Context ctx) {
        ctx.json(UserResponse.of(accounts.account(HttpRequests.caller(ctx).id())));
    }

    /** {@code POST /auth/send-verification-code {email}}. */
    public void sendVerificationCode(Context ctx) {
        signUp.sendVerificationCode(AuthWire.verificationEmail(ctx), proxies.clientAddress(ctx));
        ctx.json(new Message("A verification code was sent to your e-mail; it is valid for 10 minutes."));
    }

    /** {@code POST /auth/register-distributor {email, username, password, code}}: a PENDING distributor, answered 200. */
    public void registerDistributor(Context ctx) {
        User user = signUp.register(AuthWire.registration(ctx, proxies));
        ctx.json(UserResponse.of(accounts.account(user.id())));
    }
}
