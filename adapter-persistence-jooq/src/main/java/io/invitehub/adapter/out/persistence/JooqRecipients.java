package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.BlockedRecipientsRecord;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.ArrayList;
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

    JooqRecipients(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Instant> recentInvitations(Email email, Instant since, int limit) {
        return dsl.fetch(recentQuery(email, since, limit)).map(r -> Rows.instant(r.value1()));
    }

    private static Select<Record1<OffsetDateTime>> recentQuery(Email email, Instant since, int limit) {
        return select(INVITATIONS.CREATED_AT)
                .from(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email.value()))
                .and(INVITATIONS.CREATED_AT.gt(Rows.at(since)))
                .and(INVITATIONS.IS_REBIND.isFalse())
                .orderBy(INVITATIONS.CREATED_AT.desc())
                .limit(limit);
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

    @Override
    public Optional<BlockEntry> findBlock(Email email) {
        return dsl.selectFrom(BLOCKED_RECIPIENTS)
                .where(covers(email))
                .orderBy(BLOCKED_RECIPIENTS.ID)
                .limit(1)
                .fetchOptional()
                .map(JooqRecipients::block);
    }

    /** The three checks as three scalar subqueries of one statement; the block itself is read only when there is one. */
    @Override
    public Screening screen(Email email, Instant since, int limit) {
        Field<Long> blockId = select(BLOCKED_RECIPIENTS.ID).from(BLOCKED_RECIPIENTS).where(covers(email))
                .orderBy(BLOCKED_RECIPIENTS.ID).limit(1).asField("block_id");
        Field<Boolean> optedOut = field(exists(selectOne().from(INVITATION_OPT_OUTS)
                .where(INVITATION_OPT_OUTS.EMAIL.eq(email.value())))).as("opted_out");
        Field<OffsetDateTime[]> recent = array(recentQuery(email, since, limit)).as("recent");
        Record3<Long, Boolean, OffsetDateTime[]> r = dsl.select(blockId, optedOut, recent).fetchSingle();
        Optional<BlockEntry> block = Optional.ofNullable(r.value1()).flatMap(id -> dsl.selectFrom(BLOCKED_RECIPIENTS)
                .where(BLOCKED_RECIPIENTS.ID.eq(id)).fetchOptional().map(JooqRecipients::block));
        return new Screening(block, r.value2(), Arrays.stream(r.value3()).map(Rows::instant).toList());
    }

    private static Condition covers(Email email) {
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
        return BLOCKED_RECIPIENTS.KIND.eq(BlockKind.EMAIL.name()).and(BLOCKED_RECIPIENTS.VALUE.eq(email.value()))
                .or(BLOCKED_RECIPIENTS.KIND.eq(BlockKind.DOMAIN.name()).and(BLOCKED_RECIPIENTS.VALUE.in(domains)));
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
    public boolean isOptedOut(Email email) {
        return dsl.fetchExists(INVITATION_OPT_OUTS, INVITATION_OPT_OUTS.EMAIL.eq(email.value()));
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
