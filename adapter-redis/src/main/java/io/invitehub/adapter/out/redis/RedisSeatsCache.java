package io.invitehub.adapter.out.redis;

import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.view.SeatSummary;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.Optional;

/**
 * The public seat summary in one Redis string ({@code activeTeams,totalSeats,usedSeats,freeSeats,waiting})
 * with a millisecond expiry, shared by every node. Failure mode (ADR 19): fail open, a miss; the caller
 * counts from PostgreSQL.
 */
public final class RedisSeatsCache implements SeatsCache {
    private final RedisConnection redis;

    public RedisSeatsCache(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Optional<SeatSummary> cached() {
        return redis.call("seats cache read", r -> r.get(redis.key("cache:seats"))).flatMap(RedisSeatsCache::parse);
    }

    @Override
    public void store(SeatSummary s, Duration ttl) {
        String value = s.activeTeams() + "," + s.totalSeats() + "," + s.usedSeats() + "," + s.freeSeats() + "," + s.waiting();
        redis.call("seats cache write", r -> r.set(redis.key("cache:seats"), value, SetParams.setParams().px(ttl.toMillis())));
    }

    private static Optional<SeatSummary> parse(String value) {
        String[] parts = value.split(",");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SeatSummary(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), Long.parseLong(parts[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
