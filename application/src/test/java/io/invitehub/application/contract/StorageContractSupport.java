package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every storage contract shares: a fresh storage per test (from {@link #newStorage()}), and
 * fixtures that create data only through the ports. Times are in microseconds, as PostgreSQL stores them.
 */
public abstract class StorageContractSupport {
    /** A time with microseconds, so precision loss would show. */
    protected static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123456Z");
    protected static final Email ALICE = Email.of("alice@host.com");
    protected static final Email BOB = Email.of("bob@host.com");
    protected static final Email CAROL = Email.of("carol@host.com");

    protected StoragePorts storage;
    private int codeCounter;
    private int nameCounter;

    /** A fresh, empty storage for each test. */
    protected abstract StoragePorts newStorage();

    @BeforeEach
    protected void freshStorage() {
        storage = newStorage();
    }

    protected <T> T tx(Supplier<T> work) {
        return storage.transactions().inTransaction(work);
    }

    protected void txRun(Runnable work) {
        storage.transactions().inTransaction(work);
    }

    /** A distinct valid code: prefix HB, 11 body characters encoding a counter, check character. */
    protected Code nextCode() {
        int n = ++codeCounter;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            body.append(CodeAlphabet.at(n % CodeAlphabet.SIZE));
            n /= CodeAlphabet.SIZE;
        }
        return Code.compose("HB", body.reverse().toString());
    }

    protected static CodeTerms terms(int maxUses) {
        return new CodeTerms(Optional.empty(), maxUses, 30, Optional.empty(), Optional.empty(), 1, Optional.empty());
    }

    protected static CodeTerms groupTerms(int maxUses, TeamGroupId group) {
        return new CodeTerms(Optional.empty(), maxUses, 30, Optional.empty(), Optional.of(group), 1, Optional.empty());
    }

    /** Inserts one new code on {@code terms} and returns it as stored. */
    protected RedeemCode newCode(CodeTerms terms) {
        Code code = nextCode();
        List<Code> inserted = tx(() -> storage.codes().insertNew(List.of(code), terms, NOW));
        if (!inserted.equals(List.of(code))) {
            throw new AssertionError("fixture: insertNew did not insert " + code + " but " + inserted);
        }
        return storage.codes().findByCode(code).orElseThrow();
    }

    protected RedeemCode newCode(int maxUses) {
        return newCode(terms(maxUses));
    }

    protected User newDistributor() {
        String name = "dist" + (++nameCounter);
        return tx(() -> storage.users().create(name, name + "@dist.com", "hash-" + name, Role.DISTRIBUTOR, Approval.APPROVED));
    }

    protected Team newTeam(int maxSeats) {
        return newTeam(maxSeats, Optional.empty());
    }

    protected Team newTeam(int maxSeats, Optional<TeamGroupId> group) {
        String name = "team" + (++nameCounter);
        return tx(() -> storage.teams().create(new NewTeam(name, "acc-" + name, "cred-" + name, maxSeats, group)));
    }

    protected Invitation reserved(RedeemCode code, Team team, Email email) {
        return tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(team.id()),
                email, InvitationState.RESERVED, false, true, NOW)));
    }

    protected Invitation waiting(RedeemCode code, Email email) {
        return tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.empty(),
                email, InvitationState.WAITING, false, true, NOW)));
    }

    protected Optional<Invitation> move(Invitation inv, InvitationState from, InvitationState to, String reason) {
        return tx(() -> storage.invitations().transition(inv.id(), from, to, NOW, reason));
    }

    protected RedeemCode reload(RedeemCode code) {
        return storage.codes().findById(code.id()).orElseThrow();
    }

    protected Team reload(Team team) {
        return storage.teams().findById(team.id()).orElseThrow();
    }

    protected Invitation reload(Invitation invitation) {
        return storage.invitations().findById(invitation.id()).orElseThrow();
    }
}
