package io.invitehub.application.distributors.port.in;

import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.PlatformTrend;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.user.UserId;


/**
 * The platform as staff see it on the console's overview and codes pages (issue 14). Staff only: a
 * distributor gets FORBIDDEN, an unknown caller UNAUTHORIZED.
 */
public interface PlatformQueries {

    /**
     * {@code days} (1–366) business days ending today, oldest first, zero-filled: each day the sum of every
     * distributor's trend day, so each number means what it means for one distributor (platform codes and rebinds
     * count for nobody, as in the platform analytics), with the business time zone the days are counted in.
     */
    PlatformTrend trend(UserId caller, int days);

    /** Platform codes (no owner), newest first, with the filters of a distributor's code list; keyset-paged. */
    Page<CodeView> platformCodes(UserId caller, CodeFilter filter, PageRequest page);
}
