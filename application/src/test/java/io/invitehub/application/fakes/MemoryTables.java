package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.application.distributors.port.out.CreatedKey;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.order.Fulfilment;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The tables of {@link InMemoryStorage}: immutable rows in sorted maps, one fair lock that serialises
 * transactions (and single port calls made outside any), snapshot and restore for rollbacks. The fakes of
 * the single ports ({@link FakeTable}) all work on this one state, as the jOOQ adapters on one database.
 */
final class MemoryTables {

    record CodeRow(RedeemCodeId id, Code code, UserId owner, TeamGroupId group, int maxUses, int usedCount,
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

    record InvitationRow(Invitation invitation, boolean holdsUse, boolean useGivenBack, Instant nextAttemptAt,
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
    record TeamRow(Team team, String credentials, TreeMap<String, ExternalMember> external) {
        TeamRow with(Team changed) {
            return new TeamRow(changed, credentials, external);
        }
    }

    /** The removal columns of an invitation (V4): kept beside the immutable invitation row. */
    record Lifecycle(RemovalKind kind, InvitationState from, Instant startedAt, Instant dueAt, int attempts,
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

    /** A distributor's brand (distributor_brands, V46): made with the distributor, like the SQL trigger does. */
    record BrandRow(io.invitehub.domain.brand.Brand brand, Instant verifiedAt) {
    }

    /** Everything stored; immutable rows in sorted maps, copied whole for a snapshot. */
    static final class State {
        TreeMap<Long, CodeRow> codes = new TreeMap<>();
        TreeMap<Long, InvitationRow> invitations = new TreeMap<>();
        TreeMap<Long, TeamRow> teams = new TreeMap<>();
        TreeMap<Long, String> groups = new TreeMap<>();
        TreeMap<Long, User> users = new TreeMap<>();
        /** users.created_at and users.rejection_reason. */
        TreeMap<Long, Instant> userCreatedAt = new TreeMap<>();
        TreeMap<Long, String> rejectionReasons = new TreeMap<>();
        List<AuditEntry> audit = new ArrayList<>();
        TreeMap<String, VerificationCodes.Pending> verifications = new TreeMap<>();
        TreeMap<Long, Plan> plans = new TreeMap<>();
        TreeMap<Long, OrderRow> orders = new TreeMap<>();
        /** order id → when its gateway query is due, and how many were made (V52's query_next_at, query_attempts). */
        TreeMap<Long, Instant> orderQueryAt = new TreeMap<>();
        TreeMap<Long, Integer> orderQueries = new TreeMap<>();
        TreeMap<Long, PaymentAlert> alerts = new TreeMap<>();
        /** redeem_codes.order_id: code id → order id. */
        TreeMap<Long, Long> codeOrders = new TreeMap<>();
        long claims;
        TreeMap<Long, BlockEntry> blocks = new TreeMap<>();
        TreeMap<String, Instant> optOuts = new TreeMap<>();
        TreeMap<Long, Lifecycle> lifecycle = new TreeMap<>();
        TreeMap<Long, BrandRow> brands = new TreeMap<>();
        io.invitehub.domain.brand.PlatformSite site;
        io.invitehub.domain.brand.PlatformTerms terms;
        long nextId = 1;
        long nextQueueSeq = 1;

        State copy() {
            State copy = new State();
            copy.codes = new TreeMap<>(codes);
            copy.invitations = new TreeMap<>(invitations);
            copy.teams = new TreeMap<>(teams);
            copy.groups = new TreeMap<>(groups);
            copy.users = new TreeMap<>(users);
            copy.userCreatedAt = new TreeMap<>(userCreatedAt);
            copy.rejectionReasons = new TreeMap<>(rejectionReasons);
            copy.audit = new ArrayList<>(audit);
            copy.verifications = new TreeMap<>(verifications);
            copy.plans = new TreeMap<>(plans);
            copy.orders = new TreeMap<>(orders);
            copy.orderQueryAt = new TreeMap<>(orderQueryAt);
            copy.orderQueries = new TreeMap<>(orderQueries);
            copy.alerts = new TreeMap<>(alerts);
            copy.codeOrders = new TreeMap<>(codeOrders);
            copy.claims = claims;
            copy.blocks = new TreeMap<>(blocks);
            copy.optOuts = new TreeMap<>(optOuts);
            copy.lifecycle = new TreeMap<>(lifecycle);
            copy.brands = new TreeMap<>(brands);
            copy.site = site;
            copy.terms = terms;
            copy.nextId = nextId;
            copy.nextQueueSeq = nextQueueSeq;
            return copy;
        }

        /** Puts everything back as it was in {@code snapshot} (a rollback), keeping this object: the fakes hold it. */
        void restore(State snapshot) {
            State s = snapshot.copy();
            codes = s.codes; invitations = s.invitations; teams = s.teams; groups = s.groups; users = s.users;
            userCreatedAt = s.userCreatedAt; rejectionReasons = s.rejectionReasons;
            audit = s.audit; verifications = s.verifications; plans = s.plans; orders = s.orders; alerts = s.alerts;
            orderQueryAt = s.orderQueryAt; orderQueries = s.orderQueries;
            codeOrders = s.codeOrders; claims = s.claims; blocks = s.blocks; optOuts = s.optOuts;
            lifecycle = s.lifecycle; brands = s.brands; site = s.site; terms = s.terms; nextId = s.nextId; nextQueueSeq = s.nextQueueSeq;
        }
    }

    final ReentrantLock lock = new ReentrantLock(true);
    final Clock clock;
    final Random random;
    final State state = new State();

    MemoryTables(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(42);
    }

    /** Runs one port operation atomically; joins the surrounding transaction when there is one. */
    <T> T atomically(Supplier<T> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    long newId() {
        return state.nextId++;
    }

    /** A distributor's non-rebind invitations, in id order. */
    java.util.stream.Stream<Invitation> sales(UserId distributor) {
        return state.invitations.values().stream().map(InvitationRow::invitation)
                .filter(i -> !i.isRebind() && i.distributorId().filter(distributor::equals).isPresent());
    }

    static final Comparator<Invitation> NEWEST_FIRST = Comparator.comparing(Invitation::createdAt)
            .thenComparingLong(i -> i.id().value()).reversed();

    static boolean before(Invitation i, Optional<CreatedKey> after) {
        if (after.isEmpty()) {
            return true;
        }
        int c = i.createdAt().compareTo(after.get().createdAt());
        return c < 0 || (c == 0 && i.id().value() < after.get().id());
    }

    boolean matches(Invitation i, Optional<String> prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        String emailPrefix = prefix.get().toLowerCase(Locale.ROOT);
        String codePrefix = prefix.get().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        return i.email().value().startsWith(emailPrefix) || codeOf(i).value().startsWith(codePrefix);
    }

    Code codeOf(Invitation i) {
        return state.codes.get(i.codeId().value()).code();
    }

    Optional<String> teamName(Invitation i) {
        return i.teamId().map(t -> state.teams.get(t.value())).map(r -> r.team().name());
    }

    /** An order as stored, with its fulfilment claim token and the due time of its next attempt (or lease end). */
    record OrderRow(Order order, String claim, Instant nextAt) {
    }

    static Order copy(Order o, OrderStatus status, Optional<String> tradeNo, Optional<Instant> paidAt, Fulfilment f) {
        return Order.restore(o.id(), o.orderNo(), o.planId(), o.buyer(), o.quantity(), o.codesTotal(), o.codeMaxUses(),
                o.codeValidityDays(), o.amount(), o.finalAmount(), status, o.payType(), tradeNo, o.createdAt(), o.expireAt(),
                paidAt, f);
    }

    static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

}
