package io.invitehub.adapter.in.http;

import io.invitehub.application.port.in.InvitationView;
import io.invitehub.application.port.in.RedemptionResult;
import io.invitehub.application.port.in.RedemptionStatus;
import io.invitehub.application.port.out.SeatSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.User;

import java.time.Instant;
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

    /** A team as staff see it. Credentials are deliberately not a field. */
    record TeamView(long id, String name, String providerAccountId, int maxSeats, int seatsReserved, int externalSeats,
                    int freeSeats, Long groupId, String status, Instant createdAt) {

        static TeamView of(Team team) {
            return new TeamView(team.id().value(), team.name(), team.providerAccountId(), team.maxSeats(),
                    team.seatsReserved(), team.externalSeats(), team.freeSeats(),
                    team.group().map(TeamGroupId::value).orElse(null), team.status().name(), team.createdAt());
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
}
