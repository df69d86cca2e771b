package io.invitehub.adapter.out.persistence;

import io.invitehub.application.membership.port.out.InvitationSearch;
import io.invitehub.application.membership.view.StaffInvitation;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Invitations by e-mail (invitations_email_created_idx, then by id) or by code (the code's id from its unique
 * normal form, then invitations_code_email_idx): each a small index range, never a scan.
 */
final class JooqInvitationSearch implements InvitationSearch {
    private static final String SELECT = "select i.id, i.email, c.code, i.distributor_id, u.username, i.team_id, t.name team_name,"
            + " i.state, i.is_rebind, i.removal_failed, i.removal_error, i.end_reason, i.created_at, i.invited_at, i.accepted_at, i.ended_at"
            + " from invitations i join redeem_codes c on c.id = i.code_id left join teams t on t.id = i.team_id"
            + " left join users u on u.id = i.distributor_id";

    private final DSLContext dsl;

    JooqInvitationSearch(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<StaffInvitation> byEmail(Email email, Optional<Long> beforeId, int limit) {
        return dsl.fetch(SELECT + " where i.email = ? and i.id < ? order by i.id desc limit ?",
                email.value(), beforeId.orElse(Long.MAX_VALUE), limit).map(JooqInvitationSearch::toView);
    }

    @Override
    public List<StaffInvitation> byCode(Code code, Optional<Long> beforeId, int limit) {
        return dsl.fetch(SELECT + " where i.code_id = (select id from redeem_codes where code = ?) and i.id < ? order by i.id desc limit ?",
                code.value(), beforeId.orElse(Long.MAX_VALUE), limit).map(JooqInvitationSearch::toView);
    }

    private static StaffInvitation toView(Record r) {
        return new StaffInvitation(new InvitationId(r.get("id", Long.class)), Email.of(r.get("email", String.class)),
                new Code(r.get("code", String.class)).display(),
                Optional.ofNullable(r.get("distributor_id", Long.class)).map(UserId::new), Optional.ofNullable(r.get("username", String.class)),
                Optional.ofNullable(r.get("team_id", Long.class)).map(TeamId::new), Optional.ofNullable(r.get("team_name", String.class)),
                InvitationState.valueOf(r.get("state", String.class)), Boolean.TRUE.equals(r.get("is_rebind", Boolean.class)),
                Boolean.TRUE.equals(r.get("removal_failed", Boolean.class)), Optional.ofNullable(r.get("removal_error", String.class)),
                Optional.ofNullable(r.get("end_reason", String.class)), Rows.instant(r.get("created_at", OffsetDateTime.class)),
                Optional.ofNullable(Rows.instant(r.get("invited_at", OffsetDateTime.class))),
                Optional.ofNullable(Rows.instant(r.get("accepted_at", OffsetDateTime.class))),
                Optional.ofNullable(Rows.instant(r.get("ended_at", OffsetDateTime.class))));
    }
}
