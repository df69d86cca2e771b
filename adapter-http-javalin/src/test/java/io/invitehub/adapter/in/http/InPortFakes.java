package io.invitehub.adapter.in.http;

import io.invitehub.application.port.in.AccountsUseCase;
import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.InvitationView;
import io.invitehub.application.port.in.IssueCodesCommand;
import io.invitehub.application.port.in.IssueCodesUseCase;
import io.invitehub.application.port.in.ManageTeamsUseCase;
import io.invitehub.application.port.in.PublicRedemptionQueries;
import io.invitehub.application.port.in.RedeemCodeUseCase;
import io.invitehub.application.port.in.RedeemCommand;
import io.invitehub.application.port.in.RedemptionResult;
import io.invitehub.application.port.in.RedemptionStatus;
import io.invitehub.application.port.out.SeatSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Small, honest in-memory implementations of the in-ports the HTTP API drives. */
final class InPortFakes {
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final Code CODE = Code.compose("TEST", "ABCD2345");
    static final Email EMAIL = Email.of("alice@example.com");
    static final UUID INVITATION_ID = UUID.fromString("3f2b8c1e-5d4a-4b7e-9c21-0a1b2c3d4e5f");

    private InPortFakes() {
    }

    static Invitation invitation(InvitationState state, Long team, Long queueSeq) {
        return Invitation.restore(new InvitationId(11), INVITATION_ID, new RedeemCodeId(5), null,
                team == null ? null : new TeamId(team), EMAIL, state, false, queueSeq, 0, null, null, NOW,
                null, null, null);
    }

    /** Answers with {@link #behaviour} and remembers every command. */
    static final class Redeem implements RedeemCodeUseCase {
        final List<RedeemCommand> calls = new CopyOnWriteArrayList<>();
        volatile Function<RedeemCommand, RedemptionResult> behaviour = command -> new RedemptionResult(
                invitation(InvitationState.RESERVED, 1L, null), Optional.of("Alpha"), Optional.empty(),
                Optional.empty(), 30, false);

        @Override
        public RedemptionResult redeem(RedeemCommand command) {
            calls.add(command);
            return behaviour.apply(command);
        }

        void refuseWith(RuntimeException refusal) {
            behaviour = command -> {
                throw refusal;
            };
        }
    }

    /** One known invitation, one code bound to {@link #EMAIL}, fixed seats. */
    static final class Queries implements PublicRedemptionQueries {
        static final InvitationView VIEW = new InvitationView(INVITATION_ID, InvitationState.INVITED, Optional.of("Alpha"),
                Optional.empty(), NOW, Optional.of(NOW.plusSeconds(60)), Optional.empty(), Optional.empty(), Optional.empty());
        volatile RuntimeException seatsFailure;

        @Override
        public InvitationView invitation(UUID publicId) {
            if (!publicId.equals(INVITATION_ID)) {
                throw DomainException.notFound("No invitation with this id.");
            }
            return VIEW;
        }

        @Override
        public RedemptionStatus status(Code code, Email email, String clientAddress) {
            if (!code.equals(CODE) || !email.equals(EMAIL)) {
                throw DomainException.notFound("No redemption for this code and e-mail.");
            }
            return new RedemptionStatus(CODE.display(), true, 1, 1, Optional.of(Instant.parse("2025-12-31T23:59:59Z")), 30,
                    Optional.of(NOW.plusSeconds(120)), Optional.of(Instant.parse("2025-03-31T10:02:00Z")), 30,
                    Optional.of(VIEW));
        }

        @Override
        public SeatSummary seats() {
            if (seatsFailure != null) {
                throw seatsFailure;
            }
            return new SeatSummary(2, 10, 7, 3, 4);
        }
    }

    /** Keeps teams in a list and validates like the real service. */
    static final class Teams implements ManageTeamsUseCase {
        final List<CreateTeamCommand> created = new CopyOnWriteArrayList<>();
        final List<Team> teams = new CopyOnWriteArrayList<>();
        private long nextGroup = 7;

        @Override
        public synchronized Team createTeam(CreateTeamCommand command) {
            String name = Team.validateNew(command.name(), command.providerAccountId(), command.maxSeats());
            created.add(command);
            Team team = Team.restore(new TeamId(teams.size() + 1L), name, command.providerAccountId().strip(),
                    command.maxSeats(), 0, 0, command.group().orElse(null), TeamStatus.ACTIVE, NOW);
            teams.add(team);
            return team;
        }

        @Override
        public synchronized TeamGroupId createGroup(String name) {
            if (name == null || name.isBlank()) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "group name is required");
            }
            return new TeamGroupId(nextGroup++);
        }

        @Override
        public List<Team> listTeams() {
            return List.copyOf(teams);
        }
    }

    /** Issues deterministic valid codes and remembers the command. */
    static final class IssueCodes implements IssueCodesUseCase {
        final List<IssueCodesCommand> calls = new CopyOnWriteArrayList<>();

        @Override
        public List<Code> issue(IssueCodesCommand command) {
            calls.add(command);
            List<Code> codes = new ArrayList<>(command.count());
            for (int i = 0; i < command.count(); i++) {
                codes.add(Code.compose("GFTX", "" + CodeAlphabet.at(i % CodeAlphabet.SIZE) + "AAAAAA"));
            }
            return codes;
        }
    }

    /** Users with plain-text passwords (a test has no need for hashing). */
    static final class Accounts implements AccountsUseCase {
        private final Map<String, String> passwords = new HashMap<>();
        private final Map<String, User> users = new HashMap<>();
        final List<String> createdDistributors = new CopyOnWriteArrayList<>();

        Accounts with(String username, String password, Role role) {
            users.put(username, User.restore(new UserId(users.size() + 1L), username, null, role,
                    role == Role.DISTRIBUTOR ? Approval.APPROVED : null, "hash", 0));
            passwords.put(username, password);
            return this;
        }

        @Override
        public synchronized User authenticate(String username, char[] password) {
            String expected = passwords.get(username);
            if (expected == null || !Arrays.equals(expected.toCharArray(), password)) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "Invalid username or password.");
            }
            return users.get(username);
        }

        @Override
        public synchronized User createDistributor(String username, String email, char[] password) {
            createdDistributors.add(username);
            return User.restore(new UserId(100), username, Email.of(email).value(), Role.DISTRIBUTOR, Approval.APPROVED,
                    "hash", 0);
        }

        @Override
        public Optional<User> ensureAdmin(String username, char[] password) {
            return Optional.empty();
        }
    }
}
