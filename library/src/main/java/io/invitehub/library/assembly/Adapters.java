package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Clock;

/**
 * What every feature assembly is wired against: PostgreSQL (its stores and transactions), the team
 * provider, the ports nodes share (rate limits, wake-ups, job leases, seats cache) and the clock.
 */
public record Adapters(JooqPersistence persistence, TeamProvider provider, RateLimiter rateLimiter, WakeUps wakeUps,
                       JobLeases jobLeases, SeatsCache seatsCache, Clock clock) {
}
