package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settlement centre end to end (ADR 37) on real PostgreSQL, over HTTP where staff and distributors act: a
 * charge written in the acceptance's own transaction by the real acceptance sync, and a random month of activity
 * across a month boundary — acceptances on postpaid and prepaid codes, a price change in the middle of the month,
 * refunds, adjustments, a paid order, an acceptance after the month's statement was confirmed — after which every
 * statement equals a recount of the ledger, every charge a recount of the invitations at the price of its moment,
 * and no confirmed statement changed.
 */
class SettlementHttpTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private InviteHub hub;
    private Sql sql;
    private PersistenceSettings db;
    private String base;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private void start(MutableClock clock, SimulatedTeamProvider provider) throws Exception {
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        InviteHub.Builder builder = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "500")))
                .persistence(db).clock(clock).workers(false);
        if (provider != null) {
            builder.teamProvider(provider);
        }
        hub = builder.start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (token != null) {
            r.header("Authorization", token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.request().uri() + " " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private String login(String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        return "Bearer " + ok(r, 200).get("access_token").asText();
    }

    private long distributor(String admin, String name) throws Exception {
        return ok(send("POST", "/api/v1/admins/distributors/create", admin, "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.com\",\"password\":\"" + name + "-pw\"}"), 201).get("id").asLong();
    }

    @Test
    void theAcceptanceSyncWritesTheChargeInTheAcceptancesTransactionAtThePriceOfThatMoment() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO)
                .withAcceptanceDelay(Duration.ofMinutes(1)).withDefaultSeats(100), clock, new Random(3));
        start(clock, provider);
        String admin = login("admin", "admin-password");
        long d = distributor(admin, "dist-s");
        Team team = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "S", "acct-s", "token", 10, Optional.empty()));
        provider.registerWorkspace("acct-s", 100);
        List<Code> granted = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(new UserId(d)), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 2));
        ok(send("PUT", "/api/v1/distributors/" + d + "/unit-price", admin, "{\"unit_price\":\"7.25\"}"), 204);
        hub.redeem().redeem(new RedeemCommand(granted.get(0), Email.of("one@example.com"), "10.9.0.1"));
        assertThat(hub.dispatcher().dispatchBatch()).isEqualTo(1);
        assertThat(sql.count("select count(*) from ledger_entries")).isZero(); // invited is not accepted

        clock.advance(Duration.ofMinutes(2));
        assertThat(hub.acceptanceSync().syncTeam(team.id()).joined()).isEqualTo(1);
        // the charge and the acceptance were committed together: same transaction id on both rows
        assertThat(sql.count("select count(*) from ledger_entries e join invitations i on i.id = e.invitation_id "
                + "where e.kind = 'CHARGE' and e.amount_minor = 725 and e.occurred_at = i.accepted_at and e.xmin = i.xmin")).isEqualTo(1);
        // a price change later never rewrites it; the next acceptance pays the new price; a repeated sync charges nothing twice
        ok(send("PUT", "/api/v1/distributors/" + d + "/unit-price", admin, "{}"), 204);
        hub.redeem().redeem(new RedeemCommand(granted.get(1), Email.of("two@example.com"), "10.9.0.2"));
        hub.dispatcher().dispatchBatch();
        clock.advance(Duration.ofMinutes(2));
        hub.acceptanceSync().syncTeam(team.id());
        hub.acceptanceSync().syncTeam(team.id());
        assertThat(sql.texts("select amount_minor from ledger_entries where kind = 'CHARGE' order by id")).containsExactly("725", "500");
        String dist = login("dist-s", "dist-s-pw");
        JsonNode running = ok(send("GET", "/api/v1/distributors/me/statements", dist, null), 200).get(0);
        assertThat(running.get("computed").asBoolean()).isTrue();
        assertThat(running.get("charges").asText()).isEqualTo("12.25");
        assertThat(running.get("charges_count").asLong()).isEqualTo(2);
        assertThat(running.get("closing").asText()).isEqualTo("12.25");
        assertThat(ok(send("GET", "/api/v1/distributors/me/ledger", dist, null), 200).get("items")).hasSize(2);
    }

    @Test
    void aDistributorWithSettlementHistoryIsKeptWithAClear409AndNothingChanges() throws Exception {
        MutableClock clock = new MutableClock(shanghai("2026-11-10T09:00:00"));
        start(clock, null);
        String admin = admin();
        // no code, order or invitation: only settlement history (a staff adjustment, then a month's statement)
        long kept = distributor(admin, "dist-kept");
        ok(send("POST", "/api/v1/distributors/" + kept + "/ledger/adjustments", admin, "{\"amount\":\"4.00\",\"reason\":\"setup fee\"}"), 201);
        long priced = distributor(admin, "dist-priced");
        ok(send("PUT", "/api/v1/distributors/" + priced + "/unit-price", admin, "{\"unit_price\":\"6.00\"}"), 204);
        long empty = distributor(admin, "dist-empty");
        long entries = sql.count("select count(*) from ledger_entries");
        long audits = sql.count("select count(*) from audit_log");

        HttpResponse<String> refused = send("DELETE", "/api/v1/admins/distributors/" + kept, admin, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(problem.get("code").asText()).isEqualTo("DISTRIBUTOR_HAS_RECORDS");
        assertThat(problem.get("detail").asText()).contains("settlement").containsIgnoringCase("suspend");
        // nothing changed: the account, its ledger, no audit entry of a deletion
        assertThat(sql.count("select count(*) from users where id = " + kept)).isEqualTo(1);
        assertThat(sql.count("select count(*) from ledger_entries")).isEqualTo(entries);
        assertThat(sql.count("select count(*) from audit_log")).isEqualTo(audits);

        // the job writes its November statement: still refused, the statement stays
        clock.set(shanghai("2026-12-02T09:00:00"));
        assertThat(hub.settlement().writeStatements()).isEqualTo(1);
        assertThat(sql.count("select count(*) from statements where distributor_id = " + kept)).isEqualTo(1);
        assertThat(JSON.readTree(send("DELETE", "/api/v1/admins/distributors/" + kept, admin(), null).body()).get("code").asText())
                .isEqualTo("DISTRIBUTOR_HAS_RECORDS");
        assertThat(sql.count("select count(*) from statements where distributor_id = " + kept)).isEqualTo(1);

        // an own settlement price alone is no history (it lives on the account and goes with it); nor is nothing at all
        ok(send("DELETE", "/api/v1/admins/distributors/" + priced, admin(), null), 204);
        ok(send("DELETE", "/api/v1/admins/distributors/" + empty, admin(), null), 204);
        assertThat(sql.count("select count(*) from users where id in (" + priced + ", " + empty + ")")).isZero();
    }

    @Test
    void anOrderRefundIsBookedOnlyForStaffAndStaffGetOneDistributorsFiles() throws Exception {
        MutableClock clock = new MutableClock(shanghai("2026-11-10T09:00:00"));
        start(clock, null);
        long r = distributor(admin(), "dist-r");
        long other = distributor(admin(), "dist-o");
        Actor staff = Actor.of(new UserId(sql.count("select id from users where username = 'admin'")), io.invitehub.domain.user.Role.ADMIN);
        var settlement = hub.settlement();

        // the shop's refund booking (PaymentsFinishedHttpTest books a real one): refused without a trace for a distributor
        // as the actor or without a reason; an order that does not exist books nothing
        assertThatThrownBy(() -> settlement.recordOrderRefund(new ManageSettlementUseCase.OrderRefund("ORD-1", clock.instant(),
                Actor.of(new UserId(r), io.invitehub.domain.user.Role.DISTRIBUTOR), "asked")))
                .hasFieldOrPropertyWithValue("code", io.invitehub.domain.shared.ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> settlement.recordOrderRefund(new ManageSettlementUseCase.OrderRefund("ORD-1", clock.instant(), staff, " ")))
                .hasFieldOrPropertyWithValue("code", io.invitehub.domain.shared.ErrorCode.VALIDATION_FAILED);
        assertThat(settlement.recordOrderRefund(new ManageSettlementUseCase.OrderRefund("ORD-1", clock.instant(), staff, "asked"))).isEmpty();
        assertThat(sql.count("select count(*) from ledger_entries")).isZero();

        // a staff credit: a REFUND of the amount (balance -amount)
        ok(send("POST", "/api/v1/distributors/" + r + "/ledger/refunds", admin(), "{\"amount\":\"12.50\",\"reason\":\"buyer asked\"}"), 201);
        assertThat(sql.texts("select kind || ' ' || amount_minor || ' ' || balance_minor || ' ' || reason || ' ' || period "
                + "from ledger_entries where distributor_id = " + r)).containsExactly("REFUND 1250 -1250 buyer asked 2026-11-01");
        JsonNode running = ok(send("GET", "/api/v1/distributors/" + r + "/statements", admin(), null), 200).get(0);
        assertThat(running.get("refunds").asText()).isEqualTo("12.50");
        assertThat(running.get("closing").asText()).isEqualTo("-12.50");
        ok(send("POST", "/api/v1/distributors/" + other + "/ledger/adjustments", admin(), "{\"amount\":\"3.00\",\"reason\":\"fee\"}"), 201);

        // December: the job writes November; staff take one distributor's files (a credit: a payout row; the other's owed amount elsewhere)
        clock.set(shanghai("2026-12-02T09:00:00"));
        assertThat(hub.settlement().writeStatements()).isEqualTo(2);
        long rNov = sql.count("select id from statements where distributor_id = " + r);
        HttpResponse<String> payouts = send("GET", "/api/v1/distributors/" + r + "/settlement/files/payouts", admin(), null);
        assertThat(payouts.statusCode()).isEqualTo(200);
        assertThat(payouts.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(payouts.body().lines().toList()).hasSize(2).last().asString().startsWith("dist-r@example.com,12.50,CNY,IH-" + rNov);
        String collect = send("GET", "/api/v1/distributors/" + r + "/settlement/files/collect?period=2026-11", admin(), null).body();
        assertThat(collect.lines().toList()).hasSize(2);
        assertThat(collect).contains("dist-r").doesNotContain("dist-o");
        assertThat(send("GET", "/api/v1/distributors/" + r + "/settlement/files/collect?period=2026-10", admin(), null).body().lines())
                .hasSize(1); // the header only
        assertThat(send("GET", "/api/v1/distributors/" + other + "/settlement/files/payouts", admin(), null).body().lines()).hasSize(1);
        assertThat(send("GET", "/api/v1/distributors/" + r + "/settlement/files/payouts", login("dist-r", "dist-r-pw"), null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/distributors/" + r + "/settlement/files/wise", admin(), null).statusCode()).isEqualTo(400);
    }

    /** A fresh staff token: the service's clock moves by weeks in this test, and tokens expire with it. */
    private String admin() throws Exception {
        return login("admin", "admin-password");
    }

    /** The test's own model of one distributor's price over time and the months closed. */
    private static final class Model {
        long price = 500;
        YearMonth closedThrough;
        final Map<Long, Long> chargeOf = new HashMap<>();
        final Map<Long, YearMonth> periodOf = new HashMap<>();
    }

    @Test
    void statementsEqualARecountAfterRandomActivityAcrossAMonthBoundary() throws Exception {
        MutableClock clock = new MutableClock(shanghai("2026-11-01T09:00:00"));
        start(clock, null);
        
        long a = distributor(admin(), "dist-a");
        long b = distributor(admin(), "dist-b");
        
        sql.execute("insert into teams (name, provider_account_id, max_seats) values ('T', 'acct-t', 2000)");
        long team = sql.count("select id from teams where name = 'T'");
        // postpaid codes (granted), and one paid order's prepaid codes for A
        ok(send("POST", "/api/v1/distributors/" + a + "/grant-codes", admin(), "{\"count\":120,\"max_uses\":1,\"validity_days\":30}"), 201);
        ok(send("POST", "/api/v1/distributors/" + b + "/grant-codes", admin(), "{\"count\":40,\"max_uses\":1,\"validity_days\":30}"), 201);
        long plan = ok(send("POST", "/api/v1/admin/code-plans", admin(), ReadSideWorld.PLAN), 201).get("id").asLong();
        String orderNo = ok(send("POST", "/api/v1/distributors/me/code-orders", login("dist-a", "dist-a-pw"), "{\"plan_id\":" + plan
                + ",\"quantity\":3,\"pay_type\":\"alipay\"}"), 201).get("order_no").asText();
        long order = sql.count("select id from orders where order_no = '" + orderNo + "'");
        sql.execute("insert into redeem_codes (code, owner_id, order_id, max_uses, validity_days) select 'PREPAID' || g, " + a + ", "
                + order + ", 1, 30 from generate_series(1, 30) g");

        // one INVITED invitation per code, distinct e-mails
        sql.execute("insert into invitations (code_id, distributor_id, team_id, email, state, created_at, invited_at) "
                + "select c.id, c.owner_id, " + team + ", 'c' || c.id || '@example.com', 'INVITED', now(), now() from redeem_codes c");
        Random random = new Random(20261130);
        Map<Long, Model> models = Map.of(a, new Model(), b, new Model());
        List<Long> aPostpaid = ids("select i.id from invitations i join redeem_codes c on c.id = i.code_id where c.owner_id = " + a
                + " and c.order_id is null order by i.id");
        List<Long> aPrepaid = ids("select i.id from invitations i join redeem_codes c on c.id = i.code_id where c.order_id is not null order by i.id");
        List<Long> bPostpaid = ids("select i.id from invitations i join redeem_codes c on c.id = i.code_id where c.owner_id = " + b + " order by i.id");
        java.util.Collections.shuffle(aPostpaid, random);
        java.util.Collections.shuffle(bPostpaid, random);
        int[] next = {0, 0, 0};

        // November, first half: acceptances at the platform price
        Instant t = shanghai("2026-11-02T10:00:00");
        t = acceptSome(random, t, aPostpaid, next, 0, 25, a, models, clock);
        t = acceptSome(random, t, bPostpaid, next, 1, 10, b, models, clock);
        t = acceptSome(random, t, aPrepaid, next, 2, 12, a, null, clock);
        // the price changes in the middle of the month
        clock.set(shanghai("2026-11-15T12:00:00"));
        ok(send("PUT", "/api/v1/distributors/" + a + "/unit-price", admin(), "{\"unit_price\":\"8.00\"}"), 204);
        models.get(a).price = 800;
        t = acceptSome(random, shanghai("2026-11-15T12:30:00"), aPostpaid, next, 0, 25, a, models, clock);
        clock.set(shanghai("2026-11-20T09:00:00"));
        ok(send("POST", "/api/v1/distributors/" + a + "/ledger/refunds", admin(), "{\"amount\":\"3.00\",\"reason\":\"seat never used\"}"), 201);
        ok(send("POST", "/api/v1/distributors/" + a + "/ledger/adjustments", admin(), "{\"amount\":\"-1.50\",\"reason\":\"goodwill\"}"), 201);
        sql.execute("update orders set status = 'PAID', paid_at = '" + shanghai("2026-11-21T08:00:00") + "', trade_no = 'T-1' where id = " + order);
        t = acceptSome(random, shanghai("2026-11-28T20:00:00"), bPostpaid, next, 1, 8, b, models, clock);

        // December: the job writes November; a late acceptance stamped in November while it is OPEN still counts there
        clock.set(shanghai("2026-12-02T09:00:00"));
        assertThat(hub.settlement().writeStatements()).isEqualTo(2);
        acceptAt(aPostpaid.get(next[0]++), shanghai("2026-11-30T23:59:00"), a, models);
        long aNov = sql.count("select id from statements where distributor_id = " + a + " and period = '2026-11-01'");
        long bNov = sql.count("select id from statements where distributor_id = " + b + " and period = '2026-11-01'");
        // a December-stamped item cannot be confirmed into a month that is not over
        assertThat(send("POST", "/api/v1/admin/statements/" + aNov + "/confirm", admin(), null).statusCode()).isEqualTo(200);
        models.get(a).closedThrough = YearMonth.of(2026, 11);
        ok(send("POST", "/api/v1/admin/statements/" + bNov + "/confirm", admin(), null), 200);
        models.get(b).closedThrough = YearMonth.of(2026, 11);
        Map<String, Long> aNovConfirmed = row("select * from statements where id = " + aNov);
        assertThat(aNovConfirmed.get("charges_count")).isEqualTo(51); // 25 + 25 + the late one

        // after the confirmation: an acceptance stamped in November lands in December; the price changes again; A pays
        acceptAt(aPostpaid.get(next[0]++), shanghai("2026-11-29T10:00:00"), a, models);
        t = acceptSome(random, shanghai("2026-12-03T10:00:00"), aPostpaid, next, 0, 20, a, models, clock);
        // staff refund November's paid order in December: an informative entry (the gateway returned the money), no column moves
        clock.set(shanghai("2026-12-10T10:00:00"));
        ok(send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", admin(), "{\"reason\":\"bought twice\"}"), 200);
        long paidMinor = sql.count("select final_amount_minor from orders where id = " + order);
        assertThat(sql.texts("select kind || ' ' || amount_minor || ' ' || balance_minor || ' ' || period from ledger_entries where order_id = "
                + order + " order by id")).containsExactly("PURCHASE " + paidMinor + " 0 2026-11-01", "PURCHASE_REFUNDED " + paidMinor + " 0 2026-12-01");
        clock.set(shanghai("2026-12-15T10:00:00"));
        ok(send("PUT", "/api/v1/distributors/" + a + "/unit-price", admin(), "{\"unit_price\":\"9.50\"}"), 204);
        models.get(a).price = 950;
        t = acceptSome(random, shanghai("2026-12-16T10:00:00"), aPostpaid, next, 0, 15, a, models, clock);
        clock.set(shanghai("2026-12-18T10:00:00"));
        JsonNode paid = ok(send("POST", "/api/v1/admin/statements/" + aNov + "/pay", admin(), "{\"reference\":\"BANK-2026-12-18\"}"), 200);
        assertThat(paid.get("state").asText()).isEqualTo("PAID");
        ok(send("POST", "/api/v1/distributors/" + a + "/ledger/adjustments", admin(), "{\"amount\":\"2.00\",\"reason\":\"late fee\"}"), 201);
        ok(send("POST", "/api/v1/distributors/" + b + "/ledger/refunds", admin(), "{\"amount\":\"200.00\",\"reason\":\"team banned\"}"), 201);
        assertThat(send("POST", "/api/v1/admin/statements/" + aNov + "/confirm", admin(), null).statusCode()).isEqualTo(409);

        // January: the job writes December, staff confirm it
        clock.set(shanghai("2027-01-03T09:00:00"));
        assertThat(hub.settlement().writeStatements()).isEqualTo(2);
        long aDec = sql.count("select id from statements where distributor_id = " + a + " and period = '2026-12-01'");
        long bDec = sql.count("select id from statements where distributor_id = " + b + " and period = '2026-12-01'");
        ok(send("POST", "/api/v1/admin/statements/" + aDec + "/confirm", admin(), null), 200);
        ok(send("POST", "/api/v1/admin/statements/" + bDec + "/confirm", admin(), null), 200);
        models.get(a).closedThrough = YearMonth.of(2026, 12);
        models.get(b).closedThrough = YearMonth.of(2026, 12);
        acceptAt(aPostpaid.get(next[0]++), shanghai("2026-12-31T12:00:00"), a, models); // lands in January

        // 1. every charge: one per accepted postpaid invitation, at the price of its moment, in the month the model says
        Map<Long, Long> charges = new HashMap<>();
        Map<Long, YearMonth> periods = new HashMap<>();
        for (Map<String, Object> e : rows("select invitation_id, amount_minor, period from ledger_entries where kind = 'CHARGE'")) {
            charges.put((Long) e.get("invitation_id"), (Long) e.get("amount_minor"));
            periods.put((Long) e.get("invitation_id"), YearMonth.from(((java.sql.Date) e.get("period")).toLocalDate()));
        }
        Map<Long, Long> expectedCharges = new HashMap<>();
        Map<Long, YearMonth> expectedPeriods = new HashMap<>();
        models.values().forEach(m -> {
            expectedCharges.putAll(m.chargeOf);
            expectedPeriods.putAll(m.periodOf);
        });
        assertThat(charges).isEqualTo(expectedCharges);
        assertThat(periods).isEqualTo(expectedPeriods);
        assertThat(sql.count("select count(*) from invitations i join redeem_codes c on c.id = i.code_id where i.accepted_at is not null "
                + "and c.order_id is null")).isEqualTo(charges.size());
        assertThat(sql.count("select count(*) from ledger_entries e join invitations i on i.id = e.invitation_id "
                + "join redeem_codes c on c.id = i.code_id where c.order_id is not null")).isZero();
        assertThat(sql.count("select count(*) from ledger_entries where kind = 'PURCHASE' and order_id = " + order + " and period = '2026-11-01'"))
                .isEqualTo(1);

        // 2. every written statement equals a recount of the ledger; the running month too; the confirmed November never moved
        for (long d : List.of(a, b)) {
            Map<YearMonth, long[]> recount = recount(d);
            for (Map<String, Object> s : rows("select * from statements where distributor_id = " + d)) {
                YearMonth p = YearMonth.from(((java.sql.Date) s.get("period")).toLocalDate());
                long[] r = recount.get(p);
                assertThat(new long[]{(Long) s.get("opening_minor"), (Long) s.get("charges_minor"), (Long) s.get("charges_count"),
                        (Long) s.get("payments_minor"), (Long) s.get("refunds_minor"), (Long) s.get("adjustments_minor"),
                        (Long) s.get("payouts_minor"), (Long) s.get("purchases_minor"), (Long) s.get("closing_minor")})
                        .as("distributor %d, %s", d, p).containsExactly(r);
            }
            assertThat(recount.getOrDefault(YearMonth.of(2027, 1), new long[9])[2]).isEqualTo(d == a ? 1 : 0);
        }
        assertThat(row("select * from statements where id = " + aNov)).isEqualTo(withPaid(aNovConfirmed, row("select * from statements where id = " + aNov)));
        JsonNode aStatements = ok(send("GET", "/api/v1/distributors/me/statements", login("dist-a", "dist-a-pw"), null), 200);
        assertThat(aStatements.get(0).get("period").asText()).isEqualTo("2027-01");
        assertThat(aStatements.get(0).get("computed").asBoolean()).isTrue();
        assertThat(aStatements.get(0).get("charges_count").asLong()).isEqualTo(1);
        assertThat(aStatements.get(0).get("opening").asText()).isEqualTo(aStatements.get(1).get("closing").asText());
        assertThat(aStatements.get(2).get("state").asText()).isEqualTo("PAID");
        assertThat(aStatements.get(2).get("payment_reference").asText()).isEqualTo("BANK-2026-12-18");

        // 3. staff files: A owes December's closing; B's December is a credit, paid out through the payout file
        String collect = send("GET", "/api/v1/admin/settlement/files/collect?period=2026-12", admin(), null).body();
        long aDecClosing = sql.count("select closing_minor from statements where id = " + aDec);
        assertThat(collect).contains("dist-a@example.com").contains(String.format("%d.%02d", aDecClosing / 100, aDecClosing % 100));
        String payouts = send("GET", "/api/v1/admin/settlement/files/payouts?period=2026-12", admin(), null).body();
        long bDecClosing = sql.count("select closing_minor from statements where id = " + bDec);
        assertThat(bDecClosing).isNegative();
        assertThat(payouts.lines().toList()).hasSize(2).last().asString()
                .startsWith("dist-b@example.com," + String.format("%d.%02d", -bDecClosing / 100, -bDecClosing % 100) + ",CNY,IH-" + bDec);
        JsonNode paidOut = ok(send("POST", "/api/v1/admin/statements/" + bDec + "/pay", admin(), "{\"reference\":\"PAYPAL-1\"}"), 200);
        assertThat(paidOut.get("state").asText()).isEqualTo("PAID");
        assertThat(sql.count("select amount_minor from ledger_entries where kind = 'PAYOUT' and distributor_id = " + b)).isEqualTo(-bDecClosing);

        // 4. the ledger is append-only and confirmed numbers are frozen, whoever tries
        assertThatThrownBy(() -> sql.execute("update ledger_entries set amount_minor = 1 where kind = 'CHARGE'")).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> sql.execute("delete from ledger_entries")).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> sql.execute("update statements set charges_minor = 0, closing_minor = opening_minor - payments_minor "
                + "- refunds_minor + adjustments_minor + payouts_minor where id = " + aDec)).hasStackTraceContaining("never change");

        // 5. the ledger and the statements export like the lists
        String aNow = login("dist-a", "dist-a-pw");
        assertThat(send("GET", "/api/v1/distributors/me/exports/ledger", aNow, null).body().lines().count() - 1)
                .isEqualTo(sql.count("select count(*) from ledger_entries where distributor_id = " + a));
        assertThat(send("GET", "/api/v1/distributors/me/exports/ledger?period=2026-11&status=charge", aNow, null).body().lines().count() - 1)
                .isEqualTo(51);
        assertThat(send("GET", "/api/v1/distributors/me/exports/statements", aNow, null).body().lines().count() - 1).isEqualTo(2);

        // 6. a distributor sees only its own: B's statements are B's, A's through the staff route are 403 for B
        String bToken = login("dist-b", "dist-b-pw");
        assertThat(ok(send("GET", "/api/v1/distributors/me/ledger?limit=500&cursor=", bToken, null), 200).get("items"))
                .allSatisfy(e -> assertThat(e.get("invitation_id").isNull() || bPostpaid.contains(e.get("invitation_id").asLong())).isTrue());
        assertThat(send("GET", "/api/v1/distributors/" + a + "/statements", bToken, null).statusCode()).isEqualTo(403);
    }

    /** The numbers of each month of {@code d} recounted from its entries: opening, charges, count, payments, refunds, adjustments, payouts, purchases, closing. */
    private Map<YearMonth, long[]> recount(long d) {
        TreeMap<YearMonth, long[]> months = new TreeMap<>();
        for (Map<String, Object> e : rows("select kind, amount_minor, period from ledger_entries where distributor_id = " + d)) {
            YearMonth p = YearMonth.from(((java.sql.Date) e.get("period")).toLocalDate());
            long[] m = months.computeIfAbsent(p, k -> new long[9]);
            long amount = (Long) e.get("amount_minor");
            switch (LedgerKind.valueOf((String) e.get("kind"))) {
                case CHARGE: m[1] += amount; m[2]++; break;
                case PAYMENT: m[3] += amount; break;
                case REFUND: m[4] += amount; break;
                case ADJUSTMENT: m[5] += amount; break;
                case PAYOUT: m[6] += amount; break;
                case PURCHASE: m[7] += amount; break;
                default: break; // PURCHASE_REFUNDED: informative, in no column of the statement
            }
        }
        long balance = 0;
        for (YearMonth p = months.firstKey(); !p.isAfter(months.lastKey()); p = p.plusMonths(1)) {
            long[] m = months.computeIfAbsent(p, k -> new long[9]);
            m[0] = balance;
            m[8] = m[0] + m[1] - m[3] - m[4] + m[5] + m[6];
            balance = m[8];
        }
        return months;
    }

    private Instant acceptSome(Random random, Instant from, List<Long> pool, int[] next, int which, int n, long d, Map<Long, Model> models,
                               MutableClock clock) {
        Instant t = from;
        for (int i = 0; i < n; i++) {
            t = t.plus(Duration.ofMinutes(1 + random.nextInt(600)));
            acceptAt(pool.get(next[which]++), t, d, models == null ? null : models);
        }
        return t;
    }

    /** What the acceptance sync does to the row (JooqInvitations.apply of INVITED → JOINED), at {@code at}; the model predicts the charge. */
    private void acceptAt(long invitation, Instant at, long d, Map<Long, Model> models) {
        sql.execute("update invitations set state = 'JOINED', accepted_at = '" + at + "', updated_at = now() where id = " + invitation);
        if (models != null) {
            Model m = models.get(d);
            YearMonth month = YearMonth.from(at.atZone(SHANGHAI));
            m.chargeOf.put(invitation, m.price);
            m.periodOf.put(invitation, m.closedThrough != null && !month.isAfter(m.closedThrough) ? m.closedThrough.plusMonths(1) : month);
        }
    }

    private static Map<String, Long> withPaid(Map<String, Long> confirmed, Map<String, Long> now) {
        Map<String, Long> expected = new HashMap<>(confirmed);
        // paying sets only the payment's columns
        for (String k : List.of("paid_by", "updated_at_epoch")) {
            if (now.containsKey(k)) {
                expected.put(k, now.get(k));
            }
        }
        return expected;
    }

    private List<Long> ids(String query) {
        return new ArrayList<>(sql.texts(query).stream().map(Long::parseLong).toList());
    }

    /** The numeric columns of one statement row (what must never change once confirmed). */
    private Map<String, Long> row(String query) {
        Map<String, Object> r = rows(query).get(0);
        Map<String, Long> numbers = new TreeMap<>();
        for (String k : List.of("opening_minor", "charges_minor", "charges_count", "payments_minor", "refunds_minor", "adjustments_minor",
                "payouts_minor", "purchases_minor", "purchases_count", "closing_minor")) {
            numbers.put(k, (Long) r.get(k));
        }
        return numbers;
    }

    private List<Map<String, Object>> rows(String query) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
