package io.invitehub.application.distributors.view;

import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/** One row of the admin list of distributors: the account (e-mail, creation time) and the same numbers as its own summary. */
public record DistributorOverview(AccountView account, DistributorSummary summary) {
    public DistributorOverview {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(summary, "summary");
    }

    public UserId id() {
        return account.id();
    }

    public String username() {
        return account.username();
    }

    public Optional<Approval> approval() {
        return account.approval();
    }
}
