package io.invitehub.adapter.out.security;

import io.invitehub.application.shop.port.out.OrderNumbers;
import io.invitehub.domain.order.OrderNo;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;

/** Order numbers: the business-time stamp and 8 upper-case hex digits (32 bits) from {@link SecureRandom}. */
public final class SecureRandomOrderNumbers implements OrderNumbers {
    private final SecureRandom random = new SecureRandom();
    private final ZoneId zone;

    public SecureRandomOrderNumbers(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public OrderNo next(Instant now) {
        return OrderNo.compose(LocalDateTime.ofInstant(now, zone), String.format(Locale.ROOT, "%08X", random.nextInt()));
    }
}
