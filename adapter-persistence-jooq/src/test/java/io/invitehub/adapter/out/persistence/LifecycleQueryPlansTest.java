package io.invitehub.adapter.out.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The selection queries of the member-lifecycle jobs read their partial indexes, never the whole
 * invitations table (SPEC section 6: "SQL queries over an index, in batches"). 200 000 invitations,
 * nearly all ended, analysed, so the plans are the planner's real choice.
 */
class LifecycleQueryPlansTest {
    private static JooqPersistence db;

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshPersistence();
        db.dsl().execute("insert into teams (name, provider_account_id, max_seats) "
                + "select 'team ' || g, 'acct-' || g, 1000 from generate_series(1, 200) g");
        db.dsl().execute("insert into redeem_codes (code, max_uses, used_count, validity_days, bound_email, activated_at, member_expires_at) "
                + "select 'HUB' || lpad(g::text, 12, '0'), 1, 1, 30, 'c' || g || '@example.com', now() - interval '40 days', "
                + "now() - interval '10 days' from generate_series(1, 200000) g");
        db.dsl().execute("insert into invitations (code_id, team_id, email, state, created_at, invited_at, ended_at) "
                + "select g, 1 + g % 200, 'c' || g || '@example.com', "
                + "case when g % 500 = 0 then 'INVITED' when g % 500 = 1 then 'JOINED' when g % 500 = 2 then 'REMOVING' else 'EXPIRED' end, "
                + "now(), now() - interval '9 days', case when g % 500 > 2 then now() end from generate_series(1, 200000) g "
                + "where g % 500 <> 2");
        db.dsl().execute("insert into invitations (code_id, team_id, email, state, created_at, invited_at, removal_kind, removal_from, "
                + "removal_started_at, removal_due_at) select g, 1 + g % 200, 'c' || g || '@example.com', 'REMOVING', now(), now(), "
                + "'REMOVE', 'JOINED', now(), now() from generate_series(2, 200000, 500) g");
        db.dsl().execute("analyze");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void unacceptedTimeoutReadsItsIndex() {
        assertThat(plan("select id from invitations where state = 'INVITED' and not removal_failed "
                + "and invited_at <= now() - interval '7 days' order by invited_at, id limit 100 for update skip locked"))
                .contains("invitations_unaccepted_idx").doesNotContain("Seq Scan on invitations");
    }

    @Test
    void expiryReadsItsIndex() {
        assertThat(plan("select id from invitations where state in ('INVITED', 'JOINED') and not removal_failed "
                + "and member_ends_at is not null and member_ends_at <= now() order by member_ends_at, id limit 100 for update skip locked"))
                .contains("invitations_member_ends_idx").doesNotContain("Seq Scan on invitations");
    }

    @Test
    void resumingRemovalsReadsItsIndex() {
        assertThat(plan("select id from invitations where state = 'REMOVING' and removal_due_at <= now() "
                + "order by removal_due_at, id limit 100 for update skip locked"))
                .contains("invitations_removing_idx").doesNotContain("Seq Scan on invitations");
    }

    @Test
    void pendingRebindsReadTheirIndex() {
        assertThat(plan("select id from invitations where rebind_to is not null and state = 'JOINED' and exists "
                + "(select 1 from invitations n where n.id = invitations.rebind_to and n.state in ('INVITED', 'JOINED')) "
                + "order by id limit 100 for update skip locked"))
                .contains("invitations_rebinding_idx").doesNotContain("Seq Scan on invitations");
    }

    @Test
    void theMemberOfATeamIsOneIndexLookup() {
        assertThat(plan("select * from invitations where team_id = 7 and email = 'c7@example.com' order by id desc limit 1"))
                .contains("invitations_team_email_idx").doesNotContain("Seq Scan");
    }

    @Test
    void theTriggerCopiedTheMembershipEndOfEveryOpenInvitation() {
        // the backfill of V4 ran on an empty table here; rows inserted later got it from the insert trigger
        assertThat(db.dsl().fetchOne("select count(*) from invitations where state in ('INVITED','JOINED','REMOVING') "
                + "and member_ends_at is null").get(0, Integer.class)).isZero();
    }

    private static String plan(String sql) {
        List<String> lines = db.dsl().fetch("explain " + sql).getValues(0, String.class);
        return String.join("\n", lines);
    }
}
