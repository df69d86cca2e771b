package io.invitehub.application.distributors.port.in;

import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.DistributorDetail;
import io.invitehub.application.distributors.view.DistributorOverview;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.PlatformAnalytics;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/**
 * The distributor read side (SPEC sections 4 and 5). Every question names the {@code caller} (the
 * authenticated user) and the {@code distributor} it is about. A distributor may ask only about
 * itself (for {@code /me} pass its id twice); asking about anyone else is NOT_FOUND, so ids reveal
 * nothing. Staff (ADMIN, OPERATOR) may ask about any distributor. An unknown caller is
 * UNAUTHORIZED; a distributor that is not APPROVED is FORBIDDEN.
 */
public interface DistributorQueries {

    DistributorSummary summary(UserId caller, UserId distributor);

    /** The sales in the query's period; a plain date in it counts as a day of the business time zone (the statistics' days). */
    Page<SaleView> sales(UserId caller, UserId distributor, SalesQuery query, PageRequest page);

    /** {@code search}: an e-mail prefix or a code prefix. Recently ended = within the configured window. */
    default Page<MemberView> members(UserId caller, UserId distributor, Optional<String> search, PageRequest page) {
        return members(caller, distributor, search, List.of(), page);
    }

    /** As {@link #members(UserId, UserId, Optional, PageRequest)}, of customers carrying every one of {@code tags} (CRM, ADR 36). */
    Page<MemberView> members(UserId caller, UserId distributor, Optional<String> search, List<Tag> tags, PageRequest page);

    /** {@code days} (1–366) business days ending today, oldest first, zero-filled. */
    List<TrendDay> salesTrend(UserId caller, UserId distributor, int days);

    List<PlanRanking> planRanking(UserId caller, UserId distributor);

    Page<CodeView> codes(UserId caller, UserId distributor, CodeFilter filter, PageRequest page);

    /**
     * Staff only (a distributor gets FORBIDDEN): every distributor (of {@code approval}, or all) with
     * its summary, sorted, paged.
     */
    Page<DistributorOverview> distributors(UserId caller, Optional<Approval> approval, DistributorSort sort, PageRequest page);

    /** Staff only: the distributor's account and summary; NOT_FOUND when {@code distributor} is not a distributor. */
    DistributorDetail detail(UserId caller, UserId distributor);

    /** Staff only: the platform totals, the sum of every distributor's summary. */
    PlatformAnalytics analytics(UserId caller);

    /**
     * The invitations made through one code, newest first. The code's owner or staff only: someone
     * else's code, a platform code asked by a distributor, or an unknown id are NOT_FOUND alike.
     */
    Page<CodeRecord> codeRecords(UserId caller, RedeemCodeId code, PageRequest page);

    /** The text of one code, for its owner or staff; NOT_FOUND alike for someone else's code and an unknown id. */
    Code code(UserId caller, RedeemCodeId code);
}
