package io.invitehub.adapter.out.security;

import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.application.exports.port.out.ExportTicket;
import io.invitehub.application.exports.port.out.ExportTickets;
import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.domain.user.UserId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Signed export links (ADR 35): a token is {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}.
 * The payload names the user, the kind, the distributor (none: the platform's own codes), every filter and the expiry
 * ({@code v=1&u=…&k=…[&d=…]&e=…[&s=…][&f=…][&t=…][&q=…][&g=…][&p=…][&n=…]}, values URL-encoded), so changing any
 * of them breaks the signature. The key is derived from the service's secret (the JWT secret) for this use
 * only — {@code HMAC-SHA256(secret, "invitehub/export-links/v1")} — so a link never verifies as anything
 * else and a token of another kind never verifies as a link. Signatures are compared in constant time.
 */
public final class HmacExportTickets implements ExportTickets {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PURPOSE = "invitehub/export-links/v1";
    private static final int MAX_TOKEN = 2048;
    private static final Set<String> KEYS = Set.of("v", "u", "k", "d", "e", "s", "f", "t", "q", "g", "p", "n");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public HmacExportTickets(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < JwtTokens.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret must have at least " + JwtTokens.MIN_SECRET_BYTES + " bytes");
        }
        this.key = mac(secret, PURPOSE.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String seal(ExportTicket ticket) {
        ExportRequest r = ticket.request();
        ExportFilter f = r.filter();
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("v", "1");
        parts.put("u", Long.toString(ticket.user().value()));
        parts.put("k", r.kind().name());
        // no distributor: the platform's own codes
        r.distributor().ifPresent(d -> parts.put("d", Long.toString(d.value())));
        parts.put("e", Long.toString(ticket.expiresAt().getEpochSecond()));
        f.status().ifPresent(s -> parts.put("s", s));
        f.from().ifPresent(t -> parts.put("f", t.toString()));
        f.to().ifPresent(t -> parts.put("t", t.toString()));
        f.q().ifPresent(q -> parts.put("q", q));
        if (!f.tags().isEmpty()) {
            parts.put("g", String.join(",", f.tags()));
        }
        f.period().ifPresent(p -> parts.put("p", p.toString()));
        if (!f.kinds().isEmpty()) {
            parts.put("n", String.join(",", f.kinds()));
        }
        StringBuilder payload = new StringBuilder();
        parts.forEach((k, v) -> payload.append(payload.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(key, bytes));
    }

    @Override
    public Optional<ExportTicket> open(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(key, payload), signature)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(new String(payload, StandardCharsets.UTF_8)));
        } catch (RuntimeException malformed) {
            // signed by us, so only an older layout could get here: refuse it like any other bad token
            return Optional.empty();
        }
    }

    private static ExportTicket parse(String payload) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String pair : payload.split("&")) {
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            if (!KEYS.contains(name) || parts.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException("unexpected part " + name);
            }
        }
        if (!"1".equals(parts.get("v"))) {
            throw new IllegalArgumentException("unknown version");
        }
        ExportFilter filter = new ExportFilter(
                Optional.ofNullable(parts.get("s")),
                Optional.ofNullable(parts.get("f")).map(Instant::parse),
                Optional.ofNullable(parts.get("t")).map(Instant::parse),
                Optional.ofNullable(parts.get("q")),
                Optional.ofNullable(parts.get("g")).map(g -> Arrays.asList(g.split(","))).orElse(List.of()),
                Optional.ofNullable(parts.get("p")).map(YearMonth::parse),
                Optional.ofNullable(parts.get("n")).map(n -> Arrays.asList(n.split(","))).orElse(List.of()));
        ExportRequest request = new ExportRequest(ExportKind.valueOf(parts.get("k")),
                Optional.ofNullable(parts.get("d")).map(d -> new UserId(Long.parseLong(d))), filter);
        return new ExportTicket(new UserId(Long.parseLong(parts.get("u"))), request, Instant.ofEpochSecond(Long.parseLong(parts.get("e"))));
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
