package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.Invitations;
import io.invitehub.adapter.out.persistence.generated.tables.RedeemCodes;
import io.invitehub.adapter.out.persistence.generated.tables.Teams;
import io.invitehub.application.distributors.port.out.CreatedKey;
import io.invitehub.application.distributors.port.out.DistributorRecords;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record10;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

/**
 * A distributor's lists, composed from jOOQ conditions. Sales read {@code invitations_distributor_sales_idx}
 * (non-rebind), members {@code invitations_distributor_members_v9_idx} (rebind invitations included, ADR 21),
 * both {@code distributor_id, created_at DESC, id DESC}; codes {@code redeem_codes_owner_idx} backwards; the
 * keyset condition is a row comparison the index answers, so a deep page costs what the first one does.
 * States and statuses are literals, never bound (ADR 23).
 */
final class JooqDistributorRecords implements DistributorRecords {
    private static final Invitations I = Invitations.INVITATIONS.as("i");
    private static final RedeemCodes C = RedeemCodes.REDEEM_CODES.as("c");
    private static final Teams T = Teams.TEAMS.as("t");
    /** The states of the members list: everyone who got an invite, while a member and for a while after. */
    private static final Set<InvitationState> MEMBER_STATES = EnumSet.of(InvitationState.INVITED, InvitationState.JOINED,
            InvitationState.REMOVING, InvitationState.REMOVED, InvitationState.EXPIRED, InvitationState.REBOUND);
    private static final Set<InvitationState> STILL_MEMBER = EnumSet.of(InvitationState.INVITED, InvitationState.JOINED,
            InvitationState.REMOVING);

    private final DSLContext dsl;

    JooqDistributorRecords(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<SaleView> sales(UserId distributor, SalesFilter filter, Optional<CreatedKey> after, int limit) {
        Condition where = I.DISTRIBUTOR_ID.eq(distributor.value()).and(I.IS_REBIND.isFalse())
                .and(filter.status().map(s -> I.STATE.eq(inline(s.name()))).orElse(noCondition()))
                .and(filter.from().map(f -> I.CREATED_AT.ge(Rows.at(f))).orElse(noCondition()))
                .and(filter.to().map(t -> I.CREATED_AT.lt(Rows.at(t))).orElse(noCondition()))
                .and(prefix(filter.prefix()))
                .and(before(after));
        return dsl.select(I.ID, C.CODE, I.EMAIL, T.NAME, I.STATE, I.CREATED_AT, I.ACCEPTED_AT)
                .from(I).join(C).on(C.ID.eq(I.CODE_ID)).leftJoin(T).on(T.ID.eq(I.TEAM_ID))
                .where(where)
                .orderBy(I.CREATED_AT.desc(), I.ID.desc())
                .limit(limit)
                .fetch(r -> new SaleView(new InvitationId(r.value1()), new Code(r.value2()), Email.of(r.value3()),
                        Optional.ofNullable(r.value4()), InvitationState.valueOf(r.value5()), Rows.instant(r.value6()),
                        Optional.ofNullable(Rows.instant(r.value7()))));
    }

    @Override
    public List<MemberView> members(UserId distributor, Optional<String> prefix, Instant endedSince, Optional<CreatedKey> after, int limit) {
        Condition where = I.DISTRIBUTOR_ID.eq(distributor.value())
                .and(I.STATE.in(literals(MEMBER_STATES)))
                .and(I.STATE.in(literals(STILL_MEMBER)).or(I.ENDED_AT.ge(Rows.at(endedSince))))
                .and(prefix(prefix))
                .and(before(after));
        return dsl.select(I.ID, I.EMAIL, I.TEAM_ID, T.NAME, C.CODE, I.ACCEPTED_AT, I.STATE, I.CREATED_AT)
                .from(I).join(C).on(C.ID.eq(I.CODE_ID)).leftJoin(T).on(T.ID.eq(I.TEAM_ID))
                .where(where)
                .orderBy(I.CREATED_AT.desc(), I.ID.desc())
                .limit(limit)
                .fetch(r -> {
                    InvitationState state = InvitationState.valueOf(r.value7());
                    return new MemberView(new InvitationId(r.value1()), Email.of(r.value2()),
                            Optional.ofNullable(r.value3()).map(TeamId::new), Optional.ofNullable(r.value4()),
                            new Code(r.value5()), Optional.ofNullable(Rows.instant(r.value6())), state, state.isEnded(),
                            Rows.instant(r.value8()));
                });
    }

    @Override
    public List<CodeView> codes(UserId distributor, CodeFilter filter, Instant now, Optional<RedeemCodeId> after, int limit) {
        Field<String> status = status(Rows.at(now)).as("status");
        // "owner_id between d and d" (not "= d") plus owner_id in the ORDER BY: only then is the order
        // one that redeem_codes_owner_idx alone delivers. With "= d ... order by id" the planner may
        // walk the primary key backwards and filter, skipping every newer code of other distributors
        // (672 ms for a 1M-code distributor at full scale; 0.05 ms this way)
        Table<Record10<Long, String, String, Integer, Integer, OffsetDateTime, Integer, String, String, OffsetDateTime>> page =
                select(C.ID, C.CODE, status, C.USED_COUNT, C.MAX_USES, C.EXPIRES_AT, C.VALIDITY_DAYS, C.BOUND_EMAIL, C.NOTE, C.CREATED_AT)
                        .from(C)
                        .where(C.OWNER_ID.between(distributor.value(), distributor.value()))
                        .and(after.map(a -> C.ID.lt(a.value())).orElse(noCondition()))
                        .and(filter.prefix().map(p -> C.CODE.like(like(codePrefix(p)), '\\')).orElse(noCondition()))
                        .and(filter.status().map(s -> status(Rows.at(now)).eq(inline(s.name()))).orElse(noCondition()))
                        .orderBy(C.OWNER_ID.desc(), C.ID.desc())
                        .limit(limit)
                        .asTable("x");
        return dsl.selectFrom(page).orderBy(page.field(C.ID).desc())
                .fetch(r -> new CodeView(new RedeemCodeId(r.value1()), new Code(r.value2()), CodeStatus.valueOf(r.value3()),
                        r.value4(), r.value5(), Optional.ofNullable(Rows.instant(r.value6())), r.value7(),
                        Optional.ofNullable(r.value8()).map(Email::of), Optional.ofNullable(r.value9()), Rows.instant(r.value10())));
    }

    @Override
    public List<CodeRecord> codeRecords(RedeemCodeId code, Optional<Long> afterId, int limit) {
        return dsl.select(I.ID, I.EMAIL, T.NAME, I.STATE, I.IS_REBIND, I.CREATED_AT, I.INVITED_AT, I.ACCEPTED_AT, I.ENDED_AT)
                .from(I).leftJoin(T).on(T.ID.eq(I.TEAM_ID))
                .where(I.CODE_ID.eq(code.value()))
                .and(afterId.map(I.ID::lt).orElse(noCondition()))
                .orderBy(I.ID.desc())
                .limit(limit)
                .fetch(r -> new CodeRecord(new InvitationId(r.value1()), Email.of(r.value2()), Optional.ofNullable(r.value3()),
                        InvitationState.valueOf(r.value4()), r.value5(), Rows.instant(r.value6()),
                        Optional.ofNullable(Rows.instant(r.value7())), Optional.ofNullable(Rows.instant(r.value8())),
                        Optional.ofNullable(Rows.instant(r.value9()))));
    }

    /**
     * A code's status at {@code now} in SQL: {@link CodeStatus#precedence()} in order, each with its own test
     * (the SQL twin of {@link CodeStatus#holds}); the last, ACTIVE, is the ELSE.
     */
    static Field<String> status(OffsetDateTime now) {
        List<CodeStatus> order = CodeStatus.precedence();
        CaseConditionStep<String> when = null;
        for (CodeStatus s : order.subList(0, order.size() - 1)) {
            when = when == null ? DSL.when(holds(s, now), inline(s.name())) : when.when(holds(s, now), inline(s.name()));
        }
        return when.otherwise(inline(order.get(order.size() - 1).name()));
    }

    private static Condition holds(CodeStatus status, OffsetDateTime now) {
        switch (status) {
            case DISABLED:
                return C.ACTIVE.isFalse();
            case EXPIRED:
                return C.EXPIRES_AT.lt(now);
            case DEPLETED:
                return C.MAX_USES.gt(0).and(C.USED_COUNT.ge(C.MAX_USES));
            default:
                return DSL.trueCondition();
        }
    }

    private static List<Field<String>> literals(Set<InvitationState> states) {
        return states.stream().<Field<String>>map(s -> inline(s.name())).toList();
    }

    /** The e-mail or the code starts with {@code prefix} (an e-mail in lower case, a code in its normal form). */
    private static Condition prefix(Optional<String> prefix) {
        return prefix.map(p -> I.EMAIL.like(like(p.toLowerCase(Locale.ROOT)), '\\').or(C.CODE.like(like(codePrefix(p)), '\\')))
                .orElse(noCondition());
    }

    /** Keyset: older than {@code after} in (created_at, id) order. */
    private static Condition before(Optional<CreatedKey> after) {
        return after.map(k -> row(I.CREATED_AT, I.ID).lt(Rows.at(k.createdAt()), k.id())).orElse(noCondition());
    }

    static String codePrefix(String prefix) {
        return prefix.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }

    /** A LIKE pattern matching values that start with {@code prefix} taken literally. */
    static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
