package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Shared set-up for service tests: in-memory storage on a mutable clock, data created through the ports. */
public final class Fixture {
    public static final Instant START = Instant.parse("2025-03-01T10:00:00.123456Z");
    /** The service itself as the actor of staff writes (no user row needed for the audit entry). */
    public static final Actor STAFF = Actor.system();

    public final MutableClock clock = new MutableClock(START);
    public final InMemoryStorage storage = new InMemoryStorage(clock);
    public final RecordingWakeUps wakeUps = new RecordingWakeUps();
    private int counter;

    public Code nextCode() {
        int n = ++counter;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            body.append(CodeAlphabet.at(n % CodeAlphabet.SIZE));
            n /= CodeAlphabet.SIZE;
        }
        return Code.compose("HB", body.reverse().toString());
    }

    public static CodeTerms terms(int maxUses) {
        return new CodeTerms(Optional.empty(), maxUses, 30, Optional.empty(), Optional.empty(), 1, Optional.empty());
    }

    public RedeemCode code(CodeTerms terms) {
        Code code = nextCode();
        storage.transactions().inTransaction(() -> storage.codes().insertNew(List.of(code), terms, clock.instant()));
        return storage.codes().findByCode(code).orElseThrow();
    }

    public RedeemCode code(int maxUses) {
        return code(terms(maxUses));
    }

    public Team team(String name, int maxSeats) {
        return team(name, maxSeats, Optional.empty());
    }

    public Team team(String name, int maxSeats, Optional<TeamGroupId> group) {
        return storage.transactions().inTransaction(() -> storage.teams().create(
                new NewTeam(name, "acc-" + name, "cred-" + name, maxSeats, group)));
    }

    public TeamGroupId group(String name) {
        return storage.transactions().inTransaction(() -> storage.teams().createGroup(name));
    }

    public RedeemCode reload(RedeemCode code) {
        return storage.codes().findById(code.id()).orElseThrow();
    }

    public Team reload(Team team) {
        return storage.teams().findById(team.id()).orElseThrow();
    }
}
