package io.invitehub.application.port.in;

import io.invitehub.application.port.out.DistributorSummary;
import io.invitehub.domain.user.User;

/** A distributor as staff see it: the account (never its password hash on the wire) and its summary. */
public record DistributorDetail(User account, DistributorSummary summary) {
}
