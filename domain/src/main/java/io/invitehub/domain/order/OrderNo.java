package io.invitehub.domain.order;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An order number: {@code yyyyMMddHHmmss} (business time) followed by 8 random upper-case hex digits,
 * e.g. {@code 20261124193000A1B2C3D4}. It is the {@code out_trade_no} of the payment gateway.
 */
public record OrderNo(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[0-9]{14}[0-9A-F]{8}$");
    private static final Pattern HEX8 = Pattern.compile("^[0-9A-F]{8}$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    public OrderNo {
        if (value == null || !SHAPE.matcher(value.strip().toUpperCase(Locale.ROOT)).matches()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "order_no must be 14 digits and 8 hex characters");
        }
        value = value.strip().toUpperCase(Locale.ROOT);
    }

    /** The number of an order created at {@code localTime} with the random suffix {@code hex8}. */
    public static OrderNo compose(LocalDateTime localTime, String hex8) {
        if (hex8 == null || !HEX8.matcher(hex8).matches()) {
            throw new IllegalArgumentException("the random part must be 8 upper-case hex digits");
        }
        return new OrderNo(STAMP.format(localTime) + hex8);
    }

    @Override
    public String toString() {
        return value;
    }
}
