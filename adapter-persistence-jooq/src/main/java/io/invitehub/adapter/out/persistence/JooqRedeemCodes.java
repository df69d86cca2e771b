package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.InvitationsRecord;
import io.invitehub.adapter.out.persistence.generated.tables.records.RedeemCodesRecord;
import io.invitehub.application.shared.port.out.NewRedemption;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static org.jooq.impl.DSL.currentOffsetDateTime;

/** Redeem codes in PostgreSQL. Counters move only through conditional updates. */
final class JooqRedeemCodes implements RedeemCodes {
    /**
     * The advisory lock class of a recipient e-mail (ADR 28), with {@code hashtext(email)} as the second
     * key: the two-key form never meets the promoter's or a queue's lock (other classes). Two e-mails
     * with one hash share a lock, which only serialises their redemptions.
     */
    static final int RECIPIENT_LOCK_CLASS = 0x454D; // "EM"

    private final DSLContext dsl;
    /** The redemption's code read, for a new-shaped and a legacy-shaped value, and its lock: rendered once (ADR 59). */
    private final RenderedStatement byCode;
    private final RenderedStatement byLegacyCode;
    private final RenderedStatement lockForRedemption;
    /** A new redemption in one round trip (R__redeem.sql's redeem_new, ADR 64), rendered once. */
    private final RenderedStatement redeemNew;

    JooqRedeemCodes(DSLContext dsl) {
        this.dsl = dsl;
        this.byCode = RenderedStatement.of(dsl, byCode(false), "code");
        this.byLegacyCode = RenderedStatement.of(dsl, byCode(true), "code");
        this.lockForRedemption = RenderedStatement.of(dsl, dsl.selectFrom(REDEEM_CODES)
                .where(REDEEM_CODES.ID.eq(DSL.param("id", REDEEM_CODES.ID.getDataType())))
                .and(DSL.condition("pg_advisory_xact_lock({0}, hashtext({1})) is not null",
                        DSL.inline(RECIPIENT_LOCK_CLASS), DSL.param("email", String.class)))
                .forUpdate(), "id", "email");
        this.redeemNew = RenderedStatement.ofSql(redeemNewSql(), SQLDataType.VARCHAR, SQLDataType.BOOLEAN,
                SQLDataType.VARCHAR, SQLDataType.VARCHAR.array(), SQLDataType.TIMESTAMPWITHTIMEZONE,
                SQLDataType.TIMESTAMPWITHTIMEZONE, SQLDataType.INTEGER, SQLDataType.VARCHAR);
    }

    private static final Field<String> OUTCOME = DSL.field(DSL.name("out_outcome"), SQLDataType.VARCHAR);
    private static final Field<String> TEAM_NAME = DSL.field(DSL.name("out_team_name"), SQLDataType.VARCHAR);
    /** redeem_new's row: the outcome, the code's columns, the invitation's columns, the team's name — by position. */
    private static final List<Field<?>> REDEEM_NEW_COLUMNS;

    static {
        List<Field<?>> columns = new ArrayList<>();
        columns.add(OUTCOME);
        columns.addAll(List.of(REDEEM_CODES.fields()));
        columns.addAll(List.of(INVITATIONS.fields()));
        columns.add(TEAM_NAME);
        REDEEM_NEW_COLUMNS = List.copyOf(columns);
    }

    /**
     * The function's two composite results spelled out column by column in jOOQ's order, so the row is read by
     * position whatever order the database keeps the table's columns in.
     */
    private static String redeemNewSql() {
        StringBuilder sql = new StringBuilder("select r.out_outcome");
        for (Field<?> f : REDEEM_CODES.fields()) {
            sql.append(", (r.out_code).").append(f.getName());
        }
        for (Field<?> f : INVITATIONS.fields()) {
            sql.append(", (r.out_invitation).").append(f.getName());
        }
        return sql.append(", r.out_team_name from redeem_new(?, ?, ?, ?, ?, ?, ?, ?) r").toString();
    }

    private org.jooq.Select<RedeemCodesRecord> byCode(boolean legacy) {
        // a legacy-shaped value (ADR 32) can only be one of the codes imported from the reference
        return dsl.selectFrom(REDEEM_CODES).where(REDEEM_CODES.CODE.eq(DSL.param("code", REDEEM_CODES.CODE.getDataType())))
                .and(legacy ? REDEEM_CODES.LEGACY.isTrue() : DSL.noCondition());
    }

    @Override
    public Optional<RedeemCode> findByCode(Code code) {
        return (code.legacy() ? byLegacyCode : byCode).resultQuery(dsl, REDEEM_CODES, code.value())
                .fetchOptional().map(JooqRedeemCodes::toDomain);
    }

    @Override
    public Optional<RedeemCode> findById(RedeemCodeId id) {
        return dsl.selectFrom(REDEEM_CODES).where(REDEEM_CODES.ID.eq(id.value())).fetchOptional().map(JooqRedeemCodes::toDomain);
    }

    @Override
    public RedeemCode lock(RedeemCodeId id) {
        return dsl.selectFrom(REDEEM_CODES).where(REDEEM_CODES.ID.eq(id.value())).forUpdate().fetchOptional()
                .map(JooqRedeemCodes::toDomain)
                .orElseThrow(() -> new NoSuchElementException("no redeem code " + id.value()));
    }

    @Override
    public RedeemCode lockForRedemption(RedeemCodeId id, Email recipient) {
        // one round trip for both locks (ADR 23 counts them): the lock call is a filter on the code's row,
        // so it runs once that row is found, before the row lock is taken (ADR 28: either order is safe).
        // Not "EXISTS (SELECT pg_advisory_xact_lock(…))": PostgreSQL drops an EXISTS subquery's select list.
        return lockForRedemption.resultQuery(dsl, REDEEM_CODES, id.value(), recipient.value())
                .fetchOptional()
                .map(JooqRedeemCodes::toDomain)
                .orElseThrow(() -> new NoSuchElementException("no redeem code " + id.value()));
    }

    @Override
    public NewRedemption redeemNew(Code code, Email email, Instant now, Instant since, int cap, AllocationPolicy policy) {
        Record row;
        try {
            row = redeemNew.resultQuery(dsl, REDEEM_NEW_COLUMNS, code.value(), code.legacy(), email.value(),
                    JooqRecipients.domains(email).toArray(new String[0]), Rows.at(now), Rows.at(since), cap, policy.name())
                    .fetchSingle();
        } catch (DataAccessException e) {
            // the insert's unique indexes, as Invitations.create translates them (the recipient's lock rules them
            // out for redemptions; another writer of an open invitation would not take it)
            throw Rows.uniqueViolation(e,
                    Rows.refusal("invitations_live_team_email_key", ErrorCode.ALREADY_MEMBER,
                            "This e-mail already holds a seat in that team."),
                    Rows.refusal("invitations_open_email_key", ErrorCode.ALREADY_MEMBER,
                            "This e-mail already holds a seat (or a place in the queue) through another code."));
        }
        NewRedemption.Outcome outcome = NewRedemption.Outcome.valueOf(row.get(OUTCOME));
        if (outcome == NewRedemption.Outcome.NOT_TAKEN) {
            return NewRedemption.notTaken();
        }
        int at = 1;
        RedeemCodesRecord c = REDEEM_CODES.newRecord();
        for (Field<?> f : REDEEM_CODES.fields()) {
            set(c, f, row.get(at++));
        }
        RedeemCode redeemCode = toDomain(c);
        if (outcome == NewRedemption.Outcome.NO_SEAT) {
            return NewRedemption.noSeat(redeemCode);
        }
        InvitationsRecord i = INVITATIONS.newRecord();
        for (Field<?> f : INVITATIONS.fields()) {
            set(i, f, row.get(at++));
        }
        Invitation invitation = JooqInvitations.toDomain(i);
        return NewRedemption.seated(redeemCode, invitation,
                new SeatReservation(invitation.teamId().orElseThrow(), row.get(TEAM_NAME)));
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Record record, Field<T> field, Object value) {
        record.set(field, (T) value);
    }

    @Override
    public List<RedeemCode> lockAll(Collection<RedeemCodeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // ORDER BY before FOR UPDATE: the rows are locked in ascending id order (ADR 28)
        return dsl.selectFrom(REDEEM_CODES)
                .where(REDEEM_CODES.ID.in(ids.stream().map(RedeemCodeId::value).distinct().toList()))
                .orderBy(REDEEM_CODES.ID)
                .forUpdate()
                .fetch(JooqRedeemCodes::toDomain);
    }

    /**
     * One statement whatever the count: the candidates travel as one {@code varchar[]} parameter and the
     * terms, equal for every code, as single values — {@code insert … select … from unnest(?)}, one round
     * trip and one parse instead of a 1 000-row VALUES list of 11 000 parameters per 1 000 codes.
     */
    @Override
    public List<Code> insertNew(Collection<Code> candidates, CodeTerms terms, Optional<OrderId> order, Instant now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        String[] values = new String[candidates.size()];
        int i = 0;
        for (Code code : candidates) {
            values[i++] = code.value();
        }
        Table<?> batch = DSL.unnest(values).as("batch", "code");
        OffsetDateTime created = Rows.at(now);
        List<Code> inserted = new ArrayList<>(values.length);
        dsl.insertInto(REDEEM_CODES, REDEEM_CODES.CODE, REDEEM_CODES.OWNER_ID, REDEEM_CODES.GROUP_ID,
                        REDEEM_CODES.MAX_USES, REDEEM_CODES.EXPIRES_AT, REDEEM_CODES.VALIDITY_DAYS,
                        REDEEM_CODES.REBIND_LIMIT, REDEEM_CODES.NOTE, REDEEM_CODES.CREATED_AT, REDEEM_CODES.UPDATED_AT,
                        REDEEM_CODES.ORDER_ID)
                .select(DSL.select(batch.field("code", String.class),
                                DSL.val(terms.owner().map(UserId::value).orElse(null), REDEEM_CODES.OWNER_ID),
                                DSL.val(terms.group().map(TeamGroupId::value).orElse(null), REDEEM_CODES.GROUP_ID),
                                DSL.val(terms.maxUses(), REDEEM_CODES.MAX_USES),
                                DSL.val(Rows.at(terms.expiresAt().orElse(null)), REDEEM_CODES.EXPIRES_AT),
                                DSL.val(terms.validityDays(), REDEEM_CODES.VALIDITY_DAYS),
                                DSL.val(terms.rebindLimit(), REDEEM_CODES.REBIND_LIMIT),
                                DSL.val(terms.note().orElse(null), REDEEM_CODES.NOTE),
                                DSL.val(created, REDEEM_CODES.CREATED_AT),
                                DSL.val(created, REDEEM_CODES.UPDATED_AT),
                                DSL.val(order.map(OrderId::value).orElse(null), REDEEM_CODES.ORDER_ID))
                        .from(batch))
                .onConflict(REDEEM_CODES.CODE).doNothing()
                .returning(REDEEM_CODES.CODE)
                .fetch()
                .forEach(r -> inserted.add(new Code(r.getCode())));
        return inserted;
    }

    @Override
    public boolean activate(RedeemCodeId id, Instant at) {
        OffsetDateTime activated = Rows.at(at);
        return dsl.update(REDEEM_CODES)
                .set(REDEEM_CODES.ACTIVATED_AT, activated)
                // whole days of 24 hours (as Duration.ofDays in the domain), whatever the session's time zone
                .set(REDEEM_CODES.MEMBER_EXPIRES_AT, DSL.field("{0} + {1} * interval '24 hours'", OffsetDateTime.class,
                        DSL.val(activated), REDEEM_CODES.VALIDITY_DAYS))
                .set(REDEEM_CODES.UPDATED_AT, currentOffsetDateTime())
                .where(REDEEM_CODES.ID.eq(id.value()))
                .and(REDEEM_CODES.ACTIVATED_AT.isNull())
                .execute() > 0;
    }

    @Override
    public boolean setActive(RedeemCodeId id, boolean active) {
        return dsl.update(REDEEM_CODES)
                .set(REDEEM_CODES.ACTIVE, active)
                .set(REDEEM_CODES.UPDATED_AT, currentOffsetDateTime())
                .where(REDEEM_CODES.ID.eq(id.value()))
                .execute() > 0;
    }

    @Override
    public Deletion deleteIfUnused(RedeemCodeId id) {
        int deleted = dsl.execute("delete from redeem_codes c where c.id = ? and c.used_count = 0 and c.bound_email is null"
                + " and not exists (select 1 from invitations i where i.code_id = c.id)", id.value());
        if (deleted > 0) {
            return Deletion.DELETED;
        }
        return dsl.fetchExists(REDEEM_CODES, REDEEM_CODES.ID.eq(id.value())) ? Deletion.IN_USE : Deletion.NOT_FOUND;
    }

    static RedeemCode toDomain(RedeemCodesRecord r) {
        return RedeemCode.restore(new RedeemCodeId(r.getId()), new Code(r.getCode()),
                r.getOwnerId() == null ? null : new UserId(r.getOwnerId()),
                r.getGroupId() == null ? null : new TeamGroupId(r.getGroupId()),
                r.getMaxUses(), r.getUsedCount(), Rows.instant(r.getExpiresAt()), r.getValidityDays(),
                r.getBoundEmail() == null ? null : Email.of(r.getBoundEmail()),
                Rows.instant(r.getActivatedAt()), Rows.instant(r.getMemberExpiresAt()),
                r.getRebindCount(), r.getRebindLimit(), r.getActive());
    }
}
