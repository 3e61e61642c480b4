package io.modulardata.security.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    /** 100,000 colons and one character that is not: minutes of backtracking for the regular expression this replaced. */
    static final String PATHOLOGICAL_ADDRESS = ":".repeat(100_000) + "x";

    @Test
    void readsIpv4AndIpv6LiteralsToTheSameBytesAsTheJdk() throws Exception {
        for (String literal : List.of("0.0.0.0", "10.1.2.3", "255.255.255.255", "::", "::1", "1::", "2001:db8::7",
                "2001:DB8:0:0:0:0:0:1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "fe80::1:2",
                "::ffff:10.1.2.3", "2001:db8::10.0.0.1", "1:2:3:4:5:6:1.2.3.4",
                "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")) {
            // The JDK parses a literal without a lookup; it serves here as the reference.
            byte[] expected = InetAddress.getByName(literal).getAddress();
            byte[] parsed = IpLiterals.parse(literal);
            if (expected.length == 4 && parsed.length == 16) {
                // The JDK turns an IPv4-mapped address into its IPv4 address; NetworkConditions.address does too.
                assertThat(NetworkConditions.address(literal).getAddress()).as(literal).isEqualTo(expected);
            } else {
                assertThat(parsed).as(literal).isEqualTo(expected);
            }
        }
    }

    @Test
    void refusesWhatIsNotAPlainLiteral() {
        for (String text : List.of("", " ", "localhost", "example.com", "010.0.0.1", "1.2.3.04", "10.0.0.256", "10.0.0",
                "10.0.0.1.", ".10.0.0.1", "10..0.1", "1.2.3.4.5", " 10.0.0.1", "10.0.0.1\n", "+1.2.3.4", "١.٢.٣.٤",
                ":", ":::", "1:", ":1", ":1::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
                "12345::", "g::", "::ffff:1.2.3", "1::.", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::1a.2.3.4",
                "fe80::1%eth0", "fe80::1%1", "[::1]", "::1/128", "0000:0000:0000:0000:0000:ffff:192.168.100.1000")) {
            assertThat(IpLiterals.parse(text)).as("'%s'", text).isNull();
        }
        assertThat(IpLiterals.parse(null)).isNull();
    }

    @Test
    void aPathologicalLongInputIsRefusedAtOnce() {
        for (String pathological : List.of(PATHOLOGICAL_ADDRESS, "1:".repeat(50_000) + "x",
                "1.".repeat(50_000) + "x", "a".repeat(100_000))) {
            long started = System.nanoTime();
            byte[] parsed = IpLiterals.parse(pathological);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(parsed).isNull();
            assertThat(took).isLessThan(Duration.ofMillis(100));
            assertThat(NetworkConditions.isValidCidr(pathological + "/8")).isFalse();
        }
    }

    @Test
    void cidrsKeepTheirMeaning() throws Exception {
        assertThat(NetworkConditions.isValidCidr("10.0.0.0/8")).isTrue();
        assertThat(NetworkConditions.isValidCidr("2001:db8::/32")).isTrue();
        assertThat(NetworkConditions.isValidCidr("::1/128")).isTrue();
        for (String bad : List.of("10.0.0.0/33", "::/129", "10.0.0.0", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/-1",
                "10.0.0.0/1234", "/8", "example.com/8")) {
            assertThat(NetworkConditions.isValidCidr(bad)).as(bad).isFalse();
        }
        assertThat(NetworkConditions.inCidr(InetAddress.getByName("10.9.8.7"), "10.0.0.0/8")).isTrue();
        assertThat(NetworkConditions.inCidr(InetAddress.getByName("11.0.0.1"), "10.0.0.0/8")).isFalse();
        assertThat(NetworkConditions.inCidr(InetAddress.getByName("2001:db8:ffff::1"), "2001:db8::/32")).isTrue();
        assertThat(NetworkConditions.inCidr(InetAddress.getByName("10.0.0.1"), "2001:db8::/32")).isFalse();
        assertThat(NetworkConditions.inCidr(InetAddress.getByName("1.2.3.4"), "0.0.0.0/0")).isTrue();
    }
}
