package io.invitehub.domain.user;

/** A distributor's approval state; only APPROVED distributors may act. */
public enum Approval {
    PENDING,
    APPROVED,
    REJECTED,
    SUSPENDED
}
