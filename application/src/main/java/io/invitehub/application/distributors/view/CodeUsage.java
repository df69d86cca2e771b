package io.invitehub.application.distributors.view;

/** The code list's usage filter: codes never redeemed ({@code used_count = 0}) or redeemed at least once. */
public enum CodeUsage {
    UNUSED,
    USED
}
