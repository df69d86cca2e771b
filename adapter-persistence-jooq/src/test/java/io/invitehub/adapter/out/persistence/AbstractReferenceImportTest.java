package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.reference.ImportReport;
import io.invitehub.adapter.out.persistence.reference.ReferenceImport;
import io.invitehub.adapter.out.persistence.reference.ReferenceSource;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import from a reference-shaped database ({@link ReferenceDataset}) into a fresh InviteHub database:
 * a dry run, a real run and a second run, in that order, each over the same reference; then the checks.
 * Subclasses give the reference's dialect (SQLite, its default; PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractReferenceImportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Money PRICE = Money.ofMinor(990, Money.CNY);
    private static final Clock CLOCK = Clock.fixed(ReferenceDataset.NOW, ZoneOffset.UTC);

    private final JooqPersistence db = TestPostgres.freshPersistence();
    private final ReferenceDatabase reference;
    private final Map<String, String> beforeAll;
    private final ImportReport dryRun;
    private final Map<String, String> afterDryRun;
    private final ImportReport first;
    private final Map<String, String> afterFirst;
    private final ImportReport second;
    private final Map<String, String> afterSecond;

    AbstractReferenceImportTest() {
        reference = createReference();
        ReferenceDataset.fill(reference);
        beforeAll = snapshot();
        dryRun = run(true);
        afterDryRun = snapshot();
        first = run(false);
        afterFirst = snapshot();
        second = run(false);
        afterSecond = snapshot();
    }

    /** An empty reference database of the subclass's dialect, with the reference's schema. */
    abstract ReferenceDatabase createReference();

    abstract ReferenceSource open(ReferenceDatabase reference);

    boolean sqlite() {
        return reference.isSqlite();
    }

    private ImportReport run(boolean dry) {
        try (ReferenceSource source = open(reference)) {
            ImportReport report = ReferenceImport.run(source, db, new ReferenceImport.Options(dry, Duration.ofHours(24)), CLOCK);
            report.print(System.out);
            return report;
        }
    }

    @AfterAll
    void close() {
        reference.close();
        db.close();
    }

    private DSLContext dsl() {
        return db.dsl();
    }

    /** Every table of InviteHub's schema, as a digest of its rows. */
    private Map<String, String> snapshot() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (Record table : dsl().fetch("select table_name from information_schema.tables where table_schema = current_schema()"
                + " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history' order by 1")) {
            String name = table.get(0, String.class);
            digests.put(name, dsl().fetchSingle("select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                    + " from " + name + " t").get(0, String.class));
        }
        return digests;
    }

    private Long target(String table, long ref) {
        return dsl().fetchOptional("select target_id from reference_import_ids where source_table = ? and source_id = ?", table, ref)
                .map(r -> r.get(0, Long.class)).orElse(null);
    }

    private Record invitation(String source, long ref) {
        Long id = target(source, ref);
        assertThat(id).as("%s #%d imported", source, ref).isNotNull();
        return dsl().fetchSingle("select * from invitations where id = ?", id);
    }

    private String state(long record) {
        return invitation("invite_records", record).get("state", String.class);
    }

    @Test
    @Order(1)
    void theDryRunWritesNothingAndPrintsWhatTheRealRunDoes() {
        assertThat(afterDryRun).isEqualTo(beforeAll);
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.lines()).isEqualTo(first.lines());
        assertThat(dryRun.notes()).isEqualTo(first.notes());
        dryRun.counts().forEach((table, c) -> assertThat(c.imported()).as(table).isEqualTo(first.counts().get(table).imported()));
    }

    @Test
    @Order(2)
    void everyRowItCannotMapIsReportedWithItsReason() {
        List<String> lines = first.lines();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   users #3 (viewer1): role viewer has no counterpart"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   users #7 (old_admin): disabled staff account"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   redeem_codes #10").contains("max_uses is negative"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   invite_records #10").contains("no code"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   invite_records #11").contains("deleted"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   invite_records #16").contains("not a valid address"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   plans #3 (LinuxDo)").contains("LinuxDo credits"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("SKIP   orders #4"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST users #8 (dist_d)").contains("imported without e-mail"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST users #6 (dist_c)").contains("SUSPENDED"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST teams #3").contains("same workspace"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST redeem_codes #7").contains("upper-cased"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST orders #5").contains("trade_no reference:"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST orders #2").contains("1 of 10 codes delivered"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST invite_records #12").contains("ended REMOVED"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST invite_records #2").contains("never sent, FAILED"));
        if (sqlite()) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADJUST redeem_codes #11").contains("does not exist (deleted)"));
        }
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR=990"));
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("1 code(s) of type linuxdo"));
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("1 duplicate member row(s)"));
        // nothing secret is printed
        assertThat(String.join("\n", lines) + first.notes()).doesNotContain("tok-1", "D4_ABCD1234", "alice@x.example");
        int recordSkips = 3;
        assertThat(first.counts().get("invite_records").skipped()).isEqualTo(recordSkips);
        assertThat(first.counts().get("users").skipped()).isEqualTo(2);
        assertThat(first.skipped()).isEqualTo(dryRun.skipped());
    }

    @Test
    @Order(3)
    void usersKeepTheirBcryptHashesAndGetTheirRolesAndApproval() {
        Map<String, String> roles = new LinkedHashMap<>();
        dsl().fetch("select username, role, coalesce(approval, '-') a, coalesce(email, '-') e from users order by id")
                .forEach(r -> roles.put(r.get(0, String.class), r.get(1) + "/" + r.get(2) + "/" + r.get(3)));
        assertThat(roles).containsExactly(
                Map.entry("admin", "ADMIN/-/admin@ref.example"),
                Map.entry("ops", "OPERATOR/-/ops@ref.example"),
                Map.entry("dist_a", "DISTRIBUTOR/APPROVED/dist.a@example.com"),
                Map.entry("dist_b", "DISTRIBUTOR/" + (sqlite() ? "APPROVED" : "PENDING") + "/dist.b@example.com"),
                Map.entry("dist_c", "DISTRIBUTOR/SUSPENDED/dist.c@example.com"),
                Map.entry("dist_d", "DISTRIBUTOR/APPROVED/-"));
        String hash = dsl().fetchSingle("select password_hash from users where username = 'dist_a'").get(0, String.class);
        assertThat(hash).isEqualTo(ReferenceDataset.DIST_A_HASH);
        assertThat(dsl().fetchSingle("select created_at from users where username = 'dist_a'").get(0, java.time.OffsetDateTime.class)
                .toInstant()).isEqualTo(ReferenceDataset.NOW.minus(Duration.ofDays(90)));
    }

    @Test
    @Order(4)
    void teamsAreSealedMergedByWorkspaceAndHoldTheirSeatsAndExternalMembers() {
        assertThat(target("teams", 3)).isEqualTo(target("teams", 1));
        assertThat(dsl().fetchCount(dsl().selectFrom("teams"))).isEqualTo(3);
        Record one = dsl().fetchSingle("select * from teams where id = ?", target("teams", 1));
        assertThat(one.get("sealed_credentials", String.class)).startsWith("ih1.").doesNotContain("tok-1");
        assertThat(db.teams().account(new TeamId(target("teams", 1))).orElseThrow().credentials())
                .isEqualTo("{\"access_token\":\"tok-1\",\"device_id\":\"dev-1\"}");
        assertThat(db.teams().account(new TeamId(target("teams", 2))).orElseThrow().credentials()).isEqualTo("tok-2");
        assertThat(one.get("status", String.class)).isEqualTo("ACTIVE");
        assertThat(one.get("group_id", Long.class)).isEqualTo(target("team_groups", 1));
        // alice, bob, jack, liz (RESERVED)
        assertThat(one.get("seats_reserved", Integer.class)).isEqualTo(4);
        // owner@corp and zed (team 3's member list: the same workspace)
        assertThat(one.get("external_seats", Integer.class)).isEqualTo(2);
        Record two = dsl().fetchSingle("select * from teams where id = ?", target("teams", 2));
        assertThat(two.get("status", String.class)).isEqualTo("PAUSED");
        assertThat(two.get("seats_reserved", Integer.class)).isEqualTo(1);
        assertThat(two.get("external_seats", Integer.class)).isEqualTo(1);
        assertThat(dsl().fetchSingle("select status from teams where id = ?", target("teams", 4)).get(0, String.class))
                .isEqualTo(sqlite() ? "ACTIVE" : "BANNED");
        // seats held = live invitations, everywhere
        assertThat(dsl().fetchCount(dsl().selectFrom("teams t").where("t.seats_reserved <> (select count(*) from invitations i"
                + " where i.team_id = t.id and i.state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING'))"))).isZero();
        assertThat(dsl().fetchCount(dsl().selectFrom("teams t").where("t.external_seats <> (select count(*) from"
                + " team_external_members e where e.team_id = t.id)"))).isZero();
    }

    @Test
    @Order(5)
    void inviteRecordsBecomeInvitationsInTheirMappedStates() {
        assertThat(state(1)).isEqualTo("JOINED");
        assertThat(state(12)).isEqualTo("REMOVED");       // an older duplicate of alice's membership
        assertThat(state(2)).isEqualTo("FAILED");        // pending for five days: never sent
        assertThat(state(3)).isEqualTo("JOINED");
        assertThat(state(4)).isEqualTo("REMOVED");       // accepted, no longer in the member list
        assertThat(state(5)).isEqualTo("EXPIRED");       // the expiry cleanup removed gina
        assertThat(state(6)).isEqualTo("REMOVED");       // failed: 被分销商移除 …
        assertThat(state(7)).isEqualTo("FAILED");
        assertThat(state(8)).isEqualTo("REBOUND");
        assertThat(state(9)).isEqualTo("JOINED");
        assertThat(state(13)).isEqualTo("JOINED");
        assertThat(state(15)).isEqualTo("RESERVED");     // an hour old: InviteHub's dispatcher sends it
        if (sqlite()) {
            assertThat(state(14)).isEqualTo("REMOVED");
        }
        Record waiting = invitation("invite_queue", 1);
        assertThat(waiting.get("state", String.class)).isEqualTo("WAITING");
        assertThat(waiting.get("team_id")).isNull();
        assertThat(waiting.get("queue_seq", Long.class)).isNotNull();

        Record rebind = invitation("invite_records", 9);
        assertThat(rebind.get("is_rebind", Boolean.class)).isTrue();
        assertThat(rebind.get("holds_use", Boolean.class)).isTrue();
        assertThat(invitation("invite_records", 8).get("holds_use", Boolean.class)).isFalse();
        Record removed = invitation("invite_records", 6);
        assertThat(removed.get("end_reason", String.class)).isEqualTo("被分销商移除: spam");
        assertThat(removed.get("holds_use", Boolean.class)).isFalse();
        Record alice = invitation("invite_records", 1);
        assertThat(alice.get("distributor_id", Long.class)).isEqualTo(target("users", 4));
        assertThat(alice.get("created_at", java.time.OffsetDateTime.class).toInstant())
                .isEqualTo(ReferenceDataset.NOW.minus(Duration.ofDays(10)));
        assertThat(alice.get("accepted_at", java.time.OffsetDateTime.class).toInstant())
                .isEqualTo(ReferenceDataset.NOW.minus(Duration.ofDays(9)));
        assertThat(alice.get("invited_at", java.time.OffsetDateTime.class)).isNotNull();
        assertThat(invitation("invite_records", 13).get("distributor_id", Long.class)).isEqualTo(target("users", 5));
        assertThat(dsl().fetchCount(dsl().selectFrom("invitations"))).isEqualTo(sqlite() ? 14 : 13);
    }

    @Test
    @Order(6)
    void codesAreLegacyOwnedByTheirDistributorAndTakeTheUsesTheirInvitationsHold() {
        Record a = dsl().fetchSingle("select * from redeem_codes where id = ?", target("redeem_codes", 1));
        assertThat(a.get("code", String.class)).isEqualTo("D4_ABCD1234");
        assertThat(a.get("legacy", Boolean.class)).isTrue();
        assertThat(a.get("owner_id", Long.class)).isEqualTo(target("users", 4));
        assertThat(a.get("bound_email", String.class)).isEqualTo("alice@x.example");
        assertThat(a.get("rebind_limit", Integer.class)).isEqualTo(1);
        assertThat(a.get("member_expires_at", java.time.OffsetDateTime.class).toInstant())
                .isEqualTo(ReferenceDataset.NOW.minus(Duration.ofDays(9)).plus(Duration.ofDays(30)));
        assertThat(dsl().fetchSingle("select code, owner_id from redeem_codes where id = ?", target("redeem_codes", 7)).get(0))
                .isEqualTo("STAFFCODE1");
        assertThat(dsl().fetchSingle("select owner_id from redeem_codes where id = ?", target("redeem_codes", 4)).get(0)).isNull();
        assertThat(dsl().fetchSingle("select order_id from redeem_codes where id = ?", target("redeem_codes", 4)).get(0, Long.class))
                .isEqualTo(target("orders", 1));
        assertThat(dsl().fetchSingle("select order_id from redeem_codes where id = ?", target("redeem_codes", 9)).get(0, Long.class))
                .isEqualTo(target("orders", 2));
        // used_count = invitations holding a use (the reference's 1 for code 3, whose member left, becomes 0)
        assertThat(dsl().fetchCount(dsl().selectFrom("redeem_codes c").where("c.used_count <> (select count(*) from invitations i"
                + " where i.code_id = c.id and i.holds_use)"))).isZero();
        assertThat(dsl().fetchSingle("select used_count from redeem_codes where id = ?", target("redeem_codes", 3)).get(0, Integer.class))
                .isZero();
        assertThat(dsl().fetchSingle("select used_count from redeem_codes where id = ?", target("redeem_codes", 4)).get(0, Integer.class))
                .isEqualTo(1);
        assertThat(first.lines()).anySatisfy(l -> assertThat(l).startsWith("ADJUST redeem_codes #3")
                .contains("used_count 1 in the reference, 0 taken by its imported invitations"));
        assertThat(dsl().fetchSingle("select active from redeem_codes where id = ?", target("redeem_codes", 15)).get(0, Boolean.class))
                .isFalse();
        assertThat(dsl().fetchCount(dsl().selectFrom("redeem_codes").where("not legacy"))).isZero();
        if (sqlite()) {
            // kim joined through code 9, which the reference never marked activated: activated at that acceptance
            assertThat(dsl().fetchSingle("select activated_at from redeem_codes where id = ?", target("redeem_codes", 9))
                    .get(0, java.time.OffsetDateTime.class).toInstant()).isEqualTo(ReferenceDataset.NOW.minus(Duration.ofDays(5)));
            assertThat(first.lines()).anySatisfy(l -> assertThat(l).startsWith("ADJUST redeem_codes #9").contains("activated at the first"));
        }
    }

    @Test
    @Order(7)
    void plansAndOrdersKeepTheirMoneyAndFulfilment() {
        assertThat(dsl().fetch("select name, plan_type, price_minor from plans order by id").map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2)))
                .containsExactly("Basic/PUBLIC/9900", "Pack 10/DISTRIBUTOR_CODES/50000");
        Map<String, String> orders = new LinkedHashMap<>();
        dsl().fetch("select order_no, status, fulfillment_status, delivered_count, codes_total, coalesce(trade_no, '-') t"
                + " from orders order by order_no").forEach(r -> orders.put(r.get(0, String.class),
                r.get(1) + "/" + r.get(2) + "/" + r.get(3) + "/" + r.get(4) + "/" + r.get(5)));
        assertThat(orders).containsExactly(
                Map.entry("20260101000000BBBBBBB3", "EXPIRED/PENDING/0/1/-"),
                Map.entry("20260103000000DDDDDDD5", "PAID/FAILED/0/1/reference:20260103000000DDDDDDD5"),
                Map.entry("20260110100000AAAAAAA1", "PAID/COMPLETED/1/1/T-1"),
                Map.entry("20260110120000ABCDEF01", "PAID/FAILED/1/10/T-2"));
    }

    @Test
    @Order(8)
    void statisticsEqualARecountFromTheImportedRows() {
        StatisticsRecount recount = new StatisticsRecount(dsl(), SHANGHAI);
        List<Long> distributors = dsl().fetch("select id from users where role = 'DISTRIBUTOR' order by id").map(r -> r.get(0, Long.class));
        assertThat(distributors).hasSize(4);
        for (long d : distributors) {
            UserId id = new UserId(d);
            assertThat(db.statistics().summary(id, ReferenceDataset.NOW, PRICE)).as("summary of %d", d)
                    .isEqualTo(recount.summary(id, ReferenceDataset.NOW, PRICE));
            assertThat(db.statistics().trend(id, ReferenceDataset.NOW, 60)).as("trend of %d", d)
                    .isEqualTo(recount.trend(id, ReferenceDataset.NOW, 60));
        }
        var a = db.statistics().summary(new UserId(target("users", 4)), ReferenceDataset.NOW, PRICE);
        assertThat(a.totalCodes()).isEqualTo(10);
        assertThat(a.invitesAccepted()).isPositive();
        // every rollup, summed over stripes, equals what statistics_rebuild() recomputes from the base tables
        List<String> kept = rollups();
        List<String> rebuilt;
        try {
            db.transactions().inTransaction(() -> {
                dsl().execute("select statistics_rebuild()");
                throw new Rollback(rollups());
            });
            throw new AssertionError("rolled back");
        } catch (Rollback r) {
            rebuilt = r.rows;
        }
        assertThat(kept).isNotEmpty().isEqualTo(rebuilt);
    }

    /** The rollups summed over stripes (and past expiry buckets into one, as the fold does). */
    private List<String> rollups() {
        List<String> rows = new ArrayList<>();
        java.time.OffsetDateTime now = ReferenceDataset.NOW.atOffset(ZoneOffset.UTC);
        dsl().fetch("select distributor_id, sum(codes), sum(enabled_codes), sum(enabled_depleted), sum(uses_taken),"
                + " sum(invites_sent), sum(invites_accepted), sum(members_active), sum(members_removed)"
                + " from distributor_stats group by 1 order by 1").forEach(r -> rows.add("stats " + r.intoList()));
        dsl().fetch("select distributor_id, day, sum(redeemed), sum(invited), sum(accepted), sum(removed)"
                + " from distributor_stats_daily group by 1, 2"
                + " having sum(redeemed) <> 0 or sum(invited) <> 0 or sum(accepted) <> 0 or sum(removed) <> 0 order by 1, 2")
                .forEach(r -> rows.add("daily " + r.intoList()));
        dsl().fetch("select distributor_id, case when expires_at < cast(? as timestamptz) then 'past' else expires_at::text end e,"
                + " sum(enabled_codes), sum(enabled_depleted) from distributor_code_expiry group by 1, 2"
                + " having sum(enabled_codes) <> 0 or sum(enabled_depleted) <> 0 order by 1, 2", now)
                .forEach(r -> rows.add("expiry " + r.intoList()));
        dsl().fetch("select distributor_id, plan_id, sum(codes), sum(redeemed_codes), sum(accepted)"
                + " from distributor_plan_stats group by 1, 2"
                + " having sum(codes) <> 0 or sum(redeemed_codes) <> 0 or sum(accepted) <> 0 order by 1, 2")
                .forEach(r -> rows.add("plan " + r.intoList()));
        return rows;
    }

    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<String> rows;

        Rollback(List<String> rows) {
            super("rollback");
            this.rows = rows;
        }
    }

    @Test
    @Order(9)
    void aSecondRunChangesNothing() {
        assertThat(afterSecond).isEqualTo(afterFirst);
        assertThat(second.imported()).isZero();
        assertThat(second.counts().get("redeem_codes").already()).isEqualTo(first.counts().get("redeem_codes").imported());
        assertThat(second.counts().get("invite_records").already()).isEqualTo(first.counts().get("invite_records").imported());
        // rows it cannot map are reported again, on every run
        assertThat(second.lines()).filteredOn(l -> l.startsWith("SKIP")).containsExactlyElementsOf(
                first.lines().stream().filter(l -> l.startsWith("SKIP")).toList());
    }

    @Test
    @Order(10)
    void anImportedCodeIsLookedUpAsTypedAndOnlyAmongImportedCodes() {
        assertThat(db.codes().findByCode(Code.parse(" d4_unused001 "))).map(c -> c.id().value())
                .contains(target("redeem_codes", 13));
        assertThat(db.codes().findByCode(Code.parse("D4_UNUSED00I"))).isEmpty();
        // a legacy-shaped value of a row that was not imported never matches (the V16 flag)
        dsl().execute("update redeem_codes set legacy = false where id = ?", target("redeem_codes", 14));
        assertThat(db.codes().findByCode(Code.parse("D6_SUSPEND01"))).isEmpty();
        dsl().execute("update redeem_codes set legacy = true where id = ?", target("redeem_codes", 14));
    }

    @Test
    @Order(11)
    void anImportedCodeIsRedeemedThroughTheRedemptionUseCase() {
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(), db.seats(),
                StatisticsRecount.unlimited(), StatisticsRecount.noWakeUps(), CLOCK, RedemptionSettings.defaults(),
                new RecipientPolicy(db.recipients(), new RecipientSettings(1_000_000, Duration.ZERO)));
        Email customer = Email.of("newcomer@x.example");

        RedemptionResult result = redeem.redeem(new RedeemCommand(Code.parse(ReferenceDataset.UNUSED_CODE.toLowerCase()),
                customer, "10.0.0.1"));

        assertThat(result.invitation().state()).isIn(InvitationState.RESERVED, InvitationState.WAITING);
        assertThat(result.invitation().distributorId()).contains(new UserId(target("users", 4)));
        assertThat(dsl().fetchSingle("select used_count, bound_email from redeem_codes where id = ?", target("redeem_codes", 13))
                .intoList()).containsExactly(1, "newcomer@x.example");
        // its one use is taken now; a second e-mail is refused like for any code
        assertThatThrownBy(() -> redeem.redeem(new RedeemCommand(Code.parse(ReferenceDataset.UNUSED_CODE), Email.of("other@x.example"),
                "10.0.0.2"))).isInstanceOf(DomainException.class);
        // a typo of an imported code is refused as before imports existed
        assertThatThrownBy(() -> redeem.redeem(new RedeemCommand(Code.parse("D4_UNUSED00X"), customer, "10.0.0.1")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE))
                .hasMessage("code contains a character that codes never contain");
        StatisticsRecount recount = new StatisticsRecount(dsl(), SHANGHAI);
        UserId a = new UserId(target("users", 4));
        assertThat(db.statistics().summary(a, ReferenceDataset.NOW, PRICE)).isEqualTo(recount.summary(a, ReferenceDataset.NOW, PRICE));
    }
}
