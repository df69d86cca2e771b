package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.distributors.port.out.RankKey;
import io.invitehub.application.distributors.view.DistributorRank;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;
import io.invitehub.adapter.out.persistence.generated.tables.DistributorStats;
import io.invitehub.adapter.out.persistence.generated.tables.Users;
import io.invitehub.domain.user.Role;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.DISTRIBUTOR_STATS;
import static io.invitehub.adapter.out.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

/**
 * Distributor statistics from the rollup tables of V3 (maintained by triggers, ADR 10). A summary is
 * one statement (one snapshot): the distributor's stripes of {@code distributor_stats}, its expiry
 * buckets before now (one per batch expiry instant, the past folded by {@link #compactExpiry}), and at
 * most 37 days of {@code distributor_stats_daily}, with the distributor's own unit price and the platform's default
 * (ADR 84: no round trip of its own for the price).
 */
final class JooqDistributorStatistics implements DistributorStatistics {
    /** Package-private for {@code SummaryRowsTest}, which reads its plan. */
    static final String SUMMARY = ""
            + "with t as (select s.time_zone tz, (cast(? as timestamptz) at time zone s.time_zone)::date today"
            + "           from statistics_settings s where s.id = 1),"
            + " p as (select tz, today, today - (extract(isodow from today)::int - 1) week_start,"
            + "              date_trunc('month', today)::date month_start from t)"
            + " select p.tz, p.today, a.*, e.*, dd.*, u.unit_price_minor,"
            // the platform's default unit price as stored now (ADR 51), in this statement rather than a round trip of its own (ADR 84)
            + "        (select ps.default_unit_price_minor from platform_settings ps where ps.id = 1) platform_unit_price_minor"
            + " from p"
            + " cross join lateral (select coalesce(sum(codes), 0) codes, coalesce(sum(enabled_codes), 0) enabled_codes,"
            + "        coalesce(sum(enabled_depleted), 0) enabled_depleted, coalesce(sum(uses_taken), 0) uses_taken,"
            + "        coalesce(sum(invites_sent), 0) invites_sent, coalesce(sum(invites_accepted), 0) invites_accepted,"
            + "        coalesce(sum(members_active), 0) members_active, coalesce(sum(members_removed), 0) members_removed"
            + "        from distributor_stats where distributor_id = ?) a"
            + " cross join lateral (select coalesce(sum(enabled_codes), 0) expired, coalesce(sum(enabled_depleted), 0) expired_depleted"
            + "        from distributor_code_expiry where distributor_id = ? and expires_at < cast(? as timestamptz)) e"
            + " cross join lateral (select"
            + "        coalesce(sum(redeemed) filter (where day = p.today), 0) d_redeemed,"
            + "        coalesce(sum(invited) filter (where day = p.today), 0) d_invited,"
            + "        coalesce(sum(accepted) filter (where day = p.today), 0) d_accepted,"
            + "        coalesce(sum(removed) filter (where day = p.today), 0) d_removed,"
            + "        coalesce(sum(redeemed) filter (where day >= p.week_start), 0) w_redeemed,"
            + "        coalesce(sum(invited) filter (where day >= p.week_start), 0) w_invited,"
            + "        coalesce(sum(accepted) filter (where day >= p.week_start), 0) w_accepted,"
            + "        coalesce(sum(removed) filter (where day >= p.week_start), 0) w_removed,"
            + "        coalesce(sum(redeemed) filter (where day >= p.month_start), 0) m_redeemed,"
            + "        coalesce(sum(invited) filter (where day >= p.month_start), 0) m_invited,"
            + "        coalesce(sum(accepted) filter (where day >= p.month_start), 0) m_accepted,"
            + "        coalesce(sum(removed) filter (where day >= p.month_start), 0) m_removed"
            + "        from distributor_stats_daily where distributor_id = ?"
            + "        and day >= least(p.week_start, p.month_start) and day <= p.today) dd"
            + " left join users u on u.id = ?";

    private static final String TREND = ""
            + "with t as (select (cast(? as timestamptz) at time zone s.time_zone)::date today from statistics_settings s where s.id = 1)"
            + " select g.day::date as day, coalesce(sum(d.redeemed), 0) redeemed, coalesce(sum(d.invited), 0) invited,"
            + "        coalesce(sum(d.accepted), 0) accepted, coalesce(sum(d.removed), 0) removed"
            + " from t cross join generate_series(t.today - (? - 1), t.today, interval '1 day') g(day)"
            + " left join distributor_stats_daily d on d.distributor_id = ? and d.day = g.day::date"
            + " group by g.day order by g.day";

    private static final String PLANS = ""
            + "select p.id, p.name, sum(s.codes) codes, sum(s.redeemed_codes) redeemed, sum(s.accepted) accepted"
            + " from distributor_plan_stats s join plans p on p.id = s.plan_id where s.distributor_id = ?"
            + " group by p.id, p.name having sum(s.codes) <> 0 or sum(s.accepted) <> 0"
            + " order by sum(s.accepted) desc, sum(s.codes) desc, p.id";

    private final DSLContext dsl;

    JooqDistributorStatistics(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public ZoneId businessTimeZone() {
        return ZoneId.of(dsl.fetchSingle("select time_zone from statistics_settings where id = 1").get(0, String.class));
    }

    @Override
    public boolean useBusinessTimeZone(ZoneId zone) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            String current = tx.fetchSingle("select time_zone from statistics_settings where id = 1 for update").get(0, String.class);
            if (zone.getId().equals(current)) {
                return false;
            }
            // PostgreSQL must know the zone; an unknown name fails here, before anything changes
            tx.execute("select now() at time zone ?", zone.getId());
            // keep writers of the base tables out while the rollups are rebuilt in the new zone
            tx.execute("lock table redeem_codes, invitations in share mode");
            tx.execute("update statistics_settings set time_zone = ? where id = 1", zone.getId());
            tx.execute("select statistics_rebuild()");
            return true;
        });
    }

    @Override
    public DistributorSummary summary(UserId distributor, Instant now, Money defaultUnitPrice) {
        long d = distributor.value();
        Record r = dsl.fetchSingle(SUMMARY, Rows.at(now), d, d, Rows.at(now), d, d);
        long total = r.get("codes", Long.class);
        long enabled = r.get("enabled_codes", Long.class);
        long enabledDepleted = r.get("enabled_depleted", Long.class);
        long expired = r.get("expired", Long.class);
        long expiredDepleted = r.get("expired_depleted", Long.class);
        long depleted = enabledDepleted - expiredDepleted;
        long accepted = r.get("invites_accepted", Long.class);
        Long ownPrice = r.get("unit_price_minor", Long.class);
        Long platformPrice = r.get("platform_unit_price_minor", Long.class);
        Money price = ownPrice != null ? Money.ofMinor(ownPrice, defaultUnitPrice.currency())
                : platformPrice != null ? Money.ofMinor(platformPrice, defaultUnitPrice.currency())
                : defaultUnitPrice;
        return new DistributorSummary(distributor, r.get("today", LocalDate.class), ZoneId.of(r.get("tz", String.class)),
                total, enabled - expired - depleted, depleted, expired, total - enabled,
                r.get("uses_taken", Long.class), r.get("invites_sent", Long.class), accepted,
                r.get("members_active", Long.class), r.get("members_removed", Long.class), price, price.times(accepted),
                period(r, "d_"), period(r, "w_"), period(r, "m_"));
    }

    private static PeriodCounts period(Record r, String prefix) {
        return new PeriodCounts(r.get(prefix + "redeemed", Long.class), r.get(prefix + "invited", Long.class),
                r.get(prefix + "accepted", Long.class), r.get(prefix + "removed", Long.class));
    }

    @Override
    public long compactExpiry(Instant before) {
        Object folded = dsl.fetchValue("select statistics_compact_expiry(cast(? as timestamptz))", Rows.at(before));
        return folded == null ? 0 : ((Number) folded).longValue();
    }

    @Override
    public long compactDays(Instant before) {
        Object folded = dsl.fetchValue("select statistics_compact_daily(statistics_day(cast(? as timestamptz)))", Rows.at(before));
        return folded == null ? 0 : ((Number) folded).longValue();
    }

    @Override
    public List<TrendDay> trend(UserId distributor, Instant now, int days) {
        return dsl.fetch(TREND, Rows.at(now), days, distributor.value()).map(r -> new TrendDay(r.get("day", LocalDate.class),
                r.get("redeemed", Long.class), r.get("invited", Long.class), r.get("accepted", Long.class),
                r.get("removed", Long.class)));
    }

    @Override
    public List<PlanRanking> planRanking(UserId distributor) {
        return dsl.fetch(PLANS, distributor.value()).map(r -> new PlanRanking(r.get("id", Long.class), r.get("name", String.class),
                r.get("codes", Long.class), r.get("redeemed", Long.class), r.get("accepted", Long.class)));
    }

    @Override
    public List<DistributorRank> rankDistributors(DistributorSort sort, Optional<Approval> approval, Optional<RankKey> after, int limit,
                                                  Money defaultUnitPrice) {
        // one row per distributor: its stripes summed, then users left-joined (a distributor without codes ranks at 0)
        DistributorStats s = DISTRIBUTOR_STATS;
        Table<?> a = select(s.DISTRIBUTOR_ID, sum(s.CODES).as("codes"), sum(s.USES_TAKEN).as("uses_taken"),
                sum(s.INVITES_ACCEPTED).as("invites_accepted"), sum(s.MEMBERS_ACTIVE).as("members_active"))
                .from(s).groupBy(s.DISTRIBUTOR_ID).asTable("a");
        Users u = USERS.as("u");
        Field<Long> key = sortKey(sort, a, u, defaultUnitPrice).cast(SQLDataType.BIGINT).as("k");
        Table<?> x = select(u.ID, u.USERNAME, u.APPROVAL, key)
                .from(u).leftJoin(a).on(a.field(s.DISTRIBUTOR_ID).eq(u.ID))
                .where(u.ROLE.eq(inline(Role.DISTRIBUTOR.name())))
                .and(approval.map(ap -> u.APPROVAL.eq(inline(ap.name()))).orElse(noCondition()))
                .asTable("x");
        Field<Long> k = x.field(key);
        Field<Long> id = x.field(u.ID);
        return dsl.select(id, x.field(u.USERNAME), x.field(u.APPROVAL), k).from(x)
                .where(after.map(r -> row(k, id).lt(r.sortValue(), r.id())).orElse(noCondition()))
                .orderBy(k.desc(), id.desc())
                .limit(limit)
                .fetch(r -> new DistributorRank(new UserId(r.value1()), r.value2(), Optional.ofNullable(r.value3()).map(Approval::valueOf),
                        r.value4()));
    }

    /** What a distributor ranks by: its id, or one of its sums (0 without rollups); revenue at its own unit price or the default. */
    private static Field<? extends Number> sortKey(DistributorSort sort, Table<?> a, Users u, Money defaultUnitPrice) {
        switch (sort) {
            case ID:
                return u.ID;
            case TOTAL_CODES:
                return coalesce(a.field("codes", BigDecimal.class), BigDecimal.ZERO);
            case REDEEM_ATTEMPTS:
                return coalesce(a.field("uses_taken", BigDecimal.class), BigDecimal.ZERO);
            case INVITES_ACCEPTED:
                return coalesce(a.field("invites_accepted", BigDecimal.class), BigDecimal.ZERO);
            case MEMBERS_ACTIVE:
                return coalesce(a.field("members_active", BigDecimal.class), BigDecimal.ZERO);
            default:
                return coalesce(a.field("invites_accepted", BigDecimal.class), BigDecimal.ZERO)
                        .times(coalesce(u.UNIT_PRICE_MINOR, val(defaultUnitPrice.minorUnits())));
        }
    }
}
