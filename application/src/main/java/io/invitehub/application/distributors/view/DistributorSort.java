package io.invitehub.application.distributors.view;

/** What the admin list of distributors is sorted by, always largest first (then by id, largest first). */
public enum DistributorSort {
    ID,
    TOTAL_CODES,
    REDEEM_ATTEMPTS,
    INVITES_ACCEPTED,
    MEMBERS_ACTIVE,
    REVENUE
}
