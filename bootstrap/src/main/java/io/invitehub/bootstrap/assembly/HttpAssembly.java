package io.invitehub.bootstrap.assembly;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.HttpPorts;
import io.invitehub.adapter.in.http.HttpSettings;
import io.invitehub.adapter.in.http.brands.BrandsApi;
import io.invitehub.adapter.in.http.StaffPorts;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.adapter.in.http.HttpOperations;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.bootstrap.metrics.ServiceMetrics;
import io.invitehub.library.InviteHubLibrary;
import io.invitehub.library.config.ObservabilityConfig;
import io.invitehub.library.config.HttpConfig;
import io.invitehub.library.config.StatisticsConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The HTTP API over the use cases of every feature assembly (docs/api.md). */
public final class HttpAssembly {
    /** Jetty keeps at most this many idle request threads, fewer when the pool is smaller. */
    static final int MIN_THREADS = 8;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private HttpAssembly() {
    }

    /** The server, not started. */
    public static HttpApi wire(HttpConfig http, StatisticsConfig statistics, ObservabilityConfig observability, InviteHubLibrary hub,
                               Optional<ServiceMetrics> metrics, HttpOperations.Readiness readiness, Clock clock) {
        HttpSettings settings = new HttpSettings(http.host(), http.port(), http.maxThreads(), Math.min(MIN_THREADS, http.maxThreads()),
                IDLE_TIMEOUT, http.trustedProxies());
        RedeemCodeUseCase redeem = metrics.map(m -> m.meter(hub.redeem())).orElse(hub.redeem());
        PaymentNotificationUseCase notifications = metrics.map(m -> m.meter(hub.paymentNotifications())).orElse(hub.paymentNotifications());
        HttpPorts ports = new HttpPorts(redeem, hub.queries(), hub.teams(), hub.issueCodes(), hub.accounts(),
                hub.signIn(), hub.signUp(), hub.distributors(), hub.distributorQueries(), hub.manageCodes(),
                hub.protectRecipients(), hub.memberRemoval(), hub.reinvite(), hub.rebind(),
                new ShopApi(hub.plans(), hub.shop(), hub.orderAdmin(), notifications, hub.sandboxCheckout(), statistics.currency(),
                        hub.cancelOrder(), hub.refundOrder(), hub.paymentQueries()),
                new BrandsApi(hub.brandProfiles(), hub.publicBrands(), hub.customHosts()), hub.site(),
                hub.passwordReset(), hub.webhooks(),
                new StaffPorts(hub.staffAccounts(), hub.auditTrail(), hub.platformQueries(), hub.platformAlerts(), hub.teamPool(),
                        hub.invitationSearch(), hub.optOuts()),
                hub.exports(), hub.crm(), hub.settlementQueries(), hub.settlement(), hub.idempotentWrites());
        HttpOperations operations = new HttpOperations(
                metrics.map(ServiceMetrics::httpTimers).orElse(HttpOperations.Observer.NONE),
                metrics.filter(m -> observability.metricsOnTheApi()).map(m -> (Supplier<String>) m::scrape),
                readiness);
        return new HttpApi(ports, settings, operations, clock);
    }
}
