package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.reference.ImportReport;
import io.invitehub.adapter.out.persistence.reference.ReferenceImport;
import io.invitehub.adapter.out.persistence.reference.ReferenceSource;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import into an InviteHub that already serves: its names, workspaces, codes and open invitations win,
 * the reference rows that collide are merged or reported, and every counter and statistic stays exact.
 */
class ReferenceImportIntoAUsedDatabaseTest {
    private final JooqPersistence db = TestPostgres.freshPersistence();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void rowsThatCollideWithInviteHubsOwnAreMergedOrReportedAndCountersStayExact() throws Exception {
        db.users().create("admin", "owner@hub.example", "$2b$04$" + "x".repeat(53), Role.ADMIN, null);
        long group = db.teams().createGroup("Default").value();
        TeamId mine = db.teams().create(new NewTeam("Our workspace", "acc-1", "our-token", 10, Optional.empty())).id();
        // a code of ours bound to alice, whose invitation to our acc-1 team is on its way
        Code ours = Code.compose("HUB", "23456789ABC");
        db.codes().insertNew(List.of(ours), new CodeTerms(Optional.empty(), 1, 30, Optional.empty(),
                Optional.empty(), 1, Optional.empty()), Optional.empty(),
                ReferenceDataset.NOW.minus(Duration.ofDays(20)));
        long ourCode = db.codes().findByCode(ours).orElseThrow().id().value();
        db.dsl().execute("update redeem_codes set used_count = 1, bound_email = 'alice@x.example' where id = ?", ourCode);
        db.transactions().inTransaction(() -> db.invitations().create(new NewInvitation(
                new io.invitehub.domain.code.RedeemCodeId(ourCode), Optional.empty(), Optional.of(mine),
                Email.of("alice@x.example"), InvitationState.RESERVED, false, true, ReferenceDataset.NOW.minus(Duration.ofDays(20)))));
        db.dsl().execute("update teams set seats_reserved = 1 where id = ?", mine.value());
        db.dsl().execute("insert into redeem_codes (code, max_uses, validity_days) values ('D4_EFGH5678', 1, 30)");

        var file = Files.createTempDirectory("reference-used").resolve("app.db");
        try (ReferenceDatabase reference = ReferenceDatabase.sqlite(file)) {
            ReferenceDataset.fill(reference);
        }
        ImportReport report;
        try (ReferenceSource source = ReferenceSource.open("jdbc:sqlite:" + file, Optional.empty(), Optional.empty())) {
            report = ReferenceImport.run(source, db, new ReferenceImport.Options(false, Duration.ofHours(24)),
                    Clock.fixed(ReferenceDataset.NOW, ZoneOffset.UTC));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        report.print(System.out);

        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("SKIP   users #1 (admin)").contains("already called 'admin'"));
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("ADJUST team_groups #1 (Default)").contains("merged"));
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("ADJUST teams #1 (Team One)")
                .contains("InviteHub has team #" + mine.value()));
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("SKIP   redeem_codes #2").contains("has this code already"));
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("SKIP   invite_records #3").contains("code #2 is not imported"));
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("ADJUST invite_records #1")
                .contains("JOINED ended REMOVED").contains("InviteHub has an open invitation of this e-mail already"));
        // both reference teams of workspace acc-1 went into ours, with their credentials left as they were
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("teams"))).isEqualTo(3);
        assertThat(db.teams().account(mine).orElseThrow().credentials()).isEqualTo("our-token");
        assertThat(db.dsl().fetchSingle("select count(*) from team_groups").get(0, Integer.class)).isEqualTo(2);
        assertThat(db.dsl().fetchSingle("select group_id from redeem_codes where code = 'D4_ABCD1234'").get(0, Long.class))
                .isEqualTo(group);
        // counters: seats = live invitations, uses = invitations holding one, everywhere
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("teams t").where("t.seats_reserved <> (select count(*) from invitations i"
                + " where i.team_id = t.id and i.state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING'))"))).isZero();
        assertThat(db.dsl().fetchSingle("select seats_reserved from teams where id = ?", mine.value()).get(0, Integer.class))
                .isEqualTo(3);  // alice's of ours, and the reference's jack (JOINED) and liz (RESERVED an hour ago)
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("redeem_codes c").where("c.legacy and c.used_count <> (select count(*)"
                + " from invitations i where i.code_id = c.id and i.holds_use)"))).isZero();
        StatisticsRecount recount = new StatisticsRecount(db.dsl(), ZoneId.of("Asia/Shanghai"));
        Money price = Money.ofMinor(990, Money.CNY);
        for (Long d : db.dsl().fetch("select id from users where role = 'DISTRIBUTOR'").map(r -> r.get(0, Long.class))) {
            assertThat(db.statistics().summary(new UserId(d), ReferenceDataset.NOW, price))
                    .isEqualTo(recount.summary(new UserId(d), ReferenceDataset.NOW, price));
        }
    }

    /**
     * Usernames are unique regardless of case (V19): a reference account whose name differs from an
     * InviteHub account's only in case is reported and skipped like an equal name, and the rest imports.
     */
    @Test
    void aReferenceUsernameThatDiffersOnlyInCaseIsSkippedAndTheRestImports() throws Exception {
        db.users().create("ADMIN", "owner@hub.example", "$2b$04$" + "x".repeat(53), Role.ADMIN, null);

        var file = Files.createTempDirectory("reference-case").resolve("app.db");
        try (ReferenceDatabase reference = ReferenceDatabase.sqlite(file)) {
            ReferenceDataset.fill(reference);
        }
        ImportReport report;
        try (ReferenceSource source = ReferenceSource.open("jdbc:sqlite:" + file, Optional.empty(), Optional.empty())) {
            report = ReferenceImport.run(source, db, new ReferenceImport.Options(false, Duration.ofHours(24)),
                    Clock.fixed(ReferenceDataset.NOW, ZoneOffset.UTC));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }

        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("SKIP   users #1 (admin)")
                .contains("already called 'ADMIN'"));
        assertThat(db.dsl().fetch("select username from users where lower(username) = 'admin'").map(r -> r.get(0, String.class)))
                .containsExactly("ADMIN");
        assertThat(db.dsl().fetchSingle("select count(*) from users where role = 'DISTRIBUTOR'").get(0, Integer.class))
                .as("the reference's distributors were imported").isPositive();
    }
}
