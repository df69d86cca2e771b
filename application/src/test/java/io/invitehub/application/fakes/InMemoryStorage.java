package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.application.contract.StoragePorts;
import io.invitehub.application.dispatch.port.out.DispatchOutbox;
import io.invitehub.application.distributors.port.out.DistributorRecords;
import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.fakes.MemoryTables.CodeRow;
import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.queue.port.out.WaitingQueue;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.application.sync.port.out.SyncSchedule;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.order.OrderId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * In-memory storage for tests: the storage ports over one state ({@link MemoryTables}), with real
 * transaction semantics. One lock serialises transactions (and single port calls made outside any); the
 * state is snapshotted when the outermost transaction starts and restored when a runtime exception escapes
 * it; nested calls join the outer transaction. Rows are immutable values, so a snapshot is a copy of the
 * maps. One fake per port ({@code Fake*}), each following the javadoc of its port and its contract test in
 * {@code io.invitehub.application.contract}; the invitation rules themselves are the domain's
 * ({@link io.invitehub.domain.invitation.InvitationChange}).
 */
public final class InMemoryStorage implements StoragePorts {
    private final MemoryTables db;
    private final FakeTransactions transactions;
    private final FakeRedeemCodes codes;
    private final FakeCodeUses codeUses;
    private final FakeInvitations invitations;
    private final FakeWaitingQueue waitingQueue;
    private final FakeDispatchOutbox dispatchOutbox;
    private final FakeRemovalClaims removalClaims;
    private final FakeRebinds rebinds;
    private final FakeTeams teams;
    private final FakeSeats seats;
    private final FakeSyncSchedule syncSchedule;
    private final FakeUsers users;
    private final FakeAuditLog audit;
    private final FakeVerificationCodes verificationCodes;
    private final FakeStatistics statistics;
    private final FakeRecords records;
    private final FakeRecipients recipients;
    private final FakePlans plans;
    private final FakeOrders orders;
    private final FakePaymentAlerts paymentAlerts;
    private final FakeBrands brands;
    private final FakePlatformSettings platformSettings;

    /** A storage whose creation timestamps (teams) come from {@code clock}; public ids from a seeded random. */
    public InMemoryStorage(Clock clock) {
        this.db = new MemoryTables(clock);
        this.transactions = new FakeTransactions(db);
        this.codes = new FakeRedeemCodes(db);
        this.codeUses = new FakeCodeUses(db);
        this.invitations = new FakeInvitations(db);
        this.waitingQueue = new FakeWaitingQueue(db);
        this.dispatchOutbox = new FakeDispatchOutbox(db);
        this.removalClaims = new FakeRemovalClaims(db);
        this.rebinds = new FakeRebinds(db);
        this.teams = new FakeTeams(db);
        this.seats = new FakeSeats(db);
        this.syncSchedule = new FakeSyncSchedule(db);
        this.users = new FakeUsers(db);
        this.audit = new FakeAuditLog(db);
        this.verificationCodes = new FakeVerificationCodes(db);
        this.statistics = new FakeStatistics(db);
        this.records = new FakeRecords(db);
        this.recipients = new FakeRecipients(db);
        this.plans = new FakePlans(db);
        this.orders = new FakeOrders(db);
        this.paymentAlerts = new FakePaymentAlerts(db);
        this.brands = new FakeBrands(db);
        this.platformSettings = new FakePlatformSettings(db);
    }

    public InMemoryStorage() {
        this(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Override public TransactionRunner transactions() { return transactions; }
    @Override public RedeemCodes codes() { return codes; }
    @Override public CodeUses codeUses() { return codeUses; }
    @Override public Invitations invitations() { return invitations; }
    @Override public WaitingQueue waitingQueue() { return waitingQueue; }
    @Override public DispatchOutbox dispatchOutbox() { return dispatchOutbox; }
    @Override public RemovalClaims removalClaims() { return removalClaims; }
    @Override public Rebinds rebinds() { return rebinds; }
    @Override public Teams teams() { return teams; }
    @Override public Seats seats() { return seats; }
    @Override public SyncSchedule syncSchedule() { return syncSchedule; }
    @Override public Users users() { return users; }
    @Override public AuditLog auditLog() { return audit; }
    @Override public VerificationCodes verificationCodes() { return verificationCodes; }
    @Override public DistributorStatistics statistics() { return statistics; }
    @Override public DistributorRecords records() { return records; }
    @Override public Recipients recipients() { return recipients; }
    @Override public Plans plans() { return plans; }
    @Override public Orders orders() { return orders; }
    @Override public PaymentAlerts paymentAlerts() { return paymentAlerts; }
    @Override public Brands brands() { return brands; }
    @Override public PlatformSettings platformSettings() { return platformSettings; }

    /** Test view: the order id each code was delivered for (redeem_codes.order_id). */
    public long codesOfOrder(OrderId order) {
        return db.atomically(() -> db.state.codeOrders.values().stream().filter(o -> o == order.value()).count());
    }

    /** Test view: the distinct codes of an order. */
    public java.util.Set<Code> codeValuesOfOrder(OrderId order) {
        return db.atomically(() -> db.state.codeOrders.entrySet().stream().filter(e -> e.getValue() == order.value())
                .map(e -> db.state.codes.get(e.getKey()).code()).collect(java.util.stream.Collectors.toSet()));
    }

    /** How many transactions were committed (outermost only), for tests that count round trips. */
    public int committedTransactions() {
        return transactions.committed;
    }

    /** True while the calling thread is inside a transaction (or a port operation) of this storage. */
    public boolean insideTransaction() {
        return db.lock.isHeldByCurrentThread();
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
        db.atomically(() -> {
            CodeRow r = codes.row(id);
            db.state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                    r.expiresAt(), r.validityDays(), r.boundEmail(), r.activatedAt(), r.memberExpiresAt(), r.rebindCount(),
                    r.rebindLimit(), false, r.note(), r.createdAt()));
            return null;
        });
    }

    /**
     * Test back door: binds the code to {@code email} without taking a use (a code whose only use was given
     * back keeps its binding). Not part of any port contract.
     */
    public void bindEmail(RedeemCodeId id, Email email) {
        db.atomically(() -> {
            db.state.codes.put(id.value(), codes.row(id).withBoundEmail(email));
            return null;
        });
    }

    /**
     * Test back door: records that the code's member was first seen in a team at {@code activatedAt}
     * (membership ends {@code validity_days} later), which the member sync will do. Not part of any port contract.
     */
    public void activateCode(RedeemCodeId id, Instant activatedAt) {
        db.atomically(() -> {
            CodeRow r = codes.row(id);
            db.state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                    r.expiresAt(), r.validityDays(), r.boundEmail(), activatedAt,
                    activatedAt.plus(Duration.ofDays(r.validityDays())), r.rebindCount(), r.rebindLimit(), r.active(),
                    r.note(), r.createdAt()));
            return null;
        });
    }
}
