package io.invitehub.adapter.in.http;

import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.accounts.port.in.RegisterDistributorCommand;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.in.SignedIn;
import io.invitehub.application.codes.port.in.BatchDeletion;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.DistributorDetail;
import io.invitehub.application.distributors.view.DistributorOverview;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.PlatformAnalytics;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.port.in.SalesQuery;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.application.teams.view.TeamExternalMembers;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;

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

        final List<UpdateTeamCommand> updated = new CopyOnWriteArrayList<>();

        /** Applies the changes to a listed team; a max_seats below 2 is refused as if 2 seats were in use. */
        @Override
        public synchronized Team updateTeam(UpdateTeamCommand command) {
            Team t = find(command.team());
            TeamChanges c = command.changes();
            if (c.maxSeats().filter(m -> m < 2).isPresent()) {
                throw new DomainException(ErrorCode.CONFLICT, "max_seats " + c.maxSeats().get() + " is below the 2 seats in use");
            }
            updated.add(command);
            Team changed = Team.restore(t.id(), c.name().orElse(t.name()), t.providerAccountId(), c.maxSeats().orElse(t.maxSeats()),
                    t.seatsReserved(), t.externalSeats(), c.changeGroup() ? c.group().orElse(null) : t.group().orElse(null),
                    c.status().orElse(t.status()), t.createdAt(), t.sync());
            teams.set(teams.indexOf(t), changed);
            return changed;
        }

        final List<io.invitehub.application.teams.port.in.ReplaceTeamCredentialsCommand> credentials = new CopyOnWriteArrayList<>();

        /** "rejected" is refused like a provider would, "unreachable" like a provider that cannot answer; else TOKEN_INVALID → ACTIVE. */
        @Override
        public synchronized Team replaceCredentials(io.invitehub.application.teams.port.in.ReplaceTeamCredentialsCommand command) {
            Team t = find(command.team());
            if ("rejected".equals(command.credentials())) {
                throw new DomainException(ErrorCode.CREDENTIALS_REJECTED, "The team provider refused these credentials (TOKEN_INVALID)");
            }
            if ("unreachable".equals(command.credentials())) {
                throw new DomainException(ErrorCode.PROVIDER_FAILED, "The team provider could not check the credentials");
            }
            credentials.add(command);
            Team changed = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), t.seatsReserved(), t.externalSeats(),
                    t.group().orElse(null), t.status() == TeamStatus.TOKEN_INVALID ? TeamStatus.ACTIVE : t.status(), t.createdAt(), t.sync());
            teams.set(teams.indexOf(t), changed);
            return changed;
        }

        /** Every listed team has the workspace owner as its one external member. */
        @Override
        public TeamExternalMembers externalMembers(Actor actor, TeamId team) {
            Team t = find(team);
            Team synced = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), t.seatsReserved(), 1,
                    t.group().orElse(null), t.status(), t.createdAt(), new Team.Sync(NOW, null, 0, NOW.plusSeconds(180)));
            return new TeamExternalMembers(synced, List.of(new ExternalMember(Email.of("owner@example.com"), Optional.of("user-1"),
                    Optional.of("account-owner"), Optional.empty(), NOW)));
        }

        private Team find(TeamId id) {
            return teams.stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "team " + id.value() + " does not exist"));
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
    static final class Accounts implements AccountsUseCase, SignInUseCase, DistributorSignUpUseCase, ManageDistributorsUseCase,
            io.invitehub.application.accounts.port.in.PasswordResetUseCase {
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
        public synchronized SignedIn renew(String token) {
            calls.add("renew " + token);
            User user = authenticate(token);
            return new SignedIn(user, tokenOf(user) + "-renewed", NOW.plus(Duration.ofMinutes(45)));
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
        public void sendVerificationCode(String email, String clientAddress, io.invitehub.domain.shared.Language language) {
            calls.add("send-code " + Email.of(email).value() + " from " + clientAddress);
        }

        @Override
        public void requestReset(String email, String clientAddress, io.invitehub.domain.shared.Language language) {
            calls.add("reset-request " + Email.of(email).value() + " from " + clientAddress + " in " + language);
        }

        @Override
        public void resetPassword(String token, char[] newPassword, String clientAddress) {
            calls.add("reset " + token.length() + " from " + clientAddress);
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
        public synchronized Page<User> pending(PageRequest page) {
            calls.add("pending " + ReadSide.describe(page));
            return new Page<>(users.values().stream().filter(u -> u.approval().filter(Approval.PENDING::equals).isPresent())
                    .collect(Collectors.toList()), Optional.empty());
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

        @Override
        public boolean adminExists() {
            return true;
        }

        @Override
        public synchronized AccountView account(UserId user) {
            return users.values().stream().filter(u -> u.id().equals(user)).findFirst().map(Accounts::view)
                    .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "The account no longer exists."));
        }

        @Override
        public synchronized List<AccountView> accounts(Actor actor, java.util.Set<Approval> approvals, Optional<UserId> after, int limit) {
            calls.add("accounts " + approvals + " after=" + after.map(UserId::value).orElse(0L) + " limit=" + limit);
            return users.values().stream().filter(u -> u.approval().filter(approvals::contains).isPresent())
                    .filter(u -> u.id().value() > after.map(UserId::value).orElse(0L)).limit(limit).map(Accounts::view)
                    .collect(Collectors.toList());
        }

        @Override
        public synchronized AccountView account(Actor actor, UserId distributor) {
            return users.values().stream().filter(u -> u.id().equals(distributor) && u.isDistributor()).findFirst().map(Accounts::view)
                    .orElseThrow(() -> DomainException.notFound("distributor " + distributor.value() + " does not exist"));
        }

        static AccountView view(User u) {
            return new AccountView(u.id(), u.username(), u.email(), u.role(), u.approval(), Optional.empty(), NOW);
        }

        private synchronized User move(Actor actor, UserId id, String action, Approval to) {
            calls.add(action + " " + id.value() + " by " + actor);
            User u = users.values().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> DomainException.notFound("distributor " + id.value() + " does not exist"));
            return User.restore(u.id(), u.username(), u.email().orElse(null), u.role(), to, u.passwordHash(), u.tokenVersion());
        }
    }

    /**
     * The distributor read side and code management: canned rows, honest paging (a cursor is the
     * position in the canned list), and every call remembered with the caller and distributor ids it got.
     */
    static final class ReadSide implements DistributorQueries, ManageCodesUseCase {
        static final Money PRICE = Money.ofMinor(1_250, Money.CNY);
        static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
        static final long OWN_CODE = 5;
        static final long USED_CODE = 7;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile int salesRows = 3;

        static DistributorSummary summaryOf(UserId distributor) {
            return new DistributorSummary(distributor, LocalDate.of(2025, 3, 1), ZONE, 10, 4, 3, 2, 1, 9, 8, 7, 5, 2,
                    PRICE, PRICE.times(7), new PeriodCounts(1, 1, 1, 0), new PeriodCounts(3, 3, 2, 1), new PeriodCounts(6, 5, 4, 1));
        }

        private static <T> Page<T> page(List<T> rows, PageRequest page, String kind) {
            int from = page.cursor().map(c -> (int) c.longKey(kind, 1, 0)).orElse(0);
            int to = Math.min(rows.size(), from + page.limit());
            List<T> shown = from >= rows.size() ? List.of() : rows.subList(from, to);
            return new Page<>(shown, to < rows.size() ? Optional.of(PageCursor.of(kind, to)) : Optional.empty());
        }

        private static String describe(PageRequest page) {
            return "limit=" + page.limit() + " cursor=" + page.cursor().map(PageCursor::encode).orElse("-");
        }

        @Override
        public DistributorSummary summary(UserId caller, UserId distributor) {
            calls.add("summary caller=" + caller.value() + " distributor=" + distributor.value());
            return summaryOf(distributor);
        }

        @Override
        public Page<SaleView> sales(UserId caller, UserId distributor, SalesQuery query, PageRequest page) {
            calls.add("sales caller=" + caller.value() + " distributor=" + distributor.value() + " status="
                    + query.status().map(Enum::name).orElse("-") + " from=" + query.from().map(ReadSide::bound).orElse("-")
                    + " to=" + query.to().map(ReadSide::bound).orElse("-") + " q=" + query.prefix().orElse("-") + " " + describe(page));
            List<SaleView> rows = new ArrayList<>();
            for (int i = 0; i < salesRows; i++) {
                rows.add(new SaleView(new InvitationId(100 - i), CODE, Email.of("c" + i + "@example.com"), Optional.of("Alpha"),
                        InvitationState.JOINED, NOW.minusSeconds(i), Optional.of(NOW.plusSeconds(60 - i))));
            }
            return page(rows, page, "sales");
        }

        /** A moment as itself, a business day as {@code day:<date>}. */
        private static String bound(SalesQuery.Bound b) {
            return b.moment().map(Instant::toString).orElseGet(() -> "day:" + b.day().orElseThrow());
        }

        @Override
        public Page<MemberView> members(UserId caller, UserId distributor, Optional<String> search, List<io.invitehub.domain.crm.Tag> tags,
                                        PageRequest page) {
            calls.add("members caller=" + caller.value() + " distributor=" + distributor.value() + " q=" + search.orElse("-")
                    + " " + describe(page));
            return page(List.of(new MemberView(new InvitationId(41), EMAIL, Optional.of(new TeamId(3)), Optional.of("Alpha"), CODE,
                    Optional.of(NOW), InvitationState.JOINED, false, NOW)), page, "members");
        }

        @Override
        public List<TrendDay> salesTrend(UserId caller, UserId distributor, int days) {
            calls.add("trend caller=" + caller.value() + " distributor=" + distributor.value() + " days=" + days);
            if (days < 1 || days > 366) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "days must be between 1 and 366");
            }
            List<TrendDay> rows = new ArrayList<>();
            for (int i = days - 1; i >= 0; i--) {
                rows.add(new TrendDay(LocalDate.of(2025, 3, 1).minusDays(i), i == 0 ? 2 : 0, 0, 0, 0));
            }
            return rows;
        }

        @Override
        public List<PlanRanking> planRanking(UserId caller, UserId distributor) {
            calls.add("plans caller=" + caller.value() + " distributor=" + distributor.value());
            return List.of(new PlanRanking(2, "Monthly", 20, 12, 9));
        }

        @Override
        public Page<CodeView> codes(UserId caller, UserId distributor, CodeFilter filter, PageRequest page) {
            calls.add("codes caller=" + caller.value() + " distributor=" + distributor.value() + " status="
                    + filter.status().map(Enum::name).orElse("-") + " q=" + filter.prefix().orElse("-")
                    + filter.usage().map(u -> " usage=" + u).orElse("") + " " + describe(page));
            return page(List.of(new CodeView(new RedeemCodeId(OWN_CODE), CODE, CodeStatus.DEPLETED, 1, 1, Optional.empty(), 30,
                    Optional.of(EMAIL), Optional.of("batch 1"), NOW)), page, "codes");
        }

        @Override
        public Page<DistributorOverview> distributors(UserId caller, Optional<Approval> approval, DistributorSort sort, PageRequest page) {
            calls.add("distributors caller=" + caller.value() + " status=" + approval.map(Enum::name).orElse("-") + " sort=" + sort
                    + " " + describe(page));
            return page(List.of(new DistributorOverview(distributorAccount(3, "reseller", Approval.APPROVED), summaryOf(new UserId(3))),
                    new DistributorOverview(distributorAccount(4, "newcomer", Approval.PENDING), summaryOf(new UserId(4)))),
                    page, "distributors");
        }

        @Override
        public DistributorDetail detail(UserId caller, UserId distributor) {
            calls.add("detail caller=" + caller.value() + " distributor=" + distributor.value());
            if (distributor.value() != 3) {
                throw DomainException.notFound("distributor " + distributor.value() + " does not exist");
            }
            return new DistributorDetail(new AccountView(distributor, "reseller", Optional.of("reseller@example.com"), Role.DISTRIBUTOR,
                    Optional.of(Approval.APPROVED), Optional.empty(), NOW), summaryOf(distributor));
        }

        private static AccountView distributorAccount(long id, String username, Approval approval) {
            return new AccountView(new UserId(id), username, Optional.of(username + "@example.com"), Role.DISTRIBUTOR,
                    Optional.of(approval), Optional.empty(), NOW);
        }

        @Override
        public io.invitehub.domain.code.Code code(UserId caller, RedeemCodeId code) {
            calls.add("code caller=" + caller.value() + " code=" + code.value());
            if (code.value() != OWN_CODE) {
                throw DomainException.notFound("code " + code.value() + " does not exist");
            }
            return CODE;
        }

        @Override
        public PlatformAnalytics analytics(UserId caller) {
            calls.add("analytics caller=" + caller.value());
            return PlatformAnalytics.empty(LocalDate.of(2025, 3, 1), Money.ofMinor(500, Money.CNY))
                    .plus(Optional.of(Approval.APPROVED), summaryOf(new UserId(3)))
                    .plus(Optional.of(Approval.PENDING), summaryOf(new UserId(4)));
        }

        @Override
        public Page<CodeRecord> codeRecords(UserId caller, RedeemCodeId code, PageRequest page) {
            calls.add("records caller=" + caller.value() + " code=" + code.value() + " " + describe(page));
            if (code.value() != OWN_CODE) {
                throw DomainException.notFound("code " + code.value() + " does not exist");
            }
            return page(List.of(new CodeRecord(new InvitationId(12), EMAIL, Optional.of("Alpha"), InvitationState.INVITED, false, NOW,
                    Optional.of(NOW.plusSeconds(5)), Optional.empty(), Optional.empty())), page, "records");
        }

        @Override
        public CodeStatus toggle(UserId caller, RedeemCodeId code) {
            calls.add("toggle caller=" + caller.value() + " code=" + code.value());
            return visible(code, CodeStatus.DISABLED);
        }

        @Override
        public CodeStatus setEnabled(UserId caller, RedeemCodeId code, boolean enabled) {
            calls.add("set caller=" + caller.value() + " code=" + code.value() + " " + enabled);
            return visible(code, enabled ? CodeStatus.ACTIVE : CodeStatus.DISABLED);
        }

        @Override
        public void delete(UserId caller, RedeemCodeId code) {
            calls.add("delete caller=" + caller.value() + " code=" + code.value());
            if (code.value() == USED_CODE) {
                throw new DomainException(ErrorCode.CONFLICT, "This code has been used; disable it instead of deleting it.");
            }
            visible(code, CodeStatus.ACTIVE);
        }

        @Override
        public BatchDeletion deleteAll(UserId caller, Collection<RedeemCodeId> codes) {
            calls.add("delete-all caller=" + caller.value() + " codes=" + codes.stream().map(c -> Long.toString(c.value()))
                    .collect(Collectors.joining(",")));
            List<RedeemCodeId> deleted = new ArrayList<>();
            List<RedeemCodeId> inUse = new ArrayList<>();
            List<RedeemCodeId> notFound = new ArrayList<>();
            codes.stream().distinct().sorted(java.util.Comparator.comparingLong(RedeemCodeId::value)).forEach(c ->
                    (c.value() == OWN_CODE ? deleted : c.value() == USED_CODE ? inUse : notFound).add(c));
            return new BatchDeletion(deleted, inUse, notFound);
        }

        private static CodeStatus visible(RedeemCodeId code, CodeStatus status) {
            if (code.value() != OWN_CODE && code.value() != USED_CODE) {
                throw DomainException.notFound("code " + code.value() + " does not exist");
            }
            return status;
        }
    }

    /** Blocklist and opt-outs in a list; refusals scripted with {@link #refuseWith}. */
    static final class Recipients implements io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase {
        final List<io.invitehub.application.recipients.view.BlockEntry> blocks = new CopyOnWriteArrayList<>();
        final List<String> optOuts = new CopyOnWriteArrayList<>();
        final List<String> addresses = new CopyOnWriteArrayList<>();
        volatile RuntimeException refusal;

        void refuseWith(RuntimeException e) {
            refusal = e;
        }

        private void maybeRefuse() {
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public io.invitehub.application.recipients.view.BlockEntry block(io.invitehub.domain.user.Actor admin, String value,
                                                                       Optional<String> reason) {
            maybeRefuse();
            var block = new io.invitehub.application.recipients.view.BlockEntry(blocks.size() + 1,
                    value.contains("@") ? io.invitehub.application.recipients.view.BlockKind.EMAIL
                            : io.invitehub.application.recipients.view.BlockKind.DOMAIN,
                    value, reason, admin.userId(), NOW);
            blocks.add(block);
            return block;
        }

        @Override
        public void unblock(io.invitehub.domain.user.Actor admin, long blockId) {
            maybeRefuse();
            if (!blocks.removeIf(b -> b.id() == blockId)) {
                throw DomainException.notFound("No blocklist entry " + blockId + ".");
            }
        }

        @Override
        public List<io.invitehub.application.recipients.view.BlockEntry> blocks(io.invitehub.domain.user.Actor admin,
                                                                              Optional<Long> after, int limit) {
            return blocks.stream().filter(b -> b.id() > after.orElse(0L)).limit(limit).toList();
        }

        @Override
        public boolean optOut(io.invitehub.domain.code.Code code, Email email, String clientAddress) {
            maybeRefuse();
            addresses.add(clientAddress);
            if (optOuts.contains(email.value())) {
                return false;
            }
            optOuts.add(email.value());
            return true;
        }

        @Override
        public void liftOptOut(io.invitehub.domain.user.Actor admin, Email email) {
            maybeRefuse();
            if (!optOuts.remove(email.value())) {
                throw DomainException.notFound("This e-mail address has not opted out.");
            }
        }
    }

    /** Exports have their HTTP tests on the real service (ExportsHttpTest); here every export is unknown. */
    static final class Exports implements io.invitehub.application.exports.port.in.ExportUseCase {
        @Override
        public io.invitehub.application.exports.port.in.PreparedExport prepare(UserId caller,
                                                                           io.invitehub.application.exports.port.in.ExportRequest request) {
            throw DomainException.notFound("no exports here");
        }

        @Override
        public io.invitehub.application.exports.view.ExportLink link(UserId caller, io.invitehub.application.exports.port.in.ExportRequest request) {
            throw DomainException.notFound("no exports here");
        }

        @Override
        public io.invitehub.application.exports.port.in.PreparedExport prepare(String token) {
            throw DomainException.notFound("no exports here");
        }
    }

    /** CRM has its HTTP tests on the real service (CrmHttpTest); here nobody is a customer. */
    static final class Crm implements io.invitehub.application.crm.port.in.CustomerRelationsUseCase {
        private static DomainException none() {
            return DomainException.notFound("no customers here");
        }

        @Override
        public io.invitehub.application.crm.view.CustomerView customer(UserId caller, io.invitehub.domain.shared.Email customer,
                                                                      io.invitehub.application.shared.port.in.PageRequest page) {
            throw none();
        }

        @Override
        public List<io.invitehub.domain.crm.Tag> addTag(UserId caller, io.invitehub.domain.shared.Email customer, io.invitehub.domain.crm.Tag tag) {
            throw none();
        }

        @Override
        public List<io.invitehub.domain.crm.Tag> removeTag(UserId caller, io.invitehub.domain.shared.Email customer,
                                                           io.invitehub.domain.crm.Tag tag) {
            throw none();
        }

        @Override
        public io.invitehub.application.crm.view.CustomerNote writeNote(UserId caller, io.invitehub.domain.shared.Email customer,
                                                                       io.invitehub.domain.crm.NoteText text, java.util.OptionalInt expectedVersion) {
            throw none();
        }

        @Override
        public io.invitehub.application.shared.port.in.Page<io.invitehub.application.crm.view.NoteEdit> noteHistory(
                UserId caller, io.invitehub.domain.shared.Email customer, io.invitehub.application.shared.port.in.PageRequest page) {
            throw none();
        }

        @Override
        public List<io.invitehub.application.crm.view.TagCount> tags(UserId caller) {
            return List.of();
        }
    }

    /** Settlement has its HTTP tests on the real service (SettlementHttpTest); here every distributor's book is unknown. */
    static final class Settlement implements io.invitehub.application.settlement.port.in.SettlementQueries,
            io.invitehub.application.settlement.port.in.ManageSettlementUseCase {
        private static DomainException none() {
            return DomainException.notFound("no settlement here");
        }

        public List<io.invitehub.application.settlement.view.StatementView> statements(UserId caller, UserId distributor) { throw none(); }

        public Page<io.invitehub.application.settlement.view.LedgerEntryView> ledger(UserId caller, UserId distributor,
                Optional<java.time.YearMonth> period, java.util.Set<io.invitehub.domain.settlement.LedgerKind> kinds, PageRequest page) {
            throw none();
        }

        public io.invitehub.application.settlement.view.SettlementPriceView unitPrice(UserId caller, UserId distributor) { throw none(); }

        public List<io.invitehub.application.settlement.view.StatementView> statementsOf(UserId caller, java.time.YearMonth period) {
            return List.of();
        }

        public io.invitehub.application.settlement.view.LedgerEntryView refund(UserId caller, UserId distributor, long amountMinor,
                String reason) { throw none(); }

        public io.invitehub.application.settlement.view.LedgerEntryView adjust(UserId caller, UserId distributor, long amountMinor,
                String reason) { throw none(); }

        public Optional<io.invitehub.application.settlement.view.LedgerEntryView> recordOrderRefund(OrderRefund refund) { throw none(); }

        public io.invitehub.application.settlement.view.StatementView confirm(UserId caller, long statementId) { throw none(); }

        public io.invitehub.application.settlement.view.StatementView pay(UserId caller, long statementId, String reference) { throw none(); }

        public void setUnitPrice(UserId caller, UserId distributor, Optional<Long> unitPriceMinor) { throw none(); }

        public int writeStatements() { return 0; }
    }
}
