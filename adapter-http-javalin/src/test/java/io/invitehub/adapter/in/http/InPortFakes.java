package io.invitehub.adapter.in.http;

import io.invitehub.application.port.in.AccountsUseCase;
import io.invitehub.application.port.in.DistributorSignUpUseCase;
import io.invitehub.application.port.in.ManageDistributorsUseCase;
import io.invitehub.application.port.in.RegisterDistributorCommand;
import io.invitehub.application.port.in.SignInUseCase;
import io.invitehub.application.port.in.SignedIn;
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
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        public synchronized TeamGroupId createGroup(Actor actor, String name) {
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

    /**
     * Users with plain-text passwords and readable tokens {@code token-<username>-<version>}: the in-ports of
     * accounts, sign-in, sign-up and distributor administration over one map, validating like the services.
     */
    static final class Accounts implements AccountsUseCase, SignInUseCase, DistributorSignUpUseCase, ManageDistributorsUseCase {
        private final Map<String, String> passwords = new HashMap<>();
        private final Map<String, User> users = new LinkedHashMap<>();
        final List<String> createdDistributors = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        Accounts with(String username, String password, Role role) {
            return with(username, password, role, role == Role.DISTRIBUTOR ? Approval.APPROVED : null);
        }

        synchronized Accounts with(String username, String password, Role role, Approval approval) {
            users.put(username, User.restore(new UserId(users.size() + 1L), username, username + "@example.com", role,
                    approval, "hash", 0));
            passwords.put(username, password);
            return this;
        }

        synchronized User user(String username) {
            return users.get(username);
        }

        /** Increments the user's token version, as suspension or a password change does. */
        synchronized void revoke(String username) {
            User u = users.get(username);
            users.put(username, User.restore(u.id(), u.username(), u.email().orElse(null), u.role(), u.approval().orElse(null),
                    u.passwordHash(), u.tokenVersion() + 1));
        }

        static String tokenOf(User user) {
            return "token-" + user.username() + "-" + user.tokenVersion();
        }

        @Override
        public synchronized SignedIn login(String username, char[] password, String clientAddress) {
            calls.add("login " + username + " from " + clientAddress);
            String expected = username == null ? null : passwords.get(username);
            if (expected == null || password == null || !Arrays.equals(expected.toCharArray(), password)) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "Invalid username or password.");
            }
            User user = users.get(username);
            if (!user.mayAct()) {
                throw new DomainException(ErrorCode.FORBIDDEN, "This distributor account is suspended.");
            }
            return new SignedIn(user, tokenOf(user), NOW.plus(Duration.ofMinutes(60)));
        }

        @Override
        public synchronized User authenticate(String token) {
            return users.values().stream().filter(u -> tokenOf(u).equals(token)).findFirst()
                    .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "The token is not valid; sign in again."));
        }

        @Override
        public Optional<User> ensureAdmin(String username, char[] password) {
            return Optional.empty();
        }

        @Override
        public synchronized User changePassword(UserId user, char[] oldPassword, char[] newPassword) {
            calls.add("change-password " + user.value() + " " + new String(oldPassword) + " -> " + new String(newPassword));
            return users.values().stream().filter(u -> u.id().equals(user)).findFirst().orElseThrow();
        }

        @Override
        public void sendVerificationCode(String email, String clientAddress) {
            calls.add("send-code " + Email.of(email).value() + " from " + clientAddress);
        }

        @Override
        public User register(RegisterDistributorCommand command) {
            calls.add("register " + command.username() + " " + command.code());
            return User.restore(new UserId(200), command.username(), Email.of(command.email()).value(), Role.DISTRIBUTOR,
                    Approval.PENDING, "hash", 0);
        }

        @Override
        public synchronized User create(Actor actor, String username, String email, char[] password) {
            createdDistributors.add(username);
            calls.add("create " + username + " by " + actor);
            return User.restore(new UserId(100), username, Email.of(email).value(), Role.DISTRIBUTOR, Approval.APPROVED,
                    "hash", 0);
        }

        @Override
        public synchronized List<User> pending(Optional<UserId> after, int limit) {
            calls.add("pending after=" + after.map(UserId::value).orElse(0L) + " limit=" + limit);
            return users.values().stream().filter(u -> u.approval().filter(Approval.PENDING::equals).isPresent())
                    .collect(Collectors.toList());
        }

        @Override
        public User approve(Actor actor, UserId distributor) {
            return move(actor, distributor, "approve", Approval.APPROVED);
        }

        @Override
        public User reject(Actor actor, UserId distributor, Optional<String> reason) {
            return move(actor, distributor, "reject " + reason.orElse("-"), Approval.REJECTED);
        }

        @Override
        public User suspend(Actor actor, UserId distributor) {
            return move(actor, distributor, "suspend", Approval.SUSPENDED);
        }

        @Override
        public User reactivate(Actor actor, UserId distributor) {
            return move(actor, distributor, "reactivate", Approval.APPROVED);
        }

        @Override
        public synchronized void delete(Actor actor, UserId distributor) {
            calls.add("delete " + distributor.value() + " by " + actor);
            if (distributor.value() == 99) {
                throw new DomainException(ErrorCode.CONFLICT, "This distributor has codes, orders or invitations; deleting it would orphan them. Suspend it instead.");
            }
        }

        private synchronized User move(Actor actor, UserId id, String action, Approval to) {
            calls.add(action + " " + id.value() + " by " + actor);
            User u = users.values().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> DomainException.notFound("distributor " + id.value() + " does not exist"));
            return User.restore(u.id(), u.username(), u.email().orElse(null), u.role(), to, u.passwordHash(), u.tokenVersion());
        }
    }
}
