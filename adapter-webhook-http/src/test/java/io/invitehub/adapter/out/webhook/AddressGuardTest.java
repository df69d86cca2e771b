package io.invitehub.adapter.out.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSRF guard decides on resolved addresses. A scripted resolver stands in for DNS (names resolving to
 * private, metadata or mapped addresses, or to a public and a private one at once); nothing connects anywhere.
 */
class AddressGuardTest {
    private static final Map<String, String[]> DNS = Map.ofEntries(
            Map.entry("public.example", new String[] {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"}),
            Map.entry("private.example", new String[] {"10.1.2.3"}),
            Map.entry("metadata.example", new String[] {"169.254.169.254"}),
            Map.entry("mixed.example", new String[] {"93.184.216.34", "192.168.1.10"}),
            Map.entry("mapped.example", new String[] {"::ffff:10.0.0.1"}),
            Map.entry("loopback6.example", new String[] {"::1"}),
            Map.entry("ula.example", new String[] {"fd12:3456::1"}),
            Map.entry("nat64.example", new String[] {"64:ff9b::a00:1"}),
            Map.entry("sixtofour.example", new String[] {"2002:c0a8:0101::1"}),
            Map.entry("cgnat.example", new String[] {"100.64.0.1"}),
            Map.entry("zero.example", new String[] {"0.0.0.0"}));

    private static AddressGuard guard(boolean allowLoopback) {
        return new AddressGuard(host -> {
            String[] addresses = DNS.get(host);
            if (addresses == null) {
                return InetAddress.getAllByName(host); // literals only in this test
            }
            InetAddress[] out = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                out[i] = InetAddress.getByName(addresses[i]); // literals: no lookup
            }
            return out;
        }, allowLoopback);
    }

    @Test
    void publicAddressesPass() throws UnknownHostException {
        assertThat(guard(false).vet("public.example")).hasSize(2);
        assertThat(guard(false).vet("8.8.8.8")).hasSize(1);
    }

    @Test
    void privateLinkLocalMappedAndOtherInnerAddressesAreRefused() {
        for (String host : new String[] {"private.example", "metadata.example", "mixed.example", "mapped.example", "loopback6.example",
                "ula.example", "nat64.example", "sixtofour.example", "cgnat.example", "zero.example", "127.0.0.1", "172.16.0.5",
                "192.168.0.1", "169.254.0.1", "fe80::1", "224.0.0.1", "255.255.255.255", "192.0.2.10", "198.18.0.1"}) {
            assertThatThrownBy(() -> guard(false).vet(host)).as(host).isInstanceOf(AddressGuard.RefusedAddress.class)
                    .hasMessageContaining("not allowed for webhooks");
        }
    }

    @Test
    void theRefusalSaysWhichAddressAndWhy() {
        assertThatThrownBy(() -> guard(false).vet("mixed.example")).hasMessage(
                "mixed.example resolves to 192.168.1.10 (private): not allowed for webhooks");
        // the JDK reads an IPv4-mapped address as the IPv4 address itself
        assertThatThrownBy(() -> guard(false).vet("mapped.example")).hasMessageContaining("resolves to 10.0.0.1 (private)");
        assertThatThrownBy(() -> guard(false).vet("nat64.example")).hasMessageContaining("(IPv6 form of private)");
        assertThatThrownBy(() -> guard(false).vet("sixtofour.example")).hasMessageContaining("(IPv6 form of private)");
        assertThatThrownBy(() -> guard(false).vet("metadata.example")).hasMessageContaining("169.254.169.254 (link-local)");
    }

    @Test
    void theDevelopmentSettingAdmitsLoopbackAndNothingElse() throws UnknownHostException {
        assertThat(guard(true).vet("127.0.0.1")).hasSize(1);
        assertThat(guard(true).vet("loopback6.example")).hasSize(1);
        assertThatThrownBy(() -> guard(true).vet("private.example")).isInstanceOf(AddressGuard.RefusedAddress.class);
        assertThatThrownBy(() -> guard(true).vet("metadata.example")).isInstanceOf(AddressGuard.RefusedAddress.class);
    }
}
