package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.invitehub.application.port.in.AccountsUseCase;
import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.DistributorQueries;
import io.invitehub.application.port.in.DistributorSignUpUseCase;
import io.invitehub.application.port.in.IssueCodesCommand;
import io.invitehub.application.port.in.IssueCodesUseCase;
import io.invitehub.application.port.in.ManageCodesUseCase;
import io.invitehub.application.port.in.ManageDistributorsUseCase;
import io.invitehub.application.port.in.ManageTeamsUseCase;
import io.invitehub.application.port.in.Page;
import io.invitehub.application.port.in.PageRequest;
import io.invitehub.application.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.port.in.PublicRedemptionQueries;
import io.invitehub.application.port.in.RebindUseCase;
import io.invitehub.application.port.in.RedeemCodeUseCase;
import io.invitehub.application.port.in.ReinviteMemberUseCase;
import io.invitehub.application.port.in.RemoveMemberUseCase;
import io.invitehub.application.port.in.RedeemCommand;
import io.invitehub.application.port.in.RegisterDistributorCommand;
import io.invitehub.application.port.in.SignInUseCase;
import io.invitehub.application.port.in.SignedIn;
import io.invitehub.application.port.out.CodeFilter;
import io.invitehub.application.port.out.DistributorSort;
import io.invitehub.application.port.out.SalesFilter;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP API: every route is declared in the route table ({@link #routes()}); handlers parse,
 * build a command, call one use case and answer with a response record. Errors become problem
 * details in {@link ProblemMapper}; every non-public route declares its {@link Access} role, checked
 * in one before-handler.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final String THREAD_POOL_NAME = "invitehub-http";
    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern POSITIVE_NUMBER = Pattern.compile("^[0-9]{1,18}$");

    private final RedeemCodeUseCase redeem;
    private final PublicRedemptionQueries queries;
    private final ManageTeamsUseCase teams;
    private final IssueCodesUseCase issueCodes;
    private final AccountsUseCase accounts;
    private final SignInUseCase signIn;
    private final DistributorSignUpUseCase signUp;
    private final ManageDistributorsUseCase distributors;
    private final DistributorQueries readSide;
    private final ManageCodesUseCase manageCodes;
    private final MemberHandlers members;
    private final ShopHandlers shop;
    private final HttpSettings settings;
    private final BooleanSupplier databaseHealthy;
    private final Clock clock;
    private final TrustedProxies trustedProxies;
    private final RecipientRoutes recipientRoutes;
    private final ObjectMapper json = JsonMapping.objectMapper();
    private final ProblemMapper problems = new ProblemMapper(json);
    private final TeamHandlers teamHandlers;

    /** 100 years: far enough for any product, far from PostgreSQL's timestamp range. */
    static final int MAX_EXPIRES_DAYS = 36_500;
    static final int DEFAULT_TREND_DAYS = 30;
    static final int MAX_TREND_DAYS = 366;

    private Javalin app;

    public HttpApi(RedeemCodeUseCase redeem, PublicRedemptionQueries queries, ManageTeamsUseCase teams,
                   IssueCodesUseCase issueCodes, AccountsUseCase accounts, SignInUseCase signIn,
                   DistributorSignUpUseCase signUp, ManageDistributorsUseCase distributors, DistributorQueries readSide,
                   ManageCodesUseCase manageCodes, ProtectRecipientsUseCase recipients, RemoveMemberUseCase removal,
                   ReinviteMemberUseCase reinvite, RebindUseCase rebind, ShopApi shop, HttpSettings settings,
                   BooleanSupplier databaseHealthy, Clock clock) {
        this.redeem = Objects.requireNonNull(redeem, "redeem");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.teams = Objects.requireNonNull(teams, "teams");
        this.issueCodes = Objects.requireNonNull(issueCodes, "issueCodes");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.signUp = Objects.requireNonNull(signUp, "signUp");
        this.distributors = Objects.requireNonNull(distributors, "distributors");
        this.readSide = Objects.requireNonNull(readSide, "readSide");
        this.manageCodes = Objects.requireNonNull(manageCodes, "manageCodes");
        this.members = new MemberHandlers(this, removal, reinvite, rebind);
        this.shop = new ShopHandlers(Objects.requireNonNull(shop, "shop"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.databaseHealthy = Objects.requireNonNull(databaseHealthy, "databaseHealthy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trustedProxies = TrustedProxies.parse(settings.trustedProxies());
        this.recipientRoutes = new RecipientRoutes(Objects.requireNonNull(recipients, "recipients"), this);
        this.teamHandlers = new TeamHandlers(teams, this);
    }

    /** Starts the server; returns the bound port (the real one when the settings asked for port 0). */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("the HTTP API is already started");
        }
        app = Javalin.create(this::configure).start();
        LOG.info("HTTP API listening on port {}", app.port());
        return app.port();
    }

    /** The bound port. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the HTTP API is not started");
        }
        return app.port();
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(json, false));
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), settings.minThreads(),
                (int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
        threads.setName(THREAD_POOL_NAME);
        config.jetty.threadPool = threads;
        config.jetty.addConnector((server, httpConfiguration) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
            return connector;
        });

        config.routes.exception(Exception.class, problems::handle);
        config.routes.exception(HttpResponseException.class, problems::handle);
        config.routes.beforeMatched(Access.guard(signIn));

        for (Binding binding : bindings()) {
            if (binding.access() == null) {
                config.routes.addHttpHandler(binding.type(), binding.path(), binding.handler());
            } else {
                config.routes.addHttpHandler(binding.type(), binding.path(), binding.handler(), binding.access());
            }
        }
    }

    /** One declared route as tools and tests see it: method, path, and who may call it (an {@link Access} name or PUBLIC). */
    public record Route(String method, String path, String access) {
        public static final String PUBLIC = "PUBLIC";
    }

    /** Every route of the API, in declaration (= matching) order. */
    public List<Route> routes() {
        return bindings().stream().map(b -> new Route(b.type().name(), b.path(), b.access() == null ? Route.PUBLIC : b.access().name()))
                .collect(Collectors.toList());
    }

    private record Binding(HandlerType type, String path, Handler handler, Access access) {
    }

    private static Binding route(HandlerType type, String path, Handler handler) {
        return new Binding(type, path, handler, null);
    }

    private static Binding route(HandlerType type, String path, Handler handler, Access access) {
        return new Binding(type, path, handler, access);
    }

    /**
     * The route table. Javalin matches in this order, so fixed segments ({@code /me}, {@code /batch})
     * come before the path parameter they would otherwise match.
     */
    private List<Binding> bindings() {
        HandlerType get = HandlerType.GET;
        HandlerType post = HandlerType.POST;
        HandlerType put = HandlerType.PUT;
        HandlerType delete = HandlerType.DELETE;
        return List.of(
                route(get, "/health", this::health),

                route(post, "/api/v1/public/redeem", this::redeem),
                route(post, "/api/v1/public/direct-redeem", this::redeem),
                route(get, "/api/v1/public/invitations/{id}", this::invitation),
                route(get, "/api/v1/public/status", this::status),
                route(get, "/api/v1/public/seats", this::seats),
                route(post, "/api/v1/public/opt-out", recipientRoutes::optOut),
                route(post, "/api/v1/public/rebind", members::rebind),

                route(get, "/api/v1/public/shop/notify", shop::notify),
                route(post, "/api/v1/public/shop/notify", shop::notify),
                route(get, "/api/v1/public/shop/sandbox/submit.php", shop::sandboxPayPage),
                route(get, "/api/v1/public/shop/return", shop::returnPage),

                route(post, "/api/v1/auth/login", this::login),
                route(post, "/api/v1/auth/send-verification-code", this::sendVerificationCode),
                route(post, "/api/v1/auth/register-distributor", this::registerDistributor),
                route(get, "/api/v1/auth/me", this::me, Access.SIGNED_IN),
                route(post, "/api/v1/auth/change-password", this::changePassword, Access.SIGNED_IN),

                route(get, "/api/v1/distributors/me/summary", this::mySummary, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/sales", this::mySales, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/members", this::myMembers, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/sales-trend", this::mySalesTrend, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/plan-ranking", this::myPlanRanking, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/codes", this::myCodes, Access.DISTRIBUTOR),
                route(put, "/api/v1/distributors/me/codes/{id}/toggle", this::toggleCode, Access.DISTRIBUTOR),
                route(delete, "/api/v1/distributors/me/codes/{id}", this::deleteCode, Access.DISTRIBUTOR),
                route(post, "/api/v1/distributors/me/members/remove", members::removeMine, Access.DISTRIBUTOR),
                route(post, "/api/v1/distributors/me/members/add", members::reinviteMine, Access.DISTRIBUTOR),

                route(get, "/api/v1/distributors/me/code-plans", shop::myPlans, Access.DISTRIBUTOR),
                route(post, "/api/v1/distributors/me/code-orders", shop::placeOrder, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/code-orders", shop::myOrders, Access.DISTRIBUTOR),
                route(get, "/api/v1/distributors/me/code-orders/{order_no}", shop::myOrder, Access.DISTRIBUTOR),

                route(get, "/api/v1/redeem-codes", this::listCodes, Access.CODE_HOLDERS),
                route(delete, "/api/v1/redeem-codes/batch", this::deleteCodes, Access.CODE_HOLDERS),
                route(put, "/api/v1/redeem-codes/{id}/toggle", this::toggleCode, Access.CODE_HOLDERS),
                route(delete, "/api/v1/redeem-codes/{id}", this::deleteCode, Access.CODE_HOLDERS),
                route(get, "/api/v1/redeem-codes/{id}/records", this::codeRecords, Access.CODE_HOLDERS),

                route(post, "/api/v1/admin/teams", this::createTeam, Access.STAFF),
                route(get, "/api/v1/admin/teams", this::listTeams, Access.STAFF),
                route(HandlerType.PATCH, "/api/v1/admin/teams/{id}", teamHandlers::updateTeam, Access.STAFF),
                route(get, "/api/v1/admin/teams/{id}/external-members", teamHandlers::externalMembers, Access.STAFF),
                route(HandlerType.PUT, "/api/v1/admin/teams/{id}/credentials", teamHandlers::replaceCredentials, Access.STAFF),
                route(post, "/api/v1/admin/team-groups", this::createTeamGroup, Access.STAFF),
                route(post, "/api/v1/distributors/{id}/grant-codes", this::grantCodes, Access.STAFF),
                route(post, "/api/v1/redeem-codes", this::platformCodes, Access.STAFF),
                route(get, "/api/v1/admin/invitations/removal-failures", members::removalFailures, Access.STAFF),
                route(post, "/api/v1/admin/invitations/{id}/remove", members::removeByStaff, Access.STAFF),

                route(get, "/api/v1/distributors", this::listDistributors, Access.STAFF),
                route(get, "/api/v1/distributors/{id}/summary", this::distributorSummary, Access.STAFF),
                route(get, "/api/v1/distributors/{id}/sales", this::distributorSales, Access.STAFF),
                route(get, "/api/v1/distributors/{id}/members", this::distributorMembers, Access.STAFF),
                route(get, "/api/v1/distributors/{id}/sales-trend", this::distributorSalesTrend, Access.STAFF),
                route(get, "/api/v1/admins/distributors/analytics", this::analytics, Access.STAFF),
                route(get, "/api/v1/admins/distributors/{id}/detail", this::distributorDetail, Access.STAFF),

                route(get, "/api/v1/admin/orders", shop::orders, Access.STAFF),
                route(get, "/api/v1/admin/orders/stats", shop::stats, Access.STAFF),
                route(get, "/api/v1/admin/orders/{order_no}", shop::order, Access.STAFF),
                route(post, "/api/v1/admin/orders/{order_no}/retry-fulfilment", shop::retryFulfilment, Access.STAFF),
                route(get, "/api/v1/admin/payment-alerts", shop::alerts, Access.STAFF),

                route(get, "/api/v1/admin/code-plans", shop::listPlans, Access.ADMIN),
                route(post, "/api/v1/admin/code-plans", shop::createPlan, Access.ADMIN),
                route(put, "/api/v1/admin/code-plans/{id}", shop::updatePlan, Access.ADMIN),
                route(delete, "/api/v1/admin/code-plans/{id}", shop::deletePlan, Access.ADMIN),

                route(post, "/api/v1/admins/distributors/create", this::createDistributor, Access.ADMIN),
                route(get, "/api/v1/admins/pending-distributors", this::pendingDistributors, Access.ADMIN),
                route(post, "/api/v1/admins/distributors/{id}/approve", this::approveDistributor, Access.ADMIN),
                route(post, "/api/v1/admins/distributors/{id}/reject", this::rejectDistributor, Access.ADMIN),
                route(post, "/api/v1/admins/distributors/{id}/suspend", this::suspendDistributor, Access.ADMIN),
                route(post, "/api/v1/admins/distributors/{id}/reactivate", this::reactivateDistributor, Access.ADMIN),
                route(delete, "/api/v1/admins/distributors/{id}", this::deleteDistributor, Access.ADMIN),

                route(get, "/api/v1/admins/blocklist", recipientRoutes::blocks, Access.ADMIN),
                route(post, "/api/v1/admins/blocklist", recipientRoutes::block, Access.ADMIN),
                route(delete, "/api/v1/admins/blocklist/{id}", recipientRoutes::unblock, Access.ADMIN),
                route(post, "/api/v1/admins/opt-outs/lift", recipientRoutes::liftOptOut, Access.ADMIN));
    }

    // ---- public -------------------------------------------------------------------------------

    private void health(Context ctx) {
        boolean up;
        try {
            up = databaseHealthy.getAsBoolean();
        } catch (RuntimeException probeFailed) {
            LOG.warn("database health probe failed", probeFailed);
            up = false;
        }
        ctx.status(up ? 200 : 503).json(new HttpResponses.Health(up ? "UP" : "DOWN", up ? "UP" : "DOWN"));
    }

    private void redeem(Context ctx) {
        HttpRequests.Redeem request = ctx.isFormUrlencoded()
                ? new HttpRequests.Redeem(ctx.formParam("code"), ctx.formParam("email"))
                : body(ctx, HttpRequests.Redeem.class);
        Code code = Code.parse(request.code());
        Email email = Email.of(request.email());
        ctx.json(HttpResponses.Redemption.of(redeem.redeem(new RedeemCommand(code, email, clientAddress(ctx)))));
    }

    private void invitation(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!UUID_SHAPE.matcher(raw).matches()) {
            throw invalid("invitation id must be a UUID");
        }
        ctx.json(HttpResponses.Invitation.of(queries.invitation(UUID.fromString(raw))));
    }

    private void status(Context ctx) {
        String code = ctx.queryParam("code");
        String email = ctx.queryParam("email");
        List<String> missing = new ArrayList<>(2);
        if (code == null || code.isBlank()) {
            missing.add("code");
        }
        if (email == null || email.isBlank()) {
            missing.add("email");
        }
        if (!missing.isEmpty()) {
            throw invalid((missing.size() == 1 ? "query parameter " : "query parameters ")
                    + missing.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" and "))
                    + (missing.size() == 1 ? " is" : " are") + " required");
        }
        ctx.json(HttpResponses.Status.of(queries.status(Code.parse(code), Email.of(email), clientAddress(ctx))));
    }

    private void seats(Context ctx) {
        ctx.json(HttpResponses.Seats.of(queries.seats()));
    }

    // ---- auth ---------------------------------------------------------------------------------

    private void login(Context ctx) {
        HttpRequests.Login request = ctx.isFormUrlencoded()
                ? new HttpRequests.Login(ctx.formParam("username"), ctx.formParam("password"))
                : body(ctx, HttpRequests.Login.class);
        char[] password = request.password() == null ? null : request.password().toCharArray();
        SignedIn signedIn = signIn.login(request.username(), password, clientAddress(ctx));
        long expiresIn = Math.max(0, Duration.between(clock.instant(), signedIn.expiresAt()).getSeconds());
        ctx.json(new HttpResponses.Token(signedIn.accessToken(), "bearer", expiresIn, signedIn.user().role().name()));
    }

    private void sendVerificationCode(Context ctx) {
        HttpRequests.SendVerificationCode request = body(ctx, HttpRequests.SendVerificationCode.class);
        signUp.sendVerificationCode(required(request.email(), "email"), clientAddress(ctx));
        ctx.json(new HttpResponses.Sent(true, "A verification code was sent; it is valid for 10 minutes."));
    }

    private void registerDistributor(Context ctx) {
        HttpRequests.RegisterDistributor request = body(ctx, HttpRequests.RegisterDistributor.class);
        char[] password = required(request.password(), "password").toCharArray();
        User user = signUp.register(new RegisterDistributorCommand(required(request.email(), "email"),
                required(request.username(), "username"), password, required(request.code(), "code"), clientAddress(ctx)));
        ctx.status(201).json(HttpResponses.Account.of(user));
    }

    private void me(Context ctx) {
        ctx.json(HttpResponses.Account.of(Access.caller(ctx)));
    }

    private void changePassword(Context ctx) {
        HttpRequests.ChangePassword request = body(ctx, HttpRequests.ChangePassword.class);
        char[] oldPassword = required(request.oldPassword(), "old_password").toCharArray();
        char[] newPassword = required(request.newPassword(), "new_password").toCharArray();
        accounts.changePassword(Access.caller(ctx).id(), oldPassword, newPassword);
        ctx.status(204);
    }

    // ---- distributor read side ------------------------------------------------------------------
    // /me routes ask about the caller itself; the staff routes name the distributor in the path.
    // Either way the caller is the authenticated user, and the use case checks it again.

    private void mySummary(Context ctx) {
        summary(ctx, self(ctx));
    }

    private void mySales(Context ctx) {
        sales(ctx, self(ctx));
    }

    private void myMembers(Context ctx) {
        members(ctx, self(ctx));
    }

    private void mySalesTrend(Context ctx) {
        salesTrend(ctx, self(ctx));
    }

    private void myPlanRanking(Context ctx) {
        UserId caller = self(ctx);
        ctx.json(readSide.planRanking(caller, caller).stream().map(HttpResponses.Plan::of).collect(Collectors.toList()));
    }

    private void myCodes(Context ctx) {
        codes(ctx, self(ctx));
    }

    private void distributorSummary(Context ctx) {
        summary(ctx, distributorId(ctx));
    }

    private void distributorSales(Context ctx) {
        sales(ctx, distributorId(ctx));
    }

    private void distributorMembers(Context ctx) {
        members(ctx, distributorId(ctx));
    }

    private void distributorSalesTrend(Context ctx) {
        salesTrend(ctx, distributorId(ctx));
    }

    /** {@code /redeem-codes}: a distributor's own codes; staff name the distributor with {@code distributor_id}. */
    private void listCodes(Context ctx) {
        User caller = Access.caller(ctx);
        Optional<UserId> named = Optional.ofNullable(ctx.queryParam("distributor_id"))
                .map(raw -> new UserId(positiveId(raw, "distributor_id")));
        UserId distributor;
        if (caller.role().isStaff()) {
            distributor = named.orElseThrow(() -> invalid("distributor_id is required for staff"));
        } else {
            distributor = named.orElse(caller.id());
        }
        codes(ctx, distributor);
    }

    private void summary(Context ctx, UserId distributor) {
        ctx.json(HttpResponses.Summary.of(readSide.summary(Access.caller(ctx).id(), distributor)));
    }

    private void sales(Context ctx, UserId distributor) {
        Optional<InvitationState> status = Optional.ofNullable(ctx.queryParam("status"))
                .map(raw -> enumValue(InvitationState.class, raw, "status"));
        Optional<Instant> from = Optional.ofNullable(ctx.queryParam("from")).map(raw -> moment(raw, "from", false));
        Optional<Instant> to = Optional.ofNullable(ctx.queryParam("to")).map(raw -> moment(raw, "to", true));
        SalesFilter filter = new SalesFilter(status, from, to, Optional.ofNullable(ctx.queryParam("q")));
        PageRequest page = pageRequest(ctx);
        list(ctx, readSide.sales(Access.caller(ctx).id(), distributor, filter, page), HttpResponses.Sale::of);
    }

    private void members(Context ctx, UserId distributor) {
        PageRequest page = pageRequest(ctx);
        list(ctx, readSide.members(Access.caller(ctx).id(), distributor, Optional.ofNullable(ctx.queryParam("q")), page),
                HttpResponses.Member::of);
    }

    private void salesTrend(Context ctx, UserId distributor) {
        int days = Optional.ofNullable(ctx.queryParam("days")).map(raw -> (int) Math.min(positiveId(raw, "days"), Integer.MAX_VALUE))
                .orElse(DEFAULT_TREND_DAYS);
        if (days > MAX_TREND_DAYS) {
            throw invalid("days must be between 1 and " + MAX_TREND_DAYS);
        }
        ctx.json(readSide.salesTrend(Access.caller(ctx).id(), distributor, days).stream().map(HttpResponses.Trend::of)
                .collect(Collectors.toList()));
    }

    private void codes(Context ctx, UserId distributor) {
        Optional<CodeStatus> status = Optional.ofNullable(ctx.queryParam("status"))
                .map(raw -> enumValue(CodeStatus.class, raw, "status"));
        CodeFilter filter = new CodeFilter(status, Optional.ofNullable(ctx.queryParam("q")));
        PageRequest page = pageRequest(ctx);
        list(ctx, readSide.codes(Access.caller(ctx).id(), distributor, filter, page), HttpResponses.CodeRow::of);
    }

    private void toggleCode(Context ctx) {
        RedeemCodeId id = codeId(ctx);
        ctx.json(HttpResponses.Toggled.of(id, manageCodes.toggle(Access.caller(ctx).id(), id)));
    }

    private void deleteCode(Context ctx) {
        manageCodes.delete(Access.caller(ctx).id(), codeId(ctx));
        ctx.status(204);
    }

    private void deleteCodes(Context ctx) {
        List<Long> ids = required(body(ctx, HttpRequests.DeleteCodes.class).ids(), "ids");
        List<RedeemCodeId> codes = new ArrayList<>(ids.size());
        for (Long id : ids) {
            if (id == null || id < 1) {
                throw invalid("ids must be positive numbers");
            }
            codes.add(new RedeemCodeId(id));
        }
        ctx.json(HttpResponses.Deleted.of(manageCodes.deleteAll(Access.caller(ctx).id(), codes)));
    }

    private void codeRecords(Context ctx) {
        RedeemCodeId id = codeId(ctx);
        PageRequest page = pageRequest(ctx);
        list(ctx, readSide.codeRecords(Access.caller(ctx).id(), id, page), HttpResponses.Record::of);
    }

    private void listDistributors(Context ctx) {
        Optional<Approval> approval = Optional.ofNullable(ctx.queryParam("status")).map(raw -> enumValue(Approval.class, raw, "status"));
        DistributorSort sort = Optional.ofNullable(ctx.queryParam("sort")).map(raw -> enumValue(DistributorSort.class, raw, "sort"))
                .orElse(DistributorSort.ID);
        PageRequest page = pageRequest(ctx);
        list(ctx, readSide.distributors(Access.caller(ctx).id(), approval, sort, page), HttpResponses.Overview::of);
    }

    private void analytics(Context ctx) {
        ctx.json(HttpResponses.Analytics.of(readSide.analytics(Access.caller(ctx).id())));
    }

    private void distributorDetail(Context ctx) {
        ctx.json(HttpResponses.Detail.of(readSide.detail(Access.caller(ctx).id(), distributorId(ctx))));
    }

    /** The caller, for {@code /me}: never an id from the request. */
    private static UserId self(Context ctx) {
        return Access.caller(ctx).id();
    }

    private static RedeemCodeId codeId(Context ctx) {
        return new RedeemCodeId(positiveId(ctx.pathParam("id"), "code id"));
    }

    /**
     * {@code ?limit=} (1–500, default 50) and {@code ?cursor=}. Anything else than a number in range,
     * or a cursor this API did not issue, is VALIDATION_FAILED.
     */
    static PageRequest pageRequest(Context ctx) {
        String rawLimit = ctx.queryParam("limit");
        int limit = PageRequest.DEFAULT_LIMIT;
        if (rawLimit != null) {
            if (!POSITIVE_NUMBER.matcher(rawLimit).matches() || Long.parseLong(rawLimit) < 1
                    || Long.parseLong(rawLimit) > PageRequest.MAX_LIMIT) {
                throw invalid("limit must be between 1 and " + PageRequest.MAX_LIMIT);
            }
            limit = Integer.parseInt(rawLimit);
        }
        return PageRequest.of(limit, ctx.queryParam("cursor"));
    }

    /**
     * Answers a page as {@code {items, next_cursor}}; but when the request gave {@code limit} and no
     * {@code cursor} parameter at all, as the plain array of the first page (the reference's shape, for old clients).
     */
    static <T, R> void list(Context ctx, Page<T> page, Function<T, R> toBody) {
        List<R> items = page.items().stream().map(toBody).collect(Collectors.toList());
        boolean plainArray = ctx.queryParam("limit") != null && !ctx.queryParamMap().containsKey("cursor");
        if (plainArray) {
            ctx.json(items);
        } else {
            ctx.json(new HttpResponses.PageBody<>(items, page.nextCursor().orElse(null)));
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String what) {
        String name = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw invalid(what + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /**
     * An ISO-8601 timestamp with offset, or a date ({@code 2025-03-01}) meaning that UTC day: its start
     * for {@code from}, the start of the next day for {@code to} (so the day is included).
     */
    private static Instant moment(String raw, String what, boolean endOfDay) {
        String text = raw.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw invalid(what + " must be an ISO-8601 timestamp with offset or a date (yyyy-mm-dd)");
            }
        }
    }

    // ---- admin: distributors ------------------------------------------------------------------

    private void pendingDistributors(Context ctx) {
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(raw -> (int) Math.min(positiveId(raw, "limit"), 1000))
                .orElse(100);
        Optional<UserId> after = Optional.ofNullable(ctx.queryParam("after")).map(raw -> new UserId(positiveId(raw, "after")));
        ctx.json(distributors.pending(after, limit).stream().map(HttpResponses.Account::of).collect(Collectors.toList()));
    }

    private void approveDistributor(Context ctx) {
        ctx.json(HttpResponses.Account.of(distributors.approve(Access.actor(ctx), distributorId(ctx))));
    }

    private void rejectDistributor(Context ctx) {
        Optional<String> reason = ctx.bodyAsBytes().length == 0
                ? Optional.empty() : Optional.ofNullable(body(ctx, HttpRequests.Reject.class).reason());
        ctx.json(HttpResponses.Account.of(distributors.reject(Access.actor(ctx), distributorId(ctx), reason)));
    }

    private void suspendDistributor(Context ctx) {
        ctx.json(HttpResponses.Account.of(distributors.suspend(Access.actor(ctx), distributorId(ctx))));
    }

    private void reactivateDistributor(Context ctx) {
        ctx.json(HttpResponses.Account.of(distributors.reactivate(Access.actor(ctx), distributorId(ctx))));
    }

    private void deleteDistributor(Context ctx) {
        distributors.delete(Access.actor(ctx), distributorId(ctx));
        ctx.status(204);
    }

    private static UserId distributorId(Context ctx) {
        return new UserId(positiveId(ctx.pathParam("id"), "distributor id"));
    }

    // ---- staff --------------------------------------------------------------------------------

    private void createTeam(Context ctx) {
        HttpRequests.CreateTeam request = body(ctx, HttpRequests.CreateTeam.class);
        int maxSeats = required(request.maxSeats(), "max_seats");
        CreateTeamCommand command = new CreateTeamCommand(Access.actor(ctx), request.name(), request.providerAccountId(),
                request.credentials(), maxSeats, group(request.groupId()));
        ctx.status(201).json(HttpResponses.TeamView.of(teams.createTeam(command)));
    }

    private void listTeams(Context ctx) {
        ctx.json(teams.listTeams().stream().map(HttpResponses.TeamView::of).collect(Collectors.toList()));
    }

    private void createTeamGroup(Context ctx) {
        HttpRequests.CreateTeamGroup request = body(ctx, HttpRequests.CreateTeamGroup.class);
        TeamGroupId id = teams.createGroup(Access.actor(ctx), request.name());
        ctx.status(201).json(new HttpResponses.TeamGroup(id.value(), request.name().strip()));
    }

    private void grantCodes(Context ctx) {
        UserId distributor = new UserId(positiveId(ctx.pathParam("id"), "distributor id"));
        issue(ctx, Optional.of(distributor));
    }

    private void platformCodes(Context ctx) {
        issue(ctx, Optional.empty());
    }

    private void issue(Context ctx, Optional<UserId> owner) {
        HttpRequests.IssueCodes request = body(ctx, HttpRequests.IssueCodes.class);
        int count = required(request.count(), "count");
        int maxUses = required(request.maxUses(), "max_uses");
        int validityDays = required(request.validityDays(), "validity_days");
        Optional<Instant> expiresAt = Optional.ofNullable(request.expiresDays()).map(days -> {
            if (days < 1 || days > MAX_EXPIRES_DAYS) {
                throw invalid("expires_days must be between 1 and " + MAX_EXPIRES_DAYS);
            }
            return clock.instant().plus(Duration.ofDays(days));
        });
        CodeTerms terms = new CodeTerms(owner, maxUses, validityDays, expiresAt, group(request.groupId()),
                CodeTerms.DEFAULT_REBIND_LIMIT, Optional.ofNullable(request.note()));
        ctx.status(201).json(HttpResponses.IssuedCodes.of(issueCodes.issue(new IssueCodesCommand(Access.actor(ctx), terms, count))));
    }

    private void createDistributor(Context ctx) {
        HttpRequests.CreateDistributor request = body(ctx, HttpRequests.CreateDistributor.class);
        String username = required(request.username(), "username");
        String email = required(request.email(), "email");
        char[] password = required(request.password(), "password").toCharArray();
        ctx.status(201).json(HttpResponses.Account.of(distributors.create(Access.actor(ctx), username, email, password)));
    }

    // ---- parsing ------------------------------------------------------------------------------

    /** The client's address: see {@link TrustedProxies#clientAddress}. */
    String clientAddress(Context ctx) {
        return trustedProxies.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    <T> T body(Context ctx, Class<T> type) {
        return body(json, ctx, type);
    }

    /** The JSON request body as {@code type}; a missing, malformed or wrongly typed body is VALIDATION_FAILED. */
    static <T> T body(ObjectMapper json, Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw invalid("a JSON request body is required");
        }
        T value;
        try {
            value = json.readValue(bytes, type);
        } catch (MismatchedInputException wrongType) {
            throw invalid(wrongType.getPath().isEmpty()
                    ? "request body must be a JSON object"
                    : "field '" + fieldPath(wrongType) + "' has the wrong type");
        } catch (IOException notJson) {
            throw invalid("request body is not valid JSON");
        }
        if (value == null) {
            throw invalid("request body must be a JSON object");
        }
        return value;
    }

    private static String fieldPath(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    static <T> T required(T value, String field) {
        if (value == null || (value instanceof String && ((String) value).isBlank())) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static Optional<TeamGroupId> group(Long groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        if (groupId < 1) {
            throw invalid("group_id must be a positive number");
        }
        return Optional.of(new TeamGroupId(groupId));
    }

    static long positiveId(String raw, String what) {
        if (raw == null || !POSITIVE_NUMBER.matcher(raw).matches() || Long.parseLong(raw) < 1) {
            throw invalid(what + " must be a positive number");
        }
        return Long.parseLong(raw);
    }

    static DomainException invalid(String message) {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, message);
    }
}
