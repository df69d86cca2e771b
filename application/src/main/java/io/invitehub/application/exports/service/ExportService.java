package io.invitehub.application.exports.service;

import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.application.exports.port.in.ExportUseCase;
import io.invitehub.application.exports.port.in.PreparedExport;
import io.invitehub.application.exports.port.out.ExportRows;
import io.invitehub.application.exports.port.out.ExportTicket;
import io.invitehub.application.exports.port.out.ExportTickets;
import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.application.exports.view.ExportLink;
import io.invitehub.application.exports.view.RowSink;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Exports: who may read what (the rules of the lists), which filters a kind reads, the per-user rate limit,
 * signed links; the rows come from {@link ExportRows} as they are read.
 */
public final class ExportService implements ExportUseCase {
    static final String LIMIT_NAME = "export";

    private final ExportRows rows;
    private final ExportTickets tickets;
    private final RateLimiter limiter;
    private final CallerRules rules;
    private final Clock clock;
    private final ExportSettings settings;
    private final RateLimiter.Limit limit;

    public ExportService(ExportRows rows, ExportTickets tickets, RateLimiter limiter, Users users, Clock clock, ExportSettings settings) {
        this.rows = rows;
        this.tickets = tickets;
        this.limiter = limiter;
        this.rules = new CallerRules(users);
        this.clock = clock;
        this.settings = settings;
        this.limit = new RateLimiter.Limit(LIMIT_NAME, settings.perUserPerMinute(), Duration.ofMinutes(1));
    }

    @Override
    public PreparedExport prepare(UserId caller, ExportRequest request) {
        check(caller, request);
        Optional<Duration> wait = limiter.tryAcquire(limit, Long.toString(caller.value()));
        if (wait.isPresent()) {
            throw new RateLimitedException("at most " + settings.perUserPerMinute() + " exports a minute; try again in "
                    + Math.max(1, wait.get().toSeconds()) + " s", wait.get());
        }
        Instant now = clock.instant();
        return new Prepared(request, now);
    }

    @Override
    public ExportLink link(UserId caller, ExportRequest request) {
        check(caller, request);
        Instant expiresAt = clock.instant().plus(settings.linkTtl());
        return new ExportLink(tickets.seal(new ExportTicket(caller, request, expiresAt)), expiresAt);
    }

    @Override
    public PreparedExport prepare(String token) {
        ExportTicket ticket = tickets.open(token).orElseThrow(
                () -> new DomainException(ErrorCode.EXPORT_LINK_INVALID, "this download link is not valid; ask for a new one"));
        if (!clock.instant().isBefore(ticket.expiresAt())) {
            throw new DomainException(ErrorCode.EXPORT_LINK_EXPIRED, "this download link has expired; ask for a new one");
        }
        return prepare(ticket.user(), ticket.request());
    }

    /** The caller may read the distributor's lists (the platform's codes: staff), and the filters are ones the kind reads. */
    private void check(UserId caller, ExportRequest request) {
        if (request.platform()) {
            if (!CallerRules.isStaff(rules.caller(caller))) {
                throw new DomainException(ErrorCode.FORBIDDEN, "only staff export the platform's codes");
            }
        } else {
            rules.ensureMayRead(caller, request.distributor().orElseThrow());
        }
        ExportKind kind = request.kind();
        ExportFilter filter = request.filter();
        Set<ExportFilter.Part> refused = filter.given();
        refused.removeAll(kind.filters());
        if (!refused.isEmpty()) {
            ExportFilter.Part first = refused.iterator().next();
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the " + kind.wireName() + " export does not filter by "
                    + first.name().toLowerCase(Locale.ROOT));
        }
        if (filter.tags().size() > Tag.MAX_IN_FILTER) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "at most " + Tag.MAX_IN_FILTER + " tags");
        }
        filter.tags().forEach(Tag::new);
        filter.kinds().forEach(name -> {
            if (Arrays.stream(LedgerKind.values()).noneMatch(k -> k.name().equals(name))) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "kind " + name + " is not a ledger entry kind");
            }
        });
        filter.status().ifPresent(status -> {
            boolean known = kind.statusType().map(type -> Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(status)))
                    .orElse(false);
            if (!known) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "status " + status + " is not a status of " + kind.wireName());
            }
        });
    }

    private final class Prepared implements PreparedExport {
        private final ExportRequest request;
        private final Instant now;

        private Prepared(ExportRequest request, Instant now) {
            this.request = request;
            this.now = now;
        }

        @Override
        public ExportKind kind() {
            return request.kind();
        }

        @Override
        public List<String> columns() {
            return request.kind().columns();
        }

        @Override
        public String fileName() {
            LocalDate day = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
            String whose = request.distributor().map(d -> Long.toString(d.value())).orElse("platform");
            return "invitehub-" + request.kind().wireName() + "-" + whose + "-" + day + ".csv";
        }

        @Override
        public long writeTo(RowSink sink) {
            return rows.stream(request, now, now.minus(settings.recentlyEnded()), sink);
        }
    }
}
