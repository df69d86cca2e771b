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

    private static String plan(String sql) {
        List<String> lines = db.dsl().fetch("explain " + sql).getValues(0, String.class);
        return String.join("\n", lines);
    }
}
