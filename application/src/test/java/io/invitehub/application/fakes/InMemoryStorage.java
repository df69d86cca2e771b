package io.invitehub.application.fakes;

import io.invitehub.application.port.out.FulfilmentJob;
import io.invitehub.application.port.out.OrderKey;
import io.invitehub.application.port.out.OrderStats;
import io.invitehub.application.port.out.Orders;
import io.invitehub.application.port.out.PaymentAlert;
import io.invitehub.application.port.out.PaymentAlerts;
import io.invitehub.application.port.out.Plans;
import io.invitehub.domain.order.Fulfilment;
import io.invitehub.domain.order.FulfilmentStatus;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.application.contract.StoragePorts;
import io.invitehub.application.port.out.AuditEntry;
import io.invitehub.application.port.out.AuditLog;
import io.invitehub.application.port.out.CodeFilter;
import io.invitehub.application.port.out.CodeRecord;
import io.invitehub.application.port.out.CodeView;
import io.invitehub.application.port.out.CreatedKey;
import io.invitehub.application.port.out.DistributorRank;
import io.invitehub.application.port.out.DistributorRecords;
import io.invitehub.application.port.out.DistributorSort;
import io.invitehub.application.port.out.DistributorStatistics;
import io.invitehub.application.port.out.DistributorSummary;
import io.invitehub.application.port.out.DispatchClaim;
import io.invitehub.application.port.out.ExternalMember;
import io.invitehub.application.port.out.Invitations;
import io.invitehub.application.port.out.ProviderMember;
import io.invitehub.application.port.out.MemberView;
import io.invitehub.application.port.out.PeriodCounts;
import io.invitehub.application.port.out.PlanRanking;
import io.invitehub.application.port.out.RankKey;
import io.invitehub.application.port.out.SaleView;
import io.invitehub.application.port.out.SalesFilter;
import io.invitehub.application.port.out.TrendDay;
import io.invitehub.application.port.out.NewInvitation;
import io.invitehub.application.port.out.NewTeam;
import io.invitehub.application.port.out.RedeemCodes;
import io.invitehub.application.port.out.Recipients;
import io.invitehub.application.port.out.RemovalClaim;
import io.invitehub.application.port.out.RemovalFailure;
import io.invitehub.application.port.out.SeatReservation;
import io.invitehub.application.port.out.SeatSummary;
import io.invitehub.application.port.out.Teams;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.application.port.out.Users;
import io.invitehub.application.port.out.VerificationCodes;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-memory storage for tests: the storage ports over one state, with real transaction
 * semantics. One lock serialises transactions (and single port calls made outside any); the state
 * is snapshotted when the outermost transaction starts and restored when a runtime exception
 * escapes it; nested calls join the outer transaction. Rows are immutable values, so a snapshot is
 * a copy of the maps. Follows the javadoc of each port and the contract tests in
 * {@code io.invitehub.application.contract}.
 */
public final class InMemoryStorage implements StoragePorts {

    private record CodeRow(RedeemCodeId id, Code code, UserId owner, TeamGroupId group, int maxUses, int usedCount,
                           Instant expiresAt, int validityDays, Email boundEmail, Instant activatedAt,
                           Instant memberExpiresAt, int rebindCount, int rebindLimit, boolean active, String note,
                           Instant createdAt) {
        RedeemCode toDomain() {
            return RedeemCode.restore(id, code, owner, group, maxUses, usedCount, expiresAt, validityDays, boundEmail,
                    activatedAt, memberExpiresAt, rebindCount, rebindLimit, active);
        }

        CodeRow withUsedCount(int count) {
            return new CodeRow(id, code, owner, group, maxUses, count, expiresAt, validityDays, boundEmail, activatedAt,
                    memberExpiresAt, rebindCount, rebindLimit, active, note, createdAt);
        }

        CodeRow withBoundEmail(Email email) {
            return new CodeRow(id, code, owner, group, maxUses, usedCount, expiresAt, validityDays, email, activatedAt,
                    memberExpiresAt, rebindCount, rebindLimit, active, note, createdAt);
        }
    }

    private record InvitationRow(Invitation invitation, boolean holdsUse, boolean useGivenBack, Instant nextAttemptAt,
                                 TeamGroupId queueGroup, UUID claimToken) {
        InvitationRow with(Invitation changed) {
            return new InvitationRow(changed, holdsUse, useGivenBack, nextAttemptAt, queueGroup, claimToken);
        }

        InvitationRow withDue(Instant due, UUID token) {
            return new InvitationRow(invitation, holdsUse, useGivenBack, due, queueGroup, token);
        }

        boolean waitsIn(Optional<TeamGroupId> queue) {
            return invitation.state() == InvitationState.WAITING && Objects.equals(queueGroup, queue.orElse(null));
        }
    }

    /** A team with its credentials and its external members by e-mail (sorted, like the SQL's order). */
    private record TeamRow(Team team, String credentials, TreeMap<String, ExternalMember> external) {
        TeamRow with(Team changed) {
            return new TeamRow(changed, credentials, external);
        }
    }

    /** The removal columns of an invitation (V4): kept beside the immutable invitation row. */
    private record Lifecycle(RemovalKind kind, InvitationState from, Instant startedAt, Instant dueAt, int attempts,
                             String error, boolean failed, Long rebindTo, Instant changedAt) {
        static final Lifecycle NONE = new Lifecycle(null, null, null, null, 0, null, false, null, null);

        Lifecycle claimed(RemovalKind k, InvitationState f, Instant now, Instant due) {
            return new Lifecycle(k, f, now, due, 0, null, failed, rebindTo, now);
        }

        Lifecycle due(Instant at, Instant now) {
            return new Lifecycle(kind, from, startedAt, at, attempts, error, failed, rebindTo, now);
        }

        Lifecycle retry(Instant at, String e) {
            return new Lifecycle(kind, from, startedAt, at, attempts + 1, e, failed, rebindTo, changedAt);
        }

        Lifecycle abandoned(String e, boolean f, Instant now) {
            return new Lifecycle(kind, from, startedAt, null, attempts, e, f, rebindTo, now);
        }

        Lifecycle rebinding(Long to) {
            return new Lifecycle(kind, from, startedAt, dueAt, attempts, error, failed, to, changedAt);
        }
    }

    /** Everything stored; immutable rows in sorted maps, copied whole for a snapshot. */
    private static final class State {
        TreeMap<Long, CodeRow> codes = new TreeMap<>();
        TreeMap<Long, InvitationRow> invitations = new TreeMap<>();
        TreeMap<Long, TeamRow> teams = new TreeMap<>();
        TreeMap<Long, String> groups = new TreeMap<>();
        TreeMap<Long, User> users = new TreeMap<>();
        List<AuditEntry> audit = new ArrayList<>();
        TreeMap<String, VerificationCodes.Pending> verifications = new TreeMap<>();
        TreeMap<Long, Plan> plans = new TreeMap<>();
        TreeMap<Long, OrderRow> orders = new TreeMap<>();
        TreeMap<Long, PaymentAlert> alerts = new TreeMap<>();
        /** redeem_codes.order_id: code id → order id. */
        TreeMap<Long, Long> codeOrders = new TreeMap<>();
        long claims;
        TreeMap<Long, Recipients.Block> blocks = new TreeMap<>();
        TreeMap<String, Instant> optOuts = new TreeMap<>();
        TreeMap<Long, Lifecycle> lifecycle = new TreeMap<>();
        long nextId = 1;
        long nextQueueSeq = 1;

        State copy() {
            State copy = new State();
            copy.codes = new TreeMap<>(codes);
            copy.invitations = new TreeMap<>(invitations);
            copy.teams = new TreeMap<>(teams);
            copy.groups = new TreeMap<>(groups);
            copy.users = new TreeMap<>(users);
            copy.audit = new ArrayList<>(audit);
            copy.verifications = new TreeMap<>(verifications);
            copy.plans = new TreeMap<>(plans);
            copy.orders = new TreeMap<>(orders);
            copy.alerts = new TreeMap<>(alerts);
            copy.codeOrders = new TreeMap<>(codeOrders);
            copy.claims = claims;
            copy.blocks = new TreeMap<>(blocks);
            copy.optOuts = new TreeMap<>(optOuts);
            copy.lifecycle = new TreeMap<>(lifecycle);
            copy.nextId = nextId;
            copy.nextQueueSeq = nextQueueSeq;
            return copy;
        }
    }

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Clock clock;
    private final Random random;
    private State state = new State();

    private final FakeTransactions transactions = new FakeTransactions();
    private final FakeRedeemCodes codes = new FakeRedeemCodes();
    private final FakeInvitations invitations = new FakeInvitations();
    private final FakeTeams teams = new FakeTeams();
    private final FakeUsers users = new FakeUsers();
    private final FakeAuditLog audit = new FakeAuditLog();
    private final FakeVerificationCodes verificationCodes = new FakeVerificationCodes();
    private final FakeStatistics statistics = new FakeStatistics();
    private final FakeRecords records = new FakeRecords();
    private final FakeRecipients recipients = new FakeRecipients();
    private final FakePlans plans = new FakePlans();
    private final FakeOrders orders = new FakeOrders();
    private final FakePaymentAlerts paymentAlerts = new FakePaymentAlerts();
    private volatile ZoneId businessZone = ZoneId.of("Asia/Shanghai");

    /** A storage whose creation timestamps (teams) come from {@code clock}; public ids from a seeded random. */
    public InMemoryStorage(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(42);
    }

    public InMemoryStorage() {
        this(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Override public TransactionRunner transactions() { return transactions; }
    @Override public RedeemCodes codes() { return codes; }
    @Override public Invitations invitations() { return invitations; }
    @Override public Teams teams() { return teams; }
    @Override public Users users() { return users; }
    @Override public AuditLog auditLog() { return audit; }
    @Override public VerificationCodes verificationCodes() { return verificationCodes; }
    @Override public DistributorStatistics statistics() { return statistics; }
    @Override public DistributorRecords records() { return records; }
    @Override public Recipients recipients() { return recipients; }
    @Override public Plans plans() { return plans; }
    @Override public Orders orders() { return orders; }
    @Override public PaymentAlerts paymentAlerts() { return paymentAlerts; }

    /** Test view: the order id each code was delivered for (redeem_codes.order_id). */
    public long codesOfOrder(OrderId order) {
        return atomically(() -> state.codeOrders.values().stream().filter(o -> o == order.value()).count());
    }

    /** Test view: the distinct codes of an order. */
    public java.util.Set<Code> codeValuesOfOrder(OrderId order) {
        return atomically(() -> state.codeOrders.entrySet().stream().filter(e -> e.getValue() == order.value())
                .map(e -> state.codes.get(e.getKey()).code()).collect(java.util.stream.Collectors.toSet()));
    }

    /** How many transactions were committed (outermost only), for tests that count round trips. */
    public int committedTransactions() {
        return transactions.committed;
    }

    /** True while the calling thread is inside a transaction (or a port operation) of this storage. */
    public boolean insideTransaction() {
        return lock.isHeldByCurrentThread();
    }

    /** How many outermost transactions were rolled back. */
    public int rolledBackTransactions() {
        return transactions.rolledBack;
    }

    /**
     * Test back door: disables a code, a change no port under test offers yet (an admin use case
     * will). Not part of any port contract.
     */
    public void disableCode(RedeemCodeId id) {
        atomically(() -> {
            CodeRow r = codes.row(id);
            state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                    r.expiresAt(), r.validityDays(), r.boundEmail(), r.activatedAt(), r.memberExpiresAt(), r.rebindCount(),
                    r.rebindLimit(), false, r.note(), r.createdAt()));
            return null;
        });
    }

    /**
     * Test back door: records that the code's member was first seen in a team at {@code activatedAt}
     * (membership ends {@code validity_days} later), which the member sync will do. Not part of any port contract.
     */
    public void activateCode(RedeemCodeId id, Instant activatedAt) {
        atomically(() -> {
            CodeRow r = codes.row(id);
            state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                    r.expiresAt(), r.validityDays(), r.boundEmail(), activatedAt,
                    activatedAt.plus(Duration.ofDays(r.validityDays())), r.rebindCount(), r.rebindLimit(), r.active(),
                    r.note(), r.createdAt()));
            return null;
        });
    }

    /** Runs one port operation atomically; joins the surrounding transaction when there is one. */
    private <T> T atomically(Supplier<T> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    private long newId() {
        return state.nextId++;
    }

    // ------------------------------------------------------------------ transactions

    private final class FakeTransactions implements TransactionRunner {
        int committed;
        int rolledBack;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            lock.lock();
            try {
                if (lock.getHoldCount() > 1) {
                    return work.get();
                }
                State snapshot = state.copy();
                try {
                    T result = work.get();
                    committed++;
                    return result;
                } catch (RuntimeException | Error e) {
                    state = snapshot;
                    rolledBack++;
                    throw e;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ redeem codes

    private final class FakeRedeemCodes implements RedeemCodes {
        @Override
        public Optional<RedeemCode> findByCode(Code code) {
            return atomically(() -> state.codes.values().stream().filter(r -> r.code().equals(code)).findFirst()
                    .map(CodeRow::toDomain));
        }

        @Override
        public Optional<RedeemCode> findById(RedeemCodeId id) {
            return atomically(() -> Optional.ofNullable(state.codes.get(id.value())).map(CodeRow::toDomain));
        }

        @Override
        public RedeemCode lock(RedeemCodeId id) {
            return atomically(() -> row(id).toDomain());
        }

        @Override
        public void takeUse(RedeemCodeId id) {
            atomically(() -> {
                CodeRow row = row(id);
                if (row.maxUses() > 0 && row.usedCount() >= row.maxUses()) {
                    throw RedeemCode.usedUp();
                }
                state.codes.put(id.value(), row.withUsedCount(row.usedCount() + 1));
                return null;
            });
        }

        @Override
        public void bindEmail(RedeemCodeId id, Email email) {
            atomically(() -> {
                CodeRow row = row(id);
                if (row.boundEmail() == null) {
                    state.codes.put(id.value(), row.withBoundEmail(email));
                } else if (!row.boundEmail().equals(email)) {
                    throw new EmailMismatchException(row.boundEmail());
                }
                return null;
            });
        }

        @Override
        public boolean giveUseBack(InvitationId invitation) {
            return atomically(() -> {
                InvitationRow inv = state.invitations.get(invitation.value());
                if (inv == null || !inv.holdsUse() || inv.useGivenBack()) {
                    return false;
                }
                state.invitations.put(invitation.value(), new InvitationRow(inv.invitation(), true, true, inv.nextAttemptAt(),
                        inv.queueGroup(), inv.claimToken()));
                long codeId = inv.invitation().codeId().value();
                CodeRow code = state.codes.get(codeId);
                state.codes.put(codeId, code.withUsedCount(Math.max(code.usedCount() - 1, 0)));
                return true;
            });
        }

        @Override
        public boolean moveUse(InvitationId from, InvitationId to) {
            return atomically(() -> {
                InvitationRow f = state.invitations.get(from.value());
                InvitationRow t = state.invitations.get(to.value());
                if (f == null || t == null || !holds(f) || holds(t) || !f.invitation().codeId().equals(t.invitation().codeId())) {
                    return false;
                }
                state.invitations.put(from.value(), new InvitationRow(f.invitation(), false, false, f.nextAttemptAt(), f.queueGroup(), f.claimToken()));
                state.invitations.put(to.value(), new InvitationRow(t.invitation(), true, false, t.nextAttemptAt(), t.queueGroup(), t.claimToken()));
                return true;
            });
        }

        private boolean holds(InvitationRow row) {
            return row.holdsUse() && !row.useGivenBack();
        }

        @Override
        public boolean takeRebind(RedeemCodeId id) {
            return atomically(() -> {
                CodeRow r = row(id);
                if (r.rebindCount() >= r.rebindLimit()) {
                    return false;
                }
                state.codes.put(id.value(), withRebindCount(r, r.rebindCount() + 1));
                return true;
            });
        }

        @Override
        public void giveRebindBack(RedeemCodeId id) {
            atomically(() -> {
                CodeRow r = state.codes.get(id.value());
                if (r != null) {
                    state.codes.put(id.value(), withRebindCount(r, Math.max(r.rebindCount() - 1, 0)));
                }
                return null;
            });
        }

        private CodeRow withRebindCount(CodeRow r, int count) {
            return new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(), r.expiresAt(), r.validityDays(),
                    r.boundEmail(), r.activatedAt(), r.memberExpiresAt(), count, r.rebindLimit(), r.active(), r.note(), r.createdAt());
        }

        @Override
        public List<Code> insertNew(Collection<Code> candidates, CodeTerms terms, Optional<OrderId> order, Instant now) {
            return atomically(() -> {
                List<Code> inserted = new ArrayList<>();
                for (Code candidate : new LinkedHashSet<>(candidates)) {
                    boolean exists = state.codes.values().stream().anyMatch(r -> r.code().equals(candidate));
                    if (exists) {
                        continue;
                    }
                    long id = newId();
                    state.codes.put(id, new CodeRow(new RedeemCodeId(id), candidate, terms.owner().orElse(null),
                            terms.group().orElse(null), terms.maxUses(), 0, terms.expiresAt().orElse(null),
                            terms.validityDays(), null, null, null, 0, terms.rebindLimit(), true,
                            terms.note().orElse(null), now));
                    order.ifPresent(o -> {
                        if (!state.orders.containsKey(o.value())) {
                            throw new IllegalStateException("order " + o.value() + " does not exist (foreign key)");
                        }
                        state.codeOrders.put(id, o.value());
                    });
                    inserted.add(candidate);
                }
                return inserted;
            });
        }

        @Override
        public boolean activate(RedeemCodeId id, Instant at) {
            return atomically(() -> {
                CodeRow r = row(id);
                if (r.activatedAt() != null) {
                    return false;
                }
                Instant activated = at.truncatedTo(ChronoUnit.MICROS);
                state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                        r.expiresAt(), r.validityDays(), r.boundEmail(), activated, activated.plus(Duration.ofDays(r.validityDays())),
                        r.rebindCount(), r.rebindLimit(), r.active(), r.note(), r.createdAt()));
                return true;
            });
        }

        @Override
        public boolean setActive(RedeemCodeId id, boolean active) {
            return atomically(() -> {
                CodeRow r = state.codes.get(id.value());
                if (r == null) {
                    return false;
                }
                state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                        r.expiresAt(), r.validityDays(), r.boundEmail(), r.activatedAt(), r.memberExpiresAt(), r.rebindCount(),
                        r.rebindLimit(), active, r.note(), r.createdAt()));
                return true;
            });
        }

        @Override
        public Deletion deleteIfUnused(RedeemCodeId id) {
            return atomically(() -> {
                CodeRow r = state.codes.get(id.value());
                if (r == null) {
                    return Deletion.NOT_FOUND;
                }
                boolean referenced = state.invitations.values().stream().anyMatch(i -> i.invitation().codeId().equals(id));
                if (r.usedCount() > 0 || r.boundEmail() != null || referenced) {
                    return Deletion.IN_USE;
                }
                state.codes.remove(id.value());
                return Deletion.DELETED;
            });
        }

        private CodeRow row(RedeemCodeId id) {
            CodeRow row = state.codes.get(id.value());
            if (row == null) {
                throw new java.util.NoSuchElementException("no redeem code " + id.value());
            }
            return row;
        }
    }

    // ------------------------------------------------------------------ invitations

    private final class FakeInvitations implements Invitations {
        @Override
        public Invitation create(NewInvitation n) {
            return atomically(() -> {
                if (!state.codes.containsKey(n.codeId().value())) {
                    throw new IllegalArgumentException("no redeem code " + n.codeId().value());
                }
                n.teamId().ifPresent(team -> {
                    if (!state.teams.containsKey(team.value())) {
                        throw new IllegalArgumentException("no team " + team.value());
                    }
                    boolean taken = state.invitations.values().stream().map(InvitationRow::invitation)
                            .anyMatch(i -> i.state().holdsSeat() && i.teamId().equals(Optional.of(team))
                                    && i.email().equals(n.email()));
                    if (taken) {
                        throw new DomainException(ErrorCode.ALREADY_MEMBER, "This e-mail already holds a seat in this team.");
                    }
                });
                boolean openForEmail = !n.rebind() && state.invitations.values().stream().map(InvitationRow::invitation)
                        .anyMatch(i -> i.state().isOpen() && !i.isRebind() && i.email().equals(n.email()));
                if (openForEmail) {
                    throw new DomainException(ErrorCode.ALREADY_MEMBER,
                            "This e-mail already holds a seat (or a place in the queue) through another code.");
                }
                long id = newId();
                Long queueSeq = n.state() == InvitationState.WAITING ? state.nextQueueSeq++ : null;
                UUID publicId = new UUID(random.nextLong(), random.nextLong());
                Invitation invitation = Invitation.restore(new InvitationId(id), publicId, n.codeId(),
                        n.distributorId().orElse(null), n.teamId().orElse(null), n.email(), n.state(), n.rebind(),
                        queueSeq, 0, null, null, n.now(), null, null, null);
                // a new RESERVED invitation is due at once; claims then go first-due-first-out
                Instant due = n.state() == InvitationState.RESERVED ? n.now() : null;
                TeamGroupId queueGroup = n.state() == InvitationState.WAITING ? state.codes.get(n.codeId().value()).group() : null;
                state.invitations.put(id, new InvitationRow(invitation, n.holdsUse(), false, due, queueGroup, null));
                return invitation;
            });
        }

        @Override
        public Optional<Invitation> findById(InvitationId id) {
            return atomically(() -> Optional.ofNullable(state.invitations.get(id.value())).map(InvitationRow::invitation));
        }

        @Override
        public Optional<Invitation> findByPublicId(UUID publicId) {
            return atomically(() -> all().filter(i -> i.publicId().equals(publicId)).findFirst());
        }

        @Override
        public Optional<Invitation> findOpen(RedeemCodeId code, Email email) {
            // the newest, as the adapter orders (during a rebind the code and e-mail have two open invitations)
            return atomically(() -> all().filter(i -> i.codeId().equals(code) && i.email().equals(email) && i.state().isOpen())
                    .reduce((first, second) -> second));
        }

        @Override
        public Optional<Invitation> findOpenForOtherCode(Email email, RedeemCodeId code) {
            return atomically(() -> all().filter(i -> !i.codeId().equals(code) && i.email().equals(email) && i.state().isOpen())
                    .min(Comparator.comparing(Invitation::isRebind)));
        }

        @Override
        public List<Invitation> openOfEmail(Email email) {
            return atomically(() -> all().filter(i -> i.email().equals(email) && i.state().isOpen())
                    .sorted(Comparator.comparingLong((Invitation i) -> i.id().value()).reversed()).toList());
        }

        @Override
        public Optional<Invitation> findLatest(RedeemCodeId code, Email email) {
            return atomically(() -> all().filter(i -> i.codeId().equals(code) && i.email().equals(email))
                    .reduce((first, second) -> second));
        }

        @Override
        public Optional<Long> queuePosition(InvitationId id) {
            return atomically(() -> {
                InvitationRow self = state.invitations.get(id.value());
                if (self == null || self.invitation().state() != InvitationState.WAITING) {
                    return Optional.<Long>empty();
                }
                long seq = self.invitation().queueSeq().orElseThrow();
                Optional<TeamGroupId> queue = Optional.ofNullable(self.queueGroup());
                return Optional.of(1 + state.invitations.values().stream().filter(r -> r.waitsIn(queue))
                        .filter(r -> r.invitation().queueSeq().orElseThrow() < seq).count());
            });
        }

        @Override
        public boolean anyWaiting(Optional<TeamGroupId> group) {
            return atomically(() -> state.invitations.values().stream().anyMatch(r -> r.waitsIn(group)));
        }

        @Override
        public List<Optional<TeamGroupId>> waitingQueues() {
            return atomically(() -> {
                List<Optional<TeamGroupId>> queues = new ArrayList<>();
                if (anyWaiting(Optional.empty())) {
                    queues.add(Optional.empty());
                }
                state.groups.keySet().stream().map(TeamGroupId::new).filter(g -> anyWaiting(Optional.of(g)))
                        .forEach(g -> queues.add(Optional.of(g)));
                return queues;
            });
        }

        @Override
        public List<Invitation> claimWaiting(Optional<TeamGroupId> group, int limit) {
            // transactions of this storage run one at a time: the queue is held for the transaction
            return atomically(() -> state.invitations.values().stream().filter(r -> r.waitsIn(group))
                    .map(InvitationRow::invitation)
                    .sorted(Comparator.comparingLong(i -> i.queueSeq().orElseThrow()))
                    .limit(limit)
                    .toList());
        }

        @Override
        public Optional<Invitation> promote(InvitationId id, TeamId team, Instant now) {
            return atomically(() -> {
                InvitationRow row = state.invitations.get(id.value());
                if (row == null || row.invitation().state() != InvitationState.WAITING) {
                    return Optional.<Invitation>empty();
                }
                Invitation i = row.invitation();
                boolean seatedThere = all().anyMatch(o -> o.state().holdsSeat() && o.teamId().equals(Optional.of(team))
                        && o.email().equals(i.email()));
                if (seatedThere) {
                    return Optional.<Invitation>empty();
                }
                Invitation reserved = Invitation.restore(i.id(), i.publicId(), i.codeId(), i.distributorId().orElse(null), team,
                        i.email(), InvitationState.RESERVED, i.isRebind(), i.queueSeq().orElse(null), i.attempts(),
                        i.lastError().orElse(null), null, i.createdAt(), null, null, null);
                state.invitations.put(id.value(), row.with(reserved).withDue(now, row.claimToken()));
                return Optional.of(reserved);
            });
        }

        @Override
        public List<Invitation> seatHolders(TeamId team) {
            return atomically(() -> all().filter(i -> i.state().holdsSeat() && i.teamId().equals(Optional.of(team))).toList());
        }

        @Override
        public DispatchClaim claimForDispatch(int limit, Instant now, Duration lease) {
            return atomically(() -> {
                UUID claimToken = new UUID(random.nextLong(), random.nextLong());
                List<InvitationRow> due = state.invitations.values().stream()
                        .filter(r -> r.invitation().state() == InvitationState.RESERVED)
                        .filter(r -> r.nextAttemptAt() == null || !r.nextAttemptAt().isAfter(now))
                        .sorted(Comparator.comparing(InvitationRow::nextAttemptAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(r -> r.invitation().id().value()))
                        .limit(limit)
                        .toList();
                Instant leaseEnd = now.plus(lease);
                List<Invitation> claimed = new ArrayList<>(due.size());
                for (InvitationRow row : due) {
                    state.invitations.put(row.invitation().id().value(), row.withDue(leaseEnd, claimToken));
                    claimed.add(row.invitation());
                }
                return new DispatchClaim(claimToken, claimed);
            });
        }

        @Override
        public Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason) {
            return transition(id, from, to, now, endReason, row -> true);
        }

        @Override
        public Optional<Invitation> transitionClaimed(InvitationId id, UUID claimToken, InvitationState to, Instant now, String endReason) {
            return transition(id, InvitationState.RESERVED, to, now, endReason, row -> claimToken.equals(row.claimToken()));
        }

        private Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason,
                                                Predicate<InvitationRow> fence) {
            return atomically(() -> {
                from.moveTo(to);
                if (to == InvitationState.REMOVING) {
                    throw new IllegalArgumentException("REMOVING is entered through claimRemoval, which records why and since when");
                }
                InvitationRow row = state.invitations.get(id.value());
                if (row == null || row.invitation().state() != from || !fence.test(row)) {
                    return Optional.<Invitation>empty();
                }
                Invitation i = row.invitation();
                // the first time counts: a return from REMOVING keeps invited_at and accepted_at
                Instant invitedAt = i.invitedAt().orElse(to == InvitationState.INVITED ? now : null);
                Instant acceptedAt = i.acceptedAt().orElse(to == InvitationState.JOINED ? now : null);
                Instant endedAt = to.isEnded() ? now : i.endedAt().orElse(null);
                String reason = to.isEnded() ? endReason : i.endReason().orElse(null);
                Invitation moved = Invitation.restore(i.id(), i.publicId(), i.codeId(), i.distributorId().orElse(null),
                        i.teamId().orElse(null), i.email(), to, i.isRebind(), i.queueSeq().orElse(null), i.attempts(),
                        i.lastError().orElse(null), reason, i.createdAt(), invitedAt, acceptedAt, endedAt);
                // leaving RESERVED leaves the dispatcher's outbox
                state.invitations.put(id.value(), row.with(moved).withDue(to == InvitationState.RESERVED ? row.nextAttemptAt() : null,
                        row.claimToken()));
                return Optional.of(moved);
            });
        }

        @Override
        public boolean scheduleRetry(InvitationId id, UUID claimToken, Instant nextAttemptAt, String error) {
            return atomically(() -> {
                InvitationRow row = state.invitations.get(id.value());
                if (row == null || row.invitation().state() != InvitationState.RESERVED || !claimToken.equals(row.claimToken())) {
                    return false;
                }
                Invitation i = row.invitation();
                Invitation retried = Invitation.restore(i.id(), i.publicId(), i.codeId(), i.distributorId().orElse(null),
                        i.teamId().orElse(null), i.email(), i.state(), i.isRebind(), i.queueSeq().orElse(null),
                        i.attempts() + 1, error, i.endReason().orElse(null), i.createdAt(), i.invitedAt().orElse(null),
                        i.acceptedAt().orElse(null), i.endedAt().orElse(null));
                state.invitations.put(id.value(), row.with(retried).withDue(nextAttemptAt, row.claimToken()));
                return true;
            });
        }

        // ---- member lifecycle

        @Override
        public Optional<Invitation> findSeatHolder(TeamId team, Email email) {
            return atomically(() -> all().filter(i -> i.teamId().equals(Optional.of(team)) && i.email().equals(email)
                    && i.state().holdsSeat()).findFirst());
        }

        @Override
        public boolean moveUnsettled(Invitation rebind) {
            return rebind.isRebind() && atomically(() -> all()
                    .filter(i -> i.codeId().equals(rebind.codeId()) && i.email().equals(rebind.email()))
                    .filter(i -> i.state() == InvitationState.JOINED || i.state() == InvitationState.REMOVING)
                    .anyMatch(i -> Long.valueOf(rebind.id().value()).equals(life(i.id().value()).rebindTo())));
        }

        @Override
        public Optional<Invitation> findLatestInTeam(TeamId team, Email email) {
            return atomically(() -> all().filter(i -> i.teamId().equals(Optional.of(team)) && i.email().equals(email))
                    .reduce((first, second) -> second));
        }

        @Override
        public Optional<RemovalClaim> claimRemoval(InvitationId id, RemovalKind kind, Instant now, Duration lease) {
            return atomically(() -> {
                InvitationRow row = state.invitations.get(id.value());
                if (row == null || !kind.mayClaimFrom(row.invitation().state())) {
                    return Optional.<RemovalClaim>empty();
                }
                boolean moving = life(id.value()).rebindTo() != null;
                if (moving && (kind == RemovalKind.REMOVE || kind == RemovalKind.TIMEOUT)) {
                    return Optional.<RemovalClaim>empty();
                }
                return Optional.of(claim(row, kind, now, lease));
            });
        }

        @Override
        public List<RemovalClaim> claimUnaccepted(Instant invitedBefore, int limit, Instant now, Duration lease) {
            return atomically(() -> claimAll(all().filter(i -> i.state() == InvitationState.INVITED)
                    .filter(i -> !life(i.id().value()).failed())
                    .filter(i -> !i.invitedAt().orElseThrow().isAfter(invitedBefore))
                    .sorted(Comparator.comparing((Invitation i) -> i.invitedAt().orElseThrow()).thenComparingLong(i -> i.id().value()))
                    .limit(limit).toList(), RemovalKind.TIMEOUT, now, lease));
        }

        @Override
        public List<RemovalClaim> claimExpired(int limit, Instant now, Duration lease) {
            return atomically(() -> claimAll(all().filter(i -> i.state() == InvitationState.INVITED || i.state() == InvitationState.JOINED)
                    .filter(i -> !life(i.id().value()).failed())
                    .filter(i -> memberEndsAt(i).filter(end -> !end.isAfter(now)).isPresent())
                    .sorted(Comparator.comparing((Invitation i) -> memberEndsAt(i).orElseThrow()).thenComparingLong(i -> i.id().value()))
                    .limit(limit).toList(), RemovalKind.EXPIRE, now, lease));
        }

        @Override
        public List<RemovalClaim> claimRebound(int limit, Instant now, Duration lease) {
            return atomically(() -> claimAll(all().filter(i -> i.state() == InvitationState.JOINED)
                    .filter(i -> {
                        Long to = life(i.id().value()).rebindTo();
                        if (to == null) {
                            return false;
                        }
                        InvitationState target = state.invitations.get(to).invitation().state();
                        return target == InvitationState.INVITED || target == InvitationState.JOINED;
                    })
                    .limit(limit).toList(), RemovalKind.REBIND, now, lease));
        }

        @Override
        public List<RemovalClaim> claimDueRemovals(int limit, Instant now, Duration lease) {
            return atomically(() -> {
                List<Invitation> due = all().filter(i -> i.state() == InvitationState.REMOVING)
                        .filter(i -> !life(i.id().value()).dueAt().isAfter(now))
                        .sorted(Comparator.comparing((Invitation i) -> life(i.id().value()).dueAt()).thenComparingLong(i -> i.id().value()))
                        .limit(limit).toList();
                List<RemovalClaim> claims = new ArrayList<>();
                for (Invitation i : due) {
                    Lifecycle l = life(i.id().value()).due(now.plus(lease), now);
                    state.lifecycle.put(i.id().value(), l);
                    claims.add(toClaim(i, l));
                }
                claims.sort(Comparator.comparingLong(c -> c.invitation().id().value()));
                return claims;
            });
        }

        @Override
        public void scheduleRemovalRetry(InvitationId id, Instant dueAt, String error) {
            atomically(() -> {
                InvitationRow row = state.invitations.get(id.value());
                if (row != null && row.invitation().state() == InvitationState.REMOVING) {
                    state.lifecycle.put(id.value(), life(id.value()).retry(dueAt, error));
                }
                return null;
            });
        }

        @Override
        public Optional<Invitation> abandonRemoval(InvitationId id, Instant now, String error, boolean failed) {
            return atomically(() -> {
                InvitationRow row = state.invitations.get(id.value());
                if (row == null || row.invitation().state() != InvitationState.REMOVING) {
                    return Optional.<Invitation>empty();
                }
                Lifecycle l = life(id.value());
                Invitation back = withState(row.invitation(), l.from());
                state.invitations.put(id.value(), row.with(back));
                state.lifecycle.put(id.value(), l.abandoned(error, failed, now));
                return Optional.of(back);
            });
        }

        @Override
        public boolean markRebinding(InvitationId member, InvitationId rebind) {
            return atomically(() -> {
                InvitationRow row = state.invitations.get(member.value());
                if (row == null || row.invitation().state() != InvitationState.JOINED || life(member.value()).rebindTo() != null) {
                    return false;
                }
                if (!state.invitations.containsKey(rebind.value())) {
                    throw new IllegalArgumentException("no invitation " + rebind.value() + " (foreign key)");
                }
                state.lifecycle.put(member.value(), life(member.value()).rebinding(rebind.value()));
                return true;
            });
        }

        @Override
        public List<Invitation> releaseFailedRebinds(int limit) {
            return atomically(() -> {
                List<Invitation> released = all().filter(i -> i.state() == InvitationState.JOINED)
                        .filter(i -> {
                            Long to = life(i.id().value()).rebindTo();
                            return to != null && state.invitations.get(to).invitation().state().isEnded();
                        })
                        .limit(limit).toList();
                released.forEach(i -> state.lifecycle.put(i.id().value(), life(i.id().value()).rebinding(null)));
                return released;
            });
        }

        @Override
        public List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit) {
            return atomically(() -> all().filter(i -> life(i.id().value()).failed())
                    .filter(i -> after.isEmpty() || i.id().value() > after.get().value())
                    .limit(limit)
                    .map(i -> {
                        Lifecycle l = life(i.id().value());
                        return new RemovalFailure(i.id(), i.email(), i.teamId(), teamName(i), i.state(), Optional.ofNullable(l.kind()),
                                l.attempts(), Optional.ofNullable(l.error()), l.changedAt());
                    })
                    .toList());
        }

        private Lifecycle life(long id) {
            return state.lifecycle.getOrDefault(id, Lifecycle.NONE);
        }

        /** The code's membership end as the V4 trigger keeps it: the epoch while the code is disabled. */
        private Optional<Instant> memberEndsAt(Invitation i) {
            CodeRow code = state.codes.get(i.codeId().value());
            return !code.active() ? Optional.of(Instant.EPOCH) : Optional.ofNullable(code.memberExpiresAt());
        }

        private List<RemovalClaim> claimAll(List<Invitation> chosen, RemovalKind kind, Instant now, Duration lease) {
            List<RemovalClaim> claims = new ArrayList<>();
            for (Invitation i : chosen) {
                claims.add(claim(state.invitations.get(i.id().value()), kind, now, lease));
            }
            claims.sort(Comparator.comparingLong(c -> c.invitation().id().value()));
            return claims;
        }

        private RemovalClaim claim(InvitationRow row, RemovalKind kind, Instant now, Duration lease) {
            Invitation i = row.invitation();
            Invitation removing = withState(i, InvitationState.REMOVING);
            state.invitations.put(i.id().value(), row.with(removing));
            Lifecycle l = life(i.id().value()).claimed(kind, i.state(), now, now.plus(lease));
            state.lifecycle.put(i.id().value(), l);
            return toClaim(removing, l);
        }

        private RemovalClaim toClaim(Invitation i, Lifecycle l) {
            return new RemovalClaim(i, l.kind(), l.from(), l.attempts(), Optional.ofNullable(l.rebindTo()).map(InvitationId::new));
        }

        private Invitation withState(Invitation i, InvitationState to) {
            return Invitation.restore(i.id(), i.publicId(), i.codeId(), i.distributorId().orElse(null), i.teamId().orElse(null),
                    i.email(), to, i.isRebind(), i.queueSeq().orElse(null), i.attempts(), i.lastError().orElse(null),
                    i.endReason().orElse(null), i.createdAt(), i.invitedAt().orElse(null), i.acceptedAt().orElse(null),
                    i.endedAt().orElse(null));
        }

        private java.util.stream.Stream<Invitation> all() {
            return state.invitations.values().stream().map(InvitationRow::invitation);
        }
    }

    // ------------------------------------------------------------------ teams

    private final class FakeTeams implements Teams {
        @Override
        public Team create(NewTeam n) {
            return atomically(() -> {
                n.group().ifPresent(g -> {
                    if (!state.groups.containsKey(g.value())) {
                        throw new IllegalArgumentException("no team group " + g.value());
                    }
                });
                long id = newId();
                Team team = Team.restore(new TeamId(id), n.name(), n.providerAccountId(), n.maxSeats(), 0, 0,
                        n.group().orElse(null), TeamStatus.ACTIVE, clock.instant().truncatedTo(ChronoUnit.MICROS));
                state.teams.put(id, new TeamRow(team, n.credentials(), new TreeMap<>()));
                return team;
            });
        }

        @Override
        public TeamGroupId createGroup(String name) {
            return atomically(() -> {
                long id = newId();
                state.groups.put(id, name);
                return new TeamGroupId(id);
            });
        }

        @Override
        public boolean groupExists(TeamGroupId group) {
            return atomically(() -> state.groups.containsKey(group.value()));
        }

        @Override
        public Optional<Team> findById(TeamId id) {
            return atomically(() -> Optional.ofNullable(state.teams.get(id.value())).map(TeamRow::team));
        }

        @Override
        public List<Team> listAll() {
            return atomically(() -> state.teams.values().stream().map(TeamRow::team).toList());
        }

        @Override
        public Optional<SeatReservation> reserveSeat(Optional<TeamGroupId> group, AllocationPolicy policy) {
            return reserve(group, policy, Optional.empty());
        }

        @Override
        public Optional<SeatReservation> reserveSeatUnlessQueued(Optional<TeamGroupId> group, AllocationPolicy policy) {
            return atomically(() -> state.invitations.values().stream().anyMatch(r -> r.waitsIn(group))
                    ? Optional.<SeatReservation>empty()
                    : reserve(group, policy, Optional.empty()));
        }

        @Override
        public Optional<SeatReservation> reserveSeatElsewhere(Optional<TeamGroupId> group, AllocationPolicy policy, TeamId except) {
            return reserve(group, policy, Optional.of(except));
        }

        private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy, Optional<TeamId> except) {
            return atomically(() -> {
                Comparator<Team> order = policy == AllocationPolicy.FILL_FIRST
                        ? Comparator.comparingLong(t -> t.id().value())
                        : Comparator.comparingInt(Team::freeSeats).reversed().thenComparingLong(t -> t.id().value());
                Optional<Team> chosen = state.teams.values().stream().map(TeamRow::team)
                        .filter(t -> t.status() == TeamStatus.ACTIVE)
                        .filter(t -> except.isEmpty() || !t.id().equals(except.get()))
                        .filter(t -> group.isEmpty() || t.group().equals(group))
                        .filter(t -> t.seatsReserved() + t.externalSeats() < t.maxSeats())
                        .min(order);
                chosen.ifPresent(t -> replace(t, t.seatsReserved() + 1, t.status()));
                return chosen.map(t -> new SeatReservation(t.id(), t.name()));
            });
        }

        @Override
        public void releaseSeat(TeamId team) {
            atomically(() -> {
                TeamRow row = state.teams.get(team.value());
                if (row != null) {
                    replace(row.team(), Math.max(row.team().seatsReserved() - 1, 0), row.team().status());
                }
                return null;
            });
        }

        @Override
        public void setStatus(TeamId team, TeamStatus status) {
            atomically(() -> {
                TeamRow row = state.teams.get(team.value());
                if (row != null) {
                    replace(row.team(), row.team().seatsReserved(), status);
                }
                return null;
            });
        }

        @Override
        public Optional<Team> storeVerifiedCredentials(TeamId team, String credentials) {
            return atomically(() -> {
                TeamRow row = state.teams.get(team.value());
                if (row == null) {
                    return Optional.<Team>empty();
                }
                Team t = row.team();
                TeamStatus status = t.status() == TeamStatus.TOKEN_INVALID ? TeamStatus.ACTIVE : t.status();
                Team changed = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), t.seatsReserved(),
                        t.externalSeats(), t.group().orElse(null), status, t.createdAt(), t.sync());
                state.teams.put(team.value(), new TeamRow(changed, credentials, row.external()));
                return Optional.of(changed);
            });
        }

        @Override
        public Optional<TeamAccount> account(TeamId team) {
            return atomically(() -> Optional.ofNullable(state.teams.get(team.value()))
                    .map(row -> row.team().account(row.credentials())));
        }

        @Override
        public SeatSummary seatSummary() {
            return atomically(() -> {
                List<Team> active = state.teams.values().stream().map(TeamRow::team)
                        .filter(t -> t.status() == TeamStatus.ACTIVE).toList();
                long total = active.stream().mapToLong(Team::maxSeats).sum();
                long used = active.stream().mapToLong(Team::seatsInUse).sum();
                long free = active.stream().mapToLong(Team::freeSeats).sum();
                long waiting = state.invitations.values().stream()
                        .filter(r -> r.invitation().state() == InvitationState.WAITING).count();
                return new SeatSummary(active.size(), total, used, free, waiting);
            });
        }

        private void replace(Team t, int seatsReserved, TeamStatus status) {
            TeamRow row = state.teams.get(t.id().value());
            Team changed = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), seatsReserved,
                    t.externalSeats(), t.group().orElse(null), status, t.createdAt(), t.sync());
            state.teams.put(t.id().value(), row.with(changed));
        }

        @Override
        public Optional<Team> update(TeamId id, TeamChanges changes) {
            return atomically(() -> {
                TeamRow row = state.teams.get(id.value());
                if (row == null) {
                    return Optional.<Team>empty();
                }
                Team t = row.team();
                int maxSeats = changes.maxSeats().orElse(t.maxSeats());
                if (maxSeats < t.seatsInUse()) {
                    throw new DomainException(ErrorCode.CONFLICT, "max_seats " + maxSeats + " is below the " + t.seatsInUse()
                            + " seats in use in team " + t.id().value() + " (" + t.seatsReserved() + " held by invitations, "
                            + t.externalSeats() + " external members)");
                }
                Team changed = Team.restore(t.id(), changes.name().orElse(t.name()), t.providerAccountId(), maxSeats,
                        t.seatsReserved(), t.externalSeats(), changes.changeGroup() ? changes.group().orElse(null) : t.group().orElse(null),
                        changes.status().orElse(t.status()), t.createdAt(), t.sync());
                state.teams.put(id.value(), row.with(changed));
                return Optional.of(changed);
            });
        }

        @Override
        public List<TeamId> dueForSync(Instant now, int limit) {
            return atomically(() -> state.teams.values().stream().map(TeamRow::team)
                    .filter(Team::isSynced)
                    .filter(t -> t.sync().isDue(now))
                    .sorted(Comparator.comparing((Team t) -> t.sync().nextSyncAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparingLong(t -> t.id().value()))
                    .limit(limit)
                    .map(Team::id)
                    .toList());
        }

        @Override
        public ExternalSeats recordSync(TeamId id, List<ProviderMember> external, Instant now, Instant nextSyncAt) {
            return atomically(() -> {
                TeamRow row = state.teams.get(id.value());
                if (row == null) {
                    throw new java.util.NoSuchElementException("no team " + id.value());
                }
                TreeMap<String, ExternalMember> members = new TreeMap<>();
                Instant seen = now.truncatedTo(ChronoUnit.MICROS);
                for (ProviderMember m : external) {
                    ExternalMember before = row.external().get(m.email().value());
                    members.putIfAbsent(m.email().value(), new ExternalMember(m.email(), Optional.ofNullable(m.userId()),
                            Optional.ofNullable(m.role()), Optional.ofNullable(m.joinedAt()).map(at -> at.truncatedTo(ChronoUnit.MICROS)),
                            before == null ? seen : before.firstSeenAt()));
                }
                Team t = row.team();
                Team synced = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), t.seatsReserved(), members.size(),
                        t.group().orElse(null), t.status(), t.createdAt(),
                        new Team.Sync(seen, null, 0, nextSyncAt.truncatedTo(ChronoUnit.MICROS)));
                state.teams.put(id.value(), new TeamRow(synced, row.credentials(), members));
                return new ExternalSeats(t.externalSeats(), members.size());
            });
        }

        @Override
        public void recordSyncFailure(TeamId id, String error, Instant nextSyncAt) {
            atomically(() -> {
                TeamRow row = state.teams.get(id.value());
                if (row != null) {
                    Team t = row.team();
                    Team.Sync sync = new Team.Sync(t.sync().lastSyncedAt(), error, t.sync().failures() + 1,
                            nextSyncAt.truncatedTo(ChronoUnit.MICROS));
                    state.teams.put(id.value(), row.with(Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(),
                            t.seatsReserved(), t.externalSeats(), t.group().orElse(null), t.status(), t.createdAt(), sync)));
                }
                return null;
            });
        }

        @Override
        public List<ExternalMember> externalMembers(TeamId id) {
            return atomically(() -> Optional.ofNullable(state.teams.get(id.value()))
                    .map(row -> List.copyOf(row.external().values())).orElse(List.of()));
        }
    }

    // ------------------------------------------------------------------ distributor statistics and lists

    /**
     * Statistics computed by scanning, straight from the definitions in docs/statistics.md; the
     * contract tests hold the jOOQ rollups to the same numbers.
     */
    private final class FakeStatistics implements DistributorStatistics {
        /** The fake recounts from its rows on every read, so it keeps no rollup to fold. */
        @Override
        public long compactExpiry(Instant before) {
            return 0;
        }

        @Override
        public long compactDays(Instant before) {
            return 0;
        }

        @Override
        public ZoneId businessTimeZone() {
            return businessZone;
        }

        @Override
        public boolean useBusinessTimeZone(ZoneId zone) {
            boolean changed = !zone.equals(businessZone);
            businessZone = zone;
            return changed;
        }

        @Override
        public DistributorSummary summary(UserId distributor, Instant now, Money defaultUnitPrice) {
            return atomically(() -> {
                ZoneId zone = businessZone;
                LocalDate today = LocalDate.ofInstant(now, zone);
                long[] status = new long[CodeStatus.values().length];
                long total = 0;
                long used = 0;
                for (CodeRow c : state.codes.values()) {
                    if (distributor.equals(c.owner())) {
                        total++;
                        used += c.usedCount();
                        status[CodeStatus.of(c.active(), c.maxUses(), c.usedCount(), c.expiresAt(), now).ordinal()]++;
                    }
                }
                List<Invitation> sales = sales(distributor).toList();
                long sent = sales.stream().filter(i -> i.invitedAt().isPresent()).count();
                long accepted = sales.stream().filter(i -> i.acceptedAt().isPresent()).count();
                long active = sales.stream().filter(i -> i.state() == InvitationState.JOINED).count();
                long removed = sales.stream().filter(i -> i.state() == InvitationState.REMOVED).count();
                Money price = defaultUnitPrice;
                return new DistributorSummary(distributor, today, zone, total, status[CodeStatus.ACTIVE.ordinal()],
                        status[CodeStatus.DEPLETED.ordinal()], status[CodeStatus.EXPIRED.ordinal()],
                        status[CodeStatus.DISABLED.ordinal()], used, sent, accepted, active, removed, price,
                        price.times(accepted),
                        period(distributor, today, today),
                        period(distributor, today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today),
                        period(distributor, today.withDayOfMonth(1), today));
            });
        }

        @Override
        public List<TrendDay> trend(UserId distributor, Instant now, int days) {
            return atomically(() -> {
                LocalDate today = LocalDate.ofInstant(now, businessZone);
                List<TrendDay> trend = new ArrayList<>();
                for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
                    PeriodCounts c = period(distributor, day, day);
                    trend.add(new TrendDay(day, c.redeemed(), c.invited(), c.accepted(), c.removed()));
                }
                return trend;
            });
        }

        @Override
        public List<PlanRanking> planRanking(UserId distributor) {
            return List.of(); // the fake stores no plans or orders
        }

        @Override
        public List<DistributorRank> rankDistributors(DistributorSort sort, Optional<Approval> approval, Optional<RankKey> after,
                                                      int limit, Money defaultUnitPrice) {
            return atomically(() -> state.users.values().stream()
                    .filter(u -> u.role() == Role.DISTRIBUTOR)
                    .filter(u -> approval.isEmpty() || u.approval().equals(approval))
                    .map(u -> new DistributorRank(u.id(), u.username(), u.approval(), sortValue(u.id(), sort, defaultUnitPrice)))
                    .filter(r -> after.isEmpty() || r.sortValue() < after.get().sortValue()
                            || (r.sortValue() == after.get().sortValue() && r.id().value() < after.get().id()))
                    .sorted(Comparator.comparingLong(DistributorRank::sortValue).thenComparingLong(r -> r.id().value()).reversed())
                    .limit(limit)
                    .toList());
        }

        private long sortValue(UserId id, DistributorSort sort, Money price) {
            switch (sort) {
                case ID:
                    return id.value();
                case TOTAL_CODES:
                    return state.codes.values().stream().filter(c -> id.equals(c.owner())).count();
                case REDEEM_ATTEMPTS:
                    return state.codes.values().stream().filter(c -> id.equals(c.owner())).mapToLong(CodeRow::usedCount).sum();
                case INVITES_ACCEPTED:
                    return sales(id).filter(i -> i.acceptedAt().isPresent()).count();
                case MEMBERS_ACTIVE:
                    return sales(id).filter(i -> i.state() == InvitationState.JOINED).count();
                default:
                    return price.minorUnits() * sales(id).filter(i -> i.acceptedAt().isPresent()).count();
            }
        }

        private PeriodCounts period(UserId distributor, LocalDate from, LocalDate to) {
            ZoneId zone = businessZone;
            Predicate<Instant> within = at -> {
                LocalDate day = LocalDate.ofInstant(at, zone);
                return !day.isBefore(from) && !day.isAfter(to);
            };
            List<Invitation> sales = sales(distributor).toList();
            return new PeriodCounts(
                    sales.stream().filter(i -> within.test(i.createdAt())).count(),
                    sales.stream().filter(i -> i.invitedAt().filter(within).isPresent()).count(),
                    sales.stream().filter(i -> i.acceptedAt().filter(within).isPresent()).count(),
                    sales.stream().filter(i -> i.state() == InvitationState.REMOVED && i.endedAt().filter(within).isPresent()).count());
        }
    }

    /** A distributor's non-rebind invitations, in id order. */
    private java.util.stream.Stream<Invitation> sales(UserId distributor) {
        return state.invitations.values().stream().map(InvitationRow::invitation)
                .filter(i -> !i.isRebind() && i.distributorId().filter(distributor::equals).isPresent());
    }

    private static final Comparator<Invitation> NEWEST_FIRST = Comparator.comparing(Invitation::createdAt)
            .thenComparingLong(i -> i.id().value()).reversed();

    private static boolean before(Invitation i, Optional<CreatedKey> after) {
        if (after.isEmpty()) {
            return true;
        }
        int c = i.createdAt().compareTo(after.get().createdAt());
        return c < 0 || (c == 0 && i.id().value() < after.get().id());
    }

    private boolean matches(Invitation i, Optional<String> prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        String emailPrefix = prefix.get().toLowerCase(Locale.ROOT);
        String codePrefix = prefix.get().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        return i.email().value().startsWith(emailPrefix) || codeOf(i).value().startsWith(codePrefix);
    }

    private Code codeOf(Invitation i) {
        return state.codes.get(i.codeId().value()).code();
    }

    private Optional<String> teamName(Invitation i) {
        return i.teamId().map(t -> state.teams.get(t.value())).map(r -> r.team().name());
    }

    private final class FakeRecords implements DistributorRecords {
        @Override
        public List<SaleView> sales(UserId distributor, SalesFilter filter, Optional<CreatedKey> after, int limit) {
            return atomically(() -> InMemoryStorage.this.sales(distributor)
                    .filter(i -> filter.status().isEmpty() || filter.status().get() == i.state())
                    .filter(i -> filter.from().isEmpty() || !i.createdAt().isBefore(filter.from().get()))
                    .filter(i -> filter.to().isEmpty() || i.createdAt().isBefore(filter.to().get()))
                    .filter(i -> matches(i, filter.prefix()))
                    .filter(i -> before(i, after))
                    .sorted(NEWEST_FIRST)
                    .limit(limit)
                    .map(i -> new SaleView(i.id(), codeOf(i), i.email(), teamName(i), i.state(), i.createdAt(), i.acceptedAt()))
                    .toList());
        }

        @Override
        public List<MemberView> members(UserId distributor, Optional<String> prefix, Instant endedSince, Optional<CreatedKey> after, int limit) {
            java.util.Set<InvitationState> live = java.util.EnumSet.of(InvitationState.INVITED, InvitationState.JOINED, InvitationState.REMOVING);
            java.util.Set<InvitationState> ended = java.util.EnumSet.of(InvitationState.REMOVED, InvitationState.EXPIRED, InvitationState.REBOUND);
            return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                    .filter(i -> i.distributorId().filter(distributor::equals).isPresent())
                    .filter(i -> live.contains(i.state())
                            || (ended.contains(i.state()) && !i.endedAt().orElseThrow().isBefore(endedSince)))
                    .filter(i -> matches(i, prefix))
                    .filter(i -> before(i, after))
                    .sorted(NEWEST_FIRST)
                    .limit(limit)
                    .map(i -> new MemberView(i.id(), i.email(), i.teamId(), teamName(i), codeOf(i), i.acceptedAt(), i.state(),
                            i.state().isEnded(), i.createdAt()))
                    .toList());
        }

        @Override
        public List<CodeView> codes(UserId distributor, CodeFilter filter, Instant now, Optional<RedeemCodeId> after, int limit) {
            Optional<String> prefix = filter.prefix().map(p -> p.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", ""));
            return atomically(() -> state.codes.descendingMap().values().stream()
                    .filter(c -> distributor.equals(c.owner()))
                    .filter(c -> after.isEmpty() || c.id().value() < after.get().value())
                    .filter(c -> prefix.isEmpty() || c.code().value().startsWith(prefix.get()))
                    .map(c -> new CodeView(c.id(), c.code(), CodeStatus.of(c.active(), c.maxUses(), c.usedCount(), c.expiresAt(), now),
                            c.usedCount(), c.maxUses(), Optional.ofNullable(c.expiresAt()), c.validityDays(),
                            Optional.ofNullable(c.boundEmail()), Optional.ofNullable(c.note()), c.createdAt()))
                    .filter(v -> filter.status().isEmpty() || filter.status().get() == v.status())
                    .limit(limit)
                    .toList());
        }

        @Override
        public List<CodeRecord> codeRecords(RedeemCodeId code, Optional<Long> afterId, int limit) {
            return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                    .filter(i -> i.codeId().equals(code))
                    .filter(i -> afterId.isEmpty() || i.id().value() < afterId.get())
                    .sorted(Comparator.comparingLong((Invitation i) -> i.id().value()).reversed())
                    .limit(limit)
                    .map(i -> new CodeRecord(i.id(), i.email(), teamName(i), i.state(), i.isRebind(), i.createdAt(),
                            i.invitedAt(), i.acceptedAt(), i.endedAt()))
                    .toList());
        }
    }

    // ------------------------------------------------------------------ users

    private final class FakeUsers implements Users {
        @Override
        public User create(String username, String email, String passwordHash, Role role, Approval approval) {
            return atomically(() -> {
                // usernames are unique regardless of case (V12: unique index on lower(username))
                boolean taken = state.users.values().stream().anyMatch(u -> u.username().equalsIgnoreCase(username)
                        || (email != null && u.email().filter(email::equals).isPresent()));
                if (taken) {
                    throw new DomainException(ErrorCode.CONFLICT, "username or e-mail is already taken");
                }
                long id = newId();
                User user = User.restore(new UserId(id), username, email, role, approval, passwordHash, 0);
                state.users.put(id, user);
                return user;
            });
        }

        @Override
        public Optional<User> findById(UserId id) {
            return atomically(() -> Optional.ofNullable(state.users.get(id.value())));
        }

        @Override
        public Optional<User> findByUsername(String username) {
            return atomically(() -> state.users.values().stream().filter(u -> u.username().equals(username)).findFirst());
        }

        @Override
        public boolean anyWithRole(Role role) {
            return atomically(() -> state.users.values().stream().anyMatch(u -> u.role() == role));
        }

        @Override
        public Optional<User> changeApproval(UserId id, Approval from, Approval to, boolean revokeTokens) {
            return atomically(() -> Optional.ofNullable(state.users.get(id.value()))
                    .filter(u -> u.role() == Role.DISTRIBUTOR && u.approval().filter(from::equals).isPresent())
                    .map(u -> store(User.restore(u.id(), u.username(), u.email().orElse(null), u.role(), to, u.passwordHash(),
                            revokeTokens ? u.tokenVersion() + 1 : u.tokenVersion()))));
        }

        @Override
        public Optional<User> changePassword(UserId id, int expectedTokenVersion, String passwordHash) {
            return atomically(() -> Optional.ofNullable(state.users.get(id.value()))
                    .filter(u -> u.tokenVersion() == expectedTokenVersion)
                    .map(u -> store(User.restore(u.id(), u.username(), u.email().orElse(null), u.role(),
                            u.approval().orElse(null), passwordHash, u.tokenVersion() + 1))));
        }

        @Override
        public List<User> distributors(Approval approval, Optional<UserId> after, int limit) {
            return atomically(() -> state.users.tailMap(after.map(UserId::value).orElse(0L), false).values().stream()
                    .filter(u -> u.role() == Role.DISTRIBUTOR && u.approval().filter(approval::equals).isPresent())
                    .limit(limit)
                    .collect(java.util.stream.Collectors.toList()));
        }

        @Override
        public boolean hasCodesOrdersOrInvitations(UserId id) {
            return atomically(() -> referenced(id));
        }

        @Override
        public boolean delete(UserId id) {
            return atomically(() -> {
                if (!state.users.containsKey(id.value())) {
                    return false;
                }
                if (referenced(id)) {
                    throw new DomainException(ErrorCode.CONFLICT, "the user is still referred to by codes, orders or invitations");
                }
                state.users.remove(id.value());
                // like ON DELETE SET NULL on audit_log.actor_id
                state.audit.replaceAll(e -> e.actor().userId().filter(id::equals).isPresent()
                        ? new AuditEntry(io.invitehub.domain.user.Actor.system(), e.action(), e.targetType(), e.targetId(),
                        e.details(), e.at())
                        : e);
                return true;
            });
        }

        /** No orders exist in this storage yet; codes and invitations are what refer to a distributor. */
        private boolean referenced(UserId id) {
            return state.codes.values().stream().anyMatch(c -> id.equals(c.owner()))
                    || state.invitations.values().stream().anyMatch(r -> r.invitation().distributorId().filter(id::equals).isPresent());
        }

        private User store(User user) {
            state.users.put(user.id().value(), user);
            return user;
        }
    }

    // ------------------------------------------------------------------ audit log

    private final class FakeAuditLog implements AuditLog {
        @Override
        public void record(AuditEntry entry) {
            atomically(() -> {
                if (entry.actor().userId().filter(id -> !state.users.containsKey(id.value())).isPresent()) {
                    throw new IllegalStateException("audit actor " + entry.actor() + " does not exist (foreign key)");
                }
                state.audit.add(new AuditEntry(entry.actor(), entry.action(), entry.targetType(), entry.targetId(),
                        entry.details(), entry.at().truncatedTo(ChronoUnit.MICROS)));
                return null;
            });
        }

        @Override
        public List<AuditEntry> latest(int limit) {
            return atomically(() -> {
                List<AuditEntry> newestFirst = new ArrayList<>(state.audit);
                java.util.Collections.reverse(newestFirst);
                newestFirst.sort(Comparator.comparing(AuditEntry::at).reversed());
                return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
            });
        }
    }

    // ------------------------------------------------------------------ verification codes

    private final class FakeVerificationCodes implements VerificationCodes {
        @Override
        public void replace(Email email, String codeHash, Instant expiresAt) {
            atomically(() -> state.verifications.put(email.value(),
                    new Pending(email, codeHash, expiresAt.truncatedTo(ChronoUnit.MICROS), 0)));
        }

        @Override
        public Optional<Pending> find(Email email) {
            return atomically(() -> Optional.ofNullable(state.verifications.get(email.value())));
        }

        @Override
        public int recordFailure(Email email) {
            return atomically(() -> {
                Pending p = state.verifications.get(email.value());
                if (p == null) {
                    return 0;
                }
                Pending counted = new Pending(p.email(), p.codeHash(), p.expiresAt(), p.failedAttempts() + 1);
                state.verifications.put(email.value(), counted);
                return counted.failedAttempts();
            });
        }

        @Override
        public void remove(Email email) {
            atomically(() -> state.verifications.remove(email.value()));
        }
    }

    // ------------------------------------------------------------------ recipients (anti-harassment)

    private final class FakeRecipients implements Recipients {
        @Override
        public List<Instant> recentInvitations(Email email, Instant since, int limit) {
            return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                    .filter(i -> i.email().equals(email) && !i.isRebind() && i.createdAt().isAfter(since))
                    .map(Invitation::createdAt).sorted(Comparator.reverseOrder()).limit(limit).toList());
        }

        @Override
        public Optional<Instant> lastRemoval(UserId distributor, Email email) {
            return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                    .filter(i -> i.email().equals(email) && i.state() == InvitationState.REMOVED
                            && i.distributorId().equals(Optional.of(distributor)))
                    .map(i -> i.endedAt().orElseThrow()).max(Comparator.naturalOrder()));
        }

        @Override
        public Optional<Block> findBlock(Email email) {
            return atomically(() -> {
                List<String> domains = new ArrayList<>();
                String d = email.domain();
                while (true) {
                    domains.add(d);
                    int dot = d.indexOf('.');
                    if (dot < 0) {
                        break;
                    }
                    d = d.substring(dot + 1);
                }
                return state.blocks.values().stream()
                        .filter(b -> b.kind() == BlockKind.EMAIL ? b.value().equals(email.value()) : domains.contains(b.value()))
                        .findFirst();
            });
        }

        @Override
        public Optional<Block> addBlock(BlockKind kind, String value, Optional<String> reason, Optional<UserId> createdBy, Instant now) {
            return atomically(() -> {
                boolean listed = state.blocks.values().stream().anyMatch(b -> b.kind() == kind && b.value().equals(value));
                if (listed) {
                    return Optional.<Block>empty();
                }
                Block block = new Block(newId(), kind, value, reason, createdBy, now);
                state.blocks.put(block.id(), block);
                return Optional.of(block);
            });
        }

        @Override
        public boolean removeBlock(long id) {
            return atomically(() -> state.blocks.remove(id) != null);
        }

        @Override
        public List<Block> blocks(Optional<Long> after, int limit) {
            return atomically(() -> state.blocks.tailMap(after.orElse(0L), false).values().stream().limit(limit).toList());
        }

        @Override
        public boolean optOut(Email email, RedeemCodeId proof, Instant now) {
            return atomically(() -> state.optOuts.putIfAbsent(email.value(), now) == null);
        }

        @Override
        public boolean isOptedOut(Email email) {
            return atomically(() -> state.optOuts.containsKey(email.value()));
        }

        @Override
        public boolean liftOptOut(Email email) {
            return atomically(() -> state.optOuts.remove(email.value()) != null);
        }
    }

    // ------------------------------------------------------------------ plans, orders, payment alerts

    /** An order as stored, with its fulfilment claim token and the due time of its next attempt (or lease end). */
    private record OrderRow(Order order, String claim, Instant nextAt) {
    }

    private static Order copy(Order o, OrderStatus status, Optional<String> tradeNo, Optional<Instant> paidAt, Fulfilment f) {
        return Order.restore(o.id(), o.orderNo(), o.planId(), o.buyer(), o.quantity(), o.codesTotal(), o.codeMaxUses(),
                o.codeValidityDays(), o.amount(), o.finalAmount(), status, o.payType(), tradeNo, o.createdAt(), o.expireAt(),
                paidAt, f);
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private final class FakePlans implements Plans {
        @Override
        public Plan create(PlanSpec spec) {
            return atomically(() -> {
                Plan plan = new Plan(new PlanId(newId()), spec);
                state.plans.put(plan.id().value(), plan);
                return plan;
            });
        }

        @Override
        public Optional<Plan> update(PlanId id, PlanSpec spec) {
            return atomically(() -> {
                if (!state.plans.containsKey(id.value())) {
                    return Optional.empty();
                }
                Plan plan = new Plan(id, spec);
                state.plans.put(id.value(), plan);
                return Optional.of(plan);
            });
        }

        @Override
        public Optional<Plan> findById(PlanId id) {
            return atomically(() -> Optional.ofNullable(state.plans.get(id.value())));
        }

        @Override
        public List<Plan> all() {
            return atomically(() -> state.plans.values().stream()
                    .sorted(Comparator.comparingInt((Plan p) -> p.spec().sortOrder()).thenComparingLong(p -> p.id().value()))
                    .collect(java.util.stream.Collectors.toList()));
        }

        @Override
        public List<Plan> onSale(PlanType type) {
            return atomically(() -> all().stream().filter(p -> p.spec().active() && p.spec().type() == type)
                    .collect(java.util.stream.Collectors.toList()));
        }

        @Override
        public Deletion delete(PlanId id) {
            return atomically(() -> {
                if (!state.plans.containsKey(id.value())) {
                    return Deletion.NOT_FOUND;
                }
                if (state.orders.values().stream().anyMatch(r -> r.order().planId().equals(id))) {
                    return Deletion.REFERENCED;
                }
                state.plans.remove(id.value());
                return Deletion.DELETED;
            });
        }
    }

    private final class FakeOrders implements Orders {
        @Override
        public Order create(NewOrder o) {
            return atomically(() -> {
                if (state.orders.values().stream().anyMatch(r -> r.order().orderNo().equals(o.orderNo()))) {
                    throw new DomainException(ErrorCode.CONFLICT, "order number taken");
                }
                if (!state.plans.containsKey(o.planId().value()) || !state.users.containsKey(o.buyer().value())) {
                    throw new IllegalStateException("plan or buyer does not exist (foreign key)");
                }
                long id = newId();
                Order order = Order.restore(new OrderId(id), o.orderNo(), o.planId(), Optional.of(o.buyer()), o.quantity(),
                        o.codesTotal(), o.codeMaxUses(), o.codeValidityDays(), o.amount(), o.finalAmount(), OrderStatus.PENDING,
                        Optional.of(o.payType()), Optional.empty(), micros(o.createdAt()), micros(o.expireAt()), Optional.empty(),
                        new Fulfilment(FulfilmentStatus.PENDING, 0, 0, Optional.empty()));
                state.orders.put(id, new OrderRow(order, null, null));
                return order;
            });
        }

        private Optional<OrderRow> row(OrderNo no) {
            return state.orders.values().stream().filter(r -> r.order().orderNo().equals(no)).findFirst();
        }

        @Override
        public Optional<Order> findByNo(OrderNo orderNo) {
            return atomically(() -> row(orderNo).map(OrderRow::order));
        }

        @Override
        public Optional<Order> lockByNo(OrderNo orderNo) {
            return findByNo(orderNo);
        }

        @Override
        public Optional<Order> findByTradeNo(String tradeNo) {
            return atomically(() -> state.orders.values().stream().map(OrderRow::order)
                    .filter(o -> o.tradeNo().filter(tradeNo::equals).isPresent()).findFirst());
        }

        @Override
        public boolean markPaid(OrderId id, String tradeNo, Instant paidAt) {
            return atomically(() -> {
                OrderRow r = state.orders.get(id.value());
                if (r == null || r.order().status() != OrderStatus.PENDING) {
                    return false;
                }
                if (findByTradeNo(tradeNo).isPresent()) {
                    throw new DomainException(ErrorCode.CONFLICT, "trade number already used");
                }
                Order o = r.order();
                state.orders.put(id.value(), new OrderRow(copy(o, OrderStatus.PAID, Optional.of(tradeNo), Optional.of(micros(paidAt)),
                        new Fulfilment(FulfilmentStatus.PENDING, 0, 0, Optional.empty())), null, micros(paidAt)));
                return true;
            });
        }

        @Override
        public int expireDue(Instant now, int limit) {
            return atomically(() -> {
                List<OrderRow> due = state.orders.values().stream()
                        .filter(r -> r.order().status() == OrderStatus.PENDING && !r.order().expireAt().isAfter(now))
                        .sorted(Comparator.comparing((OrderRow r) -> r.order().expireAt())).limit(limit)
                        .collect(java.util.stream.Collectors.toList());
                for (OrderRow r : due) {
                    Order o = r.order();
                    state.orders.put(o.id().value(), new OrderRow(copy(o, OrderStatus.EXPIRED, o.tradeNo(), o.paidAt(), o.fulfilment()),
                            r.claim(), r.nextAt()));
                }
                return due.size();
            });
        }

        @Override
        public List<Order> list(Optional<UserId> buyer, Optional<OrderStatus> status, Optional<OrderKey> after, int limit) {
            Comparator<Order> newest = Comparator.comparing(Order::createdAt).thenComparingLong(o -> o.id().value());
            return atomically(() -> state.orders.values().stream().map(OrderRow::order)
                    .filter(o -> buyer.isEmpty() || o.isBoughtBy(buyer.get()))
                    .filter(o -> status.isEmpty() || o.status() == status.get())
                    .filter(o -> after.isEmpty() || o.createdAt().isBefore(after.get().createdAt())
                            || (o.createdAt().equals(after.get().createdAt()) && o.id().value() < after.get().id()))
                    .sorted(newest.reversed()).limit(limit).collect(java.util.stream.Collectors.toList()));
        }

        @Override
        public OrderStats stats(Instant paidSince, java.util.Currency currency) {
            return atomically(() -> {
                java.util.Map<OrderStatus, Long> counts = new java.util.EnumMap<>(OrderStatus.class);
                java.util.Map<OrderStatus, Money> amounts = new java.util.EnumMap<>(OrderStatus.class);
                for (OrderStatus s : OrderStatus.values()) {
                    counts.put(s, 0L);
                    amounts.put(s, Money.zero(currency));
                }
                long todayCount = 0;
                Money today = Money.zero(currency);
                long delivered = 0;
                long failed = 0;
                long open = 0;
                for (OrderRow r : state.orders.values()) {
                    Order o = r.order();
                    if (!o.finalAmount().currency().equals(currency)) {
                        continue;
                    }
                    counts.merge(o.status(), 1L, Long::sum);
                    amounts.put(o.status(), amounts.get(o.status()).plus(o.finalAmount()));
                    boolean paid = o.status() == OrderStatus.PAID || o.status() == OrderStatus.REFUNDED;
                    if (paid && !o.paidAt().orElseThrow().isBefore(paidSince)) {
                        todayCount++;
                        today = today.plus(o.finalAmount());
                    }
                    if (paid) {
                        delivered += o.fulfilment().delivered();
                    }
                    if (o.status() == OrderStatus.PAID && o.fulfilment().status() == FulfilmentStatus.FAILED) {
                        failed++;
                    }
                    if (o.status() == OrderStatus.PAID && (o.fulfilment().status() == FulfilmentStatus.PENDING
                            || o.fulfilment().status() == FulfilmentStatus.PROCESSING)) {
                        open++;
                    }
                }
                return new OrderStats(counts, amounts, todayCount, today, delivered, failed, open);
            });
        }

        @Override
        public Optional<FulfilmentJob> claimForFulfilment(Instant now, java.time.Duration lease) {
            return atomically(() -> {
                Optional<OrderRow> due = state.orders.values().stream()
                        .filter(r -> r.order().status() == OrderStatus.PAID && r.nextAt() != null && !r.nextAt().isAfter(now))
                        .filter(r -> r.order().fulfilment().status() == FulfilmentStatus.PENDING
                                || r.order().fulfilment().status() == FulfilmentStatus.PROCESSING)
                        .min(Comparator.comparing(OrderRow::nextAt).thenComparingLong(r -> r.order().id().value()));
                if (due.isEmpty()) {
                    return Optional.empty();
                }
                Order o = due.get().order();
                Fulfilment f = o.fulfilment();
                Order claimed = copy(o, o.status(), o.tradeNo(), o.paidAt(),
                        new Fulfilment(FulfilmentStatus.PROCESSING, f.delivered(), f.attempts() + 1, f.error()));
                String token = "claim-" + (++state.claims);
                state.orders.put(o.id().value(), new OrderRow(claimed, token, micros(now.plus(lease))));
                return Optional.of(new FulfilmentJob(claimed, token));
            });
        }

        private Optional<OrderRow> claimed(FulfilmentJob job) {
            return Optional.ofNullable(state.orders.get(job.order().id().value()))
                    .filter(r -> job.claim().equals(r.claim()) && r.order().fulfilment().status() == FulfilmentStatus.PROCESSING);
        }

        @Override
        public boolean recordDelivery(FulfilmentJob job, int delivered, int count, Instant leaseUntil) {
            return atomically(() -> claimed(job).filter(r -> r.order().fulfilment().delivered() == delivered).map(r -> {
                Order o = r.order();
                Fulfilment f = o.fulfilment();
                state.orders.put(o.id().value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                        new Fulfilment(f.status(), f.delivered() + count, f.attempts(), f.error())), r.claim(), micros(leaseUntil)));
                return true;
            }).orElse(false));
        }

        @Override
        public boolean completeFulfilment(FulfilmentJob job) {
            return atomically(() -> claimed(job).filter(r -> r.order().fulfilment().delivered() == r.order().codesTotal()).map(r -> {
                Order o = r.order();
                Fulfilment f = o.fulfilment();
                state.orders.put(o.id().value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                        new Fulfilment(FulfilmentStatus.COMPLETED, f.delivered(), f.attempts(), Optional.empty())), null, null));
                return true;
            }).orElse(false));
        }

        @Override
        public boolean fulfilmentAttemptFailed(FulfilmentJob job, String error, Optional<Instant> retryAt) {
            return atomically(() -> claimed(job).map(r -> {
                Order o = r.order();
                Fulfilment f = o.fulfilment();
                FulfilmentStatus next = retryAt.isPresent() ? FulfilmentStatus.PENDING : FulfilmentStatus.FAILED;
                state.orders.put(o.id().value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                        new Fulfilment(next, f.delivered(), f.attempts(), Optional.of(error))), null, micros(retryAt.orElse(null))));
                return true;
            }).orElse(false));
        }

        @Override
        public boolean retryFulfilment(OrderId id, Instant now) {
            return atomically(() -> Optional.ofNullable(state.orders.get(id.value()))
                    .filter(r -> r.order().status() == OrderStatus.PAID && r.order().fulfilment().status() == FulfilmentStatus.FAILED)
                    .map(r -> {
                        Order o = r.order();
                        Fulfilment f = o.fulfilment();
                        state.orders.put(id.value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                                new Fulfilment(FulfilmentStatus.PENDING, f.delivered(), 0, f.error())), null, micros(now)));
                        return true;
                    }).orElse(false));
        }
    }

    private final class FakePaymentAlerts implements PaymentAlerts {
        @Override
        public PaymentAlert record(PaymentAlert alert) {
            return atomically(() -> {
                PaymentAlert stored = new PaymentAlert(newId(), alert.kind(), alert.orderNo(), alert.tradeNo(), alert.detail(),
                        micros(alert.at()));
                state.alerts.put(stored.id(), stored);
                return stored;
            });
        }

        @Override
        public List<PaymentAlert> latest(Optional<Long> beforeId, int limit) {
            return atomically(() -> state.alerts.descendingMap().values().stream()
                    .filter(a -> beforeId.isEmpty() || a.id() < beforeId.get()).limit(limit)
                    .collect(java.util.stream.Collectors.toList()));
        }
    }
}
