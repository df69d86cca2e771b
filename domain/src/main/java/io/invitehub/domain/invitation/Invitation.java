package io.invitehub.domain.invitation;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt to seat one e-mail in one team for one code, as read from storage. The public id is
 * what customers see; the numeric id never leaves the service. Its lifecycle rules live here: a
 * transition is computed as an {@link InvitationChange} ({@link #moveTo}, {@link #promoteTo}) that
 * storage applies with one conditional update, and {@link #removal} says what removing it means.
 */
public final class Invitation {
    private final InvitationId id;
    private final UUID publicId;
    private final RedeemCodeId codeId;
    private final UserId distributorId;
    private final TeamId teamId;
    private final Email email;
    private final InvitationState state;
    private final boolean rebind;
    private final Long queueSeq;
    private final int attempts;
    private final String lastError;
    private final String endReason;
    private final Instant createdAt;
    private final Instant invitedAt;
    private final Instant acceptedAt;
    private final Instant endedAt;

    private Invitation(InvitationId id, UUID publicId, RedeemCodeId codeId, UserId distributorId, TeamId teamId, Email email,
                       InvitationState state, boolean rebind, Long queueSeq, int attempts, String lastError, String endReason,
                       Instant createdAt, Instant invitedAt, Instant acceptedAt, Instant endedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.publicId = Objects.requireNonNull(publicId, "publicId");
        this.codeId = Objects.requireNonNull(codeId, "codeId");
        this.distributorId = distributorId;
        this.teamId = teamId;
        this.email = Objects.requireNonNull(email, "email");
        this.state = Objects.requireNonNull(state, "state");
        this.rebind = rebind;
        this.queueSeq = queueSeq;
        this.attempts = attempts;
        this.lastError = lastError;
        this.endReason = endReason;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.invitedAt = invitedAt;
        this.acceptedAt = acceptedAt;
        this.endedAt = endedAt;
        if (state.holdsSeat() && teamId == null) {
            throw new IllegalStateException("a " + state + " invitation must have a team");
        }
    }

    public static Invitation restore(InvitationId id, UUID publicId, RedeemCodeId codeId, UserId distributorId, TeamId teamId,
                                     Email email, InvitationState state, boolean rebind, Long queueSeq, int attempts,
                                     String lastError, String endReason, Instant createdAt, Instant invitedAt,
                                     Instant acceptedAt, Instant endedAt) {
        return new Invitation(id, publicId, codeId, distributorId, teamId, email, state, rebind, queueSeq, attempts,
                lastError, endReason, createdAt, invitedAt, acceptedAt, endedAt);
    }

    public InvitationId id() { return id; }
    public UUID publicId() { return publicId; }
    public RedeemCodeId codeId() { return codeId; }
    public Optional<UserId> distributorId() { return Optional.ofNullable(distributorId); }
    public Optional<TeamId> teamId() { return Optional.ofNullable(teamId); }
    public Email email() { return email; }
    public InvitationState state() { return state; }
    public boolean isRebind() { return rebind; }
    public Optional<Long> queueSeq() { return Optional.ofNullable(queueSeq); }
    public int attempts() { return attempts; }
    public Optional<String> lastError() { return Optional.ofNullable(lastError); }
    public Optional<String> endReason() { return Optional.ofNullable(endReason); }
    public Instant createdAt() { return createdAt; }
    public Optional<Instant> invitedAt() { return Optional.ofNullable(invitedAt); }
    public Optional<Instant> acceptedAt() { return Optional.ofNullable(acceptedAt); }
    public Optional<Instant> endedAt() { return Optional.ofNullable(endedAt); }

    /**
     * The change of moving to {@code to} at {@code now} ({@code endReason} is kept when {@code to} ends the
     * invitation). Illegal moves are programming errors (IllegalStateException); REMOVING is entered through
     * a removal claim and RESERVED through {@link #promoteTo}, which takes a seat (IllegalArgumentException).
     */
    public InvitationChange moveTo(InvitationState to, Instant now, String endReason) {
        if (to == InvitationState.RESERVED) {
            throw new IllegalArgumentException("RESERVED takes a seat: use promoteTo");
        }
        return new InvitationChange(id, state, to, Optional.empty(), now,
                to.isEnded() ? Optional.ofNullable(endReason) : Optional.empty());
    }

    /** WAITING → RESERVED in {@code team}, whose seat the caller reserved; due for dispatch at {@code now}. */
    public InvitationChange promoteTo(TeamId team, Instant now) {
        return new InvitationChange(id, state, InvitationState.RESERVED, Optional.of(team), now, Optional.empty());
    }

    /**
     * What removing this invitation's member means (SPEC section 6): INVITED and JOINED are claimed; a
     * WAITING one is cancelled by staff and is no member for a distributor; REMOVED is done already.
     * REMOVING (REMOVAL_IN_PROGRESS), RESERVED (CONFLICT: the invite is being sent) and the other ended
     * states (CONFLICT) are refused.
     */
    public RemovalStep removal(boolean byStaff) {
        switch (state) {
            case INVITED:
            case JOINED:
                return RemovalStep.CLAIM;
            case REMOVED:
                return RemovalStep.ALREADY_REMOVED;
            case WAITING:
                return byStaff ? RemovalStep.CANCEL_QUEUED : RemovalStep.NOT_A_MEMBER;
            case REMOVING:
                throw removalInProgress();
            case RESERVED:
                throw new DomainException(ErrorCode.CONFLICT, "The invitation is being sent right now; try again in a minute.");
            default:
                throw new DomainException(ErrorCode.CONFLICT, "This invitation already ended (" + state + ").");
        }
    }

    /** The refusal while another caller removes this member. */
    public static DomainException removalInProgress() {
        return new DomainException(ErrorCode.REMOVAL_IN_PROGRESS, "This member is being removed right now.");
    }

    /** This invitation after {@code change} (checked by {@link InvitationChange#applyTo}). */
    Invitation changed(InvitationChange change) {
        boolean ends = change.ends();
        return new Invitation(id, publicId, codeId, distributorId, change.seatIn().orElse(teamId), email, change.to(), rebind,
                queueSeq, attempts, lastError, ends ? change.endReason().orElse(null) : endReason, createdAt,
                invitedAt != null || !change.recordsInvitedAt() ? invitedAt : change.at(),
                acceptedAt != null || !change.recordsAcceptedAt() ? acceptedAt : change.at(),
                ends ? change.at() : endedAt);
    }

    @Override
    public String toString() {
        return "Invitation[" + id.value() + ", " + email.masked() + ", " + state + "]";
    }
}
