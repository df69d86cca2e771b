package io.invitehub.adapter.out.persistence;

import io.invitehub.application.teams.port.out.TeamPool;
import io.invitehub.application.teams.view.TeamGroupView;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Team groups with their team counts and queues; the deletion of a team nobody is in. */
final class JooqTeamPool implements TeamPool {
    private static final String GROUPS = "select g.id, g.name, g.created_at,"
            + " (select count(*) from teams t where t.group_id = g.id) teams,"
            // invitations_waiting_queue_idx: (queue_group_id, queue_seq) where state = 'WAITING'
            + " (select count(*) from invitations i where i.queue_group_id = g.id and i.state = 'WAITING') waiting"
            + " from team_groups g order by g.name, g.id";

    private final DSLContext dsl;

    JooqTeamPool(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<TeamGroupView> groups() {
        return dsl.fetch(GROUPS).map(r -> new TeamGroupView(new TeamGroupId(r.get("id", Long.class)), r.get("name", String.class),
                r.get("teams", Integer.class), r.get("waiting", Long.class), Rows.instant(r.get("created_at", OffsetDateTime.class))));
    }

    @Override
    public OptionalLong lockAndCountLive(TeamId team) {
        Optional<Long> locked = dsl.fetchOptional("select id from teams where id = ? for update", team.value())
                .map(r -> r.get(0, Long.class));
        if (locked.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(dsl.fetchSingle("select count(*) from invitations where team_id = ?"
                + " and state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING')", team.value()).get(0, Long.class));
    }

    @Override
    public String delete(TeamId team) {
        // only ended invitations are left (the caller counted none live under the row lock): they keep their history without the team
        dsl.execute("update invitations set team_id = null, updated_at = now() where team_id = ?", team.value());
        return dsl.fetchSingle("delete from teams where id = ? returning name", team.value()).get(0, String.class);
    }
}
