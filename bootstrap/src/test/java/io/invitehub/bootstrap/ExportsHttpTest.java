package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports end to end over HTTP on real PostgreSQL (ADR 35): the bytes of the CSV (byte order mark, RFC 4180
 * quoting, CRLF), formula injection neutralised in text cells only, the filters of each list, a distributor
 * seeing only its own rows, staff exporting any distributor's, signed links (working without the bearer
 * token, bound to what they were issued for, refused when altered or expired) and the per-user limit.
 */
class ExportsHttpTest {
    private static final int LIMIT = 40;
    private static ReadSideWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld(Map.of("INVITEHUB_EXPORTS_PER_USER_PER_MINUTE", Integer.toString(LIMIT)));
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static HttpResponse<byte[]> download(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(w.base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The data rows of a CSV answer (after its header, which must be {@code header}). */
    private static List<CSVRecord> rows(HttpResponse<byte[]> response, String... header) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        byte[] body = response.body();
        assertThat(body).startsWith(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records.get(0).toList()).containsExactly(header);
        return records.subList(1, records.size());
    }

    private static final String[] SALES = {"id", "code", "email", "team_name", "status", "created_at", "accepted_at"};
    private static final String[] CODES = {"id", "code", "status", "active", "used_count", "max_uses", "expires_at", "validity_days",
            "bound_email", "note", "created_at"};

    @Test
    void aDistributorExportsItsOwnSalesAndNothingOfAnotherDistributor() throws Exception {
        HttpResponse<byte[]> response = download("/api/v1/distributors/me/exports/sales", w.a);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"invitehub-sales-" + w.aId + "-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        List<CSVRecord> sales = rows(response, SALES);
        assertThat(sales).hasSize(ReadSideWorld.A_SALES);
        assertThat(sales).allSatisfy(r -> assertThat(r.get(2)).startsWith("a-customer"));
        // newest first, as the list: ids descending
        List<Long> ids = sales.stream().map(r -> Long.parseLong(r.get(0))).collect(Collectors.toList());
        assertThat(ids).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(w.sql.texts("select id from invitations where distributor_id = " + w.aId)
                .stream().map(Long::parseLong).collect(Collectors.toList()));

        // B's own export holds B's sales only; staff get either through /distributors/{id}
        assertThat(rows(download("/api/v1/distributors/me/exports/sales", w.b), SALES)).hasSize(2)
                .allSatisfy(r -> assertThat(r.get(2)).startsWith("b-customer"));
        assertThat(rows(download("/api/v1/distributors/" + w.aId + "/exports/sales", w.operator), SALES)).hasSize(ReadSideWorld.A_SALES);
        assertThat(download("/api/v1/distributors/" + w.bId + "/exports/sales", w.a).statusCode()).isEqualTo(403);
        assertThat(download("/api/v1/distributors/me/exports/sales", null).statusCode()).isEqualTo(401);
    }

    @Test
    void textCellsAreNeutralisedAndQuotedNumbersStayNumbers() throws Exception {
        long code = w.aCodes.get(7);
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        w.sql.execute("update redeem_codes set note = '" + formula.replace("'", "''") + "' where id = " + code);
        w.sql.execute("update redeem_codes set note = E'客户, \"VIP\"\\n第二行' where id = " + w.aCodes.get(6));
        w.sql.execute("update redeem_codes set note = '-5' where id = " + w.aCodes.get(5));
        w.sql.execute("update redeem_codes set note = '@SUM(A1)' where id = " + w.aCodes.get(4));
        try {
            Map<Long, CSVRecord> byId = rows(download("/api/v1/distributors/me/exports/codes", w.a), CODES).stream()
                    .collect(Collectors.toMap(r -> Long.parseLong(r.get(0)), r -> r));
            assertThat(byId.get(code).get(9)).isEqualTo("'" + formula);
            assertThat(byId.get(w.aCodes.get(6)).get(9)).isEqualTo("客户, \"VIP\"\n第二行");
            assertThat(byId.get(w.aCodes.get(5)).get(9)).isEqualTo("'-5");
            assertThat(byId.get(w.aCodes.get(4)).get(9)).isEqualTo("'@SUM(A1)");
            // numbers are written as they are: ids, counts, days
            assertThat(byId.get(code).get(4)).isEqualTo("0");
            assertThat(byId.get(code).get(5)).isEqualTo("1");
            assertThat(byId.get(code).get(7)).isEqualTo("30");
            assertThat(byId.get(w.aCodes.get(0)).get(2)).isEqualTo("depleted");
        } finally {
            w.sql.execute("update redeem_codes set note = null where owner_id = " + w.aId);
        }
        // the raw bytes: the field with a comma, quotes and a line break is quoted, its quotes doubled
        String raw = new String(download("/api/v1/distributors/me/exports/codes", w.a).body(), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("=HYPERLINK").contains("\r\n");
    }

    @Test
    void exportsTakeTheFiltersOfTheirList() throws Exception {
        assertThat(rows(download("/api/v1/distributors/me/exports/sales?status=reserved", w.a), SALES)).hasSize(ReadSideWorld.A_SALES);
        assertThat(rows(download("/api/v1/distributors/me/exports/sales?status=JOINED", w.a), SALES)).isEmpty();
        assertThat(rows(download("/api/v1/distributors/me/exports/sales?q=a-customer3", w.a), SALES)).hasSize(1)
                .allSatisfy(r -> assertThat(r.get(2)).isEqualTo("a-customer3@example.com"));
        assertThat(rows(download("/api/v1/distributors/me/exports/sales?from=2000-01-01&to=2000-01-02", w.a), SALES)).isEmpty();
        assertThat(rows(download("/api/v1/distributors/me/exports/codes?status=active", w.a), CODES)).hasSize(8 - ReadSideWorld.A_SALES);
        assertThat(rows(download("/api/v1/distributors/me/exports/codes?status=depleted", w.a), CODES)).hasSize(ReadSideWorld.A_SALES);
        assertThat(rows(download("/api/v1/distributors/me/exports/orders", w.a), "order_no", "plan_id", "quantity", "codes_total", "amount",
                "currency", "status", "pay_type", "trade_no", "created_at", "paid_at", "fulfillment_status", "delivered_count"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get(0)).isEqualTo(w.aOrder);
                    assertThat(r.get(4)).isEqualTo("5.00");
                    assertThat(r.get(6)).isEqualTo("PENDING");
                });

        // members: two of A's customers joined
        w.sql.execute("update invitations set state = 'JOINED', invited_at = now(), accepted_at = now() where distributor_id = " + w.aId
                + " and email in ('a-customer0@example.com', 'a-customer1@example.com')");
        assertThat(rows(download("/api/v1/distributors/me/exports/members", w.a), "id", "email", "team_id", "team_name", "redeem_code",
                "joined_at", "status", "ended", "created_at")).extracting(r -> r.get(1))
                .containsExactlyInAnyOrder("a-customer0@example.com", "a-customer1@example.com");

        // a filter the list does not have, or a status of another list, is a 400 naming it
        JsonNode wrong = problem(download("/api/v1/distributors/me/exports/members?status=JOINED", w.a), 400);
        assertThat(wrong.get("field").asText()).isEqualTo("status");
        assertThat(problem(download("/api/v1/distributors/me/exports/codes?status=RESERVED", w.a), 400).get("field").asText())
                .isEqualTo("status");
        assertThat(problem(download("/api/v1/distributors/me/exports/everything", w.a), 400).get("field").asText()).isEqualTo("kind");
        assertThat(problem(download("/api/v1/distributors/me/exports/sales?from=yesterday", w.a), 400).get("field").asText())
                .isEqualTo("from");
    }

    @Test
    void anExportLongerThanOneFetchStreamsEveryRowInOrder() throws Exception {
        long spare = w.spareId;
        w.sql.execute("insert into redeem_codes (code, legacy, owner_id, max_uses, validity_days) select 'BULK_' || lpad(g::text, 8, '0'), "
                + "true, " + spare + ", 1, 30 from generate_series(1, 2600) g");
        String spareToken = w.login("dist-spare", "dist-spare-pw");
        List<CSVRecord> codes = rows(download("/api/v1/distributors/me/exports/codes", spareToken), CODES);
        assertThat(codes).hasSize(2600);
        List<Long> ids = codes.stream().map(r -> Long.parseLong(r.get(0))).collect(Collectors.toList());
        assertThat(ids).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
        assertThat(codes.get(0).get(1)).isEqualTo("BULK_00002600");
    }

    @Test
    void aSignedLinkDownloadsWithoutTheTokenAndOnlyWhatItWasIssuedFor() throws Exception {
        JsonNode link = json(ok(w.send("POST", "/api/v1/distributors/me/exports/sales/links?q=a-customer2", w.a, null), 201));
        String url = link.get("url").asText();
        assertThat(url).startsWith("/api/v1/exports/download?token=");
        assertThat(java.time.Instant.parse(link.get("expires_at").asText())).isBetween(java.time.Instant.now().plusSeconds(200),
                java.time.Instant.now().plusSeconds(301));

        List<CSVRecord> rows = rows(download(url, null), SALES);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.get(2)).isEqualTo("a-customer2@example.com"));
        // the download route reads no filter: adding one changes nothing
        assertThat(rows(download(url + "&q=a-customer4&status=JOINED", null), SALES)).hasSize(1);

        // altered in any character of the payload or the signature: refused, nothing streamed
        String token = link.get("token").asText();
        for (int at : new int[]{2, token.indexOf('.') - 3, token.indexOf('.') + 2}) {
            char c = token.charAt(at);
            String altered = token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
            assertThat(problem(download("/api/v1/exports/download?token=" + altered, null), 403).get("code").asText())
                    .isEqualTo("EXPORT_LINK_INVALID");
        }
        assertThat(problem(download("/api/v1/exports/download?token=" + w.aExportLink.substring(w.aExportLink.indexOf('=') + 1)
                .replace('.', '_'), null), 403).get("code").asText()).isEqualTo("EXPORT_LINK_INVALID");
        assertThat(problem(download("/api/v1/exports/download", null), 400).get("field").asText()).isEqualTo("token");

        // a link is checked like the export: another distributor's id is 404 for A, staff links work for staff
        assertThat(w.send("POST", "/api/v1/distributors/" + w.bId + "/exports/sales/links", w.a, null).statusCode()).isEqualTo(403);
        String staffUrl = json(ok(w.send("POST", "/api/v1/distributors/" + w.bId + "/exports/sales/links", w.admin, null), 201))
                .get("url").asText();
        assertThat(rows(download(staffUrl, null), SALES)).hasSize(2);
        assertThat(w.send("POST", "/api/v1/distributors/999999/exports/sales/links", w.admin, null).statusCode()).isEqualTo(404);

        // the same link on a node whose clock is past its expiry: 410
        try (InviteHub later = InviteHub.builder(TestHubs.settings(Map.of())).persistence(w.db).workers(false).http(true)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6))).start()) {
            HttpResponse<String> expired = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + later.httpPort().orElseThrow() + url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(json(expired).get("code").asText()).isEqualTo("EXPORT_LINK_EXPIRED");
        }
    }

    @Test
    void staffExportThePlatformsOwnCodesWithTheFiltersOfTheirListAndNobodyElseDoes() throws Exception {
        // three platform codes (no owner), one of them disabled
        JsonNode issued = json(ok(w.send("POST", "/api/v1/redeem-codes", w.admin, "{\"count\":3,\"max_uses\":1,\"validity_days\":30,"
                + "\"note\":\"=platform\"}"), 201));
        List<String> codes = new java.util.ArrayList<>();
        issued.get("codes").forEach(c -> codes.add(c.asText()));
        long first = json(ok(w.get("/api/v1/admin/platform-codes?limit=1&cursor=", w.admin), 200)).get("items").get(0).get("id").asLong();
        ok(w.send("PUT", "/api/v1/redeem-codes/" + first + "/toggle", w.admin, null), 200);
        List<String> listed = json(ok(w.get("/api/v1/admin/platform-codes?limit=500&cursor=", w.admin), 200)).get("items").findValuesAsText("id");

        HttpResponse<byte[]> all = download("/api/v1/admin/platform-codes/export", w.admin);
        assertThat(all.headers().firstValue("Content-Disposition").orElse("")).contains("invitehub-codes-platform-");
        List<CSVRecord> rows = rows(all, CODES);
        assertThat(rows).extracting(r -> r.get(0)).as("the list's rows in its order, no distributor's").containsExactlyElementsOf(listed);
        assertThat(rows).extracting(r -> r.get(1)).containsAll(codes);
        assertThat(rows).filteredOn(r -> codes.contains(r.get(1))).extracting(r -> r.get(9)).containsOnly("'=platform");
        List<String> disabled = json(ok(w.get("/api/v1/admin/platform-codes?status=disabled&limit=500&cursor=", w.admin), 200)).get("items").findValuesAsText("id");
        assertThat(rows(download("/api/v1/admin/platform-codes/export?status=disabled", w.admin), CODES)).extracting(r -> r.get(0))
                .containsExactlyElementsOf(disabled).contains(Long.toString(first));

        // through a signed link, with its filter sealed in; a filter codes do not read is refused naming it
        String url = json(ok(w.send("POST", "/api/v1/admin/platform-codes/export/links?status=disabled", w.admin, null), 201)).get("url").asText();
        assertThat(rows(download(url + "&status=active", null), CODES)).extracting(r -> r.get(0)).containsExactlyElementsOf(disabled);
        assertThat(problem(download("/api/v1/admin/platform-codes/export?tag=vip", w.admin), 400).get("field").asText()).isEqualTo("tag");
        // a distributor may not: neither the export nor a link
        assertThat(download("/api/v1/admin/platform-codes/export", w.a).statusCode()).isEqualTo(403);
        assertThat(w.send("POST", "/api/v1/admin/platform-codes/export/links", w.a, null).statusCode()).isEqualTo(403);
    }

    @Test
    void exportsAreLimitedPerUser() throws Exception {
        // a staff account of its own, so no other test's exports count against it
        long id = json(ok(w.send("POST", "/api/v1/admins/distributors/create", w.admin,
                "{\"username\":\"exporter\",\"email\":\"exporter@example.com\",\"password\":\"exporter-pw\"}"), 201)).get("id").asLong();
        w.sql.execute("update users set role = 'OPERATOR', approval = null where id = " + id);
        String operator = w.login("exporter", "exporter-pw");
        int answered = 0;
        HttpResponse<byte[]> last = null;
        for (int i = 0; i <= LIMIT; i++) {
            last = download("/api/v1/distributors/" + w.bId + "/exports/codes", operator);
            if (last.statusCode() == 429) {
                break;
            }
            answered++;
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(answered).isEqualTo(LIMIT);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(parse(new String(last.body(), StandardCharsets.UTF_8)).get("code").asText()).isEqualTo("RATE_LIMITED");
        // per user: the admin still exports
        assertThat(download("/api/v1/distributors/" + w.bId + "/exports/codes", w.admin).statusCode()).isEqualTo(200);
    }

    private static JsonNode problem(HttpResponse<byte[]> response, int status) throws Exception {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        return parse(body);
    }

    private static JsonNode parse(String body) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    }
}
