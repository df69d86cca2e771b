package io.invitehub.adapter.out.persistence;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * What operators watch (issue 16, ADR 39): the length of each work queue and how late its oldest due item
 * is, and the invitations by state. Every figure is read from a partial index or from the trigger-kept
 * {@code invitation_state_counts} (V38): nothing here counts a whole table.
 */
public final class JooqOperationalFigures {
    private final DSLContext dsl;

    JooqOperationalFigures(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One queue: items in it, and how long the oldest due one has been waiting past its due time (zero when none is due). */
    public record Queue(long length, Duration oldestDueAge) {
    }

    /**
     * The work queues: invitations to send, invitations waiting for a seat, removals to finish, paid orders to deliver,
     * mail to send and webhook deliveries to make (the outboxes of ADR 41, 42: rows PENDING or SENDING).
     */
    public record Queues(Queue dispatch, Queue waiting, Queue removals, Queue fulfilment, Queue mail, Queue webhooks) {
    }

    public Queues queues(Instant now) {
        Record r = dsl.fetchOne("""
                select (select count(*) from invitations where state = 'RESERVED') as dispatch_n,
                       (select min(next_attempt_at) from invitations where state = 'RESERVED') as dispatch_due,
                       (select count(*) from invitations where state = 'WAITING') as waiting_n,
                       (select created_at from invitations where state = 'WAITING' order by queue_seq limit 1) as waiting_since,
                       (select count(*) from invitations where state = 'REMOVING') as removing_n,
                       (select min(removal_due_at) from invitations where state = 'REMOVING') as removing_due,
                       (select count(*) from orders where status = 'PAID' and fulfillment_status in ('PENDING', 'PROCESSING')) as fulfil_n,
                       (select min(fulfillment_next_at) from orders
                         where status = 'PAID' and fulfillment_status in ('PENDING', 'PROCESSING')) as fulfil_due,
                       (select count(*) from mail_outbox where status in ('PENDING', 'SENDING')) as mail_n,
                       (select min(next_attempt_at) from mail_outbox where status in ('PENDING', 'SENDING')) as mail_due,
                       (select count(*) from webhook_deliveries where status in ('PENDING', 'SENDING')) as webhooks_n,
                       (select min(next_attempt_at) from webhook_deliveries where status in ('PENDING', 'SENDING')) as webhooks_due
                """);
        return new Queues(
                queue(r, "dispatch_n", "dispatch_due", now),
                queue(r, "waiting_n", "waiting_since", now),
                queue(r, "removing_n", "removing_due", now),
                queue(r, "fulfil_n", "fulfil_due", now),
                queue(r, "mail_n", "mail_due", now),
                queue(r, "webhooks_n", "webhooks_due", now));
    }

    private static Queue queue(Record r, String count, String due, Instant now) {
        OffsetDateTime at = r.get(due, OffsetDateTime.class);
        Duration late = at == null || at.toInstant().isAfter(now) ? Duration.ZERO : Duration.between(at.toInstant(), now);
        return new Queue(r.get(count, Long.class), late);
    }

    /** Invitations per state (every state of the schema, 0 when none), from the striped counts. */
    public Map<String, Long> invitationsByState() {
        Map<String, Long> counts = new TreeMap<>();
        for (String state : new String[] {"WAITING", "RESERVED", "INVITED", "JOINED", "REMOVING", "CANCELLED", "FAILED", "REMOVED",
                "EXPIRED", "REBOUND"}) {
            counts.put(state, 0L);
        }
        dsl.fetch("select state, sum(n)::bigint as n from invitation_state_counts group by state")
                .forEach(row -> counts.put(row.get("state", String.class), row.get("n", Long.class)));
        return counts;
    }
}
