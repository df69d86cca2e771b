package io.invitehub.adapter.out.payment.epay;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A merchant account at an e-pay gateway: the gateway's base URL (resolved when used) ({@code submit.php} is under it), the
 * merchant id ({@code pid}) and the signing key, plus where the gateway sends the buyer back and
 * posts its notifications. The key never appears in {@link #toString()}.
 */
public record EpayMerchant(Supplier<String> gateway, String pid, String key, Supplier<String> notifyUrl, Supplier<String> returnUrl) {
    public EpayMerchant {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        Objects.requireNonNull(returnUrl, "returnUrl");
        if (pid == null || pid.isBlank()) {
            throw new IllegalArgumentException("the e-pay merchant id (pid) is required");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the e-pay merchant key is required");
        }
    }

    @Override
    public String toString() {
        return "EpayMerchant[" + gateway.get() + ", pid=" + pid + ", key=***]";
    }
}
