package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.BlockedRecipientsRecord;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.BLOCKED_RECIPIENTS;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATION_OPT_OUTS;
import static org.jooq.impl.DSL.array;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

/**
 * {@link Recipients} on {@code invitations} (through {@code invitations_email_created_idx}),
 * {@code blocked_recipients} and {@code invitation_opt_outs} (V8).
 */
final class JooqRecipients implements Recipients {
    private final DSLContext dsl;
    /** The screening statement by the number of levels of the e-mail's domain (a handful in practice). */
    private final java.util.Map<Integer, RenderedStatement> screenings = new java.util.concurrent.ConcurrentHashMap<>();

    JooqRecipients(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Instant> lastRemoval(UserId distributor, Email email) {
        return Optional.ofNullable(dsl.select(DSL.max(INVITATIONS.ENDED_AT))
                .from(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email.value()))
                .and(INVITATIONS.DISTRIBUTOR_ID.eq(distributor.value()))
                .and(INVITATIONS.STATE.eq(DSL.inline(InvitationState.REMOVED.name())))
                .fetchOne(0, java.time.OffsetDateTime.class)).map(Rows::instant);
    }

    /** The three checks as three scalar subqueries of one statement; the block itself is read only when there is one. */
    @Override
    public Screening screen(Email email, Instant since, int limit) {
        List<String> domains = domains(email);
        RenderedStatement statement = screenings.computeIfAbsent(domains.size(), this::screening);
        Object[] values = new Object[3 + domains.size()];
        values[0] = email.value();
        values[1] = Rows.at(since);
        values[2] = limit;
        for (int i = 0; i < domains.size(); i++) {
            values[3 + i] = domains.get(i);
        }
        Record r = statement.resultQuery(dsl, SCREENING, values).fetchSingle();
        Optional<BlockEntry> block = Optional.ofNullable(r.get(BLOCK_ID)).flatMap(id -> dsl.selectFrom(BLOCKED_RECIPIENTS)
                .where(BLOCKED_RECIPIENTS.ID.eq(id)).fetchOptional().map(JooqRecipients::block));
        return new Screening(block, r.get(OPTED_OUT), Arrays.stream(r.get(RECENT)).map(Rows::instant).toList());
    }

    private static final Field<Long> BLOCK_ID = DSL.field(DSL.name("block_id"), SQLDataType.BIGINT);
    private static final Field<Boolean> OPTED_OUT = DSL.field(DSL.name("opted_out"), SQLDataType.BOOLEAN);
    private static final Field<OffsetDateTime[]> RECENT = DSL.field(DSL.name("recent"), INVITATIONS.CREATED_AT.getDataType().array());
    private static final List<Field<?>> SCREENING = List.of(BLOCK_ID, OPTED_OUT, RECENT);

    /** The screening statement for an e-mail whose domain has {@code domainCount} levels, rendered once (ADR 59). */
    private RenderedStatement screening(int domainCount) {
        Param<String> email = DSL.param("email", SQLDataType.VARCHAR);
        List<Param<String>> domains = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("email", "since", "limit"));
        for (int i = 0; i < domainCount; i++) {
            domains.add(DSL.param("d" + i, SQLDataType.VARCHAR));
            names.add("d" + i);
        }
        Field<Long> blockId = select(BLOCKED_RECIPIENTS.ID).from(BLOCKED_RECIPIENTS)
                .where(BLOCKED_RECIPIENTS.KIND.eq(BlockKind.EMAIL.name()).and(BLOCKED_RECIPIENTS.VALUE.eq(email))
                        .or(BLOCKED_RECIPIENTS.KIND.eq(BlockKind.DOMAIN.name()).and(BLOCKED_RECIPIENTS.VALUE.in(domains))))
                .orderBy(BLOCKED_RECIPIENTS.ID).limit(1).asField(BLOCK_ID.getName());
        Field<Boolean> optedOut = field(exists(selectOne().from(INVITATION_OPT_OUTS)
                .where(INVITATION_OPT_OUTS.EMAIL.eq(email)))).as(OPTED_OUT.getName());
        Field<OffsetDateTime[]> recent = array(select(INVITATIONS.CREATED_AT)
                .from(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email))
                .and(INVITATIONS.CREATED_AT.gt(DSL.param("since", INVITATIONS.CREATED_AT.getDataType())))
                .and(INVITATIONS.IS_REBIND.isFalse())
                .orderBy(INVITATIONS.CREATED_AT.desc())
                .limit(DSL.param("limit", SQLDataType.INTEGER))).as(RECENT.getName());
        return RenderedStatement.of(dsl, dsl.select(blockId, optedOut, recent), names.toArray(new String[0]));
    }

    /** The e-mail's domain and each parent domain, longest first ("a.b.example.com", "b.example.com", "example.com", "com"). */
    static List<String> domains(Email email) {
        List<String> domains = new ArrayList<>();
        String d = email.domain();
        while (true) {
            domains.add(d);
            int dot = d.indexOf('.');
            if (dot < 0) {
                break;
            }
            d = d.substring(dot + 1);
        }
        return domains;
    }

    @Override
    public Optional<BlockEntry> addBlock(BlockKind kind, String value, Optional<String> reason, Optional<UserId> createdBy, Instant now) {
        return dsl.insertInto(BLOCKED_RECIPIENTS)
                .set(BLOCKED_RECIPIENTS.KIND, kind.name())
                .set(BLOCKED_RECIPIENTS.VALUE, value)
                .set(BLOCKED_RECIPIENTS.REASON, reason.orElse(null))
                .set(BLOCKED_RECIPIENTS.CREATED_BY, createdBy.map(UserId::value).orElse(null))
                .set(BLOCKED_RECIPIENTS.CREATED_AT, Rows.at(now))
                .onConflict(BLOCKED_RECIPIENTS.KIND, BLOCKED_RECIPIENTS.VALUE)
                .doNothing()
                .returning()
                .fetchOptional()
                .map(JooqRecipients::block);
    }

    @Override
    public boolean removeBlock(long id) {
        return dsl.deleteFrom(BLOCKED_RECIPIENTS).where(BLOCKED_RECIPIENTS.ID.eq(id)).execute() == 1;
    }

    @Override
    public List<BlockEntry> blocks(Optional<Long> after, int limit) {
        return dsl.selectFrom(BLOCKED_RECIPIENTS)
                .where(BLOCKED_RECIPIENTS.ID.gt(after.orElse(0L)))
                .orderBy(BLOCKED_RECIPIENTS.ID)
                .limit(limit)
                .fetch(JooqRecipients::block);
    }

    @Override
    public boolean optOut(Email email, RedeemCodeId proof, Instant now) {
        return dsl.insertInto(INVITATION_OPT_OUTS)
                .set(INVITATION_OPT_OUTS.EMAIL, email.value())
                .set(INVITATION_OPT_OUTS.CODE_ID, proof.value())
                .set(INVITATION_OPT_OUTS.CREATED_AT, Rows.at(now))
                .onConflict(INVITATION_OPT_OUTS.EMAIL)
                .doNothing()
                .execute() == 1;
    }

    @Override
    public boolean liftOptOut(Email email) {
        return dsl.deleteFrom(INVITATION_OPT_OUTS).where(INVITATION_OPT_OUTS.EMAIL.eq(email.value())).execute() == 1;
    }

    private static BlockEntry block(BlockedRecipientsRecord r) {
        return new BlockEntry(r.getId(), BlockKind.valueOf(r.getKind()), r.getValue(), Optional.ofNullable(r.getReason()),
                Optional.ofNullable(r.getCreatedBy()).map(UserId::new), Rows.instant(r.getCreatedAt()));
    }
}
