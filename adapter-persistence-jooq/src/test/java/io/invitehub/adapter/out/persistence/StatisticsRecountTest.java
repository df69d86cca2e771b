package io.invitehub.adapter.out.persistence;

import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.codes.service.CodeIssuingService;
import io.invitehub.application.codes.service.CodeManagementService;
import io.invitehub.application.dispatch.service.DispatchSettings;
import io.invitehub.application.dispatch.service.InviteDispatchService;
import io.invitehub.application.distributors.service.DistributorQueryService;
import io.invitehub.application.distributors.service.StatisticsSettings;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.fakes.ScriptedTeamProvider;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.invitehub.application.contract.InvitationChanges.change;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random mix of everything that moves a statistic, driven through the real services on
 * real PostgreSQL over several business days (Asia/Shanghai midnights, which are 16:00 UTC, and a
 * month boundary); then every summary number and trend row of every distributor is compared with
 * a recount by plain SQL over the base tables.
 */
class StatisticsRecountTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Money DEFAULT_PRICE = Money.ofMinor(990, Money.CNY);
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
        db.statistics().useBusinessTimeZone(SHANGHAI);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyNumberOfEveryDistributorEqualsARecountFromTheBaseTables() {
        Random random = new Random(20250301);
        // Friday 2025-02-28 20:00 UTC = Saturday 04:00 in Shanghai; about four days follow
        MutableClock clock = new MutableClock(Instant.parse("2025-02-27T12:00:00Z"));
        ScriptedTeamProvider provider = new ScriptedTeamProvider();
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(),
                db.seats(), StatisticsRecount.unlimited(), StatisticsRecount.noWakeUps(), clock, RedemptionSettings.defaults(),
                new io.invitehub.application.recipients.service.RecipientPolicy(db.recipients(), new io.invitehub.application.recipients.service.RecipientSettings(1_000_000, java.time.Duration.ZERO)));
        InviteDispatchService dispatch = new InviteDispatchService(db.transactions(), db.dispatchOutbox(), db.teams(),
                db.seats(), db.codes(), db.codeUses(), provider, StatisticsRecount.noWakeUps(), clock,
                new DispatchSettings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1)));
        CodeIssuingService issuing = new CodeIssuingService(db.transactions(), db.codes(), db.users(), db.teams(),
                StatisticsRecount.counting("HB"), db.audit(), clock);
        CodeManagementService manage = new CodeManagementService(db.transactions(), db.codes(), db.users(), clock);
        DistributorQueryService queries = new DistributorQueryService(db.statistics(), db.records(), db.codes(), db.users(), clock,
                new StatisticsSettings(Duration.ofDays(30)),
                io.invitehub.application.site.port.in.PlatformTermsQuery.fixed(new io.invitehub.domain.brand.PlatformTerms(DEFAULT_PRICE, Duration.ofMinutes(15))));

        User admin = db.users().create("admin", "admin@hub.com", "x", Role.ADMIN, null);
        List<User> distributors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            distributors.add(db.users().create("d" + i, "d" + i + "@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED));
        }
        db.dsl().execute("update users set unit_price_minor = 1500 where id = ?", distributors.get(1).id().value());
        db.transactions().inTransaction(() -> {
            for (int t = 0; t < 3; t++) {
                db.teams().create(new NewTeam("team" + t, "acct" + t, "cred", 150, Optional.empty()));
            }
        });
        long plan = db.dsl().fetchSingle("insert into plans (name, plan_type, price_minor, code_count, code_max_uses, validity_days)"
                + " values ('pack', 'DISTRIBUTOR_CODES', 1000, 5, 1, 30) returning id").get(0, Long.class);

        List<Code> codes = new ArrayList<>();
        Map<Op, Integer> done = new EnumMap<>(Op.class);
        Map<ErrorCode, Integer> refusals = new EnumMap<>(ErrorCode.class);
        for (int step = 0; step < 700; step++) {
            clock.advance(Duration.ofMinutes(1 + random.nextInt(16)));
            Op op = codes.size() < 10 ? Op.ISSUE : Op.pick(random.nextInt(100));
            try {
                switch (op) {
                    case ISSUE: {
                        Optional<UserId> owner = random.nextInt(6) == 0 ? Optional.empty()
                                : Optional.of(distributors.get(random.nextInt(distributors.size())).id());
                        Instant expires = random.nextBoolean() ? null
                                : clock.instant().plus(Duration.ofMinutes(random.nextInt(5 * 24 * 60) - 12 * 60));
                        CodeTerms terms = new CodeTerms(owner, random.nextInt(4), 30, Optional.ofNullable(expires),
                                Optional.empty(), 1, Optional.empty());
                        List<Code> issued = issuing.issue(new IssueCodesCommand(io.invitehub.domain.user.Actor.system(), terms, 1 + random.nextInt(4)));
                        codes.addAll(issued);
                        if (owner.isPresent() && random.nextInt(3) == 0) {
                            long order = db.dsl().fetchSingle("insert into orders (order_no, order_type, plan_id, buyer_id, quantity,"
                                    + " amount_minor, final_amount_minor, status, expire_at, paid_at, trade_no) values (?, 'DISTRIBUTOR_CODES', ?, ?, 1,"
                                    + " 1000, 1000, 'PAID', now(), now(), ?) returning id", "o" + step, plan, owner.get().value(), "t" + step)
                                    .get(0, Long.class);
                            for (Code c : issued) {
                                db.dsl().execute("update redeem_codes set order_id = ? where code = ?", order, c.value());
                            }
                        }
                        break;
                    }
                    case REDEEM: {
                        Code code = codes.get(random.nextInt(codes.size()));
                        Email email = Email.of("c" + random.nextInt(90) + "@example.com");
                        redeem.redeem(new RedeemCommand(code, email, "10.0.0.1"));
                        break;
                    }
                    case DISPATCH: {
                        if (random.nextInt(4) == 0) {
                            provider.then(ScriptedTeamProvider.allFailing(ProviderError.REJECTED));
                        }
                        dispatch.dispatchBatch();
                        break;
                    }
                    case JOIN:
                        randomIn(InvitationState.INVITED, random).ifPresent(id -> db.transactions().inTransaction(() ->
                                db.invitations().apply(change(id, InvitationState.INVITED, InvitationState.JOINED, clock.instant(), null))));
                        break;
                    case REMOVE:
                        randomIn(InvitationState.JOINED, random).ifPresent(id -> db.transactions().inTransaction(() -> {
                            db.removalClaims().claimRemoval(id, io.invitehub.domain.invitation.RemovalKind.REMOVE, clock.instant(),
                                            Duration.ofMinutes(2))
                                    .flatMap(removing -> db.invitations().apply(change(id, InvitationState.REMOVING, InvitationState.REMOVED, clock.instant(), "removed by distributor")))
                                    .ifPresent(removed -> {
                                        db.seats().releaseSeat(removed.teamId().orElseThrow());
                                        db.codeUses().giveUseBack(removed.id());
                                    });
                        }));
                        break;
                    case EXPIRE:
                        randomIn(InvitationState.JOINED, random).ifPresent(id -> db.transactions().inTransaction(() ->
                                db.invitations().apply(change(id, InvitationState.JOINED, InvitationState.EXPIRED, clock.instant(), "validity over"))
                                        .ifPresent(expired -> db.seats().releaseSeat(expired.teamId().orElseThrow()))));
                        break;
                    case TOGGLE: {
                        RedeemCodeId id = codeId(codes.get(random.nextInt(codes.size())));
                        manage.toggle(admin.id(), id);
                        break;
                    }
                    case DELETE: {
                        Code code = codes.get(random.nextInt(codes.size()));
                        manage.delete(admin.id(), codeId(code));
                        codes.remove(code);
                        break;
                    }
                    default:
                        throw new AssertionError(op);
                }
                done.merge(op, 1, Integer::sum);
            } catch (DomainException refused) {
                refusals.merge(refused.code(), 1, Integer::sum);
            }
            if (step % 100 == 99) {
                compareEverything(distributors, queries, admin, clock.instant());
            }
        }
        compareEverything(distributors, queries, admin, clock.instant());
        // the mix really exercised every path, including refusals, failures and give-backs
        assertThat(done.keySet()).containsAll(List.of(Op.values()));
        assertThat(refusals).containsKeys(ErrorCode.EMAIL_MISMATCH, ErrorCode.CONFLICT);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations").where("state = 'FAILED'"))).isPositive();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations").where("state = 'REMOVED'"))).isPositive();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("distributor_plan_stats"))).isPositive();
        assertThat(clock.instant()).isAfter(Instant.parse("2025-03-01T16:00:00Z"));

        // the plan ranking equals its recount too
        for (User d : distributors) {
            var expected = db.dsl().fetch("select o.plan_id, count(*) codes, count(c.bound_email) redeemed,"
                    + " coalesce(sum((select count(*) from invitations i where i.code_id = c.id and not i.is_rebind"
                    + " and i.accepted_at is not null)), 0) accepted"
                    + " from redeem_codes c join orders o on o.id = c.order_id where c.owner_id = ? group by o.plan_id", d.id().value());
            var actual = queries.planRanking(admin.id(), d.id());
            assertThat(actual).hasSize(expected.size());
            for (int k = 0; k < expected.size(); k++) {
                assertThat(actual.get(k).codesBought()).isEqualTo(expected.get(k).get("codes", Long.class));
                assertThat(actual.get(k).codesRedeemed()).isEqualTo(expected.get(k).get("redeemed", Long.class));
                assertThat(actual.get(k).membersAccepted()).isEqualTo(expected.get(k).get("accepted", Long.class));
            }
        }

        // a rebuild from scratch (what a change of time zone does) gives the same rollups back
        DistributorSummary before = queries.summary(admin.id(), distributors.get(0).id());
        db.dsl().execute("select statistics_rebuild()");
        assertThat(queries.summary(admin.id(), distributors.get(0).id())).isEqualTo(before);
    }

    private void compareEverything(List<User> distributors, DistributorQueryService queries, User admin, Instant now) {
        StatisticsRecount recount = new StatisticsRecount(db.dsl(), SHANGHAI);
        for (User d : distributors) {
            DistributorSummary expected = recount.summary(d.id(), now, DEFAULT_PRICE);
            assertThat(queries.summary(admin.id(), d.id())).as("summary of %s at %s", d.username(), now).isEqualTo(expected);
            assertThat(queries.summary(d.id(), d.id())).isEqualTo(expected);
            assertThat(expected.activeCodes() + expected.depletedCodes() + expected.expiredCodes() + expected.inactiveCodes())
                    .isEqualTo(expected.totalCodes());
            List<TrendDay> trend = queries.salesTrend(admin.id(), d.id(), 8);
            assertThat(trend).as("trend of %s at %s", d.username(), now).isEqualTo(recount.trend(d.id(), now, 8));
        }
    }

    private static Optional<InvitationId> randomIn(InvitationState state, Random random) {
        List<Long> ids = db.dsl().fetch("select id from invitations where state = ? order by id", state.name()).getValues(0, Long.class);
        return ids.isEmpty() ? Optional.empty() : Optional.of(new InvitationId(ids.get(random.nextInt(ids.size()))));
    }

    private static RedeemCodeId codeId(Code code) {
        return db.codes().findByCode(code).orElseThrow().id();
    }

    private enum Op {
        ISSUE(5), REDEEM(40), DISPATCH(15), JOIN(14), REMOVE(7), EXPIRE(3), TOGGLE(12), DELETE(4);

        private final int weight;

        Op(int weight) {
            this.weight = weight;
        }

        static Op pick(int roll) {
            int sum = 0;
            for (Op op : values()) {
                sum += op.weight;
                if (roll < sum) {
                    return op;
                }
            }
            return REDEEM;
        }
    }
}
