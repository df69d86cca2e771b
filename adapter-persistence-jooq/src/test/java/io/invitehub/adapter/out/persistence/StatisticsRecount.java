package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The definitions of docs/statistics.md as plain SQL over the base tables: what every rollup-based
 * number must equal. Test support for the recount and concurrency tests (and, through the test jar, the
 * bench module's dataset test).
 */
public final class StatisticsRecount {
    private final DSLContext dsl;
    private final ZoneId zone;

    public StatisticsRecount(DSLContext dsl, ZoneId zone) {
        this.dsl = dsl;
        this.zone = zone;
    }

    public DistributorSummary summary(UserId d, Instant now, Money defaultPrice) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        long id = d.value();
        Record c = dsl.fetchSingle("select count(*) total,"
                + " count(*) filter (where not active) disabled,"
                + " count(*) filter (where active and expires_at < cast(? as timestamptz)) expired,"
                + " count(*) filter (where active and (expires_at is null or expires_at >= cast(? as timestamptz))"
                + "                  and max_uses > 0 and used_count >= max_uses) depleted,"
                + " count(*) filter (where active and (expires_at is null or expires_at >= cast(? as timestamptz))"
                + "                  and not (max_uses > 0 and used_count >= max_uses)) active,"
                + " coalesce(sum(used_count), 0) used"
                + " from redeem_codes where owner_id = ?", at, at, at, id);
        Record i = dsl.fetchSingle("select count(invited_at) sent, count(accepted_at) accepted,"
                + " count(*) filter (where state = 'JOINED') joined, count(*) filter (where state = 'REMOVED') removed"
                + " from invitations where distributor_id = ? and not is_rebind", id);
        Long own = dsl.fetchSingle("select unit_price_minor from users where id = ?", id).get(0, Long.class);
        Money price = own == null ? defaultPrice : Money.ofMinor(own, defaultPrice.currency());
        LocalDate today = LocalDate.ofInstant(now, zone);
        long accepted = i.get("accepted", Long.class);
        return new DistributorSummary(d, today, zone, c.get("total", Long.class), c.get("active", Long.class),
                c.get("depleted", Long.class), c.get("expired", Long.class), c.get("disabled", Long.class),
                c.get("used", Long.class), i.get("sent", Long.class), accepted, i.get("joined", Long.class),
                i.get("removed", Long.class), price, price.times(accepted),
                period(d, today, today), period(d, today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today),
                period(d, today.withDayOfMonth(1), today));
    }

    PeriodCounts period(UserId d, LocalDate from, LocalDate to) {
        String day = "(%s at time zone '" + zone.getId() + "')::date between ? and ?";
        Record r = dsl.fetchSingle("select"
                + " count(*) filter (where " + String.format(day, "created_at") + ") redeemed,"
                + " count(*) filter (where " + String.format(day, "invited_at") + ") invited,"
                + " count(*) filter (where " + String.format(day, "accepted_at") + ") accepted,"
                + " count(*) filter (where state = 'REMOVED' and " + String.format(day, "ended_at") + ") removed"
                + " from invitations where distributor_id = ? and not is_rebind",
                from, to, from, to, from, to, from, to, d.value());
        return new PeriodCounts(r.get("redeemed", Long.class), r.get("invited", Long.class), r.get("accepted", Long.class),
                r.get("removed", Long.class));
    }

    List<TrendDay> trend(UserId d, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<TrendDay> trend = new ArrayList<>();
        for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            PeriodCounts p = period(d, day, day);
            trend.add(new TrendDay(day, p.redeemed(), p.invited(), p.accepted(), p.removed()));
        }
        return trend;
    }

    static RateLimiter unlimited() {
        return io.invitehub.application.fakes.InMemoryRateLimiter.unlimited();
    }

    static WakeUps noWakeUps() {
        return new WakeUps() {
            @Override
            public void signal(Work work) {
            }

            @Override
            public boolean await(Work work, Duration max) {
                return false;
            }
        };
    }

    /** Distinct valid codes from a counter (prefix {@code prefix}, 11 body characters, check character). */
    static CodeGenerator counting(String prefix) {
        AtomicLong counter = new AtomicLong();
        return () -> {
            long n = counter.incrementAndGet();
            StringBuilder body = new StringBuilder();
            for (int k = 0; k < 11; k++) {
                body.append(CodeAlphabet.at((int) (n % CodeAlphabet.SIZE)));
                n /= CodeAlphabet.SIZE;
            }
            return Code.compose(prefix, body.reverse().toString());
        };
    }
}
