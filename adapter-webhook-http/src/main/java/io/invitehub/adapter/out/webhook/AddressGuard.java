package io.invitehub.adapter.out.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The SSRF guard (ADR 42): a webhook host is resolved once, here, and every address it resolves to must be
 * public — not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the
 * cloud metadata address, fe80::/10), carrier-grade NAT (100.64/10), unspecified, multicast, broadcast,
 * reserved or benchmarking ranges, nor an IPv6 form of any of them (IPv4-mapped, -compatible, 6to4, NAT64).
 * One bad address refuses the host (a name with a public and a private address is not sent to either). The
 * HTTP client connects only to the addresses answered here, so the name cannot resolve differently between
 * the check and the connection. The development setting lets loopback through (tests with a local
 * receiver); nothing lets private or link-local addresses through.
 */
public final class AddressGuard {

    /** Resolves a host name to its addresses (the JVM's resolver; tests give their own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host whose addresses are not all allowed. */
    public static final class RefusedAddress extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddress(String message) {
            super(message);
        }
    }

    private final Resolver resolver;
    private final boolean allowLoopback;

    public AddressGuard(Resolver resolver, boolean allowLoopback) {
        this.resolver = resolver;
        this.allowLoopback = allowLoopback;
    }

    /** The JVM's resolver. */
    public static AddressGuard system(boolean allowLoopback) {
        return new AddressGuard(InetAddress::getAllByName, allowLoopback);
    }

    /** The host's addresses, all allowed; otherwise {@link RefusedAddress} naming the first refused one. */
    public InetAddress[] vet(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                throw new RefusedAddress(host + " resolves to " + address.getHostAddress() + " (" + why + "): not allowed for webhooks");
            }
        }
        return Arrays.copyOf(addresses, addresses.length);
    }

    /** Why this address may not be called, or null when it may. */
    String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback";
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                String why = refusal(embedded);
                return why == null ? null : "IPv6 form of " + why;
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique local";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
                return "link-local";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "site-local";
            }
            if (address.isAnyLocalAddress()) {
                return "unspecified";
            }
            if (address.isMulticastAddress()) {
                return "multicast";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation";
            }
            return null;
        }
        return refusalV4((Inet4Address) address);
    }

    private String refusalV4(Inet4Address address) {
        byte[] b = address.getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return allowLoopback ? null : "loopback";
        }
        if (a0 == 0) {
            return "unspecified";
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "carrier-grade NAT";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "IETF protocol assignments";
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "documentation";
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return "benchmarking";
        }
        if (a0 >= 224) {
            return a0 < 240 ? "multicast" : "reserved";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, 6to4 or NAT64 (64:ff9b::/96) address; null otherwise. */
    private static InetAddress embeddedIpv4(byte[] b) {
        try {
            boolean zeros80 = allZero(b, 0, 10);
            if (zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if (zeros80 && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 15)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** For a log line: the addresses a host resolved to. */
    static String describe(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).reduce((x, y) -> x + ", " + y).orElse("-");
    }
}
