package io.invitehub.adapter.out.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database shaped like the reference system's, built by a test from the facts of
 * {@code notes/reference-schema.md} (its SQLAlchemy models and Alembic chain), in either of its dialects:
 * <ul>
 *   <li><b>SQLite</b> (the reference's default): the chain stopped at migration 012 (PostgreSQL-only SQL),
 *       so {@code users} has no {@code approval_status} and {@code teams} no {@code status}; enums are
 *       VARCHAR; tables created later by {@code create_all} (queue, plans, orders) have every column; no
 *       foreign key is enforced;</li>
 *   <li><b>PostgreSQL</b> after the whole chain: native enum types in lower case, and {@code invitestatus}
 *       without {@code removed} (no migration adds it).</li>
 * </ul>
 * Values go in as text (PostgreSQL casts them: {@code stringtype=unspecified}), so a test writes rows the
 * way the reference stored them, oddities included.
 */
public final class ReferenceDatabase implements AutoCloseable {
    private final Connection connection;
    private final boolean sqlite;
    private final String url;

    private ReferenceDatabase(Connection connection, boolean sqlite, String url) {
        this.connection = connection;
        this.sqlite = sqlite;
        this.url = url;
    }

    public static ReferenceDatabase sqlite(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            ReferenceDatabase db = new ReferenceDatabase(DriverManager.getConnection(url), true, url);
            db.execute(SQLITE_DDL);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference schema in an empty PostgreSQL database. */
    public static ReferenceDatabase postgres(PersistenceSettings empty) {
        try {
            Connection c = DriverManager.getConnection(empty.jdbcUrl() + "?stringtype=unspecified", empty.user(), empty.password());
            ReferenceDatabase db = new ReferenceDatabase(c, false, empty.jdbcUrl());
            db.execute(POSTGRES_DDL);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** The URL to give {@code --from} (PostgreSQL: without credentials). */
    public String url() {
        return url;
    }

    public void execute(String statements) {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements.split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Inserts one row; {@code columnsAndValues} alternate: column, value, column, value… (null values skipped). */
    public ReferenceDatabase insert(String table, Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            if (columnsAndValues[i + 1] != null) {
                row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
            }
        }
        String sql = "insert into " + table + " (" + String.join(", ", row.keySet()) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(row.size(), "?")) + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            List<Object> values = new ArrayList<>(row.values());
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v instanceof Number) {
                    ps.setLong(i + 1, ((Number) v).longValue());
                } else if (v instanceof Boolean && !sqlite) {
                    ps.setBoolean(i + 1, (Boolean) v);
                } else if (v instanceof Boolean) {
                    ps.setInt(i + 1, (Boolean) v ? 1 : 0);
                } else {
                    ps.setString(i + 1, String.valueOf(v));
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Migrations 001–011 on SQLite, then create_all for the tables the models added later. */
    static final String SQLITE_DDL = """
            create table users (id integer primary key, username varchar(50) not null unique,
              email varchar(100) not null unique, hashed_password varchar(255) not null, role varchar(11),
              is_active boolean, created_at datetime, updated_at datetime);
            create table team_groups (id integer primary key, name varchar(100) not null unique, description varchar(255),
              color varchar(20), alert_threshold integer default '5', created_at datetime);
            create table teams (id integer primary key, name varchar(100) not null, description text,
              account_id varchar(100) not null, session_token text not null, device_id varchar(100), cookie text,
              token_expires_at datetime, max_seats integer, group_id integer references team_groups (id),
              is_active boolean, created_at datetime, updated_at datetime);
            create table team_members (id integer primary key, team_id integer not null references teams (id),
              email varchar(100) not null, name varchar(100), role varchar(50), chatgpt_user_id varchar(100),
              joined_at datetime, synced_at datetime, is_unauthorized boolean default 'false');
            create index ix_team_members_team_email on team_members (team_id, email);
            create table redeem_codes (id integer primary key, code varchar(50) not null unique, code_type varchar(7),
              max_uses integer, used_count integer, expires_at datetime, is_active boolean, note varchar(255),
              group_id integer references team_groups (id), created_by integer references users (id),
              created_at datetime, validity_days integer default '30', activated_at datetime, bound_email varchar(100),
              rebind_count integer default '0', rebind_limit integer default '3', status varchar(20) default 'bound',
              removed_at datetime, removal_retry_count integer default '0');
            create table invite_records (id integer primary key, team_id integer not null references teams (id),
              email varchar(100) not null, linuxdo_user_id integer, status varchar(8), error_message text,
              invited_by integer references users (id), redeem_code varchar(50), batch_id varchar(50),
              created_at datetime, accepted_at datetime, is_rebind boolean default 'false');
            create table invite_queue (id integer primary key, email varchar(100) not null, redeem_code varchar(50),
              linuxdo_user_id integer, group_id integer, old_team_id integer, old_team_chatgpt_user_id varchar(100),
              status varchar(10), error_message text, retry_count integer, is_rebind boolean not null,
              consume_immediately boolean not null, created_at datetime, processed_at datetime);
            create table plans (id integer primary key, name varchar(100) not null, plan_type varchar(30) not null,
              price integer not null, original_price integer, validity_days integer not null, code_count integer,
              code_max_uses integer, stock integer, sold_count integer, description varchar(255), features text,
              is_active boolean, is_recommended boolean, sort_order integer, created_at datetime, updated_at datetime);
            create table orders (id integer primary key, order_no varchar(32) not null unique, order_type varchar(30) not null,
              plan_id integer not null, email varchar(100) not null, buyer_user_id integer, quantity integer,
              amount integer not null, coupon_code varchar(30), discount_amount integer, final_amount integer,
              status varchar(8), redeem_code varchar(50), trade_no varchar(64), pay_type varchar(20),
              paid_at datetime, expire_at datetime, delivered_count integer, delivered_at datetime, created_at datetime not null);
            create table system_configs (id integer primary key, key varchar(100) not null unique, value text,
              description varchar(255), updated_at datetime);
            create table alembic_version (version_num varchar(32) not null primary key);
            insert into alembic_version values ('011');
            """;

    /** The whole Alembic chain on PostgreSQL (013 lower-cased the enums; nothing ever added 'removed'). */
    static final String POSTGRES_DDL = """
            create type userrole as enum ('admin', 'operator', 'viewer', 'distributor');
            create type userapprovalstatus as enum ('pending', 'approved', 'rejected');
            create type invitestatus as enum ('pending', 'success', 'failed', 'reserved');
            create type redeemcodetype as enum ('linuxdo', 'direct');
            create type invitequeuestatus as enum ('pending', 'processing', 'success', 'failed', 'waiting');
            create type teamstatus as enum ('active', 'banned', 'token_invalid', 'paused');
            create type orderstatus as enum ('pending', 'paid', 'expired', 'refunded');
            create table users (id serial primary key, username varchar(50) not null unique,
              email varchar(100) not null unique, hashed_password varchar(255) not null, role userrole,
              is_active boolean, approval_status userapprovalstatus not null, rejection_reason varchar(255),
              created_at timestamp, updated_at timestamp);
            create table team_groups (id serial primary key, name varchar(100) not null unique, description varchar(255),
              color varchar(20), alert_threshold integer default 5, created_at timestamp);
            create table teams (id serial primary key, name varchar(100) not null, description text,
              account_id varchar(100) not null, session_token text not null, device_id varchar(100), cookie text,
              token_expires_at timestamp, mailbox_id varchar(128), mailbox_email varchar(255), mailbox_synced_at timestamp,
              max_seats integer, group_id integer references team_groups (id), is_active boolean,
              status teamstatus not null, status_message varchar(255), status_changed_at timestamp,
              created_at timestamp, updated_at timestamp);
            create table team_members (id serial primary key, team_id integer not null references teams (id),
              email varchar(100) not null, name varchar(100), role varchar(50), chatgpt_user_id varchar(100),
              joined_at timestamp, synced_at timestamp, is_unauthorized boolean default false);
            create index ix_team_members_team_email on team_members (team_id, email);
            create table redeem_codes (id serial primary key, code varchar(50) not null unique, code_type redeemcodetype,
              max_uses integer, used_count integer, expires_at timestamp, is_active boolean, note varchar(255),
              group_id integer references team_groups (id), created_by integer references users (id),
              created_at timestamp, validity_days integer default 30, activated_at timestamp, bound_email varchar(100),
              rebind_count integer default 0, rebind_limit integer default 3, status varchar(20) default 'bound',
              removed_at timestamp, removal_retry_count integer default 0);
            create table invite_records (id serial primary key, team_id integer not null references teams (id),
              email varchar(100) not null, linuxdo_user_id integer, status invitestatus, error_message text,
              invited_by integer references users (id), redeem_code varchar(50), batch_id varchar(50),
              created_at timestamp, accepted_at timestamp, is_rebind boolean default false, consumed_at timestamp);
            create table invite_queue (id serial primary key, email varchar(100) not null, redeem_code varchar(50),
              linuxdo_user_id integer, group_id integer references team_groups (id), old_team_id integer,
              old_team_chatgpt_user_id varchar(100), status invitequeuestatus, error_message text, retry_count integer,
              is_rebind boolean not null default false, consume_immediately boolean not null default true,
              created_at timestamp, processed_at timestamp);
            create table plans (id serial primary key, name varchar(100) not null, plan_type varchar(30) not null default 'public',
              price integer not null, original_price integer, validity_days integer not null, code_count integer default 1,
              code_max_uses integer default 1, stock integer, sold_count integer default 0, description varchar(255),
              features text, is_active boolean, is_recommended boolean, sort_order integer, created_at timestamp,
              updated_at timestamp);
            create table orders (id serial primary key, order_no varchar(32) not null unique,
              order_type varchar(30) not null default 'public_plan', plan_id integer not null references plans (id),
              email varchar(100) not null, buyer_user_id integer references users (id), quantity integer default 1,
              amount integer not null, coupon_code varchar(30), discount_amount integer default 0, final_amount integer,
              status orderstatus, redeem_code varchar(50), trade_no varchar(64), pay_type varchar(20), paid_at timestamp,
              expire_at timestamp, delivered_count integer default 0, delivered_at timestamp, created_at timestamp not null);
            create table system_configs (id serial primary key, key varchar(100) not null unique, value text,
              description varchar(255), updated_at timestamp);
            create table alembic_version (version_num varchar(32) not null primary key);
            insert into alembic_version values ('026_add_bulk_email');
            """;
}
