package io.invitehub.adapter.in.http;

import io.invitehub.application.codes.port.in.BatchDeletion;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.DistributorDetail;
import io.invitehub.application.distributors.view.DistributorOverview;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.PlatformAnalytics;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.application.teams.view.TeamExternalMembers;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.User;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Response bodies (snake_case on the wire). Each record has one factory from the application's answer. */
final class HttpResponses {
    private HttpResponses() {
    }

    record Health(String status, String database) {
    }

    record Redemption(boolean success, String state, UUID invitationId, String invitationState, String teamName,
                      Long queuePosition, Instant expiresAt, long remainingDays, boolean repeated, String message) {

        static Redemption of(RedemptionResult result) {
            String team = result.teamName().orElse(null);
            Long position = result.queuePosition().orElse(null);
            return new Redemption(true, result.outcome().name(), result.invitation().publicId(),
                    result.invitation().state().name(), team, position, result.memberExpiresAt().orElse(null),
                    result.remainingDays(), result.repeated(), message(result, team, position));
        }

        private static String message(RedemptionResult result, String team, Long position) {
            String base;
            if (result.outcome() == RedemptionResult.Outcome.WAITING_FOR_SEAT) {
                base = position == null
                        ? "All seats are taken; you are in the queue."
                        : "All seats are taken; you are number " + position + " in the queue.";
            } else if (result.invitation().state() == io.invitehub.domain.invitation.InvitationState.RESERVED) {
                base = "Your invitation to " + (team == null ? "the team" : team)
                        + " is being sent; check your mailbox in a few minutes.";
            } else if (result.invitation().state() == io.invitehub.domain.invitation.InvitationState.INVITED) {
                base = "Your invitation to " + (team == null ? "the team" : team) + " has been sent; check your mailbox.";
            } else {
                base = "You are a member of " + (team == null ? "the team" : team) + ".";
            }
            return result.repeated()
                    ? "This code was already redeemed for this e-mail; your existing invitation is returned. " + base
                    : base;
        }
    }

    record Invitation(UUID invitationId, String state, String teamName, Long queuePosition, Instant createdAt,
                      Instant invitedAt, Instant acceptedAt, Instant endedAt, String endReason) {

        static Invitation of(InvitationView view) {
            return new Invitation(view.publicId(), view.state().name(), view.teamName().orElse(null),
                    view.queuePosition().orElse(null), view.createdAt(), view.invitedAt().orElse(null),
                    view.acceptedAt().orElse(null), view.endedAt().orElse(null), view.endReason().orElse(null));
        }
    }

    record Status(String code, boolean active, int usedCount, int maxUses, Instant expiresAt, int validityDays,
                  Instant activatedAt, Instant memberExpiresAt, long remainingDays, Invitation latestInvitation) {

        static Status of(RedemptionStatus status) {
            return new Status(status.code(), status.active(), status.usedCount(), status.maxUses(),
                    status.expiresAt().orElse(null), status.validityDays(), status.activatedAt().orElse(null),
                    status.memberExpiresAt().orElse(null), status.remainingDays(),
                    status.latestInvitation().map(Invitation::of).orElse(null));
        }
    }

    record Seats(int activeTeams, long totalSeats, long usedSeats, long freeSeats, long waiting) {
        static Seats of(SeatSummary summary) {
            return new Seats(summary.activeTeams(), summary.totalSeats(), summary.usedSeats(), summary.freeSeats(),
                    summary.waiting());
        }
    }

    /** A team as staff see it, with its acceptance sync state. Credentials are deliberately not a field. */
    record TeamView(long id, String name, String providerAccountId, int maxSeats, int seatsReserved, int externalSeats,
                    int freeSeats, Long groupId, String status, Instant createdAt, Instant lastSyncedAt, String lastSyncError,
                    int syncFailures, Instant nextSyncAt) {

        static TeamView of(Team team) {
            Team.Sync sync = team.sync();
            return new TeamView(team.id().value(), team.name(), team.providerAccountId(), team.maxSeats(),
                    team.seatsReserved(), team.externalSeats(), team.freeSeats(),
                    team.group().map(TeamGroupId::value).orElse(null), team.status().name(), team.createdAt(),
                    sync.lastSyncedAt(), sync.lastError(), sync.failures(), sync.nextSyncAt());
        }
    }

    /** The members of a team that no invitation explains, as its last successful sync saw them. */
    record ExternalMembers(long teamId, int externalSeats, Instant lastSyncedAt, String lastSyncError, List<ExternalMemberView> members) {
        static ExternalMembers of(TeamExternalMembers view) {
            Team team = view.team();
            return new ExternalMembers(team.id().value(), team.externalSeats(), team.sync().lastSyncedAt(), team.sync().lastError(),
                    view.members().stream().map(ExternalMemberView::of).collect(Collectors.toList()));
        }
    }

    record ExternalMemberView(String email, String providerUserId, String role, Instant joinedAt, Instant firstSeenAt) {
        static ExternalMemberView of(ExternalMember m) {
            return new ExternalMemberView(m.email().value(), m.providerUserId().orElse(null), m.role().orElse(null),
                    m.joinedAt().orElse(null), m.firstSeenAt());
        }
    }

    record TeamGroup(long id, String name) {
    }

    record IssuedCodes(int count, List<String> codes) {
        static IssuedCodes of(List<Code> codes) {
            return new IssuedCodes(codes.size(), codes.stream().map(Code::display).collect(Collectors.toList()));
        }
    }

    /** An account as its owner and admins see it (never the password hash or token version). */
    record Account(long id, String username, String email, String role, String approval) {
        static Account of(User user) {
            return new Account(user.id().value(), user.username(), user.email().orElse(null), user.role().name(),
                    user.approval().map(Enum::name).orElse(null));
        }
    }

    /** The login answer of the reference API ({@code access_token}, {@code token_type}) plus lifetime and role. */
    record Token(String accessToken, String tokenType, long expiresIn, String role) {
        @Override
        public String toString() {
            return "Token[***, " + tokenType + ", " + expiresIn + "s, " + role + "]";
        }
    }

    record Sent(boolean sent, String message) {
    }

    // ---- distributor read side ------------------------------------------------------------------

    /** A list page: {@code items} and the opaque cursor of the next page (null on the last one). */
    record PageBody<T>(List<T> items, String nextCursor) {
    }

    /** Money on the wire: a decimal string in major units with the currency's digits ({@code "12.50"}), never a float. */
    static String money(Money money) {
        return money.toMajor().toPlainString();
    }

    record Period(long redeemed, long invited, long accepted, long removed) {
        static Period of(PeriodCounts counts) {
            return new Period(counts.redeemed(), counts.invited(), counts.accepted(), counts.removed());
        }
    }

    record Summary(long distributorId, LocalDate businessDay, String timeZone, long totalCodes, long activeCodes,
                   long depletedCodes, long expiredCodes, long inactiveCodes, long redeemAttempts, long invitesSentSuccess,
                   long invitesAccepted, long membersActive, long membersRemoved, String unitPrice, String totalRevenueEstimate,
                   String currency, Period today, Period thisWeek, Period thisMonth) {
        static Summary of(DistributorSummary s) {
            return new Summary(s.distributorId().value(), s.businessDay(), s.timeZone().getId(), s.totalCodes(), s.activeCodes(),
                    s.depletedCodes(), s.expiredCodes(), s.inactiveCodes(), s.redeemAttempts(), s.invitesSentSuccess(),
                    s.invitesAccepted(), s.membersActive(), s.membersRemoved(), money(s.unitPrice()),
                    money(s.totalRevenueEstimate()), s.totalRevenueEstimate().currency().getCurrencyCode(), Period.of(s.today()),
                    Period.of(s.thisWeek()), Period.of(s.thisMonth()));
        }
    }

    record Sale(long id, String code, String email, String teamName, String status, Instant createdAt, Instant acceptedAt) {
        static Sale of(SaleView s) {
            return new Sale(s.id().value(), s.code().display(), s.email().value(), s.teamName().orElse(null), s.status().name(),
                    s.createdAt(), s.acceptedAt().orElse(null));
        }
    }

    record Member(long id, String email, Long teamId, String teamName, String redeemCode, Instant joinedAt, String status,
                  boolean ended, Instant createdAt) {
        static Member of(MemberView m) {
            return new Member(m.id().value(), m.email().value(), m.teamId().map(TeamId::value).orElse(null),
                    m.teamName().orElse(null), m.redeemCode().display(), m.joinedAt().orElse(null), m.status().name(), m.ended(),
                    m.createdAt());
        }
    }

    record Trend(LocalDate date, long redeemed, long invited, long accepted, long removed) {
        static Trend of(TrendDay d) {
            return new Trend(d.date(), d.redeemed(), d.invited(), d.accepted(), d.removed());
        }
    }

    record Plan(long planId, String planName, long codesBought, long codesRedeemed, long membersAccepted) {
        static Plan of(PlanRanking p) {
            return new Plan(p.planId(), p.planName(), p.codesBought(), p.codesRedeemed(), p.membersAccepted());
        }
    }

    record CodeRow(long id, String code, String status, boolean active, int usedCount, int maxUses, String usage,
                   Instant expiresAt, int validityDays, String boundEmail, String note, Instant createdAt) {
        static CodeRow of(CodeView c) {
            return new CodeRow(c.id().value(), c.code().display(), c.status().wireName(), c.status() != CodeStatus.DISABLED,
                    c.usedCount(), c.maxUses(), c.usedCount() + "/" + c.maxUses(), c.expiresAt().orElse(null), c.validityDays(),
                    c.boundEmail().map(Email::value).orElse(null), c.note().orElse(null), c.createdAt());
        }
    }

    record Toggled(long id, String status, boolean active) {
        static Toggled of(RedeemCodeId id, CodeStatus status) {
            return new Toggled(id.value(), status.wireName(), status != CodeStatus.DISABLED);
        }
    }

    record Deleted(int deletedCount, List<Long> deleted, List<Long> inUse, List<Long> notFound) {
        static Deleted of(BatchDeletion d) {
            return new Deleted(d.deleted().size(), ids(d.deleted()), ids(d.inUse()), ids(d.notFound()));
        }

        private static List<Long> ids(List<RedeemCodeId> ids) {
            return ids.stream().map(RedeemCodeId::value).collect(Collectors.toList());
        }
    }

    record Record(long id, String email, String teamName, String status, boolean rebind, Instant createdAt, Instant invitedAt,
                  Instant acceptedAt, Instant endedAt) {
        static Record of(CodeRecord r) {
            return new Record(r.id().value(), r.email().value(), r.teamName().orElse(null), r.status().name(), r.rebind(),
                    r.createdAt(), r.invitedAt().orElse(null), r.acceptedAt().orElse(null), r.endedAt().orElse(null));
        }
    }

    record Overview(long id, String username, String approval, Summary summary) {
        static Overview of(DistributorOverview o) {
            return new Overview(o.id().value(), o.username(), o.approval().map(Enum::name).orElse(null), Summary.of(o.summary()));
        }
    }

    record Detail(long id, String username, String email, String role, String approval, Summary summary) {
        static Detail of(DistributorDetail d) {
            Account a = Account.of(d.account());
            return new Detail(a.id(), a.username(), a.email(), a.role(), a.approval(), Summary.of(d.summary()));
        }
    }

    record Analytics(LocalDate businessDay, long distributors, Map<String, Long> byApproval, long totalCodes, long activeCodes,
                     long depletedCodes, long expiredCodes, long inactiveCodes, long redeemAttempts, long invitesSentSuccess,
                     long invitesAccepted, long membersActive, long membersRemoved, String totalRevenueEstimate, String currency,
                     Period today, Period thisWeek, Period thisMonth) {
        static Analytics of(PlatformAnalytics a) {
            Map<String, Long> byApproval = new LinkedHashMap<>();
            a.byApproval().forEach((approval, count) -> byApproval.put(approval.name(), count));
            return new Analytics(a.businessDay(), a.distributors(), byApproval, a.totalCodes(), a.activeCodes(), a.depletedCodes(),
                    a.expiredCodes(), a.inactiveCodes(), a.redeemAttempts(), a.invitesSentSuccess(), a.invitesAccepted(),
                    a.membersActive(), a.membersRemoved(), money(a.totalRevenueEstimate()),
                    a.totalRevenueEstimate().currency().getCurrencyCode(), Period.of(a.today()), Period.of(a.thisWeek()),
                    Period.of(a.thisMonth()));
        }
    }
}
