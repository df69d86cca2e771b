package io.invitehub.application.distributors.view;

import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;

import java.util.Optional;

/** One distributor in the admin list with the value it is sorted by. */
public record DistributorRank(UserId id, String username, Optional<Approval> approval, long sortValue) {
}
