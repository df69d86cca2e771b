package io.invitehub.adapter.out.redis;

import io.invitehub.application.shared.port.out.JobLeases;
import redis.clients.jedis.params.SetParams;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Job leases shared by every node: {@code SET key token NX PX ttl} takes a lease; renew and release
 * are Lua scripts that act only when the key still holds the caller's token, so a holder that stalled
 * past its lease can never extend or delete the next holder's. Expiry is Redis's own clock.
 *
 * <p>Failure mode (ADR 19): fail closed. Without Redis no lease is granted and renewals report the
 * lease lost, so a job pauses rather than running twice; the work it would do stays in PostgreSQL and
 * is done when Redis answers again.
 */
public final class RedisJobLeases implements JobLeases {
    private static final String RENEW = String.join("\n",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then",
            "  return redis.call('PEXPIRE', KEYS[1], ARGV[2])",
            "end",
            "return 0");
    private static final String RELEASE = String.join("\n",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then",
            "  return redis.call('DEL', KEYS[1])",
            "end",
            "return 0");

    private final RedisConnection redis;
    private final SecureRandom random = new SecureRandom();

    public RedisJobLeases(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Lease> tryAcquire(String job, Duration ttl) {
        String token = newToken();
        return redis.call("lease " + job, r -> r.set(key(job), token, SetParams.setParams().nx().px(ttl.toMillis())))
                .filter("OK"::equals)
                .map(ok -> new Lease(job, token));
    }

    @Override
    public boolean renew(Lease lease, Duration ttl) {
        return redis.call("renew " + lease.job(),
                        r -> (Long) r.eval(RENEW, List.of(key(lease.job())), List.of(lease.token(), Long.toString(ttl.toMillis()))))
                .map(n -> n == 1L)
                .orElse(false);
    }

    @Override
    public void release(Lease lease) {
        redis.call("release " + lease.job(), r -> r.eval(RELEASE, List.of(key(lease.job())), List.of(lease.token())));
    }

    private String key(String job) {
        return redis.key("lease:" + job);
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
