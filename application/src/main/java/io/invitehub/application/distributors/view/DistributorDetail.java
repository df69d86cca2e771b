package io.invitehub.application.distributors.view;

import io.invitehub.domain.user.User;

/** A distributor as staff see it: the account (never its password hash on the wire) and its summary. */
public record DistributorDetail(User account, DistributorSummary summary) {
}
