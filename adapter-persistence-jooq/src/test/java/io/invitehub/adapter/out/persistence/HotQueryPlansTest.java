package io.invitehub.adapter.out.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot queries of redemption and dispatch are index-backed. The tables are seeded with 200 000
 * codes and invitations and analysed, so the plans are the planner's real choice.
 */
class HotQueryPlansTest {
    private static JooqPersistence db;

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshPersistence();
        db.dsl().execute("insert into teams (name, provider_account_id, max_seats) "
                + "select 'team ' || g, 'acct-' || g, 100 from generate_series(1, 200) g");
        db.dsl().execute("insert into redeem_codes (code, max_uses, used_count, validity_days, bound_email) "
                + "select 'HUB' || lpad(g::text, 12, '0'), 1, 1, 30, 'c' || g || '@example.com' from generate_series(1, 200000) g");
        db.dsl().execute("insert into invitations (code_id, team_id, email, state, created_at, next_attempt_at, ended_at, queue_seq) "
                + "select g, case when g % 1000 <> 1 then 1 + g % 200 end, 'c' || g || '@example.com', "
                + "case when g % 1000 = 0 then 'RESERVED' when g % 1000 = 1 then 'WAITING' else 'FAILED' end, now(), "
                + "case when g % 1000 = 0 then now() end, case when g % 1000 > 1 then now() end, "
                + "case when g % 1000 = 1 then nextval('invitation_queue_seq') end "
                + "from generate_series(1, 200000) g");
        db.dsl().execute("analyze");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void codeLookupUsesTheUniqueIndex() {
        assertThat(plan("select * from redeem_codes where code = 'HUB000000012345'"))
                .contains("redeem_codes_code_key").doesNotContain("Seq Scan");
    }

    @Test
    void openInvitationOfACodeAndEmailUsesAnIndex() {
        assertThat(plan("select * from invitations where code_id = 12345 and email = 'c12345@example.com' "
                + "and state in ('WAITING','RESERVED','INVITED','JOINED','REMOVING') order by id desc limit 1"))
                .contains("Index").doesNotContain("Seq Scan");
    }

    @Test
    void openInvitationsOfAnEmailUseThePartialIndex() {
        assertThat(plan("select * from invitations where email = 'c12345@example.com' "
                + "and state in ('WAITING','RESERVED','INVITED','JOINED','REMOVING') and not is_rebind and code_id <> 1 limit 1"))
                .contains("invitations_open_email_key").doesNotContain("Seq Scan");
    }

    @Test
    void theDispatcherClaimReadsTheOutboxIndex() {
        assertThat(plan("select id from invitations where state = 'RESERVED' and next_attempt_at <= now() "
                + "order by next_attempt_at, id limit 50 for update skip locked"))
                .contains("invitations_dispatch_idx").doesNotContain("Seq Scan on invitations");
    }

    @Test
    void queuePositionCountsOverTheWaitingIndex() {
        assertThat(plan("select count(*) from invitations where state = 'WAITING' and queue_seq <= 100"))
                .contains("invitations_waiting_idx").doesNotContain("Seq Scan");
    }

    @Test
    void everyOpenInvitationOfAnEmailIsTwoPartialIndexProbesInOneStatement() {
        // JooqInvitations.openOfEmail: the idempotent repeat and ALREADY_MEMBER in one read
        String open = "state in ('WAITING','RESERVED','INVITED','JOINED','REMOVING')";
        assertThat(plan("select * from invitations where email = 'c12345@example.com' and " + open + " and not is_rebind"
                + " union all select * from invitations where email = 'c12345@example.com' and " + open + " and is_rebind"
                + " order by id desc"))
                .contains("invitations_open_email_key").contains("invitations_open_rebind_email_idx")
                .doesNotContain("Seq Scan on invitations");
    }

    @Test
    void theQueueCheckAndTheSeatAreOneStatementThatProbesTheWaitingIndex() {
        // JooqTeams.reserveSeatUnlessQueued: one team row locked (LIMIT 1 … SKIP LOCKED); the queue is probed once
        // (an InitPlan, a one-time filter), not per team
        String room = "status = 'ACTIVE' and seats_reserved + external_seats < max_seats";
        assertThat(plan("update teams set seats_reserved = seats_reserved + 1 where id = (select id from teams where " + room
                + " and not exists (select 1 from invitations where state = 'WAITING' and queue_group_id is null)"
                + " order by id limit 1 for update skip locked) and " + room + " returning id, name"))
                .contains("Index Scan using invitations_waiting").contains("One-Time Filter").contains("LockRows")
                .doesNotContain("Seq Scan on invitations");
    }

    @Test
    void theRecipientScreeningReadsTheEmailIndexes() {
        // JooqRecipients.screen: opt-out and the last 24 hours of one e-mail, each an index probe
        assertThat(plan("select (select id from blocked_recipients where (kind = 'EMAIL' and value = 'c12345@example.com')"
                + " or (kind = 'DOMAIN' and value in ('example.com', 'com')) order by id limit 1),"
                + " exists (select 1 from invitation_opt_outs where email = 'c12345@example.com'),"
                + " array(select created_at from invitations where email = 'c12345@example.com'"
                + " and created_at > now() - interval '1 day' and not is_rebind order by created_at desc limit 3)"))
                .contains("invitations_email_created_idx").doesNotContain("Seq Scan on invitations");
    }

    private static String plan(String sql) {
        List<String> lines = db.dsl().fetch("explain " + sql).getValues(0, String.class);
        return String.join("\n", lines);
    }
}
