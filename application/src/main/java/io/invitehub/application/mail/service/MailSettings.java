package io.invitehub.application.mail.service;

import java.time.Duration;

/**
 * How mail is retried: a claim's lease (longer than one SMTP conversation may take), the attempts before a
 * mail is given up, the backoff (doubling from {@code backoffBase}, at most {@code backoffMax}), and how long
 * settled mail (SENT, FAILED) is kept.
 */
public record MailSettings(Duration lease, int maxAttempts, Duration backoffBase, Duration backoffMax, Duration retention) {
    /** Settled mails deleted per batch of the retention job. */
    public static final int PURGE_BATCH = 1_000;

    public MailSettings {
        if (lease.isNegative() || lease.isZero() || backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("lease must be positive and backoffMax at least backoffBase");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** 12 attempts over about a day: 30 s, 1, 2, 4 … minutes, then hourly. */
    public static MailSettings defaults() {
        return new MailSettings(Duration.ofMinutes(2), 12, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(30));
    }

    /** The wait after the {@code attempt}-th failure. */
    public Duration backoff(int attempt) {
        Duration wait = backoffBase;
        for (int i = 1; i < attempt && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
