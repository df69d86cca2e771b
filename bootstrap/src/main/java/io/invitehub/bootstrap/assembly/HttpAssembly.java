package io.invitehub.bootstrap.assembly;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.HttpPorts;
import io.invitehub.adapter.in.http.HttpSettings;
import io.invitehub.adapter.in.http.StaffPorts;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.bootstrap.config.HttpConfig;
import io.invitehub.bootstrap.config.StatisticsConfig;

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
    public static HttpApi wire(HttpConfig http, StatisticsConfig statistics, RedemptionAssembly redemption, AccountsAssembly accounts,
                               CodesAssembly codes, StatisticsAssembly readSide, TeamPoolAssembly pool, MembershipAssembly members,
                               ShopAssembly shop, WebhooksAssembly webhooks, StaffPorts staff, IdempotencyAssembly idempotency,
                               BooleanSupplier databaseHealthy, Clock clock) {
        HttpSettings settings = new HttpSettings(http.host(), http.port(), http.maxThreads(), Math.min(MIN_THREADS, http.maxThreads()),
                IDLE_TIMEOUT, http.trustedProxies());
        HttpPorts ports = new HttpPorts(redemption.redeem(), redemption.queries(), pool.teams(), codes.issue(), accounts.accounts(),
                accounts.signIn(), accounts.signUp(), accounts.distributors(), readSide.readSide(), codes.manage(),
                redemption.protectRecipients(), members.removal(), members.reinvite(), members.rebind(),
                new ShopApi(shop.plans(), shop.shop(), shop.shop(), shop.notifications(), shop.sandbox(), statistics.currency(),
                        shop.closing(), shop.closing(), shop.query()),
                accounts.passwordReset(), webhooks.manage(), staff, idempotency.writes());
        return new HttpApi(ports, settings, databaseHealthy, clock);
    }
}
