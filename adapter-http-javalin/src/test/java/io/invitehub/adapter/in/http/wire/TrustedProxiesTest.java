package io.invitehub.adapter.in.http.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "172.16.0.0/12"));

    @Test
    void addressesAndCidrRangesOfBothFamilies() {
        assertThat(proxies.trusts("10.255.0.1")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.7")).isTrue();
        assertThat(proxies.trusts("192.168.1.8")).isFalse();
        assertThat(proxies.trusts("172.31.255.255")).isTrue();
        assertThat(proxies.trusts("172.32.0.0")).isFalse();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("example.com")).as("never a DNS name").isFalse();
    }

    @Test
    void theClientIsTheRightmostForwardedAddressThatIsNotATrustedProxy() {
        assertThat(proxies.clientAddress("10.0.0.2", "198.51.100.1, 203.0.113.7, 10.0.0.9")).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("203.0.113.9", "198.51.100.1")).as("remote not trusted").isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress("10.0.0.2", null)).isEqualTo("10.0.0.2");
        assertThat(proxies.clientAddress("10.0.0.2", "10.0.0.3")).as("all trusted: the leftmost").isEqualTo("10.0.0.3");
        assertThat(proxies.clientAddress("[fd00::1]", "2001:db8:0:0:0:0:0:1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void anythingButLiteralsAndValidPrefixesIsRefused() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.internal"))).hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("0..32");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0/8"))).isInstanceOf(IllegalArgumentException.class);
    }
}
