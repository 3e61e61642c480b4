package io.modulardata.security.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CIDR and UTC-hour-window checks. Literal addresses only (never a DNS lookup). Plain class. */
public final class NetworkConditions {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern HOURS = Pattern.compile("(\\d{2})-(\\d{2})");

    private NetworkConditions() {
    }

    /** The address, or null when the text is not a literal IPv4/IPv6 address. */
    public static InetAddress address(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            if (IPV4.matcher(text).matches()) {
                for (String part : text.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return null;
                    }
                }
            }
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public static boolean isValidCidr(String cidr) {
        if (cidr == null) {
            return false;
        }
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            return false;
        }
        InetAddress network = address(parts[0]);
        return network != null && Integer.parseInt(parts[1]) <= network.getAddress().length * 8;
    }

    public static boolean inCidr(InetAddress ip, String cidr) {
        String[] parts = cidr.split("/");
        byte[] network = address(parts[0]).getAddress();
        byte[] candidate = ip.getAddress();
        if (network.length != candidate.length) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** "HH-HH", hours 00-24, start != end; the end hour is exclusive and a window may wrap midnight ("22-06"). */
    public static boolean isValidHours(String window) {
        Matcher m = window == null ? null : HOURS.matcher(window);
        if (m == null || !m.matches()) {
            return false;
        }
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(2));
        return start <= 23 && end <= 24 && start != end;
    }

    public static boolean inHours(String window, int hourUtc) {
        Matcher m = HOURS.matcher(window);
        m.matches();
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(2));
        return start < end ? hourUtc >= start && hourUtc < end : hourUtc >= start || hourUtc < end;
    }
}
