package io.invitehub.adapter.out.persistence.reference;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.domain.team.TeamGroupId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.ORDERS;
import static io.invitehub.adapter.out.persistence.generated.Tables.PLANS;
import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_EXTERNAL_MEMBERS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_GROUPS;
import static io.invitehub.adapter.out.persistence.generated.Tables.USERS;

/**
 * Writes a plan, one transaction per table batch, each with its rows' entries in
 * {@code reference_import_ids}: a failure rolls back that batch only, and a second run continues after
 * the batches that committed. The invitations, the uses and seats they hold and the external members are
 * one batch (their counters are invariants of one another). Statistics are kept by the triggers of V3/V10
 * as rows are inserted, exactly as for the service's own writes (ADR 10); at the end the past days'
 * stripes and past expiry buckets are folded, as the hourly maintenance does (ADR 23).
 */
final class ImportWriter {
    private static final int CHUNK = 1000;

    private final JooqPersistence persistence;
    private final DSLContext dsl;
    private final ImportPlan plan;
    private final ImportIds ids;
    private final Instant now;

    ImportWriter(JooqPersistence persistence, Planning planning) {
        this.persistence = persistence;
        this.dsl = persistence.dsl();
        this.plan = planning.plan;
        this.ids = planning.ids;
        this.now = planning.now;
    }

    /** Writes nothing at all when the plan is empty (a repeated run). */
    void write(String source, String summary) {
        if (plan.users.isEmpty() && plan.groups.isEmpty() && plan.teams.isEmpty() && plan.plans.isEmpty()
                && plan.orders.isEmpty() && plan.codes.isEmpty() && plan.invitations.isEmpty() && plan.externals.isEmpty()) {
            return;
        }
        persistence.transactions().inTransaction(this::users);
        persistence.transactions().inTransaction(this::groups);
        persistence.transactions().inTransaction(this::teams);
        persistence.transactions().inTransaction(this::plans);
        persistence.transactions().inTransaction(this::orders);
        persistence.transactions().inTransaction(this::codes);
        persistence.transactions().inTransaction(this::invitations);
        persistence.transactions().inTransaction(() -> {
            dsl.execute("select statistics_compact_daily(statistics_day(cast(? as timestamptz)))", at(now));
            dsl.execute("select statistics_compact_expiry(cast(? as timestamptz))", at(now));
            dsl.execute("insert into audit_log (actor_role, action, target_type, target_id, details, created_at) values"
                    + " ('SYSTEM', 'REFERENCE_IMPORT', 'DATABASE', ?, ?, cast(? as timestamptz))", source, summary, at(now));
        });
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private void users() {
        for (ImportPlan.User u : plan.users.values()) {
            long id = dsl.insertInto(USERS)
                    .set(USERS.USERNAME, u.username())
                    .set(USERS.EMAIL, u.email())
                    .set(USERS.PASSWORD_HASH, u.passwordHash())
                    .set(USERS.ROLE, u.role())
                    .set(USERS.APPROVAL, u.approval())
                    .set(USERS.CREATED_AT, at(u.createdAt()))
                    .set(USERS.UPDATED_AT, at(u.updatedAt()))
                    .returning(USERS.ID).fetchSingle().getId();
            ids.record(dsl, "users", u.ref(), id);
        }
    }

    private void groups() {
        for (ImportPlan.Group g : plan.groups.values()) {
            long id = g.existingId() != null ? g.existingId() : dsl.insertInto(TEAM_GROUPS)
                    .set(TEAM_GROUPS.NAME, g.name())
                    .set(TEAM_GROUPS.CREATED_AT, at(g.createdAt()))
                    .returning(TEAM_GROUPS.ID).fetchSingle().getId();
            ids.record(dsl, "team_groups", g.ref(), id);
        }
    }

    /** Created through {@code Teams.create}, which seals the credentials as the service does (ADR 16). */
    private void teams() {
        for (ImportPlan.Team t : plan.teams.values()) {
            long id;
            if (t.existingId() != null) {
                id = t.existingId();
            } else if (t.sameAsRef() != null) {
                id = ids.target("teams", t.sameAsRef());
            } else {
                Optional<TeamGroupId> group = Optional.ofNullable(ids.target("team_groups", t.groupRef())).map(TeamGroupId::new);
                id = persistence.teams().create(new NewTeam(t.name(), t.accountId(), t.credentials(), t.maxSeats(), group))
                        .id().value();
                dsl.update(TEAMS)
                        .set(TEAMS.STATUS, t.status())
                        .set(TEAMS.CREATED_AT, at(t.createdAt()))
                        .set(TEAMS.UPDATED_AT, at(t.updatedAt()))
                        .where(TEAMS.ID.eq(id))
                        .execute();
            }
            ids.record(dsl, "teams", t.ref(), id);
        }
    }

    private void plans() {
        for (ImportPlan.Plan pl : plan.plans.values()) {
            long id = dsl.insertInto(PLANS)
                    .set(PLANS.NAME, pl.name())
                    .set(PLANS.PLAN_TYPE, pl.type())
                    .set(PLANS.PRICE_MINOR, pl.price())
                    .set(PLANS.ORIGINAL_PRICE_MINOR, pl.originalPrice())
                    .set(PLANS.CURRENCY, "CNY")
                    .set(PLANS.CODE_COUNT, pl.codeCount())
                    .set(PLANS.CODE_MAX_USES, pl.codeMaxUses())
                    .set(PLANS.VALIDITY_DAYS, pl.validityDays())
                    .set(PLANS.ACTIVE, pl.active())
                    .set(PLANS.RECOMMENDED, pl.recommended())
                    .set(PLANS.SORT_ORDER, pl.sortOrder())
                    .set(PLANS.DESCRIPTION, pl.description())
                    .set(PLANS.CREATED_AT, at(pl.createdAt()))
                    .set(PLANS.UPDATED_AT, at(pl.updatedAt()))
                    .returning(PLANS.ID).fetchSingle().getId();
            ids.record(dsl, "plans", pl.ref(), id);
        }
    }

    private void orders() {
        for (ImportPlan.Order o : plan.orders.values()) {
            long id = dsl.insertInto(ORDERS)
                    .set(ORDERS.ORDER_NO, o.orderNo())
                    .set(ORDERS.ORDER_TYPE, o.type())
                    .set(ORDERS.PLAN_ID, ids.target("plans", o.planRef()))
                    .set(ORDERS.BUYER_ID, ids.target("users", o.buyerRef()))
                    .set(ORDERS.EMAIL, o.email())
                    .set(ORDERS.QUANTITY, o.quantity())
                    .set(ORDERS.AMOUNT_MINOR, o.amount())
                    .set(ORDERS.FINAL_AMOUNT_MINOR, o.finalAmount())
                    .set(ORDERS.CURRENCY, "CNY")
                    .set(ORDERS.STATUS, o.status())
                    .set(ORDERS.PAY_TYPE, o.payType())
                    .set(ORDERS.TRADE_NO, o.tradeNo())
                    .set(ORDERS.EXPIRE_AT, at(o.expireAt()))
                    .set(ORDERS.PAID_AT, at(o.paidAt()))
                    .set(ORDERS.FULFILLMENT_STATUS, o.fulfilment())
                    .set(ORDERS.DELIVERED_COUNT, o.delivered())
                    .set(ORDERS.FULFILLMENT_ERROR, o.fulfilmentError())
                    .set(ORDERS.CODES_TOTAL, o.codesTotal())
                    .set(ORDERS.CODE_MAX_USES, o.codeMaxUses())
                    .set(ORDERS.CODE_VALIDITY_DAYS, o.codeValidityDays())
                    .set(ORDERS.FULFILLED_AT, at(o.fulfilledAt()))
                    .set(ORDERS.CREATED_AT, at(o.createdAt()))
                    .set(ORDERS.UPDATED_AT, at(o.createdAt()))
                    .returning(ORDERS.ID).fetchSingle().getId();
            ids.record(dsl, "orders", o.ref(), id);
        }
    }

    /** Multi-row inserts of up to {@value #CHUNK} codes; the statement trigger counts each insert once (ADR 22). */
    private void codes() {
        List<ImportPlan.Code> all = new ArrayList<>(plan.codes.values());
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<ImportPlan.Code> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            var insert = dsl.insertInto(REDEEM_CODES, REDEEM_CODES.CODE, REDEEM_CODES.LEGACY, REDEEM_CODES.OWNER_ID,
                    REDEEM_CODES.ORDER_ID, REDEEM_CODES.GROUP_ID, REDEEM_CODES.MAX_USES, REDEEM_CODES.USED_COUNT,
                    REDEEM_CODES.EXPIRES_AT, REDEEM_CODES.VALIDITY_DAYS, REDEEM_CODES.BOUND_EMAIL, REDEEM_CODES.ACTIVATED_AT,
                    REDEEM_CODES.MEMBER_EXPIRES_AT, REDEEM_CODES.REBIND_COUNT, REDEEM_CODES.REBIND_LIMIT, REDEEM_CODES.ACTIVE,
                    REDEEM_CODES.NOTE, REDEEM_CODES.CREATED_AT, REDEEM_CODES.UPDATED_AT);
            Map<String, Long> refs = new HashMap<>();
            for (ImportPlan.Code c : chunk) {
                refs.put(c.code(), c.ref());
                insert = insert.values(DSL.val(c.code()), DSL.val(true), DSL.val(ids.target("users", c.ownerRef())),
                        DSL.val(ids.target("orders", c.orderRef())), DSL.val(ids.target("team_groups", c.groupRef())),
                        DSL.val(c.maxUses()), DSL.val(0), DSL.val(at(c.expiresAt())), DSL.val(c.validityDays()),
                        DSL.val(c.boundEmail()), DSL.val(at(c.activatedAt())), DSL.val(at(c.memberExpiresAt())),
                        DSL.val(c.rebindCount()), DSL.val(c.rebindLimit()), DSL.val(c.active()), DSL.val(c.note()),
                        DSL.val(at(c.createdAt())), DSL.val(at(c.createdAt())));
            }
            Map<Long, Long> written = new HashMap<>();
            insert.returning(REDEEM_CODES.ID, REDEEM_CODES.CODE).fetch()
                    .forEach(r -> written.put(refs.get(r.getCode()), r.getId()));
            recordAll("redeem_codes", written);
        }
    }

    private void invitations() {
        Map<Long, Long[]> codeFacts = codeFacts();
        List<ImportPlan.Invitation> all = plan.invitations;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<ImportPlan.Invitation> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<Field<?>> columns = List.of(INVITATIONS.PUBLIC_ID, INVITATIONS.CODE_ID, INVITATIONS.DISTRIBUTOR_ID,
                    INVITATIONS.TEAM_ID, INVITATIONS.EMAIL, INVITATIONS.STATE, INVITATIONS.IS_REBIND, INVITATIONS.HOLDS_USE,
                    INVITATIONS.QUEUE_SEQ, INVITATIONS.QUEUE_GROUP_ID, INVITATIONS.NEXT_ATTEMPT_AT, INVITATIONS.LAST_ERROR,
                    INVITATIONS.END_REASON, INVITATIONS.CREATED_AT, INVITATIONS.INVITED_AT, INVITATIONS.ACCEPTED_AT,
                    INVITATIONS.ENDED_AT, INVITATIONS.UPDATED_AT, INVITATIONS.REMOVAL_FAILED);
            var insert = dsl.insertInto(INVITATIONS).columns(columns);
            Map<UUID, ImportPlan.Invitation> byPublicId = new HashMap<>();
            for (ImportPlan.Invitation i : chunk) {
                UUID publicId = UUID.randomUUID();
                byPublicId.put(publicId, i);
                Long[] code = codeFacts.get(ids.target("redeem_codes", i.codeRef()));
                boolean waiting = i.state().equals("WAITING");
                insert = insert.values(List.of(DSL.val(publicId), DSL.val(code[0]), DSL.val(code[1], Long.class),
                        DSL.val(i.teamRef() == null ? null : ids.target("teams", i.teamRef()), Long.class),
                        DSL.val(i.email()), DSL.val(i.state()), DSL.val(i.rebind()), DSL.val(i.holdsUse()),
                        waiting ? DSL.field("nextval('invitation_queue_seq')", Long.class) : DSL.val(null, Long.class),
                        DSL.val(waiting ? code[2] : null, Long.class),
                        DSL.val(i.state().equals("RESERVED") ? at(now) : null, OffsetDateTime.class),
                        DSL.val(i.lastError()), DSL.val(i.endReason()), DSL.val(at(i.createdAt())),
                        DSL.val(at(i.invitedAt()), OffsetDateTime.class), DSL.val(at(i.acceptedAt()), OffsetDateTime.class),
                        DSL.val(at(i.endedAt()), OffsetDateTime.class), DSL.val(at(now)), DSL.val(i.removalFailed())));
            }
            Map<String, Map<Long, Long>> written = new HashMap<>();
            insert.returning(INVITATIONS.ID, INVITATIONS.PUBLIC_ID).fetch().forEach(r -> {
                ImportPlan.Invitation i = byPublicId.get(r.getPublicId());
                written.computeIfAbsent(i.source(), s -> new HashMap<>()).put(i.ref(), r.getId());
            });
            written.forEach(this::recordAll);
        }
        takeUses();
        takeSeats();
        externals();
    }

    /** code id → {code id, owner id, group id} of the codes the new invitations belong to. */
    private Map<Long, Long[]> codeFacts() {
        List<Long> codeIds = plan.invitations.stream().map(i -> ids.target("redeem_codes", i.codeRef())).distinct().toList();
        Map<Long, Long[]> facts = new HashMap<>();
        for (int from = 0; from < codeIds.size(); from += 10_000) {
            Long[] chunk = codeIds.subList(from, Math.min(codeIds.size(), from + 10_000)).toArray(new Long[0]);
            dsl.select(REDEEM_CODES.ID, REDEEM_CODES.OWNER_ID, REDEEM_CODES.GROUP_ID).from(REDEEM_CODES)
                    .where(REDEEM_CODES.ID.eq(DSL.any(chunk)))
                    .forEach(r -> facts.put(r.value1(), new Long[] {r.value1(), r.value2(), r.value3()}));
        }
        return facts;
    }

    /** Adds the uses the new invitations hold; never past max_uses (the V1 check), as reported in the plan. */
    private void takeUses() {
        List<Long> codeIds = new ArrayList<>();
        List<Integer> uses = new ArrayList<>();
        plan.usesTaken.forEach((ref, n) -> {
            codeIds.add(ids.target("redeem_codes", ref));
            uses.add(n);
        });
        if (codeIds.isEmpty()) {
            return;
        }
        dsl.execute("update redeem_codes c set used_count = case when c.max_uses = 0 then c.used_count + u.n"
                        + " else least(c.used_count + u.n, c.max_uses) end, updated_at = now()"
                        + " from unnest(?::bigint[], ?::int[]) u(id, n) where c.id = u.id",
                codeIds.toArray(new Long[0]), uses.toArray(new Integer[0]));
    }

    /** Adds the seats the new live invitations hold; max_seats rises where the reference had more members. */
    private void takeSeats() {
        Map<Long, Integer> byTeam = new HashMap<>();
        plan.seatsTaken.forEach((ref, n) -> byTeam.merge(ids.target("teams", ref), n, Integer::sum));
        byTeam.forEach((team, n) -> dsl.update(TEAMS)
                .set(TEAMS.MAX_SEATS, DSL.greatest(TEAMS.MAX_SEATS, TEAMS.SEATS_RESERVED.plus(n)))
                .set(TEAMS.SEATS_RESERVED, TEAMS.SEATS_RESERVED.plus(n))
                .set(TEAMS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(TEAMS.ID.eq(team))
                .execute());
    }

    private void externals() {
        Map<Long, Integer> added = new HashMap<>();
        for (ImportPlan.External e : plan.externals) {
            long team = ids.target("teams", e.teamRef());
            int inserted = dsl.insertInto(TEAM_EXTERNAL_MEMBERS)
                    .set(TEAM_EXTERNAL_MEMBERS.TEAM_ID, team)
                    .set(TEAM_EXTERNAL_MEMBERS.EMAIL, e.email())
                    .set(TEAM_EXTERNAL_MEMBERS.PROVIDER_USER_ID, e.providerUserId())
                    .set(TEAM_EXTERNAL_MEMBERS.ROLE, e.role())
                    .set(TEAM_EXTERNAL_MEMBERS.JOINED_AT, at(e.joinedAt()))
                    .set(TEAM_EXTERNAL_MEMBERS.FIRST_SEEN_AT, at(e.firstSeenAt()))
                    .onConflictDoNothing()
                    .execute();
            added.merge(team, inserted, Integer::sum);
        }
        added.forEach((team, n) -> dsl.update(TEAMS).set(TEAMS.EXTERNAL_SEATS, TEAMS.EXTERNAL_SEATS.plus(n))
                .where(TEAMS.ID.eq(team)).execute());
    }

    private void recordAll(String table, Map<Long, Long> written) {
        if (written.isEmpty()) {
            return;
        }
        Long[] refs = written.keySet().toArray(new Long[0]);
        Long[] targets = new Long[refs.length];
        for (int i = 0; i < refs.length; i++) {
            targets[i] = written.get(refs[i]);
            ids.put(table, refs[i], targets[i]);
        }
        dsl.execute("insert into reference_import_ids (source_table, source_id, target_id)"
                + " select ?, r, t from unnest(?::bigint[], ?::bigint[]) x(r, t)", table, refs, targets);
    }
}
