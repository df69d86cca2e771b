package io.invitehub.adapter.out.payment.epay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The e-pay signature (SPEC section 7): every parameter except {@code sign} and {@code sign_type}, empty
 * values dropped, sorted by key, joined {@code k=v&k=v}, the merchant key appended, MD5 of the UTF-8
 * bytes as lower-case hex. Verification compares in constant time ({@link MessageDigest#isEqual}).
 */
final class EpaySignature {
    static final String SIGN = "sign";
    static final String SIGN_TYPE = "sign_type";
    static final String MD5 = "MD5";

    private EpaySignature() {
    }

    /** The string that is signed, without the key (for tests and diagnostics; never logged with the key). */
    static String canonical(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
            if (e.getKey().equals(SIGN) || e.getKey().equals(SIGN_TYPE) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    static String sign(Map<String, String> parameters, String key) {
        return hex(md5((canonical(parameters) + key).getBytes(StandardCharsets.UTF_8)));
    }

    /** True when {@code parameters} carry the signature {@code key} gives them; compared in constant time. */
    static boolean verify(Map<String, String> parameters, String key) {
        String given = parameters.get(SIGN);
        if (given == null || given.isEmpty()) {
            return false;
        }
        String type = parameters.get(SIGN_TYPE);
        if (type != null && !type.isEmpty() && !type.equalsIgnoreCase(MD5)) {
            return false;
        }
        byte[] expected = sign(parameters, key).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] md5(byte[] input) {
        try {
            return MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
