package io.modulardata.security.policy;

import java.util.Arrays;

/**
 * Reads literal IPv4 and IPv6 addresses character by character, as Python's {@code ipaddress} does: no
 * regular expression (nothing to backtrack), no DNS, and nothing longer than {@link #MAX_LENGTH} is looked
 * at. IPv4 parts are decimal without leading zeros (some parsers read "010" as octal 8); IPv6 takes
 * 1-4 hex digits per group, one "::" and an IPv4 address in the last 32 bits; zone ids ("%eth0") are not
 * addresses. Plain class.
 */
public final class IpLiterals {

    /** The longest textual IPv6 address, {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    public static final int MAX_LENGTH = 45;
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_GROUPS = 8;

    private IpLiterals() {
    }

    /** The 4 or 16 bytes of a literal address, or null when the text is not one. */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            byte[] address = new byte[IPV4_BYTES];
            return ipv4(text, 0, address, 0) ? address : null;
        }
        return ipv6(text);
    }

    /** Reads {@code text[from..]} as a dotted quad into {@code target[offset..offset+3]}. */
    private static boolean ipv4(String text, int from, byte[] target, int offset) {
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == IPV4_BYTES - 1) {
                    return false;
                }
                target[offset + part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (digits == 0 || part != IPV4_BYTES - 1) {
            return false;
        }
        target[offset + part] = (byte) value;
        return true;
    }

    private static byte[] ipv6(String text) {
        byte[] address = new byte[16];
        int length = text.length();
        int groups = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            if (groups == IPV6_GROUPS) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && i - start <= 4 && hex(text.charAt(i)) >= 0) {
                value = value << 4 | hex(text.charAt(i));
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                // An IPv4 address ends the text and fills the last two groups.
                if (groups > IPV6_GROUPS - 2 || !ipv4(text, start, address, groups * 2)) {
                    return null;
                }
                groups += 2;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            address[groups * 2] = (byte) (value >> 8);
            address[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':' || i + 1 == length) {
                return null;
            }
            i++;
            if (text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = groups;
                i++;
            }
        }
        if (gap < 0) {
            return groups == IPV6_GROUPS ? address : null;
        }
        if (groups == IPV6_GROUPS) {
            return null; // "::" stands for at least one group of zeros
        }
        int tailBytes = (groups - gap) * 2;
        System.arraycopy(address, gap * 2, address, 16 - tailBytes, tailBytes);
        Arrays.fill(address, gap * 2, 16 - tailBytes, (byte) 0);
        return address;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
