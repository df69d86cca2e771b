package io.invitehub.adapter.in.http.teams;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.teams.port.in.TeamPoolUseCase;
import io.invitehub.application.teams.view.TeamGroupView;
import io.invitehub.domain.team.TeamId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;

/** The team groups list and the deletion of an empty team (issue 14). */
public final class TeamPoolHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape GROUPS_ANSWER = ResponseShape.list(Group.class);

    public static final RequestShape GROUPS = RequestShape.none();
    public static final RequestShape ONE_TEAM = TeamHandlers.ONE_TEAM;

    private final TeamPoolUseCase pool;

    public TeamPoolHandlers(TeamPoolUseCase pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    record Group(long id, String name, int teams, long waiting, Instant createdAt) {
        static Group of(TeamGroupView g) {
            return new Group(g.id().value(), g.name(), g.teams(), g.waiting(), g.createdAt());
        }
    }

    public void groups(Context ctx) {
        ctx.json(pool.groups(actor(ctx)).stream().map(Group::of).collect(Collectors.toList()));
    }

    public void deleteTeam(Context ctx) {
        pool.deleteTeam(actor(ctx), new TeamId(pathId(ctx, "team id")));
        ctx.status(204);
    }
}
