package io.invitehub.adapter.out.persistence;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AES-256 keys that seal secrets at rest (ADR 16): the current key, which seals every new value,
 * and previous keys, which only open values sealed before a rotation. Each key is known by an id
 * derived from it ({@code k} + 8 hex digits of a SHA-256 over the key), which every sealed value
 * carries, so a value names the key it needs. {@link #toString()} shows the ids, never the keys.
 */
public final class SecretKeys {
    public static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private SecretKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /** {@code current} seals and opens; {@code previous} only open. Every key must be 32 bytes. */
    public static SecretKeys of(byte[] current, List<byte[]> previous) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String currentId = add(keys, current, "the current secrets key");
        for (int i = 0; i < previous.size(); i++) {
            add(keys, previous.get(i), "previous secrets key #" + (i + 1));
        }
        return new SecretKeys(currentId, Map.copyOf(keys));
    }

    /** Keys written as standard or URL-safe base64 of 32 bytes; errors never quote the text. */
    public static SecretKeys fromBase64(String current, List<String> previous) {
        List<byte[]> old = new ArrayList<>(previous.size());
        for (int i = 0; i < previous.size(); i++) {
            old.add(decode(previous.get(i), "previous secrets key #" + (i + 1)));
        }
        return of(decode(current, "the secrets key"), old);
    }

    /** Decodes base64 (standard or URL-safe, padding optional) of exactly 32 bytes. */
    public static byte[] decode(String base64, String what) {
        Objects.requireNonNull(base64, what);
        String text = base64.strip();
        byte[] bytes;
        try {
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes (base64 of 32 random bytes, e.g. "
                    + "`openssl rand -base64 32`), was " + bytes.length + " bytes");
        }
        return bytes;
    }

    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** The ids of every configured key, current first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(currentId);
        keys.keySet().stream().filter(id -> !id.equals(currentId)).sorted().forEach(ids::add);
        return ids;
    }

    /** The id a key is known by. */
    public static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("invitehub secrets key id\0".getBytes(StandardCharsets.US_ASCII));
            return "k" + HexFormat.of().formatHex(sha.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String add(Map<String, SecretKey> keys, byte[] key, String what) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes, was " + key.length);
        }
        String id = idOf(key);
        keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
        return id;
    }

    @Override
    public String toString() {
        return "SecretKeys[current=" + currentId + ", all=" + ids() + "]";
    }
}
