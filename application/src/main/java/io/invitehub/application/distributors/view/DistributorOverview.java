package io.invitehub.application.distributors.view;

import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;

import java.util.Optional;

/** One row of the admin list of distributors: who, and the same numbers as its own summary. */
public record DistributorOverview(UserId id, String username, Optional<Approval> approval, DistributorSummary summary) {
}
