package io.invitehub.adapter.out.persistence;

import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import org.jooq.DSLContext;

import java.util.Comparator;
import java.util.List;

import static io.invitehub.adapter.out.persistence.JooqInvitations.toDomain;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

/** The rebind bookkeeping in PostgreSQL (ADR 12): {@code rebind_to} on the member's old invitation. */
final class JooqRebinds implements Rebinds {
    private final DSLContext dsl;

    JooqRebinds(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean moveUnsettled(Invitation rebind) {
        return rebind.isRebind() && dsl.fetchExists(INVITATIONS, INVITATIONS.CODE_ID.eq(rebind.codeId().value())
                .and(INVITATIONS.EMAIL.eq(rebind.email().value()))
                .and(INVITATIONS.REBIND_TO.eq(rebind.id().value()))
                .and(INVITATIONS.STATE.in(inline(InvitationState.JOINED.name()), inline(InvitationState.REMOVING.name()))));
    }

    @Override
    public boolean markRebinding(InvitationId member, InvitationId rebind) {
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.REBIND_TO, rebind.value())
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(member.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.JOINED.name())))
                .and(INVITATIONS.REBIND_TO.isNull())
                .execute() > 0;
    }

    @Override
    public List<Invitation> releaseFailedRebinds(int limit) {
        List<String> ended = java.util.Arrays.stream(InvitationState.values()).filter(InvitationState::isEnded)
                .map(Enum::name).toList();
        // the member's code row is locked here too (SKIP LOCKED, like the member): the caller gives the rebind
        // back on it next, and a code is locked before its invitations everywhere else (ADR 28)
        return dsl.resultQuery("update invitations i set rebind_to = null, updated_at = now()"
                                + " from (select o.id from invitations o join invitations n on n.id = o.rebind_to"
                                + " join redeem_codes c on c.id = o.code_id"
                                + " where o.rebind_to is not null and o.state = 'JOINED' and n.state in ('"
                                + String.join("', '", ended) + "') order by o.id limit ? for update of o, c skip locked) gone"
                                + " where i.id = gone.id and i.state = 'JOINED' returning i.*", limit)
                .fetchInto(INVITATIONS).stream().map(JooqInvitations::toDomain)
                .sorted(Comparator.comparingLong(i -> i.id().value())).toList();
    }
}
