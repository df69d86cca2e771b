package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a fulfilment batch's time goes inside PostgreSQL (issue 17, phase 7: the 100 000-code fulfilment takes 4.9 s
 * at scale 1.0 and 2.9 s at 0.2 with the same WAL and no page I/O to speak of): {@code EXPLAIN (ANALYZE, BUFFERS)} of
 * the fulfilment's insert — the statement {@code JooqRedeemCodes.insertNew} sends, the batch's new codes unnested from
 * one array, {@code ON CONFLICT (code) DO NOTHING RETURNING code}, for a distributor and one of its orders — in a
 * transaction rolled back, so the dataset is unchanged. The plan splits the statement's time into the insert itself
 * (the heap and every index), each foreign-key check (one trigger call per row) and the statistics trigger (one per
 * statement). Run a few times; the median run is reported.
 */
public final class InsertPlan {
    private static final Pattern INSERT = Pattern.compile("Insert on redeem_codes .*actual time=[0-9.]+\\.\\.([0-9.]+) rows=(\\d+)");
    private static final Pattern TRIGGER = Pattern.compile("^Trigger (?:for constraint )?(\\S+): time=([0-9.]+) calls=(\\d+)");
    private static final Pattern EXECUTION = Pattern.compile("^Execution Time: ([0-9.]+) ms");
    private static final Pattern BUFFERS = Pattern.compile("^Buffers: shared hit=(\\d+)(?: read=(\\d+))?");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final PersistenceSettings superuser;

    public InsertPlan(PersistenceSettings superuser) {
        this.superuser = superuser;
    }

    /** One explained insert: rows, the insert node's time, each trigger's time, the whole execution, buffers hit and read. */
    public record Explained(int rows, double insertMs, Map<String, Double> triggerMs, double executionMs, long hits, long reads) {
        /** The figures as one line. */
        public String line() {
            StringBuilder triggers = new StringBuilder();
            triggerMs.forEach((name, ms) -> triggers.append(String.format(Locale.ROOT, ", %s %.1f ms", name, ms)));
            return String.format(Locale.ROOT, "%,d rows in %.1f ms: the insert (heap and indexes) %.1f ms%s; %,d buffer hits, %,d reads "
                    + "(%.1f hits per row)", rows, executionMs, insertMs, triggers, hits, reads, rows == 0 ? 0.0 : (double) hits / rows);
        }
    }

    /**
     * Explains the insert of {@code count} new random codes for the distributor {@code owner} (its user id) and its latest order,
     * {@code runs} times (each rolled back); the median run by execution time.
     */
    public Explained median(long owner, int count, int runs) {
        List<Explained> all = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int run = 0; run < runs; run++) {
            String[] codes = new String[count];
            for (int i = 0; i < count; i++) {
                StringBuilder code = new StringBuilder(16);
                for (int c = 0; c < 16; c++) {
                    code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                codes[i] = code.toString();
            }
            all.add(OneConnection.call(superuser, db -> {
                try {
                    db.transaction(tx -> {
                        List<String> plan = tx.dsl().fetch("""
                        explain (analyze, buffers)
                        with buyer as materialized (
                            select u.id, (select o.id from orders o where o.buyer_id = u.id order by o.id desc limit 1) order_id
                            from users u where u.id = ?)
                        insert into redeem_codes (code, owner_id, group_id, max_uses, expires_at, validity_days, rebind_limit, note,
                                                  created_at, updated_at, order_id)
                        select b.code, buyer.id, null, 1, null, 30, 0, null, now(), now(), buyer.order_id
                        from unnest(?::varchar[]) as b(code), buyer
                        on conflict (code) do nothing returning code""", owner, codes).getValues(0, String.class);
                        throw new RolledBack(parse(plan));
                    });
                } catch (RolledBack explained) {
                    return explained.explained;
                }
                throw new IllegalStateException("the explained insert was not rolled back");
            }));
        }
        all.sort(Comparator.comparingDouble(Explained::executionMs));
        return all.get(all.size() / 2);
    }

    /** Carries the figures out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Explained explained;

        RolledBack(Explained explained) {
            super(null, null, false, false);
            this.explained = explained;
        }
    }

    /** Reads the figures out of a text plan. */
    static Explained parse(List<String> plan) {
        int rows = 0;
        double insert = 0;
        double execution = 0;
        long hits = -1;
        long reads = 0;
        Map<String, Double> triggers = new LinkedHashMap<>();
        for (String raw : plan) {
            String line = raw.strip();
            Matcher m = INSERT.matcher(line);
            if (m.find()) {
                insert = Double.parseDouble(m.group(1));
                rows = Integer.parseInt(m.group(2));
            } else if ((m = TRIGGER.matcher(line)).find()) {
                triggers.put(m.group(1), Double.parseDouble(m.group(2)));
            } else if ((m = EXECUTION.matcher(line)).find()) {
                execution = Double.parseDouble(m.group(1));
            } else if (hits < 0 && (m = BUFFERS.matcher(line)).find()) {
                // the first Buffers line is the insert node's, which includes its children's
                hits = Long.parseLong(m.group(1));
                reads = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            }
        }
        if (rows == 0 && execution == 0) {
            throw new IllegalStateException("no insert in the plan: " + String.join("\n", plan));
        }
        return new Explained(rows, insert, triggers, execution, Math.max(hits, 0), reads);
    }
}
