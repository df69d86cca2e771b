package io.invitehub.adapter.out.persistence;

import org.postgresql.PGConnection;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Gives the service its own PostgreSQL account on a server where InviteHub holds the superuser (the
 * embedded default, ADR 27): a login role without any special attribute (not superuser, no CREATEDB,
 * CREATEROLE, REPLICATION or BYPASSRLS, none of the server-file or server-program roles) that owns its
 * database, the {@code public} schema in it and every object there. The superuser is used only here.
 *
 * <p>Idempotent, run at every start: the role's attributes and password are set again, and whatever in
 * the schema is owned by someone else is handed over. A data directory of an earlier version kept the
 * service's tables in the maintenance database {@code postgres}, owned by the superuser: that database
 * is renamed to the service's (a catalogue update; nothing is copied), a new empty {@code postgres} is
 * created, and the ownership is handed over like everything else.
 */
public final class ServiceDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDatabase.class);
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final List<String> SERVER_ACCESS_ROLES = List.of("pg_execute_server_program", "pg_read_server_files",
            "pg_write_server_files", "pg_read_all_data", "pg_write_all_data", "pg_signal_backend", "pg_checkpoint",
            "pg_monitor", "pg_create_subscription");

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;

    private ServiceDatabase(String host, int port, String superuser, String superuserPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** A server reached at {@code host:port} as {@code superuser}. */
    public static ServiceDatabase on(String host, int port, String superuser, String superuserPassword) {
        return new ServiceDatabase(host, port, superuser, superuserPassword);
    }

    /**
     * The SCRAM-SHA-256 verifier of {@code password} (what {@code ALTER ROLE … PASSWORD} stores), computed
     * here so that the plain password never travels in SQL text.
     */
    public static String scramVerifier(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }

    /**
     * Creates or repairs {@code role} (password {@code password}) and its {@code database}; returns how the
     * service connects (pool size 16, change with {@link PersistenceSettings#withMaxPoolSize}).
     */
    public PersistenceSettings provision(String role, String password, String database) {
        try {
            boolean adopt = false;
            try (Connection c = connect(MAINTENANCE_DATABASE); Statement s = c.createStatement()) {
                if (!exists(c, "select 1 from pg_roles where rolname = ?", role)) {
                    s.execute("create role " + quoted(role) + " login");
                    LOG.info("created the PostgreSQL role {} for the service", role);
                }
                s.execute("alter role " + quoted(role)
                        + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit connection limit -1");
                for (String powerful : SERVER_ACCESS_ROLES) {
                    if (exists(c, "select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid "
                            + "join pg_roles u on u.oid = m.member where g.rolname = ? and u.rolname = ?", powerful, role)) {
                        s.execute("revoke " + quoted(powerful) + " from " + quoted(role));
                    }
                }
                c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
                if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                    adopt = holdsTheServiceData(s);
                    if (!adopt) {
                        s.execute("create database " + quoted(database) + " owner " + quoted(role));
                        LOG.info("created the PostgreSQL database {} owned by {}", database, role);
                    }
                }
                if (!adopt) {
                    ownDatabase(s, database, role);
                }
            }
            if (adopt) {
                // renaming needs nobody connected to the maintenance database: from template1
                try (Connection c = connect("template1"); Statement s = c.createStatement()) {
                    s.execute("alter database " + quoted(MAINTENANCE_DATABASE) + " rename to " + quoted(database));
                    s.execute("create database " + quoted(MAINTENANCE_DATABASE));
                    ownDatabase(s, database, role);
                }
                LOG.info("moved the service's data from database {} to its own database {} (renamed in place)",
                        MAINTENANCE_DATABASE, database);
            }
            try (Connection c = connect(database); Statement s = c.createStatement()) {
                s.execute("alter schema public owner to " + quoted(role));
                s.execute("revoke create on schema public from public");
                int handedOver = handOver(c, role);
                if (handedOver > 0) {
                    LOG.info("handed {} object(s) of database {} over to the service role {}", handedOver, database, role);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision the service's PostgreSQL role and database: " + e.getMessage(), e);
        }
        return PersistenceSettings.of("jdbc:postgresql://" + host + ":" + port + "/" + database, role, password);
    }

    /** How the superuser connects to {@code database} of this server (for bulk loads that need it, e.g. the benchmark). */
    public PersistenceSettings superuserSettings(String database) {
        return PersistenceSettings.of("jdbc:postgresql://" + host + ":" + port + "/" + database, superuser, superuserPassword);
    }

    /** True when the maintenance database holds a Flyway history: the layout of earlier embedded versions. */
    private static boolean holdsTheServiceData(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("select to_regclass('public.flyway_schema_history') is not null")) {
            return r.next() && r.getBoolean(1);
        }
    }

    private static void ownDatabase(Statement s, String database, String role) throws SQLException {
        s.execute("alter database " + quoted(database) + " owner to " + quoted(role));
        s.execute("revoke all on database " + quoted(database) + " from public");
    }

    /** Hands every object of schema public that the role does not own over to it; returns how many. */
    private static int handOver(Connection c, String role) throws SQLException {
        List<String> statements = new ArrayList<>();
        // tables first: their identity and serial sequences follow them
        statements.addAll(list(c, "select format('alter %s %s owner to %I', case c.relkind when 'v' then 'view' "
                + "when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end, c.oid::regclass, ?) "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> ?::regrole", role));
        execute(c, statements);
        int total = statements.size();
        List<String> rest = new ArrayList<>();
        rest.addAll(list(c, "select format('alter sequence %s owner to %I', c.oid::regclass, ?) "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'public' and c.relkind = 'S' and c.relowner <> ?::regrole", role));
        rest.addAll(list(c, "select format('alter routine %s owner to %I', p.oid::regprocedure, ?) "
                + "from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
                + "where n.nspname = 'public' and p.proowner <> ?::regrole", role));
        rest.addAll(list(c, "select format('alter %s %s owner to %I', case t.typtype when 'd' then 'domain' else 'type' end, "
                + "t.oid::regtype, ?) from pg_type t join pg_namespace n on n.oid = t.typnamespace "
                + "left join pg_class r on r.oid = t.typrelid "
                + "where n.nspname = 'public' and t.typowner <> ?::regrole and t.typelem = 0 "
                + "and (t.typtype in ('e', 'd', 'r', 'm') or (t.typtype = 'c' and r.relkind = 'c'))", role));
        execute(c, rest);
        return total + rest.size();
    }

    private static List<String> list(Connection c, String query, String role) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, role);
            p.setString(2, role);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static boolean exists(Connection c, String query, String... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(query)) {
            for (int i = 0; i < values.length; i++) {
                p.setString(i + 1, values[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", superuser);
        p.setProperty("password", superuserPassword);
        p.setProperty("ApplicationName", "invitehub-provisioning");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
