package io.invitehub.adapter.out.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One reference deployment's data, written into a {@link ReferenceDatabase} the way the reference stored
 * it, with the oddities the import must survive: upper-case enum values and text booleans in the SQLite
 * rows written by old versions, no {@code removed} status on PostgreSQL (and one on SQLite), codes referenced
 * by string (one NULL, one naming a deleted code), duplicate member rows, two teams of one workspace, a
 * distributor's e-mail that collides with another once lower-cased, a dangling owner (SQLite only: no
 * foreign keys), a removal recorded as {@code failed: 被分销商移除…}, a rebind, the expiry cleanup, and rows
 * nothing in InviteHub can hold (viewer, disabled admin, LinuxDo plan and order, negative max_uses,
 * invitations without a code, an invalid e-mail).
 */
public final class ReferenceDataset {
    /** The moment of the import in tests. */
    public static final Instant NOW = Instant.parse("2026-01-15T04:00:00Z");
    /** dist_a's password; its hash is a cost-12 {@code $2b$} hash as python's bcrypt writes it, made outside InviteHub. */
    public static final String DIST_A_PASSWORD = "Test1234";
    static final String DIST_A_HASH = "$2b$12$vfRQNfS.lHKvZWeS8y4tA.Rrhi7.L7i7oTSPsRn2mzjPsJajMGC2m";
    /** An imported code nobody redeemed: distributor dist_a's, max one use. */
    public static final String UNUSED_CODE = "D4_UNUSED001";
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private ReferenceDataset() {
    }

    /** Naive UTC text, as SQLAlchemy stores datetime.utcnow(). */
    static String ago(Duration d) {
        return NAIVE.format(NOW.minus(d));
    }

    static String days(long n) {
        return ago(Duration.ofDays(n));
    }

    public static void fill(ReferenceDatabase db) {
        boolean sqlite = db.isSqlite();
        String hash = "$2b$12$" + "C6UzMDM.H6dfI/f/IKcEeO7ZBp4LRHK0H8mX5o0bPLxYy0VVDeOnW".substring(0, 53);
        // users: old SQLite rows hold upper-case role names; no approval_status column there
        user(db, 1, "admin", "admin@ref.example", hash, sqlite ? "ADMIN" : "admin", true, "approved");
        user(db, 2, "ops", "ops@ref.example", hash, sqlite ? "OPERATOR" : "operator", true, "approved");
        user(db, 3, "viewer1", "viewer@ref.example", hash, sqlite ? "VIEWER" : "viewer", true, "approved");
        user(db, 4, "dist_a", "Dist.A@Example.com", DIST_A_HASH, "distributor", true, "approved");
        user(db, 5, "dist_b", "dist.b@example.com", hash, "distributor", true, "pending");
        user(db, 6, "dist_c", "dist.c@example.com", hash, "distributor", false, "approved");
        user(db, 7, "old_admin", "old@ref.example", hash, sqlite ? "ADMIN" : "admin", false, "approved");
        user(db, 8, "dist_d", "dist.a@example.com", hash, "distributor", true, "approved");

        db.insert("team_groups", "id", 1, "name", "Default", "color", "#1890ff", "created_at", days(100));
        db.insert("team_groups", "id", 2, "name", "分销商默认组", "color", "#722ed1", "created_at", days(100));

        team(db, 1, "Team One", "acc-1", "tok-1", "dev-1", null, 5, 1L, true, "active");
        team(db, 2, "Team Two", "acc-2", "tok-2", null, "session=abc", 3, null, false, "paused");
        team(db, 3, "Team One again", "acc-1", "tok-3", null, null, 5, null, true, "active");
        team(db, 4, "Team Four", "acc-4", "tok-4", null, null, 5, null, true, "banned");

        member(db, 1, 1, "owner@corp.example", "owner");
        member(db, 2, 1, "alice@x.example", "member");
        member(db, 3, 1, "alice@x.example", "member");           // a duplicate row of an old sync
        member(db, 4, 1, "Bob@X.example", "member");
        member(db, 5, 1, "jack@x.example", "member");
        member(db, 6, 2, "carol@x.example", "member");
        member(db, 7, 2, "frank@x.example", "member");
        member(db, 8, 3, "zed@x.example", "member");             // team 3 is team 1's workspace

        code(db, 1, "D4_ABCD1234", 4L, 1, 1, "alice@x.example", days(9), null, null);
        code(db, 2, "D4_EFGH5678", 4L, 1, 1, "bob@x.example", days(4), null, null);
        code(db, 3, "GIFT_D4_QQQQ0000", 4L, 2, 1, "dave@x.example", days(6), null, null);
        code(db, 4, "BUY_XYZ123456789", null, 1, 0, null, null, null, "在线购买-订单:20260110100000AAAAAAA1");
        code(db, 5, "D4_REMOVED01", 4L, 1, 1, "gina@x.example", days(39), "removed", null);
        code(db, 6, "D5_PENDING1", 5L, 1, 1, "jack@x.example", days(2), null, null);
        code(db, 7, "staffcode1", 1L, 5, 0, null, null, null, "made by staff");
        code(db, 8, "D4_FAILED001", 4L, 3, 1, "hank@x.example", days(8), null, null);
        code(db, 9, "DBUY_AAAABBBBCCCC", 4L, 0, 0, null, null, null, "分销商购买-订单:20260110120000ABCDEF01");
        code(db, 10, "D4_NEGATIVE1", 4L, -1, 0, null, null, null, null);
        code(db, 11, "D99_ORPHAN01", sqlite ? 99L : null, 1, 0, null, null, null, null);
        code(db, 12, "D4_REBIND001", 4L, 1, 1, "frank@x.example", days(19), null, null);
        code(db, 13, UNUSED_CODE, 4L, 1, 0, null, null, null, null);
        code(db, 14, "D6_SUSPEND01", 6L, 1, 0, null, null, null, null);
        code(db, 15, "D4_DISABLED1", 4L, 1, 0, null, null, null, null);
        code(db, 16, "D4_LINUXDO01", 4L, 1, 0, null, null, null, null);
        db.execute("update redeem_codes set is_active = " + (sqlite ? "0" : "false") + " where id = 15;\n"
                + "update redeem_codes set code_type = '" + (sqlite ? "LINUXDO" : "linuxdo") + "' where id = 16;\n"
                + "update redeem_codes set removed_at = '" + days(9) + "', validity_days = 30 where id = 5;\n"
                + "update redeem_codes set expires_at = '" + days(-30) + "' where id in (1, 2);\n"
                + "update redeem_codes set expires_at = '" + days(1) + "' where id = 16;\n");

        // invite records: the code by string, no FK; SQLite rows of old versions in upper case
        record(db, 1, 1, "alice@x.example", sqlite ? "SUCCESS" : "success", null, "D4_ABCD1234", days(10), days(9), false);
        record(db, 2, 1, "bob@x.example", sqlite ? "PENDING" : "pending", null, "D4_EFGH5678", days(5), null, false);
        record(db, 3, 1, "bob@x.example", "success", null, "D4_EFGH5678", days(5), days(4), false);
        record(db, 4, 1, "dave@x.example", "success", null, "GIFT_D4_QQQQ0000", days(7), days(6), false);
        record(db, 5, 1, "gina@x.example", "success", null, "D4_REMOVED01", days(40), days(39), false);
        record(db, 6, 2, "hank@x.example", "failed", "被分销商移除: spam", "D4_FAILED001", days(9), days(8), false);
        record(db, 7, 2, "ivan@x.example", "failed", "invite refused by the provider", "D4_FAILED001", days(3), null, false);
        record(db, 8, 1, "frank@x.example", "success", null, "D4_REBIND001", days(20), days(19), false);
        record(db, 9, 2, "frank@x.example", "success", null, "D4_REBIND001", days(10), days(10), true);
        record(db, 10, 1, "mike@x.example", "success", null, null, days(30), days(29), false);
        record(db, 11, 1, "nina@x.example", "success", null, "D4_DELETED01", days(30), null, false);
        record(db, 12, 1, "alice@x.example", "success", null, "D4_ABCD1234", days(12), days(11), false);
        record(db, 13, 1, "jack@x.example", "success", null, "D5_PENDING1", days(3), days(2), false);
        if (sqlite) {
            // a database whose model had REMOVED before create_all made the column: SQLite stores any text
            record(db, 14, 1, "kim@x.example", "removed", "removed by the distributor", "DBUY_AAAABBBBCCCC", days(6), days(5), false);
        }
        record(db, 15, 1, "liz@x.example", "reserved", null, "DBUY_AAAABBBBCCCC", ago(Duration.ofHours(1)), null, false);
        record(db, 16, 2, "not-an-email", "success", null, "DBUY_AAAABBBBCCCC", days(1), null, false);
        if (sqlite) {
            db.execute("update invite_records set is_rebind = 'false' where is_rebind = 0;\n"
                    + "update invite_records set is_rebind = 'true' where id = 9;\n");
        }

        db.insert("invite_queue", "id", 1, "email", "erin@x.example", "redeem_code", "BUY_XYZ123456789", "status", "waiting",
                "is_rebind", false, "consume_immediately", true, "retry_count", 0, "created_at", ago(Duration.ofHours(2)));
        db.insert("invite_queue", "id", 2, "email", "bob@x.example", "redeem_code", "D4_EFGH5678", "status", "failed",
                "is_rebind", false, "consume_immediately", true, "retry_count", 3, "created_at", days(5));

        db.insert("plans", "id", 1, "name", "Basic", "plan_type", "public", "price", 9900, "original_price", 12900,
                "validity_days", 30, "code_count", 1, "code_max_uses", 1, "is_active", true, "is_recommended", true,
                "sort_order", 1, "created_at", days(60));
        db.insert("plans", "id", 2, "name", "Pack 10", "plan_type", "distributor_codes", "price", 50000,
                "validity_days", 30, "code_count", 10, "code_max_uses", 1, "is_active", true, "is_recommended", false,
                "sort_order", 2, "created_at", days(60));
        db.insert("plans", "id", 3, "name", "LinuxDo", "plan_type", "linuxdo", "price", 100, "validity_days", 30,
                "code_count", 1, "code_max_uses", 1, "is_active", true, "created_at", days(60));

        order(db, 1, "20260110100000AAAAAAA1", "public_plan", 1, "buyer@x.example", null, 9900, "paid", "BUY_XYZ123456789", "T-1", days(5), 0);
        order(db, 2, "20260110120000ABCDEF01", "distributor_codes", 2, "dist.a@example.com", 4L, 50000, "paid", null, "T-2", days(5), 1);
        order(db, 3, "20260101000000BBBBBBB3", "public_plan", 1, "late@x.example", null, 9900, "pending", null, null, null, 0);
        order(db, 4, "20260102000000CCCCCCC4", "linuxdo", 3, "ld@x.example", null, 100, "paid", null, "T-4", days(13), 0);
        order(db, 5, "20260103000000DDDDDDD5", "public_plan", 1, "nogw@x.example", null, 9900, "paid", null, "", days(12), 0);

        db.insert("system_configs", "id", 1, "key", "distributor_unit_price", "value", "9.9");
        db.insert("system_configs", "id", 2, "key", "site_title", "value", "Old shop");
    }

    private static void user(ReferenceDatabase db, long id, String username, String email, String hash, String role,
                             boolean active, String approval) {
        if (db.isSqlite()) {
            db.insert("users", "id", id, "username", username, "email", email, "hashed_password", hash, "role", role,
                    "is_active", active, "created_at", days(90), "updated_at", days(80));
        } else {
            db.insert("users", "id", id, "username", username, "email", email, "hashed_password", hash, "role", role,
                    "is_active", active, "approval_status", approval, "created_at", days(90), "updated_at", days(80));
        }
    }

    private static void team(ReferenceDatabase db, long id, String name, String account, String token, String device,
                             String cookie, int maxSeats, Long group, boolean active, String status) {
        db.insert("teams", "id", id, "name", name, "account_id", account, "session_token", token, "device_id", device,
                "cookie", cookie, "max_seats", maxSeats, "group_id", group, "is_active", active,
                "status", db.isSqlite() ? null : status, "created_at", days(100), "updated_at", days(50));
    }

    private static void member(ReferenceDatabase db, long id, long team, String email, String role) {
        db.insert("team_members", "id", id, "team_id", team, "email", email, "role", role, "chatgpt_user_id", "user-" + id,
                "joined_at", days(30), "synced_at", ago(Duration.ofMinutes(5)), "is_unauthorized", false);
    }

    private static void code(ReferenceDatabase db, long id, String code, Long createdBy, int maxUses, int used, String bound,
                             String activated, String status, String note) {
        db.insert("redeem_codes", "id", id, "code", code, "code_type", db.isSqlite() ? "DIRECT" : "direct",
                "max_uses", maxUses, "used_count", used, "is_active", true, "note", note, "created_by", createdBy,
                "group_id", id == 1 ? 1L : null, "created_at", days(60), "validity_days", 30, "activated_at", activated,
                "bound_email", bound, "rebind_count", 0, "rebind_limit", 3, "status", status == null ? "bound" : status);
    }

    private static void record(ReferenceDatabase db, long id, long team, String email, String status, String error, String code,
                               String created, String accepted, boolean rebind) {
        db.insert("invite_records", "id", id, "team_id", team, "email", email, "status", status, "error_message", error,
                "redeem_code", code, "created_at", created, "accepted_at", accepted, "is_rebind", rebind);
    }

    private static void order(ReferenceDatabase db, long id, String no, String type, long plan, String email, Long buyer,
                              int amount, String status, String code, String trade, String paid, int delivered) {
        db.insert("orders", "id", id, "order_no", no, "order_type", type, "plan_id", plan, "email", email,
                "buyer_user_id", buyer, "quantity", 1, "amount", amount, "final_amount", amount, "status", status,
                "redeem_code", code, "trade_no", trade, "pay_type", "alipay", "paid_at", paid,
                "expire_at", paid != null ? paid : days(14), "delivered_count", delivered, "created_at", days(14));
    }
}
