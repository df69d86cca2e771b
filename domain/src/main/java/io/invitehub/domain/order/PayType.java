package io.invitehub.domain.order;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Locale;
import java.util.regex.Pattern;

/** The payment channel of an order as the gateway names it ({@code alipay}, {@code wxpay}, …): lower case. */
public record PayType(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9_]{1,20}$");

    public PayType {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(v).matches()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "pay_type must be 1-20 letters, digits or _ (e.g. alipay, wxpay)");
        }
        value = v;
    }

    public static PayType of(String raw) {
        return new PayType(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
