package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before the reads the bench settles PostgreSQL (issue 17: "after autovacuum has settled", ADR 67): a real
 * {@code VACUUM (ANALYZE)} of the large tables only, on a real PostgreSQL, then bounded waits that say whether they
 * ended quiet.
 */
class SettlingTest {

    @Test
    void theLargeTablesAreVacuumedAndAnalysedAndTheSmallOnesLeftAlone() throws Exception {
        PersistenceSettings database = TestPostgres.freshDatabase();
        try (CloseableDSLContext db = DSL.using(database.jdbcUrl(), database.user(), database.password())) {
            db.execute("create table bench_big as select g from generate_series(1, 20000) g");
            db.execute("create table bench_small as select g from generate_series(1, 10) g");
            db.execute("analyze bench_big");
            db.execute("analyze bench_small");

            Settling settling = new Settling(database);
            Settling.Vacuumed vacuumed = settling.vacuumAnalyse();

            assertThat(vacuumed.tables()).contains("public.bench_big").doesNotContain("public.bench_small");
            assertThat(db.fetchOne("select last_vacuum is not null from pg_stat_user_tables where relname = 'bench_big'").get(0, Boolean.class))
                    .as("the vacuum really ran").isTrue();
            assertThat(db.fetchOne("select last_vacuum is null from pg_stat_user_tables where relname = 'bench_small'").get(0, Boolean.class))
                    .isTrue();

            Settling.Waited idle = settling.awaitAutovacuumIdle(Duration.ofSeconds(30));
            assertThat(idle.quiet()).as("no autovacuum worker left on a database this small").isTrue();
            assertThat(idle.stillRunning()).isZero();
            assertThat(settling.awaitDispatched(Instant.now(), Duration.ofSeconds(5)).quiet())
                    .as("no invitation reserved since now").isTrue();
        }
    }
}
