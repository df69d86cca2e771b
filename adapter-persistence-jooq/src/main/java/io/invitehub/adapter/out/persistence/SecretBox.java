package io.invitehub.adapter.out.persistence;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Seals short secrets (team credentials, payment keys) with AES-256-GCM before they are stored (ADR 16).
 *
 * <p>A sealed value is text: {@code ih1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}, with a fresh
 * random 96-bit nonce per value and a 128-bit tag. The version, the key id and a purpose (the column
 * it belongs to) are authenticated as associated data, so a value cannot be moved to another column
 * or relabelled to another key without failing to open. Nothing here ever puts a secret, or a sealed
 * value, into an exception message or {@code toString()}.
 */
public final class SecretBox {
    static final String VERSION = "ih1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern SHAPE = Pattern.compile("^ih1\\.(k[0-9a-f]{8})\\.([A-Za-z0-9_-]+)$");

    private final SecretKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public SecretKeys keys() {
        return keys;
    }

    /** Seals {@code plaintext} for {@code purpose} under the current key. */
    public String seal(String plaintext, String purpose) {
        Objects.requireNonNull(plaintext, "plaintext");
        String keyId = keys.currentId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId, purpose);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + "." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK; sealing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Opens a value sealed for {@code purpose}. Throws {@link SecretBoxException} when the value is
     * not a sealed value, names a key that is not configured, or fails authentication (altered, or
     * sealed for another purpose).
     */
    public String open(String sealed, String purpose) {
        Objects.requireNonNull(sealed, "sealed");
        var m = SHAPE.matcher(sealed);
        if (!m.matches()) {
            throw new SecretBoxException("not a sealed value (expected " + VERSION + ".<key id>.<data>)");
        }
        String keyId = m.group(1);
        SecretKey key = keys.key(keyId).orElseThrow(() -> new SecretBoxException("sealed with key " + keyId
                + ", which is not among the configured secrets keys " + keys.ids()));
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("the sealed data is not valid base64url");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("the sealed data is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, NONCE_BYTES), keyId, purpose);
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("authentication failed under key " + keyId
                    + ": the sealed value was altered or belongs to another purpose");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot open the sealed value: " + e.getClass().getSimpleName());
        }
    }

    /** The key id a sealed value names, or empty text when it is not a sealed value. */
    public static String keyIdOf(String sealed) {
        var m = SHAPE.matcher(sealed);
        return m.matches() ? m.group(1) : "";
    }

    /** Whether {@code sealed} is sealed under the current key (else it should be sealed again). */
    public boolean isCurrent(String sealed) {
        return keys.currentId().equals(keyIdOf(sealed));
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, String purpose) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((VERSION + "." + keyId + "." + Objects.requireNonNull(purpose, "purpose")).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[" + keys + "]";
    }
}
