package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A redeem code as read from storage. Counters change only through atomic conditional updates
 * in storage (see the {@code RedeemCodes} port); this class decides whether a redemption may
 * proceed, and computes what a customer is shown.
 */
public final class RedeemCode {
    private final RedeemCodeId id;
    private final Code code;
    private final UserId owner;
    private final TeamGroupId group;
    private final int maxUses;
    private final int usedCount;
    private final Instant expiresAt;
    private final int validityDays;
    private final Email boundEmail;
    private final Instant activatedAt;
    private final Instant memberExpiresAt;
    private final int rebindCount;
    private final int rebindLimit;
    private final boolean active;

    private RedeemCode(RedeemCodeId id, Code code, UserId owner, TeamGroupId group, int maxUses, int usedCount,
                       Instant expiresAt, int validityDays, Email boundEmail, Instant activatedAt,
                       Instant memberExpiresAt, int rebindCount, int rebindLimit, boolean active) {
        this.id = Objects.requireNonNull(id, "id");
        this.code = Objects.requireNonNull(code, "code");
        this.owner = owner;
        this.group = group;
        this.maxUses = maxUses;
        this.usedCount = usedCount;
        this.expiresAt = expiresAt;
        this.validityDays = validityDays;
        this.boundEmail = boundEmail;
        this.activatedAt = activatedAt;
        this.memberExpiresAt = memberExpiresAt;
        this.rebindCount = rebindCount;
        this.rebindLimit = rebindLimit;
        this.active = active;
    }

    /** Rebuilds a code read back from storage; no rules are re-applied. */
    public static RedeemCode restore(RedeemCodeId id, Code code, UserId owner, TeamGroupId group, int maxUses, int usedCount,
                                     Instant expiresAt, int validityDays, Email boundEmail, Instant activatedAt,
                                     Instant memberExpiresAt, int rebindCount, int rebindLimit, boolean active) {
        return new RedeemCode(id, code, owner, group, maxUses, usedCount, expiresAt, validityDays, boundEmail,
                activatedAt, memberExpiresAt, rebindCount, rebindLimit, active);
    }

    /**
     * Refuses a redemption by {@code email} at {@code now} for every reason that does not depend on
     * the remaining uses: disabled, expired, bound to another e-mail, membership over. Use counts are
     * checked by the atomic increment, after an idempotent repeat has been recognised.
     */
    public void ensureAccepts(Email email, Instant now) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(now, "now");
        if (!active) {
            throw new DomainException(ErrorCode.CODE_DISABLED, "This code has been disabled.");
        }
        if (expiresAt != null && now.isAfter(expiresAt)) {
            throw new DomainException(ErrorCode.CODE_EXPIRED, "This code expired on " + expiresAt + ".");
        }
        if (boundEmail != null && !boundEmail.equals(email)) {
            throw new EmailMismatchException(boundEmail);
        }
        if (memberExpiresAt != null && !now.isBefore(memberExpiresAt)) {
            throw new DomainException(ErrorCode.MEMBER_EXPIRED, "The membership of this code ended on " + memberExpiresAt + ".");
        }
    }

    /**
     * Refuses a rebind (SPEC section 3) by {@code email} at {@code now} unless the code is enabled, bound to
     * that e-mail, its membership is running, {@code now} is within {@code window} of activation (when the
     * member was first seen in a team: {@code activated_at}, or {@code joinedAt} when the code does not
     * carry it yet) and a rebind is left. Whether the member has joined is the caller's check.
     */
    public void ensureMayRebind(Email email, Instant joinedAt, Instant now, Duration window) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(joinedAt, "joinedAt");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(window, "window");
        if (boundEmail == null || !boundEmail.equals(email)) {
            throw new DomainException(ErrorCode.REBIND_NOT_ALLOWED, "This code is not bound to this e-mail.");
        }
        if (!active) {
            throw new DomainException(ErrorCode.CODE_DISABLED, "This code has been disabled.");
        }
        if (memberExpiresAt != null && !now.isBefore(memberExpiresAt)) {
            throw new DomainException(ErrorCode.MEMBER_EXPIRED, "The membership of this code ended on " + memberExpiresAt + ".");
        }
        Instant activation = activatedAt != null ? activatedAt : joinedAt;
        if (!now.isBefore(activation.plus(window))) {
            throw new DomainException(ErrorCode.REBIND_WINDOW_OVER, "A move to another team is possible within "
                    + window.toDays() + " days of joining; that time ended on " + activation.plus(window) + ".");
        }
        if (rebindCount >= rebindLimit) {
            throw new DomainException(ErrorCode.REBIND_LIMIT_REACHED, rebindLimit == 0
                    ? "This code does not allow moving to another team."
                    : "This code has used all its " + rebindLimit + " move(s) to another team.");
        }
    }

    /** The refusal when no use is left; thrown by the storage adapter when its conditional increment matches nothing. */
    public static DomainException usedUp() {
        return new DomainException(ErrorCode.CODE_USED_UP, "This code has no uses left.");
    }

    public boolean hasUseLeft() {
        return maxUses == 0 || usedCount < maxUses;
    }

    /** When the membership ends: fixed once activated, else what it would be if activated now. */
    public Instant membershipEnd(Instant now) {
        return memberExpiresAt != null ? memberExpiresAt : now.plus(Duration.ofDays(validityDays));
    }

    /** Whole days of membership left, rounded up; {@code validityDays} before activation. */
    public long remainingDays(Instant now) {
        if (memberExpiresAt == null) {
            return validityDays;
        }
        long millis = Duration.between(now, memberExpiresAt).toMillis();
        return millis <= 0 ? 0 : (millis + 86_399_999) / 86_400_000;
    }

    public RedeemCodeId id() { return id; }
    public Code code() { return code; }
    public Optional<UserId> owner() { return Optional.ofNullable(owner); }
    public Optional<TeamGroupId> group() { return Optional.ofNullable(group); }
    public int maxUses() { return maxUses; }
    public int usedCount() { return usedCount; }
    public Optional<Instant> expiresAt() { return Optional.ofNullable(expiresAt); }
    public int validityDays() { return validityDays; }
    public Optional<Email> boundEmail() { return Optional.ofNullable(boundEmail); }
    public Optional<Instant> activatedAt() { return Optional.ofNullable(activatedAt); }
    public Optional<Instant> memberExpiresAt() { return Optional.ofNullable(memberExpiresAt); }
    public int rebindCount() { return rebindCount; }
    public int rebindLimit() { return rebindLimit; }
    public boolean active() { return active; }

    @Override
    public String toString() {
        return "RedeemCode[" + id.value() + ", " + code.masked() + ", used " + usedCount + "/" + maxUses + "]";
    }
}
