package io.invitehub.adapter.out.persistence;

import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Sealing again, under the current key, the values of a sealed column that a previous key sealed (the
 * start-up step of a key rotation, ADR 16). A value under a key that is not configured throws
 * {@link SecretBoxException}, so the start stops and the transaction changes nothing.
 */
final class SealedColumns {
    private SealedColumns() {
    }

    /** How many values of {@code table.column} were sealed again. */
    static int resealAll(DSLContext dsl, SecretBox secrets, String table, String column, String purpose) {
        int resealed = 0;
        for (Record r : dsl.resultQuery("select id, " + column + " from " + table + " where " + column + " is not null"
                + " and " + column + " not like ? for update", SecretBox.VERSION + "." + secrets.keys().currentId() + ".%").fetch()) {
            String sealed = r.get(1, String.class);
            String again = secrets.seal(secrets.open(sealed, purpose), purpose);
            resealed += dsl.execute("update " + table + " set " + column + " = ? where id = ?", again, r.get(0, Long.class));
        }
        return resealed;
    }
}
