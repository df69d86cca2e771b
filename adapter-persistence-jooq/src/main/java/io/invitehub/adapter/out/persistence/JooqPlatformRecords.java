package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.port.out.PlatformRecords;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record10;
import org.jooq.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

/**
 * The platform-wide reads of the staff console. The trend sums the daily rollups of every distributor (one row
 * per distributor and active day in the window: an admin page, like the analytics); platform codes come from the
 * partial index redeem_codes_platform_idx.
 */
final class JooqPlatformRecords implements PlatformRecords {
    private static final String TREND = ""
            + "with t as (select (cast(? as timestamptz) at time zone s.time_zone)::date today from statistics_settings s where s.id = 1)"
            + " select g.day::date as day, coalesce(sum(d.redeemed), 0) redeemed, coalesce(sum(d.invited), 0) invited,"
            + "        coalesce(sum(d.accepted), 0) accepted, coalesce(sum(d.removed), 0) removed"
            + " from t cross join generate_series(t.today - (? - 1), t.today, interval '1 day') g(day)"
            + " left join distributor_stats_daily d on d.day = g.day::date"
            + " group by g.day order by g.day";

    /** Aliased "c" like the distributors' code list: {@link JooqDistributorRecords#status} names its columns so. */
    private static final io.invitehub.adapter.out.persistence.generated.tables.RedeemCodes C = REDEEM_CODES.as("c");

    private final DSLContext dsl;

    JooqPlatformRecords(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public ZoneId businessTimeZone() {
        return ZoneId.of(dsl.fetchSingle("select time_zone from statistics_settings where id = 1").get(0, String.class));
    }

    @Override
    public List<TrendDay> trend(Instant now, int days) {
        return dsl.fetch(TREND, Rows.at(now), days).map(r -> new TrendDay(r.get("day", LocalDate.class),
                r.get("redeemed", Long.class), r.get("invited", Long.class), r.get("accepted", Long.class),
                r.get("removed", Long.class)));
    }

    @Override
    public List<CodeView> platformCodes(CodeFilter filter, Instant now, Optional<RedeemCodeId> after, int limit) {
        Field<String> status = JooqDistributorRecords.status(Rows.at(now)).as("status");
        Table<Record10<Long, String, String, Integer, Integer, OffsetDateTime, Integer, String, String, OffsetDateTime>> page =
                select(C.ID, C.CODE, status, C.USED_COUNT, C.MAX_USES, C.EXPIRES_AT, C.VALIDITY_DAYS, C.BOUND_EMAIL, C.NOTE, C.CREATED_AT)
                        .from(C)
                        .where(C.OWNER_ID.isNull())
                        .and(after.map(a -> C.ID.lt(a.value())).orElse(noCondition()))
                        .and(filter.prefix().map(p -> C.CODE.like(JooqDistributorRecords.like(JooqDistributorRecords.codePrefix(p)), '\\'))
                                .orElse(noCondition()))
                        .and(filter.status().map(s -> JooqDistributorRecords.status(Rows.at(now)).eq(inline(s.name()))).orElse(noCondition()))
                        .orderBy(C.ID.desc())
                        .limit(limit)
                        .asTable("x");
        return dsl.selectFrom(page).orderBy(page.field(C.ID).desc())
                .fetch(r -> new CodeView(new RedeemCodeId(r.value1()), new Code(r.value2()), CodeStatus.valueOf(r.value3()),
                        r.value4(), r.value5(), Optional.ofNullable(Rows.instant(r.value6())), r.value7(),
                        Optional.ofNullable(r.value8()).map(Email::of), Optional.ofNullable(r.value9()), Rows.instant(r.value10())));
    }
}
