package io.invitehub.application.teams.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.teams.port.in.TeamPoolUseCase;
import io.invitehub.application.teams.port.out.TeamPool;
import io.invitehub.application.teams.view.TeamGroupView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/** Team groups for the console and the deletion of a team nobody is in (one transaction, audited). */
public final class TeamPoolService implements TeamPoolUseCase {
    private final TransactionRunner transactions;
    private final TeamPool pool;
    private final AuditLog audit;
    private final Clock clock;

    public TeamPoolService(TransactionRunner transactions, TeamPool pool, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.pool = pool;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<TeamGroupView> groups(Actor actor) {
        actor.requireStaff();
        return pool.groups();
    }

    @Override
    public void deleteTeam(Actor actor, TeamId team) {
        actor.requireStaff();
        transactions.inTransaction(() -> {
            OptionalLong live = pool.lockAndCountLive(team);
            if (live.isEmpty()) {
                throw DomainException.notFound("team " + team.value() + " does not exist");
            }
            if (live.getAsLong() > 0) {
                throw new DomainException(ErrorCode.CONFLICT, "The team still holds " + live.getAsLong()
                        + " live invitation(s) (reserved, invited, joined or being removed); pause it and remove or wait for them first.");
            }
            String name = pool.delete(team);
            audit.record(AuditEntry.of(actor, "TEAM_DELETE", "TEAM", team.value(), "name=" + name, clock.instant()));
            return null;
        });
    }
}
