package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.TestPostgres;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explained fulfilment insert (issue 17, phase 7) on the service's own schema: the figures come out of a real
 * plan — the insert's rows, its foreign-key checks one call per row, the statistics trigger — and the dataset is
 * unchanged after (every run rolled back).
 */
class InsertPlanTest {

    @Test
    void aBatchIsExplainedIntoTheInsertAndItsTriggersAndRolledBack() {
        PersistenceSettings database = TestPostgres.freshDatabase();
        try (JooqPersistence migrated = TestPostgres.connect(database)) {
            long owner = OneConnection.call(database, db -> db.fetchOne("""
                    insert into users (username, password_hash, role, approval)
                    values ('plan-distributor', 'x', 'DISTRIBUTOR', 'APPROVED') returning id""").get(0, Long.class));
            long before = OneConnection.call(database, db -> db.fetchOne("select count(*) from redeem_codes").get(0, Long.class));

            InsertPlan.Explained explained = new InsertPlan(database).median(owner, 2_000, 3);

            assertThat(explained.rows()).isEqualTo(2_000);
            assertThat(explained.executionMs()).isGreaterThan(explained.insertMs()).isPositive();
            assertThat(explained.triggerMs()).containsKey("redeem_codes_owner_id_fkey");
            assertThat(explained.triggerMs().keySet()).anyMatch(name -> name.startsWith("redeem_codes_statistics"));
            assertThat(explained.hits()).as("every row touches the heap and each index").isGreaterThan(2_000L * 3);
            assertThat(explained.line()).startsWith("2,000 rows in ").contains("redeem_codes_owner_id_fkey", "hits per row");
            long after = OneConnection.call(database, db -> db.fetchOne("select count(*) from redeem_codes").get(0, Long.class));
            assertThat(after).as("every explained insert rolled back").isEqualTo(before);
        }
    }

    @Test
    void aPlanWithoutAnInsertIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InsertPlan.parse(List.of("Seq Scan on users", "Planning Time: 0.1 ms")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no insert in the plan");
    }
}
