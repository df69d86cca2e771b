package io.invitehub.adapter.out.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code InviteHub-Signature} header (docs/api.md, "Webhooks"): {@code t=<unix seconds>,v1=<hex>} where
 * the hex is HMAC-SHA256, keyed with the endpoint's whole secret (UTF-8, {@code whsec_…} included), over
 * {@code <t>.<body>}. A receiver recomputes it over the raw body it got, compares in constant time, and
 * refuses timestamps too far from its clock (replays).
 */
public final class WebhookSignature {
    public static final String HEADER = "InviteHub-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    public static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
