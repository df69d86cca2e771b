package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows an import adds, planned from the reference before anything is written (a dry run prints the
 * plan and stops). Rows refer to each other by <em>reference</em> ids ({@code …Ref}); the writer resolves
 * them through {@link ImportIds} once the referenced table's batch is written. A planned row may instead
 * name an InviteHub row it merges into ({@code existingId}: a team group of the same name, a team of the
 * same provider account) or an earlier reference row it duplicates ({@code sameAsRef}).
 */
final class ImportPlan {
    record User(long ref, String username, String email, String passwordHash, String role, String approval,
                Instant createdAt, Instant updatedAt) {
    }

    record Group(long ref, String name, Long existingId, Instant createdAt) {
    }

    record Team(long ref, String name, String accountId, String credentials, int maxSeats, Long groupRef,
                String status, Instant createdAt, Instant updatedAt, Long existingId, Long sameAsRef) {
        @Override
        public String toString() {
            return "Team[" + ref + ", " + name + ", credentials=***]";
        }
    }

    record Plan(long ref, String name, String type, long price, Long originalPrice, int codeCount, int codeMaxUses,
                int validityDays, boolean active, boolean recommended, int sortOrder, String description,
                Instant createdAt, Instant updatedAt) {
    }

    record Order(long ref, String orderNo, String type, long planRef, Long buyerRef, String email, int quantity,
                 long amount, long finalAmount, String status, String payType, String tradeNo, Instant expireAt,
                 Instant paidAt, String fulfilment, int delivered, String fulfilmentError, int codesTotal,
                 int codeMaxUses, int codeValidityDays, Instant fulfilledAt, Instant createdAt) {
    }

    record Code(long ref, String code, Long ownerRef, Long orderRef, Long groupRef, int maxUses, Instant expiresAt,
                int validityDays, String boundEmail, Instant activatedAt, Instant memberExpiresAt, int rebindCount,
                int rebindLimit, boolean active, String note, Instant createdAt) {
    }

    /** From {@code invite_records} or {@code invite_queue} ({@code source}); WAITING ones have no team. */
    record Invitation(String source, long ref, long codeRef, Long teamRef, String email, String state, boolean rebind,
                      boolean holdsUse, String lastError, String endReason, Instant createdAt, Instant invitedAt,
                      Instant acceptedAt, Instant endedAt, boolean removalFailed) {
        boolean live() {
            return state.equals("RESERVED") || state.equals("INVITED") || state.equals("JOINED");
        }
    }

    /** A member the reference's member list shows that no live invitation explains (owner, admins, others). */
    record External(long teamRef, String email, String providerUserId, String role, Instant joinedAt, Instant firstSeenAt) {
    }

    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<Long, Group> groups = new LinkedHashMap<>();
    final Map<Long, Team> teams = new LinkedHashMap<>();
    final Map<Long, Plan> plans = new LinkedHashMap<>();
    final Map<Long, Order> orders = new LinkedHashMap<>();
    final Map<Long, Code> codes = new LinkedHashMap<>();
    final List<Invitation> invitations = new ArrayList<>();
    final List<External> externals = new ArrayList<>();
    /** Uses the new invitations hold, per reference code: added to the code's used_count (capped at max_uses). */
    final Map<Long, Integer> usesTaken = new LinkedHashMap<>();
    /** Seats the new live invitations hold, per reference team: added to seats_reserved (max_seats raised if needed). */
    final Map<Long, Integer> seatsTaken = new LinkedHashMap<>();
}
