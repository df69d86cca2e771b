package io.invitehub.bootstrap.assembly;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.HttpPorts;
import io.invitehub.adapter.in.http.HttpSettings;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.library.InviteHubLibrary;
import io.invitehub.library.config.HttpConfig;
import io.invitehub.library.config.StatisticsConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The HTTP API over the use cases of every feature assembly (docs/api.md). */
public final class HttpAssembly {
    /** Jetty keeps at most this many idle request threads, fewer when the pool is smaller. */
    static final int MIN_THREADS = 8;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private HttpAssembly() {
    }

    /** The server, not started. */
    public static HttpApi wire(HttpConfig http, StatisticsConfig statistics, InviteHubLibrary hub, BooleanSupplier databaseHealthy,
                               Clock clock) {
        HttpSettings settings = new HttpSettings(http.host(), http.port(), http.maxThreads(), Math.min(MIN_THREADS, http.maxThreads()),
                IDLE_TIMEOUT, http.trustedProxies());
        HttpPorts ports = new HttpPorts(hub.redeem(), hub.queries(), hub.teams(), hub.issueCodes(), hub.accounts(),
                hub.signIn(), hub.signUp(), hub.distributors(), hub.distributorQueries(), hub.manageCodes(),
                hub.protectRecipients(), hub.memberRemoval(), hub.reinvite(), hub.rebind(),
                new ShopApi(hub.plans(), hub.shop(), hub.orderAdmin(), hub.paymentNotifications(), hub.sandboxCheckout(), statistics.currency()));
        return new HttpApi(ports, settings, databaseHealthy, clock);
    }
}
