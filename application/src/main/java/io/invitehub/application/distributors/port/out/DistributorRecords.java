package io.invitehub.application.distributors.port.out;

import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A distributor's lists, straight from SQL, keyset-paginated over indexes that match their order:
 * at most {@code limit} rows after the given position.
 */
public interface DistributorRecords {

    /** Own non-rebind invitations, newest first ({@code created_at DESC, id DESC}). */
    List<SaleView> sales(UserId distributor, SalesFilter filter, Optional<CreatedKey> after, int limit);

    /**
     * Own invitations in INVITED, JOINED or REMOVING, and those that ended REMOVED, EXPIRED or REBOUND
     * at or after {@code endedSince}; newest first. {@code prefix}: e-mail or code prefix. Rebind
     * invitations are members too (ADR 21): a member moved to another team is listed in the new team
     * (and, while recent, as REBOUND in the old one), unlike sales, which count each sale once. {@code tags}: only
     * customers carrying every one of them (CRM, ADR 36).
     */
    List<MemberView> members(UserId distributor, Optional<String> prefix, List<Tag> tags, Instant endedSince, Optional<CreatedKey> after,
                             int limit);

    /** Own codes, newest first ({@code id DESC}), with their status at {@code now}. */
    List<CodeView> codes(UserId distributor, CodeFilter filter, Instant now, Optional<RedeemCodeId> after, int limit);

    /**
     * Every invitation made through {@code code} (rebinds included), newest first ({@code id DESC}),
     * over {@code invitations_code_email_idx}: a code's invitations are bounded by its uses and rebinds.
     */
    List<CodeRecord> codeRecords(RedeemCodeId code, Optional<Long> afterId, int limit);
}
