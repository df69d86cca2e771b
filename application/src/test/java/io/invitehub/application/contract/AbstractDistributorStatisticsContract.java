package io.invitehub.application.contract;

import io.invitehub.application.distributors.port.out.CreatedKey;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.DistributorRank;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static io.invitehub.application.contract.InvitationChanges.change;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link io.invitehub.application.distributors.port.out.DistributorStatistics} and
 * {@link io.invitehub.application.distributors.port.out.DistributorRecords}: numbers follow every change made
 * through the storage ports (docs/statistics.md), for the fake (which scans) and the jOOQ adapter
 * (which keeps rollups).
 */
public abstract class AbstractDistributorStatisticsContract extends StorageContractSupport {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Money PRICE = Money.ofMinor(1_250, Money.CNY);
    /** NOW is 2025-03-01T10:00Z: Saturday 18:00 in Shanghai. */
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 1);

    @Override
    protected abstract StoragePorts newStorage();

    @BeforeEach
    void shanghai() {
        storage.statistics().useBusinessTimeZone(SHANGHAI);
    }

    private RedeemCode ownCode(User owner, int maxUses, Instant expiresAt) {
        return newCode(new CodeTerms(Optional.of(owner.id()), maxUses, 30, Optional.ofNullable(expiresAt), Optional.empty(), 1,
                Optional.empty()));
    }

    private DistributorSummary summary(User d, Instant now) {
        return storage.statistics().summary(d.id(), now, PRICE);
    }

    private Invitation reservedAt(RedeemCode code, Team team, Email email, Instant at) {
        return tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(team.id()), email,
                RESERVED, false, true, at)));
    }

    private Invitation moveAt(Invitation inv, InvitationState from, InvitationState to, Instant at) {
        if (to == REMOVING) {
            return tx(() -> storage.removalClaims().claimRemoval(inv.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE, at,
                    java.time.Duration.ofMinutes(2))).orElseThrow().invitation();
        }
        return tx(() -> storage.invitations().apply(change(inv.id(), from, to, at, to.isEnded() ? "test" : null))).orElseThrow();
    }

    @Test
    void aDistributorWithoutAnythingHasZeros() {
        User d = newDistributor();
        DistributorSummary s = summary(d, NOW);
        assertThat(s.businessDay()).isEqualTo(TODAY);
        assertThat(s.timeZone()).isEqualTo(SHANGHAI);
        assertThat(List.of(s.totalCodes(), s.activeCodes(), s.depletedCodes(), s.expiredCodes(), s.inactiveCodes(),
                s.redeemAttempts(), s.invitesSentSuccess(), s.invitesAccepted(), s.membersActive(), s.membersRemoved()))
                .containsOnly(0L);
        assertThat(s.totalRevenueEstimate()).isEqualTo(Money.zero(Money.CNY));
        assertThat(s.today()).isEqualTo(PeriodCounts.ZERO);
        assertThat(storage.statistics().trend(d.id(), NOW, 3)).containsExactly(
                new TrendDay(TODAY.minusDays(2), 0, 0, 0, 0), new TrendDay(TODAY.minusDays(1), 0, 0, 0, 0),
                new TrendDay(TODAY, 0, 0, 0, 0));
    }

    @Test
    void codeBucketsPartitionTheCodesByPrecedence() {
        User d = newDistributor();
        User other = newDistributor();
        RedeemCode active = ownCode(d, 2, null);
        RedeemCode depleted = ownCode(d, 1, null);
        RedeemCode depletedAndExpired = ownCode(d, 1, NOW.minus(Duration.ofDays(3)));
        RedeemCode disabledAndExpired = ownCode(d, 1, NOW.minus(Duration.ofDays(3)));
        RedeemCode expiredEarlierToday = ownCode(d, 1, NOW.minus(Duration.ofHours(1)));
        RedeemCode expiresLaterToday = ownCode(d, 0, NOW.plus(Duration.ofHours(1)));
        RedeemCode expiresNextMonth = ownCode(d, 3, NOW.plus(Duration.ofDays(40)));
        ownCode(other, 1, null);
        newCode(1); // a platform code
        txRun(() -> {
            RedeemCodes codes = storage.codes();
            CodeUses uses = storage.codeUses();
            uses.takeUseAndBind(active.id(), ALICE);
            uses.takeUseAndBind(depleted.id(), ALICE);
            uses.takeUseAndBind(depletedAndExpired.id(), ALICE);
            uses.takeUseAndBind(expiresLaterToday.id(), ALICE);
            uses.takeUseAndBind(expiresLaterToday.id(), ALICE);
            codes.setActive(disabledAndExpired.id(), false);
        });

        DistributorSummary s = summary(d, NOW);
        assertThat(s.totalCodes()).isEqualTo(7);
        assertThat(s.inactiveCodes()).isEqualTo(1);
        assertThat(s.expiredCodes()).isEqualTo(2);
        assertThat(s.depletedCodes()).isEqualTo(1);
        assertThat(s.activeCodes()).isEqualTo(3);
        assertThat(s.redeemAttempts()).isEqualTo(5);

        // two hours later the code expiring "later today" has expired too, and tomorrow still
        DistributorSummary later = summary(d, NOW.plus(Duration.ofHours(2)));
        assertThat(List.of(later.activeCodes(), later.depletedCodes(), later.expiredCodes(), later.inactiveCodes()))
                .containsExactly(2L, 1L, 3L, 1L);
        DistributorSummary weeksLater = summary(d, NOW.plus(Duration.ofDays(41)));
        assertThat(List.of(weeksLater.activeCodes(), weeksLater.depletedCodes(), weeksLater.expiredCodes(), weeksLater.inactiveCodes()))
                .containsExactly(1L, 1L, 4L, 1L);
        assertThat(expiredEarlierToday.expiresAt()).isPresent();
        assertThat(expiresNextMonth.expiresAt()).isPresent();

        // enabling again, and deleting an unused code, move the buckets
        txRun(() -> storage.codes().setActive(disabledAndExpired.id(), true));
        assertThat(storage.codes().deleteIfUnused(expiresNextMonth.id())).isEqualTo(RedeemCodes.Deletion.DELETED);
        assertThat(storage.codes().deleteIfUnused(depleted.id())).isEqualTo(RedeemCodes.Deletion.IN_USE);
        DistributorSummary after = summary(d, NOW);
        assertThat(List.of(after.totalCodes(), after.activeCodes(), after.depletedCodes(), after.expiredCodes(), after.inactiveCodes()))
                .containsExactly(6L, 2L, 1L, 3L, 0L);
        assertThat(summary(other, NOW).totalCodes()).isEqualTo(1);
    }

    @Test
    void theLifeOfAnInvitationMovesEveryNumberOnce() {
        User d = newDistributor();
        Team team = newTeam(5);
        RedeemCode code = ownCode(d, 1, null);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        Invitation inv = reservedAt(code, team, ALICE, NOW);
        assertThat(summary(d, NOW).today()).isEqualTo(new PeriodCounts(1, 0, 0, 0));
        assertThat(summary(d, NOW).depletedCodes()).isEqualTo(1);

        moveAt(inv, RESERVED, INVITED, NOW.plusSeconds(1));
        DistributorSummary invited = summary(d, NOW.plusSeconds(1));
        assertThat(invited.invitesSentSuccess()).isEqualTo(1);
        assertThat(invited.invitesAccepted()).isZero();
        assertThat(invited.today()).isEqualTo(new PeriodCounts(1, 1, 0, 0));

        moveAt(inv, INVITED, JOINED, NOW.plusSeconds(2));
        DistributorSummary joined = summary(d, NOW.plusSeconds(2));
        assertThat(List.of(joined.invitesSentSuccess(), joined.invitesAccepted(), joined.membersActive(), joined.membersRemoved()))
                .containsExactly(1L, 1L, 1L, 0L);
        assertThat(joined.totalRevenueEstimate()).isEqualTo(Money.ofMinor(1_250, Money.CNY));

        // a removal that is rolled back to JOINED keeps accepted_at and counts nothing twice
        moveAt(inv, JOINED, REMOVING, NOW.plusSeconds(3));
        assertThat(summary(d, NOW.plusSeconds(3)).membersActive()).isZero();
        moveAt(inv, REMOVING, JOINED, NOW.plusSeconds(4));
        DistributorSummary back = summary(d, NOW.plusSeconds(4));
        assertThat(List.of(back.invitesAccepted(), back.membersActive())).containsExactly(1L, 1L);
        assertThat(back.today()).isEqualTo(new PeriodCounts(1, 1, 1, 0));

        moveAt(inv, JOINED, REMOVING, NOW.plusSeconds(5));
        moveAt(inv, REMOVING, REMOVED, NOW.plusSeconds(6));
        assertThat(tx(() -> storage.codeUses().giveUseBack(inv.id()))).isTrue();
        DistributorSummary removed = summary(d, NOW.plusSeconds(6));
        assertThat(List.of(removed.invitesSentSuccess(), removed.invitesAccepted(), removed.membersActive(), removed.membersRemoved(),
                removed.redeemAttempts(), removed.depletedCodes(), removed.activeCodes()))
                .containsExactly(1L, 1L, 0L, 1L, 0L, 0L, 1L);
        assertThat(removed.today()).isEqualTo(new PeriodCounts(1, 1, 1, 1));
        assertThat(removed.thisWeek()).isEqualTo(removed.today());
        assertThat(removed.thisMonth()).isEqualTo(removed.today());
    }

    @Test
    void daysAreBusinessDaysInTheTimeZone() {
        User d = newDistributor();
        Team team = newTeam(10);
        // 2025-03-02T15:59:59Z is Sunday 23:59:59 in Shanghai, 16:00Z is Monday 00:00 (UTC is still Sunday)
        Instant sundayLate = Instant.parse("2025-03-02T15:59:59Z");
        Instant mondayEarly = Instant.parse("2025-03-02T16:00:00Z");
        reservedAt(ownCode(d, 1, null), team, ALICE, sundayLate);
        Invitation monday = reservedAt(ownCode(d, 1, null), team, BOB, mondayEarly);
        moveAt(monday, RESERVED, INVITED, mondayEarly.plusSeconds(60));

        assertThat(storage.statistics().trend(d.id(), mondayEarly.plusSeconds(120), 2)).containsExactly(
                new TrendDay(LocalDate.of(2025, 3, 2), 1, 0, 0, 0), new TrendDay(LocalDate.of(2025, 3, 3), 1, 1, 0, 0));
        DistributorSummary monSummary = summary(d, mondayEarly.plusSeconds(120));
        assertThat(monSummary.businessDay()).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(monSummary.today()).isEqualTo(new PeriodCounts(1, 1, 0, 0));
        assertThat(monSummary.thisWeek()).isEqualTo(new PeriodCounts(1, 1, 0, 0)); // the week starts on Monday
        assertThat(monSummary.thisMonth()).isEqualTo(new PeriodCounts(2, 1, 0, 0));

        // the same rows counted in UTC days: both redemptions fall on Sunday
        assertThat(storage.statistics().useBusinessTimeZone(ZoneId.of("UTC"))).isTrue();
        assertThat(storage.statistics().businessTimeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(storage.statistics().trend(d.id(), mondayEarly.plusSeconds(120), 1)).containsExactly(
                new TrendDay(LocalDate.of(2025, 3, 2), 2, 1, 0, 0));
        assertThat(storage.statistics().useBusinessTimeZone(SHANGHAI)).isTrue();
        assertThat(storage.statistics().useBusinessTimeZone(SHANGHAI)).isFalse();
    }

    @Test
    void rebindsAndPlatformCodesCountForNoDistributor() {
        User d = newDistributor();
        Team team = newTeam(10);
        RedeemCode code = ownCode(d, 0, null);
        tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(team.id()), ALICE,
                RESERVED, true, false, NOW)));
        RedeemCode platform = newCode(1);
        reservedAt(platform, team, BOB, NOW);
        DistributorSummary s = summary(d, NOW);
        assertThat(s.today()).isEqualTo(PeriodCounts.ZERO);
        assertThat(storage.records().sales(d.id(), SalesFilter.NONE, Optional.empty(), 10)).isEmpty();
    }

    @Test
    void salesAreNewestFirstFilteredAndKeysetPaged() {
        User d = newDistributor();
        Team team = newTeam(10);
        Invitation a = reservedAt(ownCode(d, 1, null), team, ALICE, NOW);
        Invitation b = reservedAt(ownCode(d, 1, null), team, BOB, NOW);
        Invitation c = reservedAt(ownCode(d, 1, null), team, CAROL, NOW.plusSeconds(5));
        moveAt(b, RESERVED, INVITED, NOW.plusSeconds(6));
        reservedAt(ownCode(newDistributor(), 1, null), team, Email.of("dave@host.com"), NOW);

        List<SaleView> all = storage.records().sales(d.id(), SalesFilter.NONE, Optional.empty(), 10);
        assertThat(all).extracting(SaleView::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(all.get(0).teamName()).contains(team.name());
        assertThat(all.get(0).createdAt()).isEqualTo(NOW.plusSeconds(5));

        List<SaleView> first = storage.records().sales(d.id(), SalesFilter.NONE, Optional.empty(), 2);
        SaleView last = first.get(1);
        List<SaleView> next = storage.records().sales(d.id(), SalesFilter.NONE,
                Optional.of(new CreatedKey(last.createdAt(), last.id().value())), 2);
        assertThat(next).extracting(SaleView::id).containsExactly(a.id());

        assertThat(storage.records().sales(d.id(), new SalesFilter(Optional.of(INVITED), Optional.empty(), Optional.empty(),
                Optional.empty()), Optional.empty(), 10)).extracting(SaleView::id).containsExactly(b.id());
        assertThat(storage.records().sales(d.id(), new SalesFilter(Optional.empty(), Optional.of(NOW.plusSeconds(1)),
                Optional.empty(), Optional.empty()), Optional.empty(), 10)).extracting(SaleView::id).containsExactly(c.id());
        assertThat(storage.records().sales(d.id(), new SalesFilter(Optional.empty(), Optional.empty(),
                Optional.of(NOW.plusSeconds(5)), Optional.empty()), Optional.empty(), 10)).extracting(SaleView::id)
                .containsExactly(b.id(), a.id());
        assertThat(storage.records().sales(d.id(), new SalesFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("Car")), Optional.empty(), 10)).extracting(SaleView::id).containsExactly(c.id());
        String codePrefix = all.get(2).code().value().substring(0, 12).toLowerCase();
        assertThat(storage.records().sales(d.id(), new SalesFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(codePrefix)), Optional.empty(), 10)).extracting(SaleView::id).contains(a.id());
        assertThat(storage.records().sales(d.id(), new SalesFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("%")), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void membersAreLiveOrRecentlyEndedAndFlagged() {
        User d = newDistributor();
        Team team = newTeam(10);
        Invitation reservedOnly = reservedAt(ownCode(d, 1, null), team, ALICE, NOW);
        Invitation joined = reservedAt(ownCode(d, 1, null), team, BOB, NOW.plusSeconds(1));
        moveAt(joined, RESERVED, INVITED, NOW.plusSeconds(2));
        moveAt(joined, INVITED, JOINED, NOW.plusSeconds(3));
        Invitation removed = reservedAt(ownCode(d, 1, null), team, CAROL, NOW.plusSeconds(4));
        moveAt(removed, RESERVED, INVITED, NOW.plusSeconds(5));
        moveAt(removed, INVITED, JOINED, NOW.plusSeconds(6));
        moveAt(removed, JOINED, REMOVING, NOW.plusSeconds(7));
        moveAt(removed, REMOVING, REMOVED, NOW.plusSeconds(8));

        List<MemberView> recent = storage.records().members(d.id(), Optional.empty(), List.of(), NOW, Optional.empty(), 10);
        assertThat(recent).extracting(MemberView::id).containsExactly(removed.id(), joined.id());
        assertThat(recent.get(0).ended()).isTrue();
        assertThat(recent.get(0).status()).isEqualTo(REMOVED);
        assertThat(recent.get(1).ended()).isFalse();
        assertThat(recent.get(1).joinedAt()).contains(NOW.plusSeconds(3));
        assertThat(recent.get(1).teamId()).contains(team.id());
        assertThat(storage.records().members(d.id(), Optional.empty(), List.of(), NOW.plusSeconds(9), Optional.empty(), 10))
                .extracting(MemberView::id).containsExactly(joined.id());
        assertThat(storage.records().members(d.id(), Optional.of("bob"), List.of(), NOW, Optional.empty(), 10))
                .extracting(MemberView::id).containsExactly(joined.id());
        assertThat(reservedOnly.state()).isEqualTo(RESERVED);
    }

    @Test
    void membersFollowAMoveByRebindWhileSalesCountTheSaleOnce() {
        User d = newDistributor();
        User other = newDistributor();
        Team from = newTeam(10);
        Team to = newTeam(10);
        RedeemCode code = ownCode(d, 1, null);
        Invitation old = reservedAt(code, from, ALICE, NOW);
        moveAt(old, RESERVED, INVITED, NOW.plusSeconds(1));
        moveAt(old, INVITED, JOINED, NOW.plusSeconds(2));
        Invitation moved = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(to.id()),
                ALICE, RESERVED, true, false, NOW.plusSeconds(3))));
        assertThat(tx(() -> storage.rebinds().markRebinding(old.id(), moved.id()))).isTrue();
        moveAt(moved, RESERVED, INVITED, NOW.plusSeconds(4));
        assertThat(storage.rebinds().moveUnsettled(moved)).as("the old membership is still JOINED").isTrue();
        assertThat(storage.rebinds().moveUnsettled(old)).as("not a rebind invitation").isFalse();

        // while moving: both memberships are live
        assertThat(storage.records().members(d.id(), Optional.empty(), List.of(), NOW, Optional.empty(), 10))
                .extracting(m -> m.id() + " " + m.status() + " " + m.teamId().orElseThrow().value() + " " + m.ended())
                .containsExactly(moved.id() + " INVITED " + to.id().value() + " false",
                        old.id() + " JOINED " + from.id().value() + " false");

        tx(() -> storage.removalClaims().claimRebound(10, NOW.plusSeconds(5), Duration.ofMinutes(2)));
        assertThat(storage.rebinds().moveUnsettled(moved)).as("the old membership is being removed").isTrue();
        tx(() -> storage.invitations().apply(change(old.id(), REMOVING, REBOUND, NOW.plusSeconds(6), "moved")));
        assertThat(storage.rebinds().moveUnsettled(moved)).as("settled").isFalse();

        // settled: the new membership is the live one, the old one a recently ended REBOUND row
        List<MemberView> members = storage.records().members(d.id(), Optional.empty(), List.of(), NOW, Optional.empty(), 10);
        assertThat(members).extracting(m -> m.id() + " " + m.status() + " " + m.ended())
                .containsExactly(moved.id() + " INVITED false", old.id() + " REBOUND true");
        assertThat(storage.records().members(d.id(), Optional.empty(), List.of(), NOW.plusSeconds(7), Optional.empty(), 10))
                .extracting(MemberView::id).containsExactly(moved.id());
        assertThat(storage.records().members(d.id(), Optional.of("alice"), List.of(), NOW, Optional.of(
                new CreatedKey(members.get(0).createdAt(), moved.id().value())), 10)).extracting(MemberView::id).containsExactly(old.id());
        assertThat(storage.records().members(other.id(), Optional.empty(), List.of(), NOW, Optional.empty(), 10)).isEmpty();
        // one sale, one definition: the move is not a second sale
        assertThat(storage.records().sales(d.id(), SalesFilter.NONE, Optional.empty(), 10)).extracting(SaleView::id)
                .containsExactly(old.id());
    }

    @Test
    void codesAreListedNewestFirstWithTheirStatus() {
        User d = newDistributor();
        RedeemCode expired = ownCode(d, 1, NOW.minusSeconds(10));
        RedeemCode depleted = ownCode(d, 1, null);
        RedeemCode disabled = ownCode(d, 1, null);
        RedeemCode active = ownCode(d, 0, null);
        ownCode(newDistributor(), 1, null);
        txRun(() -> {
            storage.codeUses().takeUseAndBind(depleted.id(), ALICE);
            storage.codes().setActive(disabled.id(), false);
        });
        List<CodeView> all = storage.records().codes(d.id(), CodeFilter.NONE, NOW, Optional.empty(), 10);
        assertThat(all).extracting(CodeView::id).containsExactly(active.id(), disabled.id(), depleted.id(), expired.id());
        assertThat(all).extracting(CodeView::status).containsExactly(CodeStatus.ACTIVE, CodeStatus.DISABLED, CodeStatus.DEPLETED,
                CodeStatus.EXPIRED);
        assertThat(all.get(2).usedCount()).isEqualTo(1);
        assertThat(all.get(2).maxUses()).isEqualTo(1);
        assertThat(storage.records().codes(d.id(), CodeFilter.NONE, NOW, Optional.of(disabled.id()), 10))
                .extracting(CodeView::id).containsExactly(depleted.id(), expired.id());
        assertThat(storage.records().codes(d.id(), new CodeFilter(Optional.of(CodeStatus.DEPLETED), Optional.empty()), NOW,
                Optional.empty(), 10)).extracting(CodeView::id).containsExactly(depleted.id());
        assertThat(storage.records().codes(d.id(), new CodeFilter(Optional.empty(), Optional.of(active.code().value())), NOW,
                Optional.empty(), 10)).extracting(CodeView::id).containsExactly(active.id());
    }

    @Test
    void codesInUseAreNotDeleted() {
        User d = newDistributor();
        Team team = newTeam(3);
        RedeemCode referenced = ownCode(d, 0, null);
        Invitation inv = reservedAt(referenced, team, ALICE, NOW);
        assertThat(storage.codes().deleteIfUnused(referenced.id())).isEqualTo(RedeemCodes.Deletion.IN_USE);
        assertThat(inv.codeId()).isEqualTo(referenced.id());
        assertThat(storage.codes().deleteIfUnused(new io.invitehub.domain.code.RedeemCodeId(987_654L)))
                .isEqualTo(RedeemCodes.Deletion.NOT_FOUND);
        assertThat(storage.codes().setActive(new io.invitehub.domain.code.RedeemCodeId(987_654L), false)).isFalse();
    }

    @Test
    void distributorsRankLargestFirstWithKeysetPaging() {
        User small = newDistributor();
        User big = newDistributor();
        User none = newDistributor();
        ownCode(small, 1, null);
        ownCode(big, 1, null);
        ownCode(big, 1, null);
        List<DistributorRank> byCodes = storage.statistics().rankDistributors(DistributorSort.TOTAL_CODES, Optional.empty(), Optional.empty(), 10, PRICE);
        assertThat(byCodes).extracting(DistributorRank::id).containsExactly(big.id(), small.id(), none.id());
        assertThat(byCodes).extracting(DistributorRank::sortValue).containsExactly(2L, 1L, 0L);
        assertThat(storage.statistics().rankDistributors(DistributorSort.TOTAL_CODES, Optional.empty(),
                Optional.of(new io.invitehub.application.distributors.port.out.RankKey(2, big.id().value())), 10, PRICE))
                .extracting(DistributorRank::id).containsExactly(small.id(), none.id());
        assertThat(storage.statistics().rankDistributors(DistributorSort.ID, Optional.empty(), Optional.empty(), 2, PRICE))
                .extracting(DistributorRank::id).containsExactly(none.id(), big.id());
    }

    @Test
    void everySortRanksByItsOwnSum() {
        User seller = newDistributor();
        User member = newDistributor();
        Team team = newTeam(5);
        RedeemCode a = ownCode(seller, 3, null);
        RedeemCode b = ownCode(member, 1, null);
        txRun(() -> {
            storage.codeUses().takeUseAndBind(a.id(), ALICE);
            storage.codeUses().takeUseAndBind(a.id(), ALICE);
            storage.codeUses().takeUseAndBind(b.id(), BOB);
        });
        reservedAt(a, team, ALICE, NOW);
        Invitation joined = reservedAt(b, team, BOB, NOW);
        move(joined, RESERVED, INVITED, null);
        move(joined, INVITED, JOINED, null);

        assertThat(rank(DistributorSort.REDEEM_ATTEMPTS)).containsExactly(seller.id().value(), 2L, member.id().value(), 1L);
        assertThat(rank(DistributorSort.INVITES_ACCEPTED)).containsExactly(member.id().value(), 1L, seller.id().value(), 0L);
        assertThat(rank(DistributorSort.MEMBERS_ACTIVE)).containsExactly(member.id().value(), 1L, seller.id().value(), 0L);
        assertThat(rank(DistributorSort.REVENUE)).as("accepted invitations at the default unit price")
                .containsExactly(member.id().value(), PRICE.minorUnits(), seller.id().value(), 0L);
    }

    /** Id and sort value of each distributor, in rank order. */
    private List<Long> rank(DistributorSort sort) {
        return storage.statistics().rankDistributors(sort, Optional.empty(), Optional.empty(), 10, PRICE).stream()
                .flatMap(r -> java.util.stream.Stream.of(r.id().value(), r.sortValue())).toList();
    }

    @Test
    void distributorsRankOnlyTheAskedApproval() {
        User approved = newDistributor();
        User suspended = newDistributor();
        tx(() -> storage.users().changeApproval(suspended.id(), Approval.APPROVED, Approval.SUSPENDED, true));
        ownCode(suspended, 1, null);
        assertThat(storage.statistics().rankDistributors(DistributorSort.TOTAL_CODES, Optional.of(Approval.SUSPENDED),
                Optional.empty(), 10, PRICE)).extracting(DistributorRank::id).containsExactly(suspended.id());
        assertThat(storage.statistics().rankDistributors(DistributorSort.ID, Optional.of(Approval.APPROVED),
                Optional.empty(), 10, PRICE)).extracting(DistributorRank::id).containsExactly(approved.id());
        assertThat(storage.statistics().rankDistributors(DistributorSort.ID, Optional.of(Approval.PENDING),
                Optional.empty(), 10, PRICE)).isEmpty();
    }

    @Test
    void codeRecordsAreTheCodesInvitationsNewestFirstRebindsFlagged() {
        User d = newDistributor();
        Team team = newTeam(10);
        RedeemCode code = ownCode(d, 0, null);
        RedeemCode other = ownCode(d, 0, null);
        Invitation first = reservedAt(code, team, ALICE, NOW);
        moveAt(first, RESERVED, INVITED, NOW.plusSeconds(1));
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(team.id()),
                BOB, RESERVED, true, false, NOW.plusSeconds(2))));
        Invitation third = reservedAt(code, team, CAROL, NOW.plusSeconds(3));
        reservedAt(other, team, Email.of("dave@host.com"), NOW);

        List<CodeRecord> all = storage.records().codeRecords(code.id(), Optional.empty(), 10);
        assertThat(all).extracting(CodeRecord::id).containsExactly(third.id(), rebind.id(), first.id());
        assertThat(all).extracting(CodeRecord::rebind).containsExactly(false, true, false);
        assertThat(all.get(2).invitedAt()).contains(NOW.plusSeconds(1));
        assertThat(all.get(2).status()).isEqualTo(INVITED);
        assertThat(all.get(2).teamName()).contains(team.name());
        assertThat(all.get(2).email()).isEqualTo(ALICE);
        assertThat(storage.records().codeRecords(code.id(), Optional.of(rebind.id().value()), 10))
                .extracting(CodeRecord::id).containsExactly(first.id());
        assertThat(storage.records().codeRecords(code.id(), Optional.empty(), 1)).extracting(CodeRecord::id)
                .containsExactly(third.id());
        assertThat(storage.records().codeRecords(new io.invitehub.domain.code.RedeemCodeId(987_654L), Optional.empty(), 10))
                .isEmpty();
    }
}
