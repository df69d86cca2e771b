package io.invitehub.adapter.out.persistence;

import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ADR 59: a statement rendered once binds each call's values where jOOQ would have, on real PostgreSQL. */
class RenderedStatementTest {
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.connect(TestPostgres.freshDatabase().withMaxPoolSize(1));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aRepeatedNameIsBoundAtEachOccurrenceAndValuesGoWhereTheirNamesAre() {
        DSLContext dsl = db.dsl();
        Param<String> a = DSL.param("a", SQLDataType.VARCHAR);
        Param<Long> b = DSL.param("b", SQLDataType.BIGINT);
        Param<OffsetDateTime> at = DSL.param("at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        RenderedStatement s = RenderedStatement.of(dsl,
                dsl.select(b.as("b1"), a.as("a1"), DSL.inline("lit").as("l"), DSL.upper(a).as("a2"), at.as("at")),
                "a", "b", "at");

        assertThat(s.sql()).contains("'lit'").doesNotContain(":a").doesNotContain(":b");
        OffsetDateTime when = OffsetDateTime.of(2026, 12, 7, 8, 30, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) { // the same statement object, new values each time
            Record r = s.resultQuery(dsl, List.of(DSL.field("b1", Long.class), DSL.field("a1", String.class), DSL.field("l", String.class),
                    DSL.field("a2", String.class), DSL.field("at", OffsetDateTime.class)), "x" + i, 40L + i, when.plusDays(i)).fetchSingle();
            assertThat(r.get(0)).isEqualTo(40L + i);
            assertThat(r.get(1)).isEqualTo("x" + i);
            assertThat(r.get(2)).isEqualTo("lit");
            assertThat(r.get(3)).isEqualTo("X" + i);
            assertThat(((OffsetDateTime) r.get(4)).toInstant()).isEqualTo(when.plusDays(i).toInstant());
        }
    }

    @Test
    void nullsAreBoundWithTheirType() {
        DSLContext dsl = db.dsl();
        RenderedStatement s = RenderedStatement.ofSql("select ?::bigint is null, ?::varchar", SQLDataType.BIGINT, SQLDataType.VARCHAR);
        Record r = s.resultQuery(dsl, List.of(DSL.field("n", Boolean.class), DSL.field("v", String.class)), null, "v").fetchSingle();
        assertThat(r.get(0)).isEqualTo(true);
        assertThat(r.get(1)).isEqualTo("v");
    }

    @Test
    void anUpdateAnswersHowManyRowsItChanged() {
        DSLContext dsl = db.dsl();
        dsl.execute("create table rendered_statement_rows (id int primary key, n int not null)");
        dsl.execute("insert into rendered_statement_rows values (1, 0), (2, 0), (3, 0)");
        RenderedStatement s = RenderedStatement.ofSql("update rendered_statement_rows set n = n + 1 where id > ? returning id",
                SQLDataType.INTEGER);
        assertThat(s.update(dsl, 1)).isEqualTo(2);
        assertThat(s.update(dsl, 3)).isZero();
        assertThat(dsl.fetchValue("select sum(n) from rendered_statement_rows", Long.class)).isEqualTo(2L);
    }

    @Test
    void aTemplateThatDoesNotMatchItsNamesIsRefusedWhenBuilt() {
        DSLContext dsl = db.dsl();
        Param<String> a = DSL.param("a", SQLDataType.VARCHAR);
        assertThatThrownBy(() -> RenderedStatement.of(dsl, dsl.select(a), "a", "missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":missing");
        assertThatThrownBy(() -> RenderedStatement.ofSql("select ?, '?'", SQLDataType.VARCHAR))
                .isInstanceOf(IllegalArgumentException.class);
        // a '?' in a literal would be taken for a bind: refused rather than bound wrongly
        assertThatThrownBy(() -> RenderedStatement.of(dsl, dsl.select(a, DSL.inline("?")), "a"))
                .isInstanceOf(IllegalArgumentException.class);
        RenderedStatement s = RenderedStatement.of(dsl, dsl.select(a), "a");
        assertThatThrownBy(() -> s.update(dsl)).isInstanceOf(IllegalArgumentException.class);
    }
}
