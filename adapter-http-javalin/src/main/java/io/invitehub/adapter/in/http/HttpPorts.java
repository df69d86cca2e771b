package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.brands.BrandsApi;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.crm.port.in.CustomerRelationsUseCase;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
import io.invitehub.application.settlement.port.in.SettlementQueries;
import io.invitehub.application.exports.port.in.ExportUseCase;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.in.PasswordResetUseCase;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;

import java.util.Objects;

/** The use cases the HTTP API serves: application in-ports only, one per feature's handlers. */
public record HttpPorts(RedeemCodeUseCase redeem, PublicRedemptionQueries queries, ManageTeamsUseCase teams,
                        IssueCodesUseCase issueCodes, AccountsUseCase accounts, SignInUseCase signIn,
                        DistributorSignUpUseCase signUp, ManageDistributorsUseCase distributors, DistributorQueries readSide,
                        ManageCodesUseCase manageCodes, ProtectRecipientsUseCase recipients, RemoveMemberUseCase removal,
                        ReinviteMemberUseCase reinvite, RebindUseCase rebind, ShopApi shop, BrandsApi brands,
                        PlatformSiteUseCase site, PasswordResetUseCase passwordReset, ManageWebhooksUseCase webhooks,
                        StaffPorts staff, ExportUseCase exports, CustomerRelationsUseCase crm,
                        SettlementQueries settlementQueries, ManageSettlementUseCase settlement,
                        IdempotentWritesUseCase idempotency) {
    public HttpPorts {
        Objects.requireNonNull(redeem, "redeem");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(teams, "teams");
        Objects.requireNonNull(issueCodes, "issueCodes");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(signUp, "signUp");
        Objects.requireNonNull(distributors, "distributors");
        Objects.requireNonNull(readSide, "readSide");
        Objects.requireNonNull(manageCodes, "manageCodes");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(removal, "removal");
        Objects.requireNonNull(reinvite, "reinvite");
        Objects.requireNonNull(rebind, "rebind");
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(brands, "brands");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(exports, "exports");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(settlementQueries, "settlementQueries");
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(passwordReset, "passwordReset");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(idempotency, "idempotency");
    }
}
