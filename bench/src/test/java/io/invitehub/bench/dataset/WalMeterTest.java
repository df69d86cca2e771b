package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fulfilment's WAL reading (issue 17, phase 7) on the bench's own durable server (the shared test server runs
 * without full-page writes): the same update of every page of a table
 * writes a full-page image per page right after a checkpoint, and (without a checkpoint between) next to none the
 * second time — the effect the reading is there to show.
 */
class WalMeterTest {

    @Test
    void aPagesFirstChangeAfterACheckpointIsAFullPageImageAndTheNextChangeIsNot(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(dir.resolve("pg"))) {
            PersistenceSettings database = server.superuserSettings(1);
            CloseableDSLContext db = DSL.using(database.jdbcUrl(), database.user(), database.password());
            db.execute("create table wal_meter (id int primary key, v int) with (fillfactor = 50)");
            db.execute("insert into wal_meter select g, 0 from generate_series(1, 20000) g");
            db.execute("analyze wal_meter");
            int pages = db.fetchOne("select relpages from pg_class where relname = 'wal_meter'").get(0, Integer.class);
            WalMeter meter = new WalMeter(database);

            db.execute("checkpoint");
            WalMeter.Reading start = meter.read();
            db.execute("update wal_meter set v = v + 1");
            WalMeter.Written first = meter.since(start);

            WalMeter.Reading again = meter.read();
            db.execute("update wal_meter set v = v + 1");
            WalMeter.Written second = meter.since(again);

            assertThat(first.fullPageImages()).as("one image per heap page at least, after the checkpoint").isGreaterThanOrEqualTo(pages);
            assertThat(first.imageBytes()).isGreaterThan((long) pages * 1024);
            assertThat(first.bytes()).isGreaterThanOrEqualTo(first.imageBytes());
            assertThat(first.records()).isGreaterThanOrEqualTo(20_000);
            if (!second.checkpointStarted()) {
                assertThat(second.fullPageImages()).as("no checkpoint between: the pages were imaged already")
                        .isLessThan(first.fullPageImages() / 2);
            }
            WalMeter.Reading beforeCheckpoint = meter.read();
            assertThat(meter.checkpointStartedSince(beforeCheckpoint)).isFalse();
            db.execute("checkpoint");
            assertThat(meter.checkpointStartedSince(beforeCheckpoint)).as("a CHECKPOINT moves the redo position").isTrue();
            // across a checkpoint the log may be recycled already: the bytes are still known, and the line says which
            WalMeter.Written across = meter.since(again);
            assertThat(across.checkpointStarted()).isTrue();
            assertThat(across.bytes()).isGreaterThanOrEqualTo(second.bytes());
            assertThat(across.line()).contains(across.inspected() ? "full-page images" : "not read");
            assertThat(first.line()).contains("full-page images", "MiB of WAL in all");
            db.close();
        }
    }
}
