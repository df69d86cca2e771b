package io.invitehub.domain.code;

public record RedeemCodeId(long value) {
    public RedeemCodeId {
        if (value <= 0) {
            throw new IllegalArgumentException("redeem code id must be positive");
        }
    }
}
