package io.invitehub.application.distributors.view;

/**
 * One plan in a distributor's ranking: its codes bought (codes from the plan's orders that the
 * distributor holds), redeemed (bound to an e-mail by a first redemption) and members accepted
 * (invitations through those codes with {@code accepted_at} set). Codes granted without an order
 * belong to no plan.
 */
public record PlanRanking(long planId, String planName, long codesBought, long codesRedeemed, long membersAccepted) {
}
