package io.invitehub.application.port.in;

import io.invitehub.application.port.out.CodeFilter;
import io.invitehub.application.port.out.CodeView;
import io.invitehub.application.port.out.DistributorSort;
import io.invitehub.application.port.out.DistributorSummary;
import io.invitehub.application.port.out.MemberView;
import io.invitehub.application.port.out.PlanRanking;
import io.invitehub.application.port.out.SaleView;
import io.invitehub.application.port.out.SalesFilter;
import io.invitehub.application.port.out.TrendDay;
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

    Page<SaleView> sales(UserId caller, UserId distributor, SalesFilter filter, PageRequest page);

    /** {@code search}: an e-mail prefix or a code prefix. Recently ended = within the configured window. */
    Page<MemberView> members(UserId caller, UserId distributor, Optional<String> search, PageRequest page);

    /** {@code days} (1–366) business days ending today, oldest first, zero-filled. */
    List<TrendDay> salesTrend(UserId caller, UserId distributor, int days);

    List<PlanRanking> planRanking(UserId caller, UserId distributor);

    Page<CodeView> codes(UserId caller, UserId distributor, CodeFilter filter, PageRequest page);

    /** Staff only (a distributor gets FORBIDDEN): every distributor with its summary, sorted, paged. */
    Page<DistributorOverview> distributors(UserId caller, DistributorSort sort, PageRequest page);
}
