package io.invitehub.adapter.out.persistence;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hot statement rendered by jOOQ once and then run with new bind values each time (ADR 59): jOOQ builds
 * and renders a statement's syntax tree on every execution, which cost about a fifth of a request thread's
 * CPU on the redemption path; a statement kept as its rendered SQL text only needs its binds.
 *
 * <p>The template is an ordinary jOOQ query in which every per-call value is a named parameter
 * ({@link DSL#param(String, DataType)}); it is rendered with the named parameters as {@code :name} and any
 * unnamed value inlined, so the text run is the statement jOOQ would have sent, with the same literals
 * (ADR 23's inline states) and the same bind types. {@link #update} and {@link #resultQuery} run it through the
 * same {@link DSLContext} (as one custom query part): the same connection and transaction, execute listeners and
 * exception translation.
 */
final class RenderedStatement {
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

    private final String sql;
    /** {@link #sql} cut at its {@code ?}: one more segment than binds. */
    private final String[] segments;
    /** For each {@code ?} of {@link #sql}, in order: which argument ({@link #names} index) it binds, and as what. */
    private final int[] argument;
    private final DataType<?>[] types;
    private final List<String> names;

    private RenderedStatement(String sql, int[] argument, DataType<?>[] types, List<String> names) {
        this.sql = sql;
        this.segments = sql.split("\\?", -1);
        if (segments.length != argument.length + 1) {
            throw new IllegalArgumentException("a '?' that is not a bind value in " + sql);
        }
        this.argument = argument;
        this.types = types;
        this.names = names;
    }

    /**
     * Renders {@code template} once; {@code names} are its named parameters in the order the callers pass
     * their values. Refuses a template whose parameters are not exactly these names.
     */
    static RenderedStatement of(DSLContext dsl, QueryPart template, String... names) {
        Map<String, Param<?>> params = dsl.extractParams(template);
        String rendered = dsl.renderNamedOrInlinedParams(template);
        List<String> declared = List.of(names);
        StringBuilder sql = new StringBuilder(rendered.length());
        List<Integer> argument = new ArrayList<>();
        List<DataType<?>> types = new ArrayList<>();
        Matcher m = NAMED.matcher(rendered);
        int at = 0;
        while (m.find()) {
            String name = m.group(1);
            Param<?> param = params.get(name);
            if (param == null || !declared.contains(name)) {
                continue; // not one of ours (cannot be in SQL jOOQ rendered from named parameters only, but be strict)
            }
            sql.append(rendered, at, m.start()).append('?');
            at = m.end();
            argument.add(declared.indexOf(name));
            types.add(param.getDataType());
        }
        sql.append(rendered, at, rendered.length());
        for (String name : declared) {
            if (!argument.contains(declared.indexOf(name))) {
                throw new IllegalArgumentException("parameter :" + name + " not found in " + rendered);
            }
        }
        if (countPlaceholders(sql) != argument.size()) {
            throw new IllegalArgumentException("a bind value that is not a named parameter in " + sql);
        }
        return new RenderedStatement(sql.toString(), argument.stream().mapToInt(Integer::intValue).toArray(),
                types.toArray(new DataType<?>[0]), declared);
    }

    /**
     * A statement written as SQL text with {@code ?} binds (no {@code ?} anywhere else), the i-th bound as
     * {@code types[i]} from the i-th value.
     */
    static RenderedStatement ofSql(String sql, DataType<?>... types) {
        int[] argument = new int[types.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            argument[i] = i;
            names.add(Integer.toString(i + 1));
        }
        if (countPlaceholders(sql) != types.length) {
            throw new IllegalArgumentException(types.length + " bind types for " + countPlaceholders(sql) + " binds in " + sql);
        }
        return new RenderedStatement(sql, argument, types.clone(), List.copyOf(names));
    }

    private static int countPlaceholders(CharSequence sql) {
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                n++;
            }
        }
        return n;
    }

    /**
     * Runs a data-modifying statement that ends in {@code RETURNING} and answers how many rows it returned (its
     * update count). Run as a result query because jOOQ finds out what kind a plain-SQL <em>query</em> is on every
     * execution by rendering it once more and matching its text against regular expressions (compiled per call):
     * 2–4 % of a request thread's CPU on the redemption path; a result query is a read by its type alone.
     */
    int update(DSLContext dsl, Object... values) {
        return dsl.resultQuery("{0}", text(values)).fetch().size();
    }

    /** The statement with {@code values} bound, its rows read as records of {@code table} (its columns in table order). */
    <R extends Record> ResultQuery<R> resultQuery(DSLContext dsl, Table<R> table, Object... values) {
        return dsl.resultQuery("{0}", text(values)).coerce(table);
    }

    /** The statement with {@code values} bound, its rows read as {@code fields}. */
    ResultQuery<Record> resultQuery(DSLContext dsl, List<? extends org.jooq.Field<?>> fields, Object... values) {
        return dsl.resultQuery("{0}", text(values)).coerce(fields);
    }

    /**
     * The statement as one query part: its text written as it is and its binds visited in between, so jOOQ
     * neither renders a syntax tree nor scans a plain-SQL template (whose scan cost half of what rendering did).
     */
    private QueryPart text(Object[] values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException("expected values for " + names + ", got " + values.length);
        }
        Param<?>[] binds = new Param<?>[argument.length];
        for (int i = 0; i < argument.length; i++) {
            binds[i] = bind(values[argument[i]], types[i]);
        }
        return CustomQueryPart.of(ctx -> {
            ctx.sql(segments[0]);
            for (int i = 0; i < binds.length; i++) {
                ctx.visit(binds[i]).sql(segments[i + 1]);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> Param<T> bind(Object value, DataType<T> type) {
        return DSL.val((T) value, type);
    }

    /** The SQL text run (for tests and plans). */
    String sql() {
        return sql;
    }
}
