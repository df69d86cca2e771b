package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes of issue 12's second phase over fake in-ports: the brand profile (read, replace, every refusal naming
 * its field), the customers' site, brand and plan routes, the custom hosts, session renewal, the codes' usage filter
 * and business-day dates in the sales filter.
 */
class BrandRoutesTest {
    private static final String PROFILE = "/api/v1/distributors/me/profile";

    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    private JsonNode answer(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return api.json(response);
    }

    private void refused(HttpResponse<String> response, int status, String code, String field) {
        JsonNode problem = answer(response, status);
        assertThat(ApiFixture.contentType(response)).isEqualTo("application/problem+json");
        assertThat(problem.get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }

    @Test
    void theProfileIsReadAndReplacedByItsDistributor() {
        JsonNode initial = answer(api.get(PROFILE, api.bearer("reseller")), 200);
        assertThat(initial.get("slug").asText()).isEqualTo("reseller");
        assertThat(initial.get("unit_price").asText()).isEqualTo("9.90");
        assertThat(initial.get("currency").asText()).isEqualTo("CNY");
        assertThat(initial.get("links").get("own_link_base").asText()).isEqualTo("/r/reseller/");
        assertThat(initial.get("links").get("official_link_base").asText()).isEqualTo("/invite/");
        assertThat(initial.get("custom_host_verified").asBoolean()).isFalse();

        JsonNode saved = answer(api.withBody("PUT", PROFILE, "{\"slug\":\" Kims-Seats \",\"display_name\":\"Kim's Seats\","
                + "\"logo_url\":\"https://cdn.example.com/kim.png\",\"welcome_text\":\"Hi\\nthere\",\"custom_host\":\"Seats.Kim.Example\"}",
                api.bearer("reseller")), 200);
        assertThat(saved.get("slug").asText()).isEqualTo("kims-seats");
        assertThat(saved.get("custom_host").asText()).isEqualTo("seats.kim.example");
        assertThat(saved.get("welcome_text").asText()).isEqualTo("Hi\nthere");
        assertThat(api.brands.calls).last().asString().startsWith("update 3 ");

        JsonNode cleared = answer(api.withBody("PUT", PROFILE, "{\"slug\":\"kims-seats\",\"custom_host\":\"\"}", api.bearer("reseller")), 200);
        assertThat(cleared.get("display_name").isNull()).as("a field left out is cleared").isTrue();
        assertThat(cleared.get("custom_host").isNull()).isTrue();
    }

    @Test
    void everyRefusalOfTheProfileNamesItsFieldAndChangesNothing() {
        String reseller = "reseller";
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"a\"}", api.bearer(reseller)), 400, "VALIDATION_FAILED", "slug");
        refused(api.withBody("PUT", PROFILE, "{\"display_name\":\"x\"}", api.bearer(reseller)), 400, "VALIDATION_FAILED", "slug");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"Console\"}", api.bearer(reseller)), 400, "SLUG_RESERVED", "slug");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"kim\",\"logo_url\":\"http://cdn.example.com/a.png\"}", api.bearer(reseller)),
                400, "VALIDATION_FAILED", "logo_url");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"kim\",\"display_name\":\"" + "x".repeat(61) + "\"}", api.bearer(reseller)),
                400, "VALIDATION_FAILED", "display_name");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"kim\",\"welcome_text\":\"" + "y".repeat(501) + "\"}", api.bearer(reseller)),
                400, "VALIDATION_FAILED", "welcome_text");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"kim\",\"custom_host\":\"https://seats.example\"}", api.bearer(reseller)),
                400, "VALIDATION_FAILED", "custom_host");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"kim\",\"unit_price\":\"0.01\"}", api.bearer(reseller)),
                400, "VALIDATION_FAILED", "unit_price");
        refused(api.withBody("PUT", PROFILE, "{\"slug\":\"taken\"}", api.bearer(reseller)), 409, "SLUG_TAKEN", null);
        assertThat(api.brands.brands).as("nothing stored").isEmpty();
        refused(api.get(PROFILE, api.bearer("admin")), 403, "FORBIDDEN", null);
        refused(api.get(PROFILE), 401, "UNAUTHORIZED", null);
    }

    @Test
    void aCustomerReadsTheBrandTheSiteAndThePublicPlansWithoutSigningIn() {
        api.brands.brands.put(new UserId(3), new Brand(new Slug("kims-seats"), Optional.of("Kim's Seats"), Optional.empty(),
                Optional.of("Welcome"), Optional.empty()));
        api.shop.publicPlans = List.of(new Plan(new PlanId(7), new PlanSpec("Public pack", PlanType.PUBLIC, Money.ofMinor(1990, Money.CNY),
                Optional.of(Money.ofMinor(2990, Money.CNY)), 1, 1, 30, true, true, 0, Optional.of("One seat for a month"))));

        JsonNode brand = answer(api.get("/api/v1/public/brands/KIMS-SEATS"), 200);
        assertThat(brand.get("display_name").asText()).isEqualTo("Kim's Seats");
        assertThat(brand.get("welcome_text").asText()).isEqualTo("Welcome");
        assertThat(brand.has("unit_price")).as("never a price").isFalse();
        assertThat(brand.fieldNames()).toIterable().containsExactlyInAnyOrder("slug", "display_name", "logo_url", "welcome_text");
        refused(api.get("/api/v1/public/brands/nobody"), 404, "NOT_FOUND", null);

        JsonNode site = answer(api.get("/api/v1/public/site"), 200);
        assertThat(site.get("platform_name").asText()).isEqualTo("Seat Shop");
        assertThat(site.get("support_contact").asText()).isEqualTo("help@seats.example");
        assertThat(site.get("announcement").asText()).isEqualTo("Open every day");

        JsonNode plans = answer(api.get("/api/v1/public/plans"), 200);
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).get("price").asText()).isEqualTo("19.90");
        assertThat(plans.get(0).get("original_price").asText()).isEqualTo("29.90");
        assertThat(plans.get(0).get("currency").asText()).isEqualTo("CNY");
        assertThat(plans.get(0).get("validity_days").asInt()).isEqualTo(30);
        assertThat(plans.get(0).has("active")).as("no bookkeeping of the shop").isFalse();
    }

    @Test
    void anAdminReadsAndReplacesThePlatformSettingsAndBadInputChangesNothing() {
        JsonNode read = answer(api.get("/api/v1/admin/settings", api.bearer("admin")), 200);
        assertThat(read.get("platform_name").asText()).isEqualTo("Seat Shop");
        assertThat(read.get("default_unit_price").asText()).isEqualTo("5.00");
        assertThat(read.get("payment_window_minutes").asInt()).isEqualTo(15);
        assertThat(read.get("currency").asText()).isEqualTo("CNY");
        assertThat(read.fieldNames()).toIterable().as("never a payment key").containsExactlyInAnyOrder("platform_name", "logo_url",
                "support_contact", "announcement", "default_unit_price", "payment_window_minutes", "currency");

        JsonNode written = answer(api.withBody("PUT", "/api/v1/admin/settings", "{\"platform_name\":\"Seat Shop Pro\","
                + "\"logo_url\":\"\",\"support_contact\":\"help@seats.example\",\"announcement\":\"Closed on Sunday\","
                + "\"default_unit_price\":\"12.50\",\"payment_window_minutes\":45}", api.bearer("admin")), 200);
        assertThat(written.get("platform_name").asText()).isEqualTo("Seat Shop Pro");
        assertThat(written.get("logo_url").isNull()).as("a blank logo clears it").isTrue();
        assertThat(written.get("default_unit_price").asText()).isEqualTo("12.50");
        assertThat(api.brands.terms.paymentWindow()).isEqualTo(java.time.Duration.ofMinutes(45));
        assertThat(api.brands.site.announcement()).contains("Closed on Sunday");

        int calls = api.brands.calls.size();
        refused(api.withBody("PUT", "/api/v1/admin/settings", "{\"platform_name\":\"X\",\"default_unit_price\":\"-1\","
                + "\"payment_window_minutes\":45}", api.bearer("admin")), 400, "VALIDATION_FAILED", "default_unit_price");
        refused(api.withBody("PUT", "/api/v1/admin/settings", "{\"platform_name\":\"X\",\"default_unit_price\":\"1.001\","
                + "\"payment_window_minutes\":45}", api.bearer("admin")), 400, "VALIDATION_FAILED", "default_unit_price");
        refused(api.withBody("PUT", "/api/v1/admin/settings", "{\"platform_name\":\"X\",\"default_unit_price\":\"1\","
                + "\"payment_window_minutes\":0}", api.bearer("admin")), 400, "VALIDATION_FAILED", "payment_window_minutes");
        refused(api.withBody("PUT", "/api/v1/admin/settings", "{\"default_unit_price\":\"1\",\"payment_window_minutes\":30}",
                api.bearer("admin")), 400, "VALIDATION_FAILED", "platform_name");
        refused(api.withBody("PUT", "/api/v1/admin/settings", "{\"platform_name\":\"X\",\"logo_url\":\"http://cdn.example/l.png\","
                + "\"default_unit_price\":\"1\",\"payment_window_minutes\":30}", api.bearer("admin")), 400, "VALIDATION_FAILED", "logo_url");
        assertThat(api.brands.calls).as("nothing reached the use case").hasSize(calls);
        assertThat(api.brands.site.platformName()).isEqualTo("Seat Shop Pro");
    }

    @Test
    void theCustomHostsAreListedAndVerifiedByAnAdminAndCheckedForTheProxy() {
        JsonNode list = answer(api.get("/api/v1/admins/custom-hosts?limit=10", api.bearer("admin")), 200);
        assertThat(list.get("items").get(0).get("custom_host").asText()).isEqualTo("seats.kim.example");
        assertThat(list.get("items").get(0).get("verified").asBoolean()).isFalse();

        JsonNode verified = answer(api.withBody("POST", "/api/v1/admins/distributors/3/custom-host/verify",
                "{\"custom_host\":\"Seats.Kim.Example\"}", api.bearer("admin")), 200);
        assertThat(verified.get("verified").asBoolean()).isTrue();
        assertThat(api.brands.calls).last().asString().isEqualTo("verify 3 seats.kim.example");
        refused(api.withBody("POST", "/api/v1/admins/distributors/3/custom-host/verify", "{\"custom_host\":\"nope\"}", api.bearer("admin")),
                400, "VALIDATION_FAILED", "custom_host");

        assertThat(answer(api.get("/api/v1/public/custom-hosts/check?domain=seats.kim.example"), 200).get("served").asBoolean()).isTrue();
        refused(api.get("/api/v1/public/custom-hosts/check?domain=other.example"), 404, "NOT_FOUND", null);
        refused(api.get("/api/v1/public/custom-hosts/check"), 400, "VALIDATION_FAILED", "domain");
    }

    @Test
    void aSignedInCallerRenewsItsTokenAndARevokedOneCannot() {
        JsonNode renewed = answer(api.post("/api/v1/auth/renew", ApiFixture.JSON, "", api.bearer("reseller")), 200);
        assertThat(renewed.get("access_token").asText()).isEqualTo("token-reseller-0-renewed");
        assertThat(renewed.get("token_type").asText()).isEqualTo("bearer");
        assertThat(renewed.get("expires_in").asLong()).isEqualTo(45 * 60);
        assertThat(renewed.get("role").asText()).isEqualTo("DISTRIBUTOR");
        assertThat(api.accounts.calls).last().asString().isEqualTo("renew token-reseller-0");

        String[] old = api.bearer("reseller");
        api.accounts.revoke("reseller");
        refused(api.method("POST", "/api/v1/auth/renew", old), 401, "UNAUTHORIZED", null);
        refused(api.method("POST", "/api/v1/auth/renew"), 401, "UNAUTHORIZED", null);
    }

    @Test
    void theCodeListFiltersByUsageAndTheSalesByBusinessDay() {
        answer(api.get("/api/v1/distributors/me/codes?usage=unused", api.bearer("reseller")), 200);
        assertThat(api.readSide.calls).last().asString().contains("usage=UNUSED");
        answer(api.get("/api/v1/distributors/me/codes?usage=USED&status=active", api.bearer("reseller")), 200);
        assertThat(api.readSide.calls).last().asString().contains("usage=USED");
        refused(api.get("/api/v1/distributors/me/codes?usage=sometimes", api.bearer("reseller")), 400, "VALIDATION_FAILED", "usage");

        answer(api.get("/api/v1/distributors/me/sales?from=2025-03-02&to=2025-03-02", api.bearer("reseller")), 200);
        assertThat(api.readSide.calls).last().asString().contains("from=day:2025-03-02 to=day:2025-03-02");
        refused(api.get("/api/v1/distributors/me/sales?from=0001-01-01", api.bearer("reseller")), 400, "VALIDATION_FAILED", "from");
    }
}
