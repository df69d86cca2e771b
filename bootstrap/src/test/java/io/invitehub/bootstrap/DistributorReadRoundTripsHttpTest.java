package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements a distributor read sends to PostgreSQL, each a round trip (ADR 84), counted over real HTTP on real
 * PostgreSQL: the {@code users} row once (the bearer check; the use case's rules take the account it read), then the
 * read itself — the summary with the default unit price in its own statement, the sales list without a read of the
 * business time zone when no plain date is asked. Staff reading a distributor read that distributor's row as well.
 */
class DistributorReadRoundTripsHttpTest {
    private static ReadSideWorld w;
    private static final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
        Configuration configuration = w.hub.persistence().dsl().configuration();
        List<ExecuteListenerProvider> providers = new ArrayList<>(Arrays.asList(configuration.executeListenerProviders()));
        providers.add(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                sent.add(ctx.sql());
            }
        }));
        configuration.set(providers.toArray(new ExecuteListenerProvider[0]));
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    /** The statements the request sent, from the answer's status on (the request is the only one running). */
    private static List<String> statementsOf(String path, String token, int status) throws Exception {
        sent.clear();
        ok(w.get(path, token), status);
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    private static String kinds(List<String> statements) {
        return statements.stream().map(s -> s.length() > 90 ? s.substring(0, 90) : s).collect(Collectors.joining("\n"));
    }

    private static long usersReads(List<String> statements) {
        return statements.stream().filter(s -> s.startsWith("select \"users\".\"id\"") && s.contains(" from \"users\" where")).count();
    }

    @Test
    void aDistributorsSummaryIsTwoStatementsItsUserAndTheSummary() throws Exception {
        statementsOf("/api/v1/distributors/me/summary", w.a, 200); // warm: the first request of a connection may differ
        List<String> statements = statementsOf("/api/v1/distributors/me/summary", w.a, 200);

        assertThat(statements).as(kinds(statements)).hasSize(2);
        assertThat(usersReads(statements)).as(kinds(statements)).isEqualTo(1);
        assertThat(statements.get(1)).startsWith("with t as (select s.time_zone tz").contains("platform_settings");
        assertThat(statements).noneMatch(s -> s.startsWith("select") && s.contains("\"platform_settings\""));
    }

    @Test
    void everyOtherReadOfADistributorIsItsUserAndOneStatement() throws Exception {
        for (String path : List.of("/api/v1/distributors/me/sales?limit=2", "/api/v1/distributors/me/members?limit=2",
                "/api/v1/distributors/me/sales-trend?days=30", "/api/v1/distributors/me/codes?limit=2",
                "/api/v1/distributors/me/plan-ranking")) {
            statementsOf(path, w.a, 200);
            List<String> statements = statementsOf(path, w.a, 200);
            assertThat(statements).as(path + ":\n" + kinds(statements)).hasSize(2);
            assertThat(usersReads(statements)).as(path + ":\n" + kinds(statements)).isEqualTo(1);
        }
        // a plain date is a business day: then, and only then, the business time zone is read
        List<String> byDay = statementsOf("/api/v1/distributors/me/sales?limit=2&from=2026-01-01", w.a, 200);
        assertThat(byDay).as(kinds(byDay)).hasSize(3).anyMatch(s -> s.contains("statistics_settings") && s.startsWith("select time_zone"));
    }

    @Test
    void staffReadingADistributorAlsoReadTheDistributor() throws Exception {
        String path = "/api/v1/distributors/" + w.aId + "/summary";
        statementsOf(path, w.operator, 200);
        List<String> statements = statementsOf(path, w.operator, 200);
        // the operator (the bearer check), A (it must be a distributor), the summary
        assertThat(statements).as(kinds(statements)).hasSize(3);
        assertThat(usersReads(statements)).as(kinds(statements)).isEqualTo(2);
        assertThat(statementsOf("/api/v1/distributors/" + w.spareId + "99/summary", w.operator, 404)).hasSize(2);
    }

    @Test
    void aPriceChangeShowsInTheNextSummary() throws Exception {
        String before = json(ok(w.get("/api/v1/distributors/me/summary", w.b), 200)).get("unit_price").asText();
        String price = "0.00".equals(before) ? "3.25" : "0.00";
        JsonNode settings = json(ok(w.get("/api/v1/admin/settings", w.admin), 200));
        String body = "{\"platform_name\":\"" + settings.get("platform_name").asText() + "\",\"default_unit_price\":\"" + price
                + "\",\"payment_window_minutes\":" + settings.get("payment_window_minutes").asInt() + "}";
        ok(w.send("PUT", "/api/v1/admin/settings", w.admin, body), 200);
        assertThat(json(ok(w.get("/api/v1/distributors/me/summary", w.b), 200)).get("unit_price").asText()).isEqualTo(price);
        // a distributor's own price still wins over the platform's
        w.sql.execute("update users set unit_price_minor = 1234 where id = " + w.bId);
        assertThat(json(ok(w.get("/api/v1/distributors/me/summary", w.b), 200)).get("unit_price").asText()).isEqualTo("12.34");
        w.sql.execute("update users set unit_price_minor = null where id = " + w.bId);
    }

    @Test
    void aDistributorThatMayNotActIsRefusedWithoutReachingTheRead() throws Exception {
        // suspended through the API: its token was revoked
        HttpResponse<String> suspended = w.get("/api/v1/distributors/me/summary", w.suspended);
        assertThat(suspended.statusCode()).isIn(401, 403);
        // back to PENDING with the same token version: the bearer check refuses it (FORBIDDEN), the summary is never read
        List<String> statements = statementsOf("/api/v1/distributors/me/summary", w.pending, 403);
        assertThat(statements).as(kinds(statements)).hasSize(1);
        assertThat(usersReads(statements)).isEqualTo(1);
        // A, suspended in the database between two requests with its token still valid: the next request is refused
        w.sql.execute("update users set approval = 'SUSPENDED' where id = " + w.aId);
        try {
            assertThat(w.get("/api/v1/distributors/me/summary", w.a).statusCode()).isEqualTo(403);
            assertThat(w.get("/api/v1/distributors/me/sales", w.a).statusCode()).isEqualTo(403);
        } finally {
            w.sql.execute("update users set approval = 'APPROVED' where id = " + w.aId);
        }
        assertThat(w.get("/api/v1/distributors/me/summary", w.a).statusCode()).isEqualTo(200);
    }
}
