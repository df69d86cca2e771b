package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.accounts.StaffAccountHandlers;
import io.invitehub.adapter.in.http.alerts.AlertHandlers;
import io.invitehub.adapter.in.http.audit.AuditHandlers;
import io.invitehub.adapter.in.http.auth.AuthHandlers;
import io.invitehub.adapter.in.http.brands.BrandHandlers;
import io.invitehub.adapter.in.http.auth.PasswordResetHandlers;
import io.invitehub.adapter.in.http.codes.CodeHandlers;
import io.invitehub.adapter.in.http.codes.PlatformCodeHandlers;
import io.invitehub.adapter.in.http.crm.CrmHandlers;
import io.invitehub.adapter.in.http.distributors.DistributorAdminHandlers;
import io.invitehub.adapter.in.http.distributors.DistributorReadHandlers;
import io.invitehub.adapter.in.http.distributors.PlatformReadHandlers;
import io.invitehub.adapter.in.http.exports.ExportHandlers;
import io.invitehub.adapter.in.http.members.InvitationSearchHandlers;
import io.invitehub.adapter.in.http.members.MemberHandlers;
import io.invitehub.adapter.in.http.recipients.OptOutHandlers;
import io.invitehub.adapter.in.http.recipients.RecipientHandlers;
import io.invitehub.adapter.in.http.redemption.PublicRedemptionHandlers;
import io.invitehub.adapter.in.http.settlement.SettlementHandlers;
import io.invitehub.adapter.in.http.shop.GatewayHandlers;
import io.invitehub.adapter.in.http.shop.ShopHandlers;
import io.invitehub.adapter.in.http.site.SiteHandlers;
import io.invitehub.adapter.in.http.teams.TeamHandlers;
import io.invitehub.adapter.in.http.teams.TeamPoolHandlers;
import io.invitehub.adapter.in.http.webhooks.WebhookHandlers;
import io.invitehub.adapter.in.http.wire.ResponseShape;

import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * What each route of the {@link RouteTable} answers when it succeeds ({@code "METHOD /path"} → the
 * handler's {@link ResponseShape}), for the OpenAPI document (ADR 40). A route without an entry fails
 * {@code OpenApiDocumentTest}, and the running routes are checked against these shapes, so neither can drift.
 */
final class ApiResponses {
    private static final ResponseShape NO_CONTENT = ResponseShape.noContent();
    private static final ResponseShape JSON_DOCUMENT = ResponseShape.text("application/json");
    private static final ResponseShape HTML = ResponseShape.text("text/html");

    private static final Map<String, ResponseShape> ANSWERS = Map.ofEntries(
            entry("GET /health", ResponseShape.ok(HealthHandler.Health.class)),
            entry("GET /ready", ResponseShape.ok(HealthHandler.Ready.class)),
            entry("GET /metrics", ResponseShape.text("text/plain")),
            entry("GET /openapi.json", JSON_DOCUMENT),
            entry("GET /api-docs", HTML),
            entry("GET /api-docs/init.js", ResponseShape.text("text/javascript")),

            entry("POST /api/v1/public/redeem", PublicRedemptionHandlers.REDEMPTION_ANSWER),
            entry("POST /api/v1/public/direct-redeem", PublicRedemptionHandlers.REDEMPTION_ANSWER),
            entry("GET /api/v1/public/invitations/{id}", PublicRedemptionHandlers.INVITATION_ANSWER),
            entry("GET /api/v1/public/status", PublicRedemptionHandlers.STATUS_ANSWER),
            entry("GET /api/v1/public/seats", PublicRedemptionHandlers.SEATS_ANSWER),
            entry("POST /api/v1/public/opt-out", RecipientHandlers.OPT_OUT_ANSWER),
            entry("POST /api/v1/public/rebind", MemberHandlers.REBIND_ANSWER),
            entry("GET /api/v1/public/site", SiteHandlers.SITE_ANSWER),
            entry("GET /api/v1/public/plans", ShopHandlers.PUBLIC_PLANS_ANSWER),
            entry("GET /api/v1/public/brands/{slug}", BrandHandlers.PUBLIC_BRAND_ANSWER),
            entry("GET /api/v1/public/custom-hosts/check", BrandHandlers.HOST_CHECK_ANSWER),

            entry("GET /api/v1/public/shop/notify", GatewayHandlers.NOTIFY_ANSWER),
            entry("POST /api/v1/public/shop/notify", GatewayHandlers.NOTIFY_ANSWER),
            entry("GET /api/v1/public/shop/sandbox/submit.php", GatewayHandlers.PAGE_ANSWER),
            entry("GET /api/v1/public/shop/return", GatewayHandlers.PAGE_ANSWER),
            entry("POST /api/v1/public/shop/sandbox/pay", GatewayHandlers.NOTIFY_ANSWER),

            entry("POST /api/v1/auth/login", AuthHandlers.TOKEN_ANSWER),
            entry("POST /api/v1/auth/send-verification-code", AuthHandlers.SENT_ANSWER),
            entry("POST /api/v1/auth/register-distributor", AuthHandlers.ACCOUNT_CREATED_ANSWER),
            entry("GET /api/v1/auth/me", AuthHandlers.ACCOUNT_ANSWER),
            entry("POST /api/v1/auth/change-password", NO_CONTENT),
            entry("GET /api/v1/exports/download", ExportHandlers.CSV_ANSWER),
            entry("POST /api/v1/auth/renew", AuthHandlers.TOKEN_ANSWER),
            entry("POST /api/v1/auth/password-reset/request", PasswordResetHandlers.REQUEST_ANSWER),
            entry("POST /api/v1/auth/password-reset/confirm", NO_CONTENT),

            entry("GET /api/v1/distributors/me/summary", DistributorReadHandlers.SUMMARY_ANSWER),
            entry("GET /api/v1/distributors/me/sales", DistributorReadHandlers.SALES_ANSWER),
            entry("GET /api/v1/distributors/me/members", DistributorReadHandlers.MEMBERS_ANSWER),
            entry("GET /api/v1/distributors/me/sales-trend", DistributorReadHandlers.TREND_ANSWER),
            entry("GET /api/v1/distributors/me/plan-ranking", DistributorReadHandlers.PLAN_RANKING_ANSWER),
            entry("GET /api/v1/distributors/me/profile", BrandHandlers.PROFILE_ANSWER),
            entry("PUT /api/v1/distributors/me/profile", BrandHandlers.PROFILE_ANSWER),
            entry("GET /api/v1/distributors/me/codes", CodeHandlers.CODES_ANSWER),
            entry("PUT /api/v1/distributors/me/codes/{id}/toggle", CodeHandlers.TOGGLED_ANSWER),
            entry("DELETE /api/v1/distributors/me/codes/{id}", NO_CONTENT),
            entry("POST /api/v1/distributors/me/members/remove", MemberHandlers.REMOVAL_ANSWER),
            entry("POST /api/v1/distributors/me/members/add", MemberHandlers.REINVITE_ANSWER),

            entry("GET /api/v1/distributors/me/customers/{email}", CrmHandlers.CUSTOMER_ANSWER),
            entry("POST /api/v1/distributors/me/customers/{email}/tags", CrmHandlers.TAGS_ANSWER),
            entry("DELETE /api/v1/distributors/me/customers/{email}/tags/{tag}", CrmHandlers.TAGS_ANSWER),
            entry("PUT /api/v1/distributors/me/customers/{email}/note", CrmHandlers.NOTE_ANSWER),
            entry("GET /api/v1/distributors/me/customers/{email}/note/history", CrmHandlers.HISTORY_ANSWER),
            entry("GET /api/v1/distributors/me/tags", CrmHandlers.TAG_COUNTS_ANSWER),

            entry("GET /api/v1/distributors/me/statements", SettlementHandlers.STATEMENTS_ANSWER),
            entry("GET /api/v1/distributors/me/ledger", SettlementHandlers.LEDGER_ANSWER),

            entry("GET /api/v1/distributors/me/exports/{kind}", ExportHandlers.CSV_ANSWER),
            entry("POST /api/v1/distributors/me/exports/{kind}/links", ExportHandlers.LINK_ANSWER),

            entry("GET /api/v1/distributors/me/code-plans", ShopHandlers.PLANS_ANSWER),
            entry("POST /api/v1/distributors/me/code-orders", ShopHandlers.PLACED_ANSWER),
            entry("GET /api/v1/distributors/me/code-orders", ShopHandlers.ORDERS_ANSWER),
            entry("GET /api/v1/distributors/me/code-orders/{order_no}", ShopHandlers.ORDER_ANSWER),
            entry("POST /api/v1/distributors/me/code-orders/{order_no}/cancel", ShopHandlers.ORDER_ANSWER),

            entry("POST /api/v1/distributors/me/webhooks", WebhookHandlers.CREATED_ANSWER),
            entry("GET /api/v1/distributors/me/webhooks", WebhookHandlers.ENDPOINTS_ANSWER),
            entry("DELETE /api/v1/distributors/me/webhooks/{id}", NO_CONTENT),
            entry("GET /api/v1/distributors/me/webhooks/{id}/deliveries", WebhookHandlers.DELIVERIES_ANSWER),
            entry("POST /api/v1/distributors/me/webhooks/{id}/deliveries/{delivery_id}/redeliver", WebhookHandlers.REDELIVERED_ANSWER),
            entry("POST /api/v1/admin/webhooks", WebhookHandlers.CREATED_ANSWER),
            entry("GET /api/v1/admin/webhooks", WebhookHandlers.ENDPOINTS_ANSWER),
            entry("DELETE /api/v1/admin/webhooks/{id}", NO_CONTENT),
            entry("GET /api/v1/admin/webhooks/{id}/deliveries", WebhookHandlers.DELIVERIES_ANSWER),
            entry("POST /api/v1/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver", WebhookHandlers.REDELIVERED_ANSWER),

            entry("GET /api/v1/redeem-codes", CodeHandlers.CODES_ANSWER),
            entry("DELETE /api/v1/redeem-codes/batch", CodeHandlers.DELETED_ANSWER),
            entry("PUT /api/v1/redeem-codes/{id}/toggle", CodeHandlers.TOGGLED_ANSWER),
            entry("DELETE /api/v1/redeem-codes/{id}", NO_CONTENT),
            entry("GET /api/v1/redeem-codes/{id}/records", CodeHandlers.RECORDS_ANSWER),

            entry("POST /api/v1/admin/teams", TeamHandlers.TEAM_CREATED_ANSWER),
            entry("GET /api/v1/admin/teams", TeamHandlers.TEAMS_ANSWER),
            entry("PATCH /api/v1/admin/teams/{id}", TeamHandlers.TEAM_ANSWER),
            entry("DELETE /api/v1/admin/teams/{id}", NO_CONTENT),
            entry("GET /api/v1/admin/teams/{id}/external-members", TeamHandlers.EXTERNAL_MEMBERS_ANSWER),
            entry("PUT /api/v1/admin/teams/{id}/credentials", TeamHandlers.TEAM_ANSWER),
            entry("POST /api/v1/admin/team-groups", TeamHandlers.GROUP_CREATED_ANSWER),
            entry("GET /api/v1/admin/team-groups", TeamPoolHandlers.GROUPS_ANSWER),
            entry("POST /api/v1/distributors/{id}/grant-codes", CodeHandlers.ISSUED_ANSWER),
            entry("POST /api/v1/redeem-codes", CodeHandlers.ISSUED_ANSWER),
            entry("GET /api/v1/admin/platform-codes", PlatformCodeHandlers.CODES_ANSWER),
            entry("GET /api/v1/admin/platform-codes/export", ExportHandlers.CSV_ANSWER),
            entry("POST /api/v1/admin/platform-codes/export/links", ExportHandlers.LINK_ANSWER),
            entry("GET /api/v1/admin/invitations", InvitationSearchHandlers.INVITATIONS_ANSWER),
            entry("GET /api/v1/admin/invitations/removal-failures", MemberHandlers.FAILURES_ANSWER),
            entry("POST /api/v1/admin/invitations/{id}/remove", MemberHandlers.REMOVAL_ANSWER),

            entry("GET /api/v1/distributors", DistributorReadHandlers.DISTRIBUTORS_ANSWER),
            entry("GET /api/v1/distributors/{id}/summary", DistributorReadHandlers.SUMMARY_ANSWER),
            entry("GET /api/v1/distributors/{id}/sales", DistributorReadHandlers.SALES_ANSWER),
            entry("GET /api/v1/distributors/{id}/members", DistributorReadHandlers.MEMBERS_ANSWER),
            entry("GET /api/v1/distributors/{id}/sales-trend", DistributorReadHandlers.TREND_ANSWER),
            entry("GET /api/v1/distributors/{id}/statements", SettlementHandlers.STATEMENTS_ANSWER),
            entry("GET /api/v1/distributors/{id}/ledger", SettlementHandlers.LEDGER_ANSWER),
            entry("POST /api/v1/distributors/{id}/ledger/refunds", SettlementHandlers.ENTRY_CREATED_ANSWER),
            entry("POST /api/v1/distributors/{id}/ledger/adjustments", SettlementHandlers.ENTRY_CREATED_ANSWER),
            entry("GET /api/v1/distributors/{id}/settlement/files/{layout}", SettlementHandlers.FILE_ANSWER),
            entry("GET /api/v1/distributors/{id}/unit-price", SettlementHandlers.PRICE_ANSWER),
            entry("PUT /api/v1/distributors/{id}/unit-price", NO_CONTENT),
            entry("GET /api/v1/admin/statements", SettlementHandlers.STATEMENTS_ANSWER),
            entry("POST /api/v1/admin/statements/{id}/confirm", SettlementHandlers.STATEMENT_ANSWER),
            entry("POST /api/v1/admin/statements/{id}/pay", SettlementHandlers.STATEMENT_ANSWER),
            entry("GET /api/v1/admin/settlement/files/{layout}", SettlementHandlers.FILE_ANSWER),
            entry("GET /api/v1/distributors/{id}/exports/{kind}", ExportHandlers.CSV_ANSWER),
            entry("POST /api/v1/distributors/{id}/exports/{kind}/links", ExportHandlers.LINK_ANSWER),
            entry("GET /api/v1/admins/distributors/analytics", DistributorReadHandlers.ANALYTICS_ANSWER),
            entry("GET /api/v1/admins/distributors/{id}/detail", DistributorReadHandlers.DETAIL_ANSWER),
            entry("GET /api/v1/admin/sales-trend", PlatformReadHandlers.TREND_ANSWER),
            entry("GET /api/v1/admin/alerts", AlertHandlers.ALERTS_ANSWER),

            entry("GET /api/v1/admin/orders", ShopHandlers.ORDERS_ANSWER),
            entry("GET /api/v1/admin/orders/stats", ShopHandlers.STATS_ANSWER),
            entry("GET /api/v1/admin/orders/{order_no}", ShopHandlers.ORDER_ANSWER),
            entry("POST /api/v1/admin/orders/{order_no}/retry-fulfilment", ShopHandlers.ORDER_ANSWER),
            entry("POST /api/v1/admin/orders/{order_no}/refund", ShopHandlers.REFUND_ANSWER),
            entry("GET /api/v1/admin/payment-alerts", ShopHandlers.ALERTS_ANSWER),
            entry("POST /api/v1/admin/payment-alerts/{id}/handled", ShopHandlers.ALERT_ANSWER),

            entry("GET /api/v1/admin/code-plans", ShopHandlers.PLANS_ANSWER),
            entry("POST /api/v1/admin/code-plans", ShopHandlers.PLAN_CREATED_ANSWER),
            entry("PUT /api/v1/admin/code-plans/{id}", ShopHandlers.PLAN_ANSWER),
            entry("DELETE /api/v1/admin/code-plans/{id}", NO_CONTENT),

            entry("POST /api/v1/admins/distributors/create", DistributorAdminHandlers.ACCOUNT_CREATED_ANSWER),
            entry("GET /api/v1/admins/pending-distributors", DistributorAdminHandlers.ACCOUNTS_ANSWER),
            entry("POST /api/v1/admins/distributors/{id}/approve", DistributorAdminHandlers.ACCOUNT_ANSWER),
            entry("POST /api/v1/admins/distributors/{id}/reject", DistributorAdminHandlers.ACCOUNT_ANSWER),
            entry("POST /api/v1/admins/distributors/{id}/suspend", DistributorAdminHandlers.ACCOUNT_ANSWER),
            entry("POST /api/v1/admins/distributors/{id}/reactivate", DistributorAdminHandlers.ACCOUNT_ANSWER),
            entry("DELETE /api/v1/admins/distributors/{id}", NO_CONTENT),
            entry("GET /api/v1/admins/custom-hosts", BrandHandlers.CUSTOM_HOSTS_ANSWER),
            entry("POST /api/v1/admins/distributors/{id}/custom-host/verify", BrandHandlers.CUSTOM_HOST_ANSWER),

            entry("GET /api/v1/admins/blocklist", RecipientHandlers.BLOCKS_ANSWER),
            entry("POST /api/v1/admins/blocklist", RecipientHandlers.BLOCK_CREATED_ANSWER),
            entry("DELETE /api/v1/admins/blocklist/{id}", NO_CONTENT),
            entry("POST /api/v1/admins/opt-outs/lift", NO_CONTENT),
            entry("GET /api/v1/admins/opt-outs", OptOutHandlers.OPT_OUTS_ANSWER),

            entry("GET /api/v1/admin/accounts", StaffAccountHandlers.ACCOUNTS_ANSWER),
            entry("POST /api/v1/admin/accounts", StaffAccountHandlers.CREATED_WITH_PASSWORD_ANSWER),
            entry("POST /api/v1/admin/accounts/{id}/disable", StaffAccountHandlers.ACCOUNT_ANSWER),
            entry("POST /api/v1/admin/accounts/{id}/enable", StaffAccountHandlers.ACCOUNT_ANSWER),
            entry("POST /api/v1/admin/accounts/{id}/reset-password", StaffAccountHandlers.WITH_PASSWORD_ANSWER),
            entry("GET /api/v1/admin/audit-log", AuditHandlers.ENTRIES_ANSWER),
            entry("GET /api/v1/admin/settings", SiteHandlers.SETTINGS_ANSWER),
            entry("PUT /api/v1/admin/settings", SiteHandlers.SETTINGS_ANSWER));

    private ApiResponses() {
    }

    /** What the route answers on success; empty for a route nobody declared yet (the document test fails then). */
    static Optional<ResponseShape> of(Route route) {
        return Optional.ofNullable(ANSWERS.get(route.method() + " " + route.path()));
    }
}
