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
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Distributor statistics from the rollup tables of V3 (maintained by triggers, ADR 10). A summary is
 * one statement (one snapshot): the distributor's stripes of {@code distributor_stats}, its expiry
 * buckets before now (one per batch expiry instant, the past folded by {@link #compactExpiry}), and at
 * most 37 days of {@code distributor_stats_daily}.
 */
final class JooqDistributorStatistics implements DistributorStatistics {
    /** Package-private for {@code SummaryRowsTest}, which reads its plan. */
    static final String SUMMARY = ""
            + "with t as (select s.time_zone tz, (cast(? as timestamptz) at time zone s.time_zone)::date today"
            + "           from statistics_settings s where s.id = 1),"
            + " p as (select tz, today, today - (extract(isodow from today)::int - 1) week_start,"
            + "              date_trunc('month', today)::date month_start from t)"
            + " select p.tz, p.today, a.*, e.*, dd.*, u.unit_price_minor"
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
        Money price = ownPrice == null ? defaultUnitPrice : Money.ofMinor(ownPrice, defaultUnitPrice.currency());
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
        String key;
        switch (sort) {
            case ID: key = "u.id"; break;
            case TOTAL_CODES: key = "coalesce(a.codes, 0)"; break;
            case REDEEM_ATTEMPTS: key = "coalesce(a.uses_taken, 0)"; break;
            case INVITES_ACCEPTED: key = "coalesce(a.invites_accepted, 0)"; break;
            case MEMBERS_ACTIVE: key = "coalesce(a.members_active, 0)"; break;
            default: key = "coalesce(a.invites_accepted, 0) * coalesce(u.unit_price_minor, ?)"; break;
        }
        List<Object> binds = new ArrayList<>();
        if (sort == DistributorSort.REVENUE) {
            binds.add(defaultUnitPrice.minorUnits());
        }
        StringBuilder sql = new StringBuilder("select * from (select u.id, u.username, u.approval, ").append(key).append("::bigint k")
                .append(" from users u left join (select distributor_id, sum(codes) codes, sum(uses_taken) uses_taken,")
                .append(" sum(invites_accepted) invites_accepted, sum(members_active) members_active")
                .append(" from distributor_stats group by distributor_id) a on a.distributor_id = u.id")
                .append(" where u.role = 'DISTRIBUTOR'");
        if (approval.isPresent()) {
            sql.append(" and u.approval = ?");
            binds.add(approval.get().name());
        }
        sql.append(") x");
        if (after.isPresent()) {
            sql.append(" where (x.k, x.id) < (?, ?)");
            binds.add(after.get().sortValue());
            binds.add(after.get().id());
        }
        sql.append(" order by x.k desc, x.id desc limit ?");
        binds.add(limit);
        return dsl.fetch(sql.toString(), binds.toArray()).map(r -> new DistributorRank(new UserId(r.get("id", Long.class)),
                r.get("username", String.class),
                Optional.ofNullable(r.get("approval", String.class)).map(Approval::valueOf), r.get("k", Long.class)));
    }
}
