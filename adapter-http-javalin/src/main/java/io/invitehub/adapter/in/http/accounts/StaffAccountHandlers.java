package io.invitehub.adapter.in.http.accounts;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.accounts.port.in.StaffAccountsUseCase;
import io.invitehub.application.accounts.port.in.TemporaryPassword;
import io.invitehub.application.accounts.view.StaffAccount;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/** The admin's accounts page (ADR 50): staff accounts, new operators, switching off, temporary passwords. */
public final class StaffAccountHandlers {
    private static final Field ID = Field.id("id").labelled("account id");

    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape ACCOUNTS_ANSWER = ResponseShape.page(AccountRow.class);
    public static final ResponseShape ACCOUNT_ANSWER = ResponseShape.ok(AccountRow.class);
    public static final ResponseShape WITH_PASSWORD_ANSWER = ResponseShape.ok(WithPassword.class);
    public static final ResponseShape CREATED_WITH_PASSWORD_ANSWER = ResponseShape.created(WithPassword.class);

    /** What each route reads (ADR 33). */
    public static final RequestShape LIST = RequestShape.none().query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape CREATE = RequestShape.none().body(Field.text("username", 128), Field.email("email"));
    public static final RequestShape ONE = RequestShape.none().path(ID);

    private final StaffAccountsUseCase accounts;

    public StaffAccountHandlers(StaffAccountsUseCase accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    record CreateOperator(String username, String email) {
    }

    /** An account as the accounts page shows it: never a hash or a token version. */
    record AccountRow(long id, String username, String email, String role, boolean disabled, Instant disabledAt,
                      boolean mustChangePassword, Instant createdAt) {
        static AccountRow of(StaffAccount a) {
            return new AccountRow(a.id().value(), a.username(), a.email().orElse(null), a.role().name(), a.disabledAt().isPresent(),
                    a.disabledAt().orElse(null), a.mustChangePassword(), a.createdAt());
        }
    }

    /** The account and its temporary password: shown once, never stored in clear, never logged. */
    record WithPassword(AccountRow account, String temporaryPassword) {
        static WithPassword of(TemporaryPassword t) {
            return new WithPassword(AccountRow.of(t.account()), t.password());
        }

        @Override
        public String toString() {
            return "WithPassword[" + account.username() + ", ***]";
        }
    }

    public void list(Context ctx) {
        PageBody.answer(ctx, accounts.staff(actor(ctx), pageRequest(ctx)), AccountRow::of);
    }

    public void createOperator(Context ctx) {
        CreateOperator request = body(ctx, CreateOperator.class);
        TemporaryPassword created = accounts.createOperator(actor(ctx), required(request.username(), "username"),
                Optional.ofNullable(request.email()));
        ctx.status(201).json(WithPassword.of(created));
    }

    public void disable(Context ctx) {
        ctx.json(AccountRow.of(accounts.disable(actor(ctx), accountId(ctx))));
    }

    public void enable(Context ctx) {
        ctx.json(AccountRow.of(accounts.enable(actor(ctx), accountId(ctx))));
    }

    public void resetPassword(Context ctx) {
        ctx.json(WithPassword.of(accounts.resetPassword(actor(ctx), accountId(ctx))));
    }

    private static UserId accountId(Context ctx) {
        return new UserId(pathId(ctx, "account id"));
    }
}
