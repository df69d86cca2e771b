package io.invitehub.adapter.in.http.wire;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} is believed: addresses and CIDR ranges, IPv4 or IPv6
 * ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}). Only literals are accepted, so
 * nothing here ever asks DNS.
 *
 * <p>The client address of a request is the remote address, unless that is a trusted proxy: then
 * {@code X-Forwarded-For} is read from the right (each proxy appends the address it received from),
 * skipping trusted proxies, and the first address that is not one is the client. Entries left of it
 * were written by the client and are never believed.
 */
public final class TrustedProxies {
    private static final Pattern LITERAL = Pattern.compile("^[0-9a-fA-F:.]+$");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or CIDR range */
    public static TrustedProxies parse(Collection<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(host).orElseThrow(() ->
                    new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range"));
            int max = network.length * 8;
            int prefix = max;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + max);
                }
            }
            ranges.add(new Range(network, prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean trusts(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    /** The client address of a request: its remote address and {@code X-Forwarded-For}, read as {@link #clientAddress(String, String)} says. */
    public String clientAddress(Context ctx) {
        return clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** The client address for a request from {@code remote} carrying {@code forwardedFor} (may be null). */
    public String clientAddress(String remote, String forwardedFor) {
        String client = normal(remote);
        if (forwardedFor == null || !trusts(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normal(hops[i].strip());
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** An IP literal in its canonical form (brackets dropped); anything else unchanged. */
    private static String normal(String address) {
        if (address == null) {
            return "";
        }
        String a = address.length() > 1 && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        return literal(a).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                return a;
            }
        }).orElse(a);
    }

    private static Optional<byte[]> literal(String host) {
        if (host == null || host.isEmpty() || !LITERAL.matcher(host).matches()
                || (host.indexOf(':') < 0 && host.chars().filter(c -> c == '.').count() != 3)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
