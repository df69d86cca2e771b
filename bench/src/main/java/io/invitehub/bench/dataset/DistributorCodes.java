package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.CloseableDSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.util.Collection;
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
        try (CloseableDSLContext dsl = connect(database)) {
            return dsl.resultQuery("select u.id, u.username, x.n from (select owner_id, count(*) n from redeem_codes "
                            + "where owner_id is not null group by owner_id) x join users u on u.id = x.owner_id "
                            + "where u.username like 'bench-%' order by x.n desc, u.id")
                    .fetch(r -> new Owner(r.get(0, Long.class), r.get(1, String.class), r.get(2, Long.class)));
        }
    }

    /** Of {@code codes}, how many each owner has redeemed ({@code used_count > 0}), by owner id; owners with none are absent. */
    public static Map<Long, Long> redeemedByOwner(PersistenceSettings database, Collection<String> codes) {
        Map<Long, Long> redeemed = new TreeMap<>();
        try (CloseableDSLContext dsl = connect(database)) {
            for (Record r : dsl.resultQuery("select owner_id, count(*) from redeem_codes where code = any(cast(? as varchar[])) "
                    + "and used_count > 0 and owner_id is not null group by owner_id", (Object) codes.toArray(String[]::new)).fetch()) {
                redeemed.put(r.get(0, Long.class), r.get(1, Long.class));
            }
        }
        return redeemed;
    }

    /** Of {@code codes}, how many are over their uses ({@code max_uses > 0 and used_count > max_uses}): must be none. */
    public static long overUsed(PersistenceSettings database, Collection<String> codes) {
        try (CloseableDSLContext dsl = connect(database)) {
            Long n = dsl.resultQuery("select count(*) from redeem_codes where code = any(cast(? as varchar[])) "
                    + "and max_uses > 0 and used_count > max_uses", (Object) codes.toArray(String[]::new)).fetchOne(0, Long.class);
            return n == null ? 0 : n;
        }
    }

    private static CloseableDSLContext connect(PersistenceSettings database) {
        return DSL.using(database.jdbcUrl(), database.user(), database.password());
    }
}
