package io.invitehub.adapter.out.persistence.reference;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.Map;

import static io.invitehub.adapter.out.persistence.generated.Tables.REFERENCE_IMPORT_IDS;

/**
 * Which reference row became which InviteHub row ({@code reference_import_ids}, V16): what makes a second
 * run change nothing. Loaded at the start; every batch writes its rows' entries in its own transaction.
 */
final class ImportIds {
    private final Map<String, Map<Long, Long>> ids = new HashMap<>();

    static ImportIds load(DSLContext dsl) {
        ImportIds loaded = new ImportIds();
        dsl.selectFrom(REFERENCE_IMPORT_IDS).fetch()
                .forEach(r -> loaded.put(r.getSourceTable(), r.getSourceId(), r.getTargetId()));
        return loaded;
    }

    boolean has(String table, long ref) {
        return ids.getOrDefault(table, Map.of()).containsKey(ref);
    }

    /** The InviteHub id of a reference row imported earlier (this run's written batches included), or null. */
    Long target(String table, Long ref) {
        return ref == null ? null : ids.getOrDefault(table, Map.of()).get(ref);
    }

    void put(String table, long ref, long target) {
        ids.computeIfAbsent(table, t -> new HashMap<>()).put(ref, target);
    }

    /** Records the entry in the current transaction and in memory. */
    void record(DSLContext dsl, String table, long ref, long target) {
        dsl.insertInto(REFERENCE_IMPORT_IDS, REFERENCE_IMPORT_IDS.SOURCE_TABLE, REFERENCE_IMPORT_IDS.SOURCE_ID,
                        REFERENCE_IMPORT_IDS.TARGET_ID)
                .values(table, ref, target)
                .execute();
        put(table, ref, target);
    }
}
