package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * What the server wrote to its write-ahead log between two readings (issue 17, phase 7: the 100 000-code fulfilment at
 * scale 1.0), read from the log itself with {@code pg_walinspect} as the superuser: records, full-page images and their
 * bytes, all bytes, and whether a checkpoint started in between (the control file's redo position moved). A page's
 * first change after a checkpoint starts is logged with an image of the whole page (8 KiB before compression) instead
 * of the change alone, so the same inserts write far more right after one. ({@code pg_stat_wal} would not do: a
 * backend's counts reach it only when that backend flushes its statistics, up to a second or more later.)
 */
public final class WalMeter {
    private final PersistenceSettings superuser;

    public WalMeter(PersistenceSettings superuser) {
        this.superuser = superuser;
    }

    /** A position in the log and the redo position of the last checkpoint started. */
    public record Reading(String lsn, String redo) {
    }

    /**
     * What was written between two readings; {@code inspected} is false when the log between them was already recycled
     * by a checkpoint (then only the bytes, from the two positions, are known: records and images are -1).
     */
    public record Written(long records, long fullPageImages, long imageBytes, long bytes, boolean checkpointStarted, boolean inspected) {
        /** The figures as one line. */
        public String line() {
            String checkpoint = checkpointStarted ? "a checkpoint started in between" : "no checkpoint started in between";
            if (!inspected) {
                return String.format(java.util.Locale.ROOT, "%.1f MiB of WAL in all; %s; records and full-page images not read "
                        + "(the checkpoint had recycled the log)", bytes / 1048576.0, checkpoint);
            }
            return String.format(java.util.Locale.ROOT, "%,d WAL records, %,d full-page images (%.1f MiB), %.1f MiB of WAL in all; %s",
                    records, fullPageImages, imageBytes / 1048576.0, bytes / 1048576.0, checkpoint);
        }
    }

    /** Reads the current log position and the last checkpoint's redo position. */
    public Reading read() {
        return OneConnection.call(superuser, WalMeter::read);
    }

    private static Reading read(DSLContext db) {
        Record r = db.fetchOne("select pg_current_wal_insert_lsn()::text, (pg_control_checkpoint()).redo_lsn::text");
        return new Reading(r.get(0, String.class), r.get(1, String.class));
    }

    /** Whether a checkpoint started since {@code before} (the control file's redo position moved). */
    public boolean checkpointStartedSince(Reading before) {
        return !before.redo().equals(read().redo());
    }

    /** What was written from {@code before} to now (the reading of now and the figures on one connection). */
    public Written since(Reading before) {
        return OneConnection.call(superuser, db -> {
            Reading now = read(db);
            boolean checkpoint = !before.redo().equals(now.redo());
            long bytes = db.fetchOne("select pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::bigint", now.lsn(), before.lsn()).get(0, Long.class);
            db.execute("create extension if not exists pg_walinspect");
            try {
                Record r = db.fetchOne("""
                        select (select count(*) from pg_get_wal_records_info(?::pg_lsn, ?::pg_lsn)), b.images, b.image_bytes
                        from (select count(*) filter (where block_fpi_length > 0) images, coalesce(sum(block_fpi_length), 0)::bigint image_bytes
                              from pg_get_wal_block_info(?::pg_lsn, ?::pg_lsn, false)) b""",
                        before.lsn(), now.lsn(), before.lsn(), now.lsn());
                return new Written(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class), bytes, checkpoint, true);
            } catch (DataAccessException recycled) {
                // "requested WAL segment … has already been removed": a checkpoint in between recycled the start
                return new Written(-1, -1, -1, bytes, checkpoint, false);
            }
        });
    }
}
