package io.invitehub.adapter.out.persistence.reference;

import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.shared.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans and orders, in fen (the reference's unit) and CNY. LinuxDo plans and orders are priced in
 * LinuxDo credits and are skipped. The codes an order delivered are found as the reference links them:
 * the code's note ({@code 分销商购买-订单:<order_no>}, {@code 在线购买-订单:<order_no>}) or the order's
 * {@code redeem_code}. A paid order whose codes were all delivered is COMPLETED; one the reference left
 * short is FAILED with the count, so staff decide whether to deliver the rest (retry) — the import never
 * generates codes by itself.
 */
final class ShopPlanner {
    private static final Pattern ORDER_NOTE = Pattern.compile("(?:分销商购买|在线购买)-订单[:：]\\s*([0-9A-Za-z]+)");
    private static final Duration ORDER_LIFETIME = Duration.ofMinutes(15);

    private final Planning p;
    private int coupons;

    ShopPlanner(Planning p) {
        this.p = p;
    }

    void plan() {
        linkCodesToOrders();
        planPlans();
        planOrders();
    }

    private void linkCodesToOrders() {
        Map<String, Long> orderByNo = new HashMap<>();
        Map<String, Long> orderByCode = new HashMap<>();
        for (SourceRow order : p.data.orders()) {
            try {
                String no = order.trimmed("order_no");
                if (no != null) {
                    orderByNo.put(no.toUpperCase(java.util.Locale.ROOT), order.id());
                }
                String code = order.trimmed("redeem_code");
                if (code != null) {
                    orderByCode.put(code, order.id());
                }
            } catch (SourceRow.BadValue ignored) {
                // reported with the order
            }
        }
        for (SourceRow code : p.data.codes()) {
            try {
                Long order = null;
                String note = code.trimmed("note");
                if (note != null) {
                    Matcher m = ORDER_NOTE.matcher(note);
                    if (m.find()) {
                        order = orderByNo.get(m.group(1).toUpperCase(java.util.Locale.ROOT));
                    }
                }
                if (order == null && code.text("code") != null) {
                    order = orderByCode.get(code.text("code").strip());
                }
                if (order != null) {
                    p.orderOfCode.put(code.id(), order);
                }
            } catch (SourceRow.BadValue ignored) {
                // reported with the code
            }
        }
    }

    private void planPlans() {
        String table = "plans";
        p.report.read(table, p.data.plans().size());
        p.eachNew(table, p.data.plans(), (id, row) -> {
            String name = row.trimmed("name");
            String type = row.label("plan_type") == null ? "public" : row.label("plan_type");
            String ourType;
            switch (type) {
                case "public": ourType = "PUBLIC"; break;
                case "distributor_codes": ourType = "DISTRIBUTOR_CODES"; break;
                case "linuxdo":
                    p.report.skip(table, id, name, "a LinuxDo plan is priced in LinuxDo credits, not CNY; InviteHub has no LinuxDo shop");
                    return;
                default:
                    p.report.skip(table, id, name, "unknown plan_type '" + type + "'");
                    return;
            }
            Long price = row.integer("price");
            Long original = row.integer("original_price");
            int codeCount = row.integerOr("code_count", 1);
            int codeMaxUses = row.integerOr("code_max_uses", 1);
            int validity = row.integerOr("validity_days", 30);
            String description = row.trimmed("description");
            String problem = name == null || name.length() > PlanSpec.MAX_NAME ? "name is missing or too long"
                    : price == null || price < 0 ? "price is missing or negative"
                    : original != null && original < 0 ? "original_price is negative"
                    : codeCount < 1 || codeCount > PlanSpec.MAX_CODE_COUNT ? "code_count " + codeCount + " is outside 1.." + PlanSpec.MAX_CODE_COUNT
                    : codeMaxUses < 0 || codeMaxUses > PlanSpec.MAX_CODE_USES ? "code_max_uses " + codeMaxUses + " is outside 0.." + PlanSpec.MAX_CODE_USES
                    : validity < 1 || validity > CodeTerms.MAX_VALIDITY_DAYS ? "validity_days " + validity + " is outside 1.." + CodeTerms.MAX_VALIDITY_DAYS
                    : description != null && description.length() > PlanSpec.MAX_DESCRIPTION ? "description is too long"
                    : null;
            if (problem != null) {
                p.report.skip(table, id, name, problem);
                return;
            }
            Instant created = Planning.orElse(row.time("created_at"), p.now);
            p.plan.plans.put(id, new ImportPlan.Plan(id, name, ourType, price, original, codeCount, codeMaxUses, validity,
                    row.boolOr("is_active", true), row.boolOr("is_recommended", false), row.integerOr("sort_order", 0),
                    description, created, Planning.orElse(row.time("updated_at"), created)));
            p.report.imported(table);
        });
        if (p.data.plans().stream().anyMatch(r -> r.trimmed("features") != null || r.trimmed("stock") != null)) {
            p.report.note("plan features, stock and sold_count are not imported (InviteHub plans have none)");
        }
    }

    private void planOrders() {
        String table = "orders";
        p.report.read(table, p.data.orders().size());
        Map<Long, Integer> linked = new HashMap<>();
        p.orderOfCode.values().forEach(o -> linked.merge(o, 1, Integer::sum));
        Set<String> tradeNos = new HashSet<>(p.target.tradeNos);
        p.eachNew(table, p.data.orders(), (id, row) -> {
            String rawNo = row.trimmed("order_no");
            OrderNo orderNo;
            try {
                orderNo = new OrderNo(rawNo);
            } catch (DomainException e) {
                p.report.skip(table, id, rawNo, "order_no is not 14 digits and 8 hex characters");
                return;
            }
            String no = orderNo.value();
            if (p.target.orderNos.contains(no)) {
                p.report.skip(table, id, no, "InviteHub has an order " + no + " already");
                return;
            }
            String type = row.label("order_type") == null ? "public_plan" : row.label("order_type");
            String ourType;
            switch (type) {
                case "public_plan": ourType = "PUBLIC"; break;
                case "distributor_codes": ourType = "DISTRIBUTOR_CODES"; break;
                case "linuxdo":
                    p.report.skip(table, id, no, "a LinuxDo order (paid in LinuxDo credits)");
                    return;
                default:
                    p.report.skip(table, id, no, "unknown order_type '" + type + "'");
                    return;
            }
            Long planRef = row.integer("plan_id");
            if (!p.available("plans", planRef)) {
                p.report.skip(table, id, no, "its plan #" + planRef + " is not imported");
                return;
            }
            Long buyer = row.integer("buyer_user_id");
            if (buyer != null && !p.available("users", buyer)) {
                if (ourType.equals("DISTRIBUTOR_CODES")) {
                    p.report.skip(table, id, no, "its buyer, user #" + buyer + ", is not imported");
                    return;
                }
                p.report.adjust(table, id, no, "buyer user #" + buyer + " is not imported; kept by e-mail only");
                buyer = null;
            }
            String email = Planning.email(row.trimmed("email")).orElse(null);
            if (buyer == null && email == null) {
                p.report.skip(table, id, no, "neither an imported buyer nor a valid e-mail");
                return;
            }
            int quantity = row.integerOr("quantity", 1);
            Long amount = row.integer("amount");
            Long finalAmount = row.integer("final_amount");
            if (quantity < 1 || amount == null || amount < 0 || (finalAmount != null && finalAmount < 0)) {
                p.report.skip(table, id, no, "quantity below 1, or a missing or negative amount");
                return;
            }
            if (row.integer("discount_amount") != null && row.integer("discount_amount") > 0 || row.trimmed("coupon_code") != null) {
                coupons++;
            }
            Instant created = Planning.orElse(row.time("created_at"), p.now);
            Instant expireAt = Planning.orElse(row.time("expire_at"), created.plus(ORDER_LIFETIME));
            String status = row.label("status") == null ? "pending" : row.label("status");
            String ourStatus;
            switch (status) {
                case "pending":
                    ourStatus = expireAt.isBefore(p.now) ? "EXPIRED" : "PENDING";
                    break;
                case "paid": ourStatus = "PAID"; break;
                case "expired": ourStatus = "EXPIRED"; break;
                case "refunded": ourStatus = "REFUNDED"; break;
                case "cancelled": ourStatus = "CANCELLED"; break;
                default:
                    p.report.skip(table, id, no, "unknown status '" + status + "'");
                    return;
            }
            String payType = row.trimmed("pay_type");
            if (payType != null) {
                try {
                    payType = PayType.of(payType).value();
                } catch (DomainException e) {
                    p.report.adjust(table, id, no, "pay_type is not a gateway channel name; dropped");
                    payType = null;
                }
            }
            boolean paid = ourStatus.equals("PAID") || ourStatus.equals("REFUNDED");
            String tradeNo = row.trimmed("trade_no");
            if (tradeNo != null && !tradeNos.add(tradeNo)) {
                p.report.adjust(table, id, no, "trade_no is used by another order already (the reference does not forbid it)"
                        + (paid ? "; imported as reference:" + no : "; dropped"));
                tradeNo = null;
            }
            Instant paidAt = row.time("paid_at");
            if (paid && tradeNo == null) {
                if (row.trimmed("trade_no") == null) {
                    p.report.adjust(table, id, no, "paid without a trade_no; imported with trade_no reference:" + no);
                }
                tradeNo = "reference:" + no;
                tradeNos.add(tradeNo);
            }
            if (paid && paidAt == null) {
                p.report.adjust(table, id, no, "paid without paid_at; paid_at set to created_at");
                paidAt = created;
            }
            ImportPlan.Plan plan = p.plan.plans.get(planRef);
            int codeCount = plan != null ? plan.codeCount() : 1;
            int codeMaxUses = plan != null ? plan.codeMaxUses() : 1;
            int validity = plan != null ? plan.validityDays() : 30;
            int delivered = Math.max(row.integerOr("delivered_count", 0), linked.getOrDefault(id, 0));
            int total = ourType.equals("PUBLIC") ? Math.max(1, delivered) : Math.max(codeCount * quantity, delivered);
            String fulfilment = "PENDING";
            String fulfilmentError = null;
            Instant fulfilledAt = null;
            if (ourStatus.equals("PAID")) {
                if (delivered >= total) {
                    fulfilment = "COMPLETED";
                    fulfilledAt = Planning.orElse(row.time("delivered_at"), paidAt);
                } else {
                    fulfilment = "FAILED";
                    fulfilmentError = "imported: the reference delivered " + delivered + " of " + total
                            + " codes; retry the fulfilment to deliver the rest";
                    p.report.adjust(table, id, no, "paid but " + delivered + " of " + total
                            + " codes delivered: fulfilment FAILED, for staff to retry");
                }
            }
            p.plan.orders.put(id, new ImportPlan.Order(id, no, ourType, planRef, buyer, email, quantity, amount,
                    finalAmount == null ? amount : finalAmount, ourStatus, payType, tradeNo, expireAt, paidAt, fulfilment,
                    delivered, fulfilmentError, total, codeMaxUses, validity, fulfilledAt, created));
            p.report.imported(table);
        });
        if (coupons > 0) {
            p.report.note(coupons + " order(s) used a coupon: amounts are kept, the coupon itself is not imported");
        }
    }
}
