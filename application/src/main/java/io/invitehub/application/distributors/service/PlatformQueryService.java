package io.invitehub.application.distributors.service;

import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.distributors.port.out.PlatformRecords;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.PlatformTrend;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Staff reads over the whole platform: the summed 30-day trend and the platform codes. */
public final class PlatformQueryService implements PlatformQueries {
    private static final String PLATFORM_CODES = "platform-codes";

    private final PlatformRecords records;
    private final CallerRules rules;
    private final Clock clock;

    public PlatformQueryService(PlatformRecords records, Users users, Clock clock) {
        this.records = records;
        this.rules = new CallerRules(users);
        this.clock = clock;
    }

    @Override
    public PlatformTrend trend(UserId caller, int days) {
        if (days < 1 || days > DistributorQueryService.MAX_TREND_DAYS) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "days must be between 1 and " + DistributorQueryService.MAX_TREND_DAYS);
        }
        rules.ensureStaff(caller);
        return new PlatformTrend(records.businessTimeZone(), records.trend(clock.instant(), days));
    }

    @Override
    public Page<CodeView> platformCodes(UserId caller, CodeFilter filter, PageRequest page) {
        rules.ensureStaff(caller);
        Optional<RedeemCodeId> after = page.cursor().map(c -> {
            long id = c.longKey(PLATFORM_CODES, 1, 0);
            if (id < 1) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
            }
            return new RedeemCodeId(id);
        });
        List<CodeView> rows = records.platformCodes(filter, clock.instant(), after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<CodeView> shown = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(shown, more ? Optional.of(PageCursor.of(PLATFORM_CODES, shown.get(shown.size() - 1).id().value())) : Optional.empty());
    }
}
