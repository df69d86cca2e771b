package io.invitehub.adapter.in.http.distributors;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.distributors.view.PlatformTrend;
import io.javalin.http.Context;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.positiveId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;

/** {@code GET /admin/sales-trend}: the platform's trend for the staff overview (the sum of every distributor's). */
public final class PlatformReadHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape TREND_ANSWER = ResponseShape.ok(Trend.class);

    public static final RequestShape TREND = DistributorReadHandlers.MY_SALES_TREND;

    private final PlatformQueries platform;

    public PlatformReadHandlers(PlatformQueries platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    record Trend(String timeZone, List<ReadSideResponses.Trend> days) {
        static Trend of(PlatformTrend t) {
            return new Trend(t.timeZone().getId(), t.days().stream().map(ReadSideResponses.Trend::of).collect(Collectors.toList()));
        }
    }

    public void trend(Context ctx) {
        int days = Optional.ofNullable(queryParam(ctx, "days")).map(raw -> (int) Math.min(positiveId(raw, "days"), Integer.MAX_VALUE))
                .orElse(DistributorReadHandlers.DEFAULT_TREND_DAYS);
        if (days > DistributorReadHandlers.MAX_TREND_DAYS) {
            throw invalid("days must be between 1 and " + DistributorReadHandlers.MAX_TREND_DAYS);
        }
        ctx.json(Trend.of(platform.trend(caller(ctx).id(), days)));
    }
}
