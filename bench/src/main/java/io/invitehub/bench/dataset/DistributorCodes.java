package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.Record;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL of the bench's distributor-code phase (issue 17): which seeded distributors own how many codes, and — after
 * the load — how many of the phase's codes each owner had redeemed, read from {@code redeem_codes} itself (the truth
 * the distributor summaries are checked against). SQL stays in this package (BenchArchitectureTest).
 */
public final class DistributorCodes {
    private DistributorCodes() {
    }

    /** A seeded distributor and the codes it owns. */
    public record Owner(long id, String username, long codes) {
    }

    /** The seeded distributors ({@code bench-…}) that own codes, most codes first (ties: lower id first). */
    public static List<Owner> bySize(PersistenceSettings database) {
        return OneConnection.call(database, dsl -> dsl.resultQuery("select u.id, u.username, x.n from (select owner_id, count(*) n "
                        + "from redeem_codes where owner_id is not null group by owner_id) x join users u on u.id = x.owner_id "
                        + "where u.username like 'bench-%' order by x.n desc, u.id")
                .fetch(r -> new Owner(r.get(0, Long.class), r.get(1, String.class), r.get(2, Long.class))));
    }

    /**
     * Of the codes issued with {@code note} (the phase's own: an array of tens of thousands of codes as a parameter made
     * PostgreSQL compare each row with every element, minutes at scale 0.02), how many each owner has redeemed
     * ({@code used_count > 0}), by owner id; owners with none are absent. One scan of {@code redeem_codes}.
     */
    public static Map<Long, Long> redeemedByOwner(PersistenceSettings database, String note) {
        Map<Long, Long> redeemed = new TreeMap<>();
        OneConnection.run(database, dsl -> {
            for (Record r : dsl.resultQuery("select owner_id, count(*) from redeem_codes where note = ? "
                    + "and used_count > 0 and owner_id is not null group by owner_id", note).fetch()) {
                redeemed.put(r.get(0, Long.class), r.get(1, Long.class));
            }
        });
        return redeemed;
    }

    /** Of the codes issued with {@code note}, how many are over their uses ({@code max_uses > 0 and used_count > max_uses}): must be none. */
    public static long overUsed(PersistenceSettings database, String note) {
        Long n = OneConnection.call(database, dsl -> dsl.resultQuery(
                "select count(*) from redeem_codes where note = ? and max_uses > 0 and used_count > max_uses", note).fetchOne(0, Long.class));
        return n == null ? 0 : n;
    }
}
