package io.invitehub.application.distributors.view;

import io.invitehub.application.shared.view.AccountView;

/** A distributor as staff see it: the account (never its password hash on the wire) and its summary. */
public record DistributorDetail(AccountView account, DistributorSummary summary) {
}
