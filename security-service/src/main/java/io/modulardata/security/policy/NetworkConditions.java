package io.modulardata.security.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * CIDR and UTC-hour-window checks. Addresses are literals read by {@link IpLiterals} (never a DNS lookup,
 * no regular expression); every input is length-capped before it is read. Plain class.
 */
public final class NetworkConditions {

    /** A literal address, '/' and a prefix length of up to 3 digits. */
    public static final int MAX_CIDR_LENGTH = IpLiterals.MAX_LENGTH + 4;

    private NetworkConditions() {
    }

    /** The address, or null when the text is not a literal IPv4/IPv6 address. */
    public static InetAddress address(String text) {
        byte[] bytes = IpLiterals.parse(text);
        if (bytes == null) {
            return null;
        }
        try {
            // From bytes, never a lookup. An IPv4-mapped address (::ffff:10.0.0.1) becomes its IPv4 address.
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("A parsed address has 4 or 16 bytes", e);
        }
    }

    public static boolean isValidCidr(String cidr) {
        return Cidr.parse(cidr) != null;
    }

    /** Whether {@code ip} lies in {@code cidr}, a CIDR already checked by {@link #isValidCidr}. */
    public static boolean inCidr(InetAddress ip, String cidr) {
        Cidr range = Cidr.parse(cidr);
        byte[] candidate = ip.getAddress();
        if (range == null || range.network().length != candidate.length) {
            return false;
        }
        for (int i = 0; i < range.bits(); i++) {
            int mask = 0x80 >> (i % 8);
            if ((range.network()[i / 8] & mask) != (candidate[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** "HH-HH", hours 00-24, start != end; the end hour is exclusive and a window may wrap midnight ("22-06"). */
    public static boolean isValidHours(String window) {
        return hours(window) != null;
    }

    public static boolean inHours(String window, int hourUtc) {
        int[] hours = hours(window);
        int start = hours[0];
        int end = hours[1];
        return start < end ? hourUtc >= start && hourUtc < end : hourUtc >= start || hourUtc < end;
    }

    private static int[] hours(String window) {
        if (window == null || window.length() != 5 || window.charAt(2) != '-') {
            return null;
        }
        int start = twoDigits(window, 0);
        int end = twoDigits(window, 3);
        if (start < 0 || end < 0 || start > 23 || end > 24 || start == end) {
            return null;
        }
        return new int[] {start, end};
    }

    private static int twoDigits(String text, int at) {
        char tens = text.charAt(at);
        char ones = text.charAt(at + 1);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (ones - '0');
    }

    /** A network address and its prefix length; the address is read as {@link #address} reads it. */
    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            if (text == null || text.length() > MAX_CIDR_LENGTH) {
                return null;
            }
            int slash = text.indexOf('/');
            int digits = text.length() - slash - 1;
            if (slash < 0 || digits < 1 || digits > 3) {
                return null;
            }
            int bits = 0;
            for (int i = slash + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                bits = bits * 10 + (c - '0');
            }
            InetAddress network = address(text.substring(0, slash));
            if (network == null || bits > network.getAddress().length * 8) {
                return null;
            }
            return new Cidr(network.getAddress(), bits);
        }
    }
}
