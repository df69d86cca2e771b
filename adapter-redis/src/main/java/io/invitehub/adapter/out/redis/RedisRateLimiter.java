package io.invitehub.adapter.out.redis;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rate limits shared by every node: each check is one Lua script, so read, compare and count are one
 * atomic step in Redis. A key's hash holds the window end ({@code e}) and the count ({@code n}); a
 * lockout's hash also holds {@code locked} (locked-until). Times come from the caller's clock (nodes are
 * expected to agree within NTP accuracy); key expiry only collects garbage, it never decides.
 *
 * <p>Failure mode (ADR 19): when Redis is down or slow the node falls back to its own in-process
 * limiter, so limits still hold per node instead of vanishing (fail to local, never fully open).
 */
public final class RedisRateLimiter implements RateLimiter {
    /** Slack added to expiries so a key outlives the logic that reads it, whatever the clock skew. */
    private static final long SLACK_MILLIS = 60_000;

    /** KEYS[1]; ARGV: now, window, permits, count (1) or only look (0). Returns 0 = allowed, else the wait in ms. */
    private static final String WINDOW = String.join("\n",
            "local now = tonumber(ARGV[1])",
            "local h = redis.call('HMGET', KEYS[1], 'e', 'n')",
            "local e = tonumber(h[1])",
            "local n = tonumber(h[2])",
            "if e == nil or now >= e then",
            "  if ARGV[4] == '0' then return 0 end",
            "  e = now + tonumber(ARGV[2])",
            "  n = 0",
            "end",
            "if n >= tonumber(ARGV[3]) then return math.max(e - now, 1) end",
            "if ARGV[4] == '1' then",
            "  redis.call('HSET', KEYS[1], 'e', e, 'n', n + 1)",
            "  redis.call('PEXPIRE', KEYS[1], e - now + " + SLACK_MILLIS + ")",
            "end",
            "return 0");

    /**
     * KEYS[1]; ARGV: now, window, failures, lockFor, record (1) or only look (0). Returns 0 = not locked,
     * else the remaining lock in ms. Reaching the limit locks for lockFor from now and resets the count.
     */
    private static final String LOCKOUT = String.join("\n",
            "local now = tonumber(ARGV[1])",
            "local h = redis.call('HMGET', KEYS[1], 'locked', 'e', 'n')",
            "local locked = tonumber(h[1])",
            "if locked ~= nil and now < locked then return math.max(locked - now, 1) end",
            "if ARGV[5] == '0' then return 0 end",
            "local e = tonumber(h[2])",
            "local n = tonumber(h[3])",
            "if e == nil or now >= e then",
            "  e = now + tonumber(ARGV[2])",
            "  n = 0",
            "end",
            "n = n + 1",
            "if n >= tonumber(ARGV[3]) then",
            "  local until_ = now + tonumber(ARGV[4])",
            "  redis.call('DEL', KEYS[1])",
            "  redis.call('HSET', KEYS[1], 'locked', until_)",
            "  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + " + SLACK_MILLIS + ")",
            "  return tonumber(ARGV[4])",
            "end",
            "redis.call('HDEL', KEYS[1], 'locked')",
            "redis.call('HSET', KEYS[1], 'e', e, 'n', n)",
            "redis.call('PEXPIRE', KEYS[1], e - now + " + SLACK_MILLIS + ")",
            "return 0");

    private final RedisConnection redis;
    private final Clock clock;
    private final RateLimiter fallback;

    /** {@code fallback} answers while Redis is unavailable (the node's own in-process limiter). */
    public RedisRateLimiter(RedisConnection redis, Clock clock, RateLimiter fallback) {
        this.redis = redis;
        this.clock = clock;
        this.fallback = fallback;
    }

    @Override
    public Optional<Duration> tryAcquire(Limit limit, String key) {
        return window(limit, key, true).orElseGet(() -> fallback.tryAcquire(limit, key));
    }

    @Override
    public Optional<Duration> blocked(Limit limit, String key) {
        return window(limit, key, false).orElseGet(() -> fallback.blocked(limit, key));
    }

    @Override
    public Optional<Duration> recordFailure(Lockout lockout, String key) {
        return lockout(lockout, key, true).orElseGet(() -> fallback.recordFailure(lockout, key));
    }

    @Override
    public Optional<Duration> locked(Lockout lockout, String key) {
        return lockout(lockout, key, false).orElseGet(() -> fallback.locked(lockout, key));
    }

    /** The outer Optional is empty when Redis did not answer. */
    private Optional<Optional<Duration>> window(Limit limit, String key, boolean count) {
        List<String> args = List.of(Long.toString(clock.millis()), Long.toString(limit.window().toMillis()),
                Integer.toString(limit.permits()), count ? "1" : "0");
        return redis.call("rate limit " + limit.name(),
                        r -> (Long) r.eval(WINDOW, List.of(redis.key("rl:" + limit.name() + ":" + key)), args))
                .map(RedisRateLimiter::wait);
    }

    private Optional<Optional<Duration>> lockout(Lockout lockout, String key, boolean record) {
        List<String> args = List.of(Long.toString(clock.millis()), Long.toString(lockout.window().toMillis()),
                Integer.toString(lockout.failures()), Long.toString(lockout.lockFor().toMillis()), record ? "1" : "0");
        return redis.call("lockout " + lockout.name(),
                        r -> (Long) r.eval(LOCKOUT, List.of(redis.key("lock:" + lockout.name() + ":" + key)), args))
                .map(RedisRateLimiter::wait);
    }

    private static Optional<Duration> wait(Long millis) {
        return millis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
}
