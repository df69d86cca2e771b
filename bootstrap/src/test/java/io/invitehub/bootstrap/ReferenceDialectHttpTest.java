package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.user.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static io.invitehub.bootstrap.ReferenceShape.eachShaped;
import static io.invitehub.bootstrap.ReferenceShape.shape;
import static io.invitehub.bootstrap.ReferenceWorld.REF;
import static io.invitehub.bootstrap.ReferenceWorld.json;
import static io.invitehub.bootstrap.ReferenceWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference dialect (SPEC section 12, docs/compatibility.md) route by route, over real HTTP on the real
 * service and PostgreSQL: each answer has the reference's field names and JSON types, requests come with the
 * reference's encodings, errors carry {@code detail} as a string (the reference's client toasts it), money is
 * integer fen where the reference used fen and a JSON number of yuan where it used yuan.
 */
class ReferenceDialectHttpTest {
    private static ReferenceWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReferenceWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    // ---- auth and setup -----------------------------------------------------------------------------

    @Test
    void loginTakesTheClientsMultipartFormOrAUrlEncodedOneAndAnswersOnlyTheToken() throws Exception {
        JsonNode token = json(ok(w.multipartLogin("dist-a", "dist-a-password"), 200));
        shape(token, "access_token:str", "token_type:str");
        assertThat(token.get("token_type").asText()).isEqualTo("bearer");
        // the token works on both APIs: one sign-in
        String bearer = "Bearer " + token.get("access_token").asText();
        assertThat(w.get(REF + "/auth/me", bearer).statusCode()).isEqualTo(200);
        assertThat(w.get("/api/v1/auth/me", bearer).statusCode()).isEqualTo(200);

        HttpResponse<String> form = w.post(REF + "/auth/login", "application/x-www-form-urlencoded",
                "username=admin&password=admin-password&grant_type=password".getBytes(StandardCharsets.UTF_8));
        shape(json(ok(form, 200)), "access_token:str", "token_type:str");

        HttpResponse<String> wrong = w.multipartLogin("dist-a", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("detail").isTextual()).isTrue();
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();

        // the reference refused JSON (422); like every route of InviteHub a body of a type the login does not take is a
        // 415 at the edge (ADR 33), whose detail says which encodings it reads
        HttpResponse<String> asJson = w.post(REF + "/auth/login", "application/json",
                "{\"username\":\"admin\",\"password\":\"admin-password\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(asJson.statusCode()).isEqualTo(415);
        assertThat(json(asJson).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(json(asJson).get("detail").asText()).contains("multipart/form-data");

        HttpResponse<String> garbled = w.post(REF + "/auth/login", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin".getBytes(StandardCharsets.UTF_8));
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(json(garbled).get("detail").isTextual()).isTrue();
        assertThat(garbled.headers().firstValue("Connection")).as("Jetty drops that connection; the answer says so").hasValue("close");
        HttpResponse<String> unknownField = w.post(REF + "/auth/login", "multipart/form-data; boundary=xyz",
                ("--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin\r\n"
                        + "--xyz\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\nadmin\r\n--xyz--\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("field").asText()).as("a multipart form is checked like any form").isEqualTo("role");
        HttpResponse<String> missing = w.post(REF + "/auth/login", "application/x-www-form-urlencoded",
                "username=admin".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("detail").asText()).isEqualTo("password is required");
    }

    @Test
    void meIsTheReferencesUserResponseWithALowerCaseRole() throws Exception {
        JsonNode me = json(ok(w.get(REF + "/auth/me", w.aToken), 200));
        shape(me, "id:int", "username:str", "email:str", "role:str", "is_active:bool", "created_at:time");
        assertThat(me.get("role").asText()).isEqualTo("distributor");
        assertThat(me.get("id").asLong()).isEqualTo(w.a.id().value());
        assertThat(me.get("is_active").asBoolean()).isTrue();
        JsonNode admin = json(ok(w.get(REF + "/auth/me", w.admin), 200));
        assertThat(admin.get("role").asText()).isEqualTo("admin");
        assertThat(admin.get("email").asText()).as("no e-mail is an empty string, never null").isEmpty();
        assertThat(json(ok(w.get(REF + "/auth/me", w.operator), 200)).get("role").asText()).isEqualTo("operator");

        HttpResponse<String> anonymous = w.get(REF + "/auth/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("detail").isTextual()).isTrue();
    }

    @Test
    void setupVersionConfigSiteAndShopAnswerWhatIsTrueHere() throws Exception {
        JsonNode status = json(ok(w.get(REF + "/setup/status", null), 200));
        shape(status, "initialized:bool", "has_admin:bool");
        assertThat(status.get("initialized").asBoolean()).isTrue();
        assertThat(status.get("has_admin").asBoolean()).isTrue();

        JsonNode version = json(ok(w.get(REF + "/setup/version", null), 200));
        shape(version, "current_version:str", "latest_version:str?", "has_update:bool", "update_url:str?");
        assertThat(version.get("has_update").asBoolean()).isFalse();

        JsonNode config = json(ok(w.get(REF + "/config", w.aToken), 200));
        shape(config, "configs:arr");
        assertThat(config.get("configs")).as("no settings are readable over HTTP, for anyone").isEmpty();
        assertThat(json(ok(w.get(REF + "/config", w.admin), 200)).get("configs")).isEmpty();
        assertThat(w.get(REF + "/config", null).statusCode()).isEqualTo(401);

        JsonNode site = json(ok(w.get(REF + "/public/site-config", null), 200));
        shape(site, "site_title:str", "site_description:str", "home_notice:str", "success_message:str", "footer_text:str",
                "is_simple_page:bool", "hero_title:str?", "hero_subtitle:str?", "features:arr?");
        JsonNode shop = json(ok(w.get(REF + "/public/shop/config", null), 200));
        shape(shop, "enabled:bool", "alipay_enabled:bool", "wxpay_enabled:bool");
        assertThat(shop.get("enabled").asBoolean()).isFalse();
    }

    @Test
    void aDistributorSignsUpAndAnAdminRejectsWithAReasonAndApprovesAnother() throws Exception {
        JsonNode sent = json(ok(w.send("POST", REF + "/auth/send-verification-code", null, "{\"email\":\"ref.shop@example.com\"}"), 200));
        shape(sent, "message:str");
        // the code goes through the mail outbox (ADR 41); this world runs no workers, so the test sends it
        assertThat(w.hub.mailDelivery().deliverNext()).isTrue();
        String code = w.mailer.lastCodeFor("ref.shop@example.com");
        JsonNode registered = json(ok(w.send("POST", REF + "/auth/register-distributor", null,
                "{\"email\":\"ref.shop@example.com\",\"username\":\"ref_shop\",\"password\":\"shop-password\",\"code\":\"" + code + "\"}"), 200));
        shape(registered, "id:int", "username:str", "email:str", "role:str", "is_active:bool", "created_at:time");
        assertThat(registered.get("role").asText()).isEqualTo("distributor");
        long shopId = registered.get("id").asLong();
        HttpResponse<String> badCode = w.send("POST", REF + "/auth/register-distributor", null,
                "{\"email\":\"x@example.com\",\"username\":\"x_shop\",\"password\":\"shop-password\",\"code\":\"000000\"}");
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(json(badCode).get("detail").isTextual()).isTrue();

        // the reference's login page looks for "pending" or "rejected" in the detail of a 403
        HttpResponse<String> early = w.multipartLogin("ref_shop", "shop-password");
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(json(early).get("detail").asText()).as("the page's 'pending' alert").contains("pending");

        JsonNode pending = json(ok(w.get(REF + "/admins/pending-distributors", w.admin), 200));
        eachShaped(pending, "id:int", "username:str", "email:str", "created_at:time", "approval_status:str", "rejection_reason:str?");
        assertThat(pending.findValuesAsText("username")).containsExactly("ref_shop");
        assertThat(pending.get(0).get("approval_status").asText()).isEqualTo("pending");

        JsonNode rejected = json(ok(w.send("POST", REF + "/admins/distributors/" + shopId + "/reject", w.admin,
                "{\"reason\":\"no website\"}"), 200));
        shape(rejected, "message:str", "distributor:str");
        assertThat(rejected.get("distributor").asText()).isEqualTo("ref_shop");
        JsonNode afterReject = json(ok(w.get(REF + "/admins/pending-distributors", w.admin), 200));
        assertThat(afterReject.get(0).get("approval_status").asText()).isEqualTo("rejected");
        assertThat(afterReject.get(0).get("rejection_reason").asText()).isEqualTo("no website");
        HttpResponse<String> refused = w.multipartLogin("ref_shop", "shop-password");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("detail").asText()).contains("rejected");
        // the page's rejection alert shows the 403's `reason` member ("未提供原因" when it is absent)
        assertThat(json(refused).get("reason")).as("the reason the admin gave").isNotNull();
        assertThat(json(refused).get("reason").asText()).isEqualTo("no website");
        assertThat(json(w.multipartLogin("ref_shop", "wrong-password")).has("reason")).as("only after the right password").isFalse();
        HttpResponse<String> ownApi = w.send("POST", "/api/v1/auth/login", null, "{\"username\":\"ref_shop\",\"password\":\"shop-password\"}");
        assertThat(ownApi.statusCode()).as("the refusal is the use case's: InviteHub's own login says the same").isEqualTo(403);
        assertThat(json(ownApi).get("reason").asText()).isEqualTo("no website");
        // approving a rejected application is an illegal move: a 409 with a string detail, nothing changes
        HttpResponse<String> illegal = w.send("POST", REF + "/admins/distributors/" + shopId + "/approve", w.admin, null);
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(json(illegal).get("detail").isTextual()).isTrue();

        JsonNode created = json(ok(w.send("POST", REF + "/admins/distributors/create", w.admin,
                "{\"username\":\"ref_made\",\"email\":\"ref.made@example.com\",\"password\":\"made-password\"}"), 200));
        shape(created, "message:str", "distributor:obj");
        shape(created.get("distributor"), "id:int", "username:str", "email:str");
        long madeId = created.get("distributor").get("id").asLong();
        assertThat(w.multipartLogin("ref_made", "made-password").statusCode()).as("created approved").isEqualTo(200);
        HttpResponse<String> taken = w.send("POST", REF + "/admins/distributors/create", w.admin,
                "{\"username\":\"ref_made\",\"email\":\"other@example.com\",\"password\":\"made-password\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).get("detail").isTextual()).isTrue();

        // a distributor without codes, orders or invitations may be deleted
        JsonNode deleted = json(ok(w.send("DELETE", REF + "/admins/distributors/" + madeId, w.admin, null), 200));
        shape(deleted, "message:str", "distributor:str");
        assertThat(w.sql.count("select count(*) from users where id = " + madeId)).isZero();
        JsonNode approvedAfterSignUp = json(ok(w.send("POST", REF + "/admins/distributors/create", w.admin,
                "{\"username\":\"ref_late\",\"email\":\"ref.late@example.com\",\"password\":\"late-password\"}"), 200));
        long lateId = approvedAfterSignUp.get("distributor").get("id").asLong();
        w.sql.execute("update users set approval = 'PENDING' where id = " + lateId);
        JsonNode approved = json(ok(w.send("POST", REF + "/admins/distributors/" + lateId + "/approve", w.admin, null), 200));
        shape(approved, "message:str", "distributor:str");
    }

    @Test
    void deletingADistributorWithCodesIsRefusedWithAStringDetailAndNothingIsDeleted() throws Exception {
        HttpResponse<String> refused = w.send("DELETE", REF + "/admins/distributors/" + w.a.id().value(), w.admin, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("Suspend it instead");
        assertThat(w.sql.count("select count(*) from users where id = " + w.a.id().value())).isEqualTo(1);
        HttpResponse<String> unknown = w.send("DELETE", REF + "/admins/distributors/999999", w.admin, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").isTextual()).isTrue();
    }

    // ---- the distributor's pages --------------------------------------------------------------------

    @Test
    void theDashboardsNumbersAreNumbersAndRevenueAJsonNumberOfYuan() throws Exception {
        JsonNode summary = json(ok(w.get(REF + "/distributors/me/summary", w.bToken), 200));
        shape(summary, "total_codes_created:int", "active_codes:int", "inactive_codes:int", "total_sales:int", "pending_invites:int",
                "accepted_invites:int", "total_revenue_estimate:num");
        long codes = w.sql.count("select count(*) from redeem_codes where owner_id = " + w.b.id().value());
        assertThat(summary.get("total_codes_created").asLong()).isEqualTo(codes);
        assertThat(summary.get("total_sales").asLong()).isEqualTo(1);
        assertThat(summary.get("accepted_invites").asLong()).isEqualTo(1);
        assertThat(summary.get("active_codes").asLong() + summary.get("inactive_codes").asLong()).isEqualTo(codes);
        assertThat(summary.get("total_revenue_estimate").isTextual()).isFalse();
    }

    @Test
    void salesArePlainArraysWithTheReferencesLimitUpTo1000() throws Exception {
        JsonNode all = json(ok(w.get(REF + "/distributors/me/sales?limit=1000", w.aToken), 200));
        eachShaped(all, "code:str", "email:str", "team_name:str", "status:str", "created_at:time", "accepted_at:time?");
        assertThat(all.findValuesAsText("email")).contains("a0@example.com", "a3@example.com").noneMatch(e -> e.startsWith("b"));
        assertThat(all.findValuesAsText("status")).contains("accepted", "pending");
        assertThat(json(ok(w.get(REF + "/distributors/me/sales?limit=2", w.aToken), 200))).hasSize(2);
        assertThat(json(ok(w.get(REF + "/distributors/me/sales?limit=5000", w.aToken), 200)).size()).isEqualTo(all.size());
        assertThat(json(ok(w.get(REF + "/distributors/me/sales", w.aToken), 200)).isArray()).isTrue();
        HttpResponse<String> bad = w.get(REF + "/distributors/me/sales?limit=ten", w.aToken);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").isTextual()).isTrue();
    }

    @Test
    void membersArePlainArraysOfNonNullStringsAndRemoveThenAddWorks() throws Exception {
        JsonNode members = json(ok(w.get(REF + "/distributors/me/members", w.aToken), 200));
        eachShaped(members, "id:int", "email:str", "team_id:int", "team_name:str", "redeem_code:str", "joined_at:time?", "status:str");
        assertThat(members.findValuesAsText("status")).containsOnly("active");
        assertThat(members.findValuesAsText("email")).contains("a0@example.com", "a1@example.com", "a2@example.com");

        long team = w.alpha.id().value();
        JsonNode removed = json(ok(w.send("POST", REF + "/distributors/me/members/remove", w.aToken,
                "{\"email\":\"a2@example.com\",\"team_id\":" + team + ",\"reason\":\"refund\"}"), 200));
        shape(removed, "message:str", "email:str", "team_name:str", "code_usage_restored:bool");
        assertThat(removed.get("code_usage_restored").asBoolean()).isTrue();
        JsonNode after = json(ok(w.get(REF + "/distributors/me/members", w.aToken), 200));
        assertThat(statusOf(after, "a2@example.com")).isEqualTo("removed");
        w.clock.advance(java.time.Duration.ofSeconds(1)); // past the world's re-invite cooldown of 1 ms

        JsonNode added = json(ok(w.send("POST", REF + "/distributors/me/members/add", w.aToken,
                "{\"email\":\"a2@example.com\",\"team_id\":" + team + "}"), 200));
        shape(added, "message:str", "email:str", "team_name:str", "invite_id:int");
        assertThat(w.sql.count("select count(*) from invitations where id = " + added.get("invite_id").asLong()
                + " and email = 'a2@example.com' and state = 'RESERVED'")).isEqualTo(1);

        HttpResponse<String> nobody = w.send("POST", REF + "/distributors/me/members/remove", w.aToken,
                "{\"email\":\"nobody@example.com\",\"team_id\":" + team + "}");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(json(nobody).get("detail").isTextual()).isTrue();
    }

    private static String statusOf(JsonNode members, String email) {
        for (JsonNode m : members) {
            if (m.get("email").asText().equals(email) && !m.get("status").asText().equals("active")) {
                return m.get("status").asText();
            }
        }
        return "none";
    }

    @Test
    void codePlansArePricedInIntegerFenAndOrdersArePlainArrays() throws Exception {
        JsonNode plans = json(ok(w.get(REF + "/distributors/me/code-plans", w.aToken), 200));
        eachShaped(plans, "id:int", "name:str", "price:int", "original_price:int?", "code_count:int", "code_max_uses:int",
                "validity_days:int", "description:str?", "is_recommended:bool");
        assertThat(plans.get(0).get("price").asLong()).as("99.00 is 9900 fen, never ¥0.99").isEqualTo(9900);
        assertThat(plans.get(0).get("original_price").asLong()).isEqualTo(12900);
        assertThat(plans.get(0).get("is_recommended").asBoolean()).isTrue();

        JsonNode placed = json(ok(w.send("POST", REF + "/distributors/me/code-orders", w.aToken,
                "{\"plan_id\":" + w.planId + ",\"quantity\":2,\"pay_type\":\"wxpay\"}"), 200));
        shape(placed, "order_no:str", "amount:int", "pay_url:str", "expire_at:time");
        assertThat(placed.get("amount").asLong()).isEqualTo(19800);
        // the reference's defaults: quantity 1, alipay
        assertThat(json(ok(w.send("POST", REF + "/distributors/me/code-orders", w.aToken, "{\"plan_id\":" + w.planId + "}"), 200))
                .get("amount").asLong()).isEqualTo(9900);
        HttpResponse<String> tooMany = w.send("POST", REF + "/distributors/me/code-orders", w.aToken,
                "{\"plan_id\":" + w.planId + ",\"quantity\":101}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get("detail").isTextual()).isTrue();

        JsonNode orders = json(ok(w.get(REF + "/distributors/me/code-orders", w.aToken), 200));
        eachShaped(orders, "order_no:str", "status:str", "amount:int", "final_amount:int?", "quantity:int", "delivered_count:int",
                "created_at:time", "paid_at:time?");
        assertThat(orders.findValuesAsText("order_no")).contains(placed.get("order_no").asText());
        assertThat(orders.get(0).get("status").asText()).isEqualTo("pending");
        assertThat(json(ok(w.get(REF + "/distributors/me/code-orders", w.bToken), 200))).isEmpty();
    }

    // ---- codes ----------------------------------------------------------------------------------------

    @Test
    void theCodeListIsTheReferencesCodesObjectAndTogglesDeletesAndRecordsWork() throws Exception {
        JsonNode list = json(ok(w.get(REF + "/redeem-codes", w.bToken), 200));
        shape(list, "codes:arr", "total:int");
        eachShaped(list.get("codes"), "id:int", "code:str", "code_type:str", "max_uses:int", "used_count:int", "expires_at:time?",
                "is_active:bool", "note:str?", "group_id:int?", "group_name:str?", "created_at:time", "validity_days:int",
                "activated_at:time?", "bound_email:str?");
        assertThat(list.get("total").asLong()).isEqualTo(w.sql.count("select count(*) from redeem_codes where owner_id = " + w.b.id().value()))
                .isEqualTo(list.get("codes").size());
        assertThat(list.get("codes").findValuesAsText("code_type")).containsOnly("direct");

        List<Code> mine = w.hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(w.b.id()), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 3));
        long toggled = w.codeId(mine.get(0));
        JsonNode off = json(ok(w.send("PUT", REF + "/redeem-codes/" + toggled + "/toggle", w.bToken, null), 200));
        shape(off, "message:str", "is_active:bool");
        assertThat(off.get("is_active").asBoolean()).isFalse();
        assertThat(json(ok(w.get(REF + "/redeem-codes?is_active=false", w.bToken), 200)).get("codes").findValuesAsText("id"))
                .containsExactly(Long.toString(toggled));
        assertThat(json(ok(w.get(REF + "/redeem-codes?is_active=true", w.bToken), 200)).get("total").asLong())
                .isEqualTo(w.sql.count("select count(*) from redeem_codes where active and owner_id = " + w.b.id().value()));
        assertThat(json(ok(w.get(REF + "/redeem-codes?code_type=linuxdo", w.bToken), 200)).get("total").asInt()).isZero();
        assertThat(json(ok(w.send("PUT", REF + "/redeem-codes/" + toggled + "/toggle", w.bToken, null), 200)).get("is_active")
                .asBoolean()).isTrue();

        JsonNode deleted = json(ok(w.send("DELETE", REF + "/redeem-codes/" + w.codeId(mine.get(1)), w.bToken, null), 200));
        shape(deleted, "message:str");
        HttpResponse<String> used = w.send("DELETE", REF + "/redeem-codes/" + w.codeId(w.bCodes.get(0)), w.bToken, null);
        assertThat(used.statusCode()).isEqualTo(409);
        assertThat(json(used).get("detail").isTextual()).isTrue();

        JsonNode batch = json(ok(w.send("DELETE", REF + "/redeem-codes/batch", w.bToken,
                "{\"ids\":[" + w.codeId(mine.get(2)) + "," + w.codeId(w.bCodes.get(0)) + ",999999]}"), 200));
        shape(batch, "deleted:int", "skipped:int", "errors:arr");
        assertThat(batch.get("deleted").asInt()).isEqualTo(1);
        assertThat(batch.get("skipped").asInt()).isEqualTo(2);
        assertThat(batch.get("errors")).hasSize(2).allMatch(JsonNode::isTextual);
        HttpResponse<String> empty = w.send("DELETE", REF + "/redeem-codes/batch", w.bToken, "{\"ids\":[]}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("detail").isTextual()).isTrue();

        JsonNode records = json(ok(w.get(REF + "/redeem-codes/" + w.codeId(w.bCodes.get(0)) + "/records", w.bToken), 200));
        shape(records, "code:str", "records:arr");
        assertThat(records.get("code").asText()).isEqualTo(w.bCodes.get(0).display());
        eachShaped(records.get("records"), "id:int", "email:str", "team_name:str", "status:str", "created_at:time", "accepted_at:time?");
        assertThat(records.get("records").get(0).get("email").asText()).isEqualTo("b0@example.com");

        // staff name the distributor; without it InviteHub says how (it lists codes per distributor)
        assertThat(json(ok(w.get(REF + "/redeem-codes?distributor_id=" + w.b.id().value(), w.operator), 200)).get("total").asLong())
                .isEqualTo(w.sql.count("select count(*) from redeem_codes where owner_id = " + w.b.id().value()));
        HttpResponse<String> unnamed = w.get(REF + "/redeem-codes", w.admin);
        assertThat(unnamed.statusCode()).isEqualTo(400);
        assertThat(json(unnamed).get("detail").asText()).contains("distributor_id");
    }

    // ---- the admin's distributor pages -----------------------------------------------------------------

    @Test
    void theDistributorListIsAPlainArrayNewestFirstFilteredByStatus() throws Exception {
        JsonNode all = json(ok(w.get(REF + "/distributors", w.admin), 200));
        eachShaped(all, "id:int", "username:str", "email:str", "approval_status:str", "created_at:time", "total_codes:int",
                "active_codes:int", "total_sales:int");
        List<String> names = all.findValuesAsText("username");
        assertThat(names.indexOf("dist-b")).isLessThan(names.indexOf("dist-a"));
        JsonNode approved = json(ok(w.get(REF + "/distributors?status=approved", w.admin), 200));
        assertThat(approved.findValuesAsText("approval_status")).containsOnly("approved");
        HttpResponse<String> bad = w.get(REF + "/distributors?status=bogus", w.admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").isTextual()).isTrue();
        // the reference's admin routes are ADMIN only
        assertThat(w.get(REF + "/distributors", w.operator).statusCode()).isEqualTo(403);
    }

    @Test
    void analyticsAndDetailHaveTheReferencesShapesWithNumbersAsNumbers() throws Exception {
        JsonNode analytics = json(ok(w.get(REF + "/admins/distributors/analytics?page=1&page_size=20&sort_by=total_sales", w.admin), 200));
        shape(analytics, "items:arr", "total:int", "summary:obj");
        String[] item = {"id:int", "username:str", "email:str", "approval_status:str", "created_at:time", "total_codes:int",
                "active_codes:int", "total_sales:int", "today_sales:int", "week_sales:int", "month_sales:int", "active_members:int",
                "revenue_estimate:num"};
        eachShaped(analytics.get("items"), item);
        shape(analytics.get("summary"), "total_distributors:int", "approved_count:int", "pending_count:int", "total_revenue:num",
                "total_sales:int", "today_sales:int", "unit_price:num");
        assertThat(analytics.get("items").get(0).get("username").asText()).as("most sales first").isEqualTo("dist-a");
        JsonNode second = json(ok(w.get(REF + "/admins/distributors/analytics?page=2&page_size=1&sort_by=total_sales", w.admin), 200));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("username").asText()).isEqualTo("dist-b");
        JsonNode byStatus = json(ok(w.get(REF + "/admins/distributors/analytics?status=approved&sort_by=whatever", w.admin), 200));
        assertThat(byStatus.get("total").asLong()).isEqualTo(byStatus.get("summary").get("approved_count").asLong());

        JsonNode detail = json(ok(w.get(REF + "/admins/distributors/" + w.a.id().value() + "/detail", w.admin), 200));
        shape(detail, "distributor:obj", "recent_sales:arr", "codes_summary:obj");
        shape(detail.get("distributor"), item);
        eachShaped(detail.get("recent_sales"), "email:str", "redeem_code:str", "team_name:str", "status:str", "created_at:time");
        shape(detail.get("codes_summary"), "total:int", "active:int", "inactive:int", "usage_rate:num");
        HttpResponse<String> unknown = w.get(REF + "/admins/distributors/999999/detail", w.admin);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").isTextual()).isTrue();
    }

    @Test
    void anAdminReadsADistributorsSalesAndGrantsItCodes() throws Exception {
        JsonNode sales = json(ok(w.get(REF + "/distributors/" + w.b.id().value() + "/sales?limit=100", w.admin), 200));
        eachShaped(sales, "code:str", "email:str", "team_name:str", "status:str", "created_at:time", "accepted_at:time?");
        assertThat(sales.findValuesAsText("email")).containsExactly("b0@example.com");

        long before = w.sql.count("select count(*) from redeem_codes where owner_id = " + w.b.id().value());
        JsonNode granted = json(ok(w.send("POST", REF + "/distributors/" + w.b.id().value() + "/grant-codes", w.admin,
                "{\"count\":2,\"max_uses\":1,\"validity_days\":30,\"note\":\"launch\"}"), 200));
        shape(granted, "count:int", "distributor_username:str", "message:str");
        assertThat(granted.get("count").asInt()).isEqualTo(2);
        assertThat(granted.get("distributor_username").asText()).isEqualTo("dist-b");
        assertThat(w.sql.count("select count(*) from redeem_codes where owner_id = " + w.b.id().value() + " and note = 'launch'"))
                .isEqualTo(2);
        assertThat(w.sql.count("select count(*) from redeem_codes where owner_id = " + w.b.id().value())).isEqualTo(before + 2);
        HttpResponse<String> none = w.send("POST", REF + "/distributors/" + w.b.id().value() + "/grant-codes", w.admin, "{\"count\":0}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).get("detail").isTextual()).isTrue();
    }

    // ---- the customer's pages -------------------------------------------------------------------------

    @Test
    void redeemAndDirectRedeemAnswerTheReferencesShapesAndStringErrors() throws Exception {
        Code fresh = w.aCodes.get(4);
        JsonNode direct = json(ok(w.send("POST", REF + "/public/direct-redeem", null,
                "{\"email\":\"fresh@example.com\",\"code\":\"" + fresh.value() + "\"}"), 200));
        shape(direct, "success:bool", "message:str", "team_name:str?", "expires_at:time?", "remaining_days:int?", "is_first_use:bool",
                "state:str", "queue_position:int?");
        assertThat(direct.get("state").asText()).isEqualTo("INVITE_QUEUED");
        assertThat(direct.get("is_first_use").asBoolean()).isTrue();
        JsonNode again = json(ok(w.send("POST", REF + "/public/redeem", null,
                "{\"email\":\"fresh@example.com\",\"code\":\"" + fresh.value() + "\"}"), 200));
        shape(again, "success:bool", "message:str", "team_name:str?", "expires_at:time?", "remaining_days:int?", "state:str",
                "queue_position:int?");

        HttpResponse<String> mismatch = w.send("POST", REF + "/public/direct-redeem", null,
                "{\"email\":\"someone.else@example.com\",\"code\":\"" + fresh.value() + "\"}");
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(json(mismatch).get("detail").asText()).contains("f***h@example.com");
        HttpResponse<String> notACode = w.send("POST", REF + "/public/redeem", null, "{\"email\":\"x@example.com\",\"code\":\"!!\"}");
        assertThat(notACode.statusCode()).isEqualTo(400);
        assertThat(json(notACode).get("detail").isTextual()).isTrue();
    }

    @Test
    void statusNeedsTheCodeAndTheEmailAndNeverRevealsTheBoundEmail() throws Exception {
        String[] status = {"found:bool", "email:str?", "team_name:str?", "team_active:bool?", "code:str?", "expires_at:time?",
                "remaining_days:int?", "can_rebind:bool?", "message:str"};
        Code code = w.aCodes.get(1);
        JsonNode codeAlone = json(ok(w.get(REF + "/public/status?code=" + code.value(), null), 200));
        shape(codeAlone, status);
        assertThat(codeAlone.get("found").asBoolean()).isFalse();
        assertThat(codeAlone.get("email").isNull()).isTrue();
        assertThat(codeAlone.get("message").asText()).contains("code and email");
        assertThat(codeAlone.toString()).doesNotContain("a1@example.com").doesNotContain("a***1");
        JsonNode emailAlone = json(ok(w.get(REF + "/public/status?email=a1@example.com", null), 200));
        assertThat(emailAlone.get("found").asBoolean()).isFalse();

        JsonNode both = json(ok(w.get(REF + "/public/status?code=" + code.value() + "&email=a1@example.com", null), 200));
        shape(both, status);
        assertThat(both.get("found").asBoolean()).isTrue();
        assertThat(both.get("email").asText()).isEqualTo("a***1@example.com").doesNotContain("a1@");
        assertThat(both.get("team_name").asText()).isEqualTo("Alpha");
        assertThat(both.get("team_active").asBoolean()).isTrue();
        assertThat(both.get("can_rebind").asBoolean()).isTrue();
        assertThat(both.get("code").asText()).isNotEqualTo(code.display()).isNotEqualTo(code.value());
        JsonNode wrongEmail = json(ok(w.get(REF + "/public/status?code=" + code.value() + "&email=intruder@example.com", null), 200));
        assertThat(wrongEmail.get("found").asBoolean()).isFalse();
        assertThat(wrongEmail.get("email").isNull()).isTrue();
    }

    @Test
    void rebindWithTheCodeAloneIsRefusedWithAStringDetailAndWithBothMovesTheMember() throws Exception {
        Code code = w.aCodes.get(0);
        HttpResponse<String> alone = w.send("POST", REF + "/public/rebind", null, "{\"code\":\"" + code.value() + "\"}");
        assertThat(alone.statusCode()).isEqualTo(400);
        assertThat(json(alone).get("detail").isTextual()).isTrue();
        assertThat(json(alone).get("detail").asText()).contains("e-mail");
        assertThat(w.sql.count("select count(*) from invitations where is_rebind")).isZero();

        JsonNode moved = json(ok(w.send("POST", REF + "/public/rebind", null,
                "{\"code\":\"" + code.value() + "\",\"email\":\"a0@example.com\"}"), 200));
        shape(moved, "success:bool", "message:str", "new_team_name:str?", "state:str", "queue_position:int?", "email:str?");
        assertThat(moved.get("new_team_name").asText()).isEqualTo("Beta");
        assertThat(moved.get("email").asText()).isEqualTo("a0@example.com");
        assertThat(w.sql.count("select count(*) from invitations where is_rebind and email = 'a0@example.com'")).isEqualTo(1);
    }

    @Test
    void theWaitingQueuePollNeedsBothAndTheSeatCounterHasTheReferencesFields() throws Exception {
        String[] poll = {"found:bool", "email:str?", "status:str?", "status_message:str?", "team_name:str?", "created_at:time?",
                "processed_at:time?", "retry_count:int?", "can_retry:bool?", "queue_position:int?"};
        JsonNode emailAlone = json(ok(w.get(REF + "/public/invite-status?email=a3@example.com", null), 200));
        shape(emailAlone, poll);
        assertThat(emailAlone.get("found").asBoolean()).isFalse();
        assertThat(emailAlone.get("status_message").asText()).contains("code and email");
        JsonNode both = json(ok(w.get(REF + "/public/invite-status?email=a3@example.com&code=" + w.aCodes.get(3).value(), null), 200));
        shape(both, poll);
        assertThat(both.get("found").asBoolean()).isTrue();
        assertThat(both.get("status").asText()).isEqualTo("pending");
        assertThat(both.get("team_name").asText()).isEqualTo("Alpha");

        JsonNode seats = json(ok(w.get(REF + "/public/seats", null), 200));
        shape(seats, "total_seats:int", "used_seats:int", "pending_seats:int", "available_seats:int");
        assertThat(seats.get("total_seats").asLong()).isEqualTo(10);
        assertThat(seats.get("used_seats").asLong() + seats.get("available_seats").asLong()).isEqualTo(10);
    }

    @Test
    void thePaymentNotificationAnswersPlainTextOnBothMethods() throws Exception {
        HttpResponse<String> get = w.get(REF + "/public/shop/notify?out_trade_no=nope&trade_status=TRADE_SUCCESS&sign=x", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("fail");
        HttpResponse<String> post = w.post(REF + "/public/shop/notify", "application/x-www-form-urlencoded",
                "out_trade_no=nope&trade_status=TRADE_SUCCESS&sign=x".getBytes(StandardCharsets.UTF_8));
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("fail");
    }
}
