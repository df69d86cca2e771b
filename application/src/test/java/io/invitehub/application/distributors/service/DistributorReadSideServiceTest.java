package io.invitehub.application.distributors.service;

import io.invitehub.application.codes.service.CodeManagementService;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.port.in.SalesQuery;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Access rules, cursors, limits, toggle and delete of the distributor read side, on the in-memory fakes. */
class DistributorReadSideServiceTest {
    private final Fixture f = new Fixture();
    private final DistributorQueryService queries = new DistributorQueryService(f.storage.statistics(), f.storage.records(), f.storage.codes(),
            f.storage.users(), f.clock, new StatisticsSettings(Duration.ofDays(30)),
            io.invitehub.application.site.port.in.PlatformTermsQuery.fixed(new io.invitehub.domain.brand.PlatformTerms(Money.ofMinor(500, Money.CNY), Duration.ofMinutes(15))));
    private final CodeManagementService manage = new CodeManagementService(f.storage.transactions(), f.storage.codes(),
            f.storage.users(), f.clock);
    private final User admin = user("admin", Role.ADMIN, null);
    private final User alice = user("alice", Role.DISTRIBUTOR, Approval.APPROVED);
    private final User bob = user("bob", Role.DISTRIBUTOR, Approval.APPROVED);

    private User user(String name, Role role, Approval approval) {
        return f.storage.transactions().inTransaction(() -> f.storage.users().create(name, name + "@x.com", "h", role, approval));
    }

    private RedeemCode codeOf(User owner) {
        return f.code(new CodeTerms(Optional.of(owner.id()), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
    }

    private void sale(RedeemCode code, Team team, String email) {
        f.storage.transactions().inTransaction(() -> f.storage.invitations().create(new NewInvitation(code.id(), code.owner(),
                Optional.of(team.id()), Email.of(email), InvitationState.RESERVED, false, true, f.clock.instant())));
        f.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aDistributorSeesItselfAndNobodyElse() {
        codeOf(alice);
        assertThat(queries.summary(alice.id(), alice.id()).totalCodes()).isEqualTo(1);
        assertThat(queries.summary(admin.id(), alice.id()).totalCodes()).isEqualTo(1);
        assertThatThrownBy(() -> queries.summary(bob.id(), alice.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> queries.summary(admin.id(), admin.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> queries.distributors(alice.id(), Optional.empty(), DistributorSort.ID, PageRequest.first(10)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        User pending = user("pending", Role.DISTRIBUTOR, Approval.PENDING);
        assertThatThrownBy(() -> queries.summary(pending.id(), pending.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> queries.summary(new io.invitehub.domain.user.UserId(999), alice.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aPlainDateIsABusinessDaySoTodayIsTheDashboardsToday() {
        f.storage.statistics().useBusinessTimeZone(java.time.ZoneId.of("Asia/Shanghai"));
        Team team = f.team("t", 20);
        // 23:59:59 on 2025-03-01 and 00:00:00 on 2025-03-02 in Shanghai: the same UTC day 2025-03-01
        f.clock.set(java.time.Instant.parse("2025-03-01T15:59:59Z"));
        sale(codeOf(alice), team, "late@host.com");
        f.clock.set(java.time.Instant.parse("2025-03-01T16:00:00Z"));
        sale(codeOf(alice), team, "early@host.com");

        assertThat(emails(day("2025-03-01"), day("2025-03-01"))).containsExactly("late@host.com");
        assertThat(emails(day("2025-03-02"), day("2025-03-02"))).as("today on the dashboard").containsExactly("early@host.com");
        assertThat(queries.summary(alice.id(), alice.id()).businessDay()).isEqualTo(java.time.LocalDate.parse("2025-03-02"));
        assertThat(emails(Optional.of(SalesQuery.Bound.at(java.time.Instant.parse("2025-03-01T00:00:00Z"))),
                Optional.of(SalesQuery.Bound.at(java.time.Instant.parse("2025-03-02T00:00:00Z")))))
                .as("moments stay moments").containsExactly("early@host.com", "late@host.com");
        assertThat(emails(day("2025-03-02"), Optional.empty())).containsExactly("early@host.com");
        assertThat(emails(Optional.empty(), day("2025-03-01"))).containsExactly("late@host.com");
    }

    private static Optional<SalesQuery.Bound> day(String date) {
        return Optional.of(SalesQuery.Bound.day(java.time.LocalDate.parse(date)));
    }

    private List<String> emails(Optional<SalesQuery.Bound> from, Optional<SalesQuery.Bound> to) {
        return queries.sales(alice.id(), alice.id(), new SalesQuery(Optional.empty(), from, to, Optional.empty()), PageRequest.first(10))
                .items().stream().map(s -> s.email().value()).toList();
    }

    @Test
    void codesAreFilteredByUsage() {
        Team team = f.team("t", 20);
        RedeemCode unused = codeOf(alice);
        RedeemCode used = codeOf(alice);
        f.storage.transactions().inTransaction(() -> f.storage.codeUses().takeUseAndBind(used.id(), Email.of("u@host.com")));
        codeOf(bob);

        assertThat(queries.codes(alice.id(), alice.id(), new CodeFilter(Optional.empty(), Optional.empty(),
                Optional.of(io.invitehub.application.distributors.view.CodeUsage.UNUSED)), PageRequest.first(10)).items())
                .extracting(CodeView::id).containsExactly(unused.id());
        assertThat(queries.codes(alice.id(), alice.id(), new CodeFilter(Optional.empty(), Optional.empty(),
                Optional.of(io.invitehub.application.distributors.view.CodeUsage.USED)), PageRequest.first(10)).items())
                .extracting(CodeView::id).containsExactly(used.id());
        assertThat(team).isNotNull();
    }

    @Test
    void salesArePagedWithCursorsUntilTheEnd() {
        Team team = f.team("t", 20);
        for (int i = 0; i < 5; i++) {
            sale(codeOf(alice), team, "c" + i + "@host.com");
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<SaleView> page = queries.sales(alice.id(), alice.id(), SalesQuery.NONE, PageRequest.of(2, cursor.orElse(null)));
            page.items().forEach(s -> seen.add(s.email().value()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("c4@host.com", "c3@host.com", "c2@host.com", "c1@host.com", "c0@host.com");
    }

    @Test
    void garbledForeignAndEditedCursorsAreRefused() {
        Team team = f.team("t", 20);
        sale(codeOf(alice), team, "a@host.com");
        sale(codeOf(alice), team, "b@host.com");
        String cursor = queries.sales(alice.id(), alice.id(), SalesQuery.NONE, PageRequest.first(1)).nextCursor().orElseThrow();
        String decoded = new String(Base64.getUrlDecoder().decode(cursor));
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.replace("|sales|", "|sales|9").getBytes());
        for (String bad : List.of("not a cursor!", "AAAA", edited, PageCursor.of("codes", 5).encode())) {
            assertThatThrownBy(() -> queries.sales(alice.id(), alice.id(), SalesQuery.NONE, PageRequest.of(1, bad)))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> PageRequest.first(501)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> queries.salesTrend(alice.id(), alice.id(), 367)).isInstanceOf(DomainException.class);
        assertThat(queries.salesTrend(alice.id(), alice.id(), 366)).hasSize(366);
    }

    @Test
    void codesAreToggledAndDeletedOnlyByTheirOwnerOrStaff() {
        RedeemCode own = codeOf(alice);
        RedeemCode used = codeOf(alice);
        f.storage.transactions().inTransaction(() -> f.storage.codeUses().takeUseAndBind(used.id(), Email.of("buyer@host.com")));
        assertThat(manage.toggle(alice.id(), own.id())).isEqualTo(CodeStatus.DISABLED);
        assertThat(queries.summary(alice.id(), alice.id()).inactiveCodes()).isEqualTo(1);
        assertThat(manage.toggle(alice.id(), own.id())).isEqualTo(CodeStatus.ACTIVE);
        assertThat(manage.setEnabled(admin.id(), own.id(), false)).isEqualTo(CodeStatus.DISABLED);
        for (RedeemCodeId hidden : List.of(own.id(), new RedeemCodeId(12_345))) {
            assertThatThrownBy(() -> manage.toggle(bob.id(), hidden))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThatThrownBy(() -> manage.delete(bob.id(), hidden))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThatThrownBy(() -> manage.delete(alice.id(), used.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        manage.delete(alice.id(), own.id());
        Page<CodeView> left = queries.codes(alice.id(), alice.id(), CodeFilter.NONE, PageRequest.first(10));
        assertThat(left.items()).extracting(CodeView::id).containsExactly(used.id());
        assertThat(left.next()).isEmpty();
    }

    @Test
    void theAdminListCarriesEverySummaryAndPages() {
        codeOf(bob);
        codeOf(bob);
        codeOf(alice);
        var first = queries.distributors(admin.id(), Optional.empty(), DistributorSort.TOTAL_CODES, PageRequest.first(1));
        assertThat(first.items()).extracting(o -> o.username()).containsExactly("bob");
        assertThat(first.items().get(0).summary().totalCodes()).isEqualTo(2);
        var second = queries.distributors(admin.id(), Optional.empty(), DistributorSort.TOTAL_CODES, PageRequest.of(1, first.nextCursor().orElseThrow()));
        assertThat(second.items()).extracting(o -> o.username()).containsExactly("alice");
        assertThatThrownBy(() -> queries.distributors(admin.id(), Optional.empty(), DistributorSort.ID, PageRequest.of(1, first.nextCursor().orElseThrow())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void theAdminListFiltersByApprovalWithItsOwnCursors() {
        User pending = user("waiting", Role.DISTRIBUTOR, Approval.PENDING);
        var approved = queries.distributors(admin.id(), Optional.of(Approval.APPROVED), DistributorSort.ID, PageRequest.first(1));
        assertThat(approved.items()).extracting(o -> o.username()).containsExactly("bob");
        assertThat(queries.distributors(admin.id(), Optional.of(Approval.APPROVED), DistributorSort.ID,
                PageRequest.of(1, approved.nextCursor().orElseThrow())).items()).extracting(o -> o.username()).containsExactly("alice");
        assertThat(queries.distributors(admin.id(), Optional.of(Approval.PENDING), DistributorSort.ID, PageRequest.first(10))
                .items()).extracting(o -> o.id()).containsExactly(pending.id());
        assertThatThrownBy(() -> queries.distributors(admin.id(), Optional.empty(), DistributorSort.ID,
                PageRequest.of(1, approved.nextCursor().orElseThrow())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void detailAndAnalyticsAreForStaffAndSumTheSummaries() {
        Team team = f.team("t", 20);
        codeOf(bob);
        sale(codeOf(alice), team, "a@host.com");
        sale(codeOf(alice), team, "b@host.com");
        user("waiting", Role.DISTRIBUTOR, Approval.PENDING);
        assertThat(queries.detail(admin.id(), alice.id()).account().username()).isEqualTo("alice");
        assertThat(queries.detail(admin.id(), alice.id()).summary().totalCodes()).isEqualTo(2);
        for (Runnable refused : List.<Runnable>of(() -> queries.detail(alice.id(), alice.id()), () -> queries.analytics(alice.id()))) {
            assertThatThrownBy(refused::run)
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
        assertThatThrownBy(() -> queries.detail(admin.id(), admin.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

        var totals = queries.analytics(admin.id());
        assertThat(totals.distributors()).isEqualTo(3);
        assertThat(totals.byApproval()).containsEntry(Approval.APPROVED, 2L).containsEntry(Approval.PENDING, 1L)
                .containsEntry(Approval.SUSPENDED, 0L);
        assertThat(totals.totalCodes()).isEqualTo(3);
        assertThat(totals.today().redeemed()).isEqualTo(queries.summary(alice.id(), alice.id()).today().redeemed()).isEqualTo(2);
        assertThat(totals.totalRevenueEstimate()).isEqualTo(Money.zero(Money.CNY));
        assertThat(totals.defaultUnitPrice()).isEqualTo(Money.ofMinor(500, Money.CNY));
        // the list and the detail carry the account as admins see it: e-mail and creation time
        assertThat(queries.detail(admin.id(), alice.id()).account().email()).contains("alice@x.com");
        assertThat(queries.distributors(admin.id(), Optional.empty(), DistributorSort.ID, PageRequest.first(10)).items())
                .extracting(o -> o.account().email().orElseThrow()).containsExactly("waiting@x.com", "bob@x.com", "alice@x.com");
    }

    @Test
    void recordsOfACodeAreForItsOwnerAndStaffOnly() {
        Team team = f.team("t", 20);
        RedeemCode own = codeOf(alice);
        sale(own, team, "a@host.com");
        assertThat(queries.codeRecords(alice.id(), own.id(), PageRequest.first(10)).items()).extracting(r -> r.email().value())
                .containsExactly("a@host.com");
        assertThat(queries.codeRecords(admin.id(), own.id(), PageRequest.first(10)).items()).hasSize(1);
        RedeemCode platform = f.code(new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        for (RedeemCodeId hidden : List.of(own.id(), platform.id(), new RedeemCodeId(12_345))) {
            assertThatThrownBy(() -> queries.codeRecords(bob.id(), hidden, PageRequest.first(10)))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(queries.code(alice.id(), own.id())).isEqualTo(own.code());
        assertThat(queries.code(admin.id(), platform.id())).isEqualTo(platform.code());
        for (RedeemCodeId hidden : List.of(own.id(), platform.id(), new RedeemCodeId(12_345))) {
            assertThatThrownBy(() -> queries.code(bob.id(), hidden))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        String foreignCursor = PageCursor.of("records." + platform.id().value(), 5).encode();
        assertThatThrownBy(() -> queries.codeRecords(alice.id(), own.id(), PageRequest.of(1, foreignCursor)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aBatchDeleteReportsEachIdAndKeepsWhatIsUsedOrForeign() {
        RedeemCode unused = codeOf(alice);
        RedeemCode used = codeOf(alice);
        RedeemCode bobs = codeOf(bob);
        f.storage.transactions().inTransaction(() -> f.storage.codeUses().takeUseAndBind(used.id(), Email.of("buyer@host.com")));
        RedeemCodeId unknown = new RedeemCodeId(12_345);
        var result = manage.deleteAll(alice.id(), List.of(unknown, bobs.id(), used.id(), unused.id(), unused.id()));
        assertThat(result.deleted()).containsExactly(unused.id());
        assertThat(result.inUse()).containsExactly(used.id());
        assertThat(result.notFound()).containsExactly(bobs.id(), unknown);
        assertThat(f.storage.codes().findById(bobs.id())).isPresent();
        assertThat(f.storage.codes().findById(unused.id())).isEmpty();
        assertThat(manage.deleteAll(admin.id(), List.of(bobs.id())).deleted()).containsExactly(bobs.id());
        List<RedeemCodeId> tooMany = new ArrayList<>();
        for (long i = 1; i <= 501; i++) {
            tooMany.add(new RedeemCodeId(i));
        }
        for (List<RedeemCodeId> bad : List.of(List.<RedeemCodeId>of(), tooMany)) {
            assertThatThrownBy(() -> manage.deleteAll(alice.id(), bad))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }
}
