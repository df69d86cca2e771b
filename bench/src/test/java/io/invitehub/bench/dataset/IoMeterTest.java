package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fulfilment's page I/O reading (issue 17, phase 7) on a server whose shared buffers (16 MB) are smaller than the
 * table written: the client backend extends the table page by page, has to evict pages (writing the dirty ones out
 * itself) and reads back from the operating system what no longer fits — the effects the reading is there to show.
 */
class IoMeterTest {

    @Test
    void aTableLargerThanTheSharedBuffersIsExtendedEvictedAndReadBack(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(dir.resolve("pg"), Map.of("shared_buffers", "16MB"))) {
            PersistenceSettings database = server.superuserSettings(1);
            IoMeter meter = new IoMeter(database, Duration.ZERO);
            try (CloseableDSLContext db = DSL.using(database.jdbcUrl(), database.user(), database.password())) {
                IoMeter.Reading before = meter.read();
                db.execute("create table io_meter (id int, pad text)");
                db.execute("insert into io_meter select g, repeat('x', 200) from generate_series(1, 200000) g");
                db.execute("analyze io_meter");
                int pages = db.fetchOne("select relpages from pg_class where relname = 'io_meter'").get(0, Integer.class);
                db.fetchOne("select count(*) from io_meter where pad like '%y%'");
                // this backend's counts reach pg_stat_io when it next goes idle
                db.fetchOne("select pg_stat_force_next_flush()");
                IoMeter.Reading done = meter.since(before);

                assertThat(pages).as("the table is larger than the shared buffers").isGreaterThan(16 * 128);
                IoMeter.Counts client = done.byType().get("client backend");
                assertThat(client).as(done.line()).isNotNull();
                assertThat(client.extends_()).as("each page of the table added by the backend").isGreaterThanOrEqualTo(pages);
                assertThat(client.reads()).as("the scan reads back what was evicted").isPositive();
                assertThat(client.evictions() + client.writes()).as("pages evicted or written out to make room").isPositive();
                assertThat(done.line()).startsWith("client backends ").contains(" extends", " reads (", " evictions");
            }
        }
    }
}
