package io.modulardata.kubernetes;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One write the Kubernetes API emulation answered, as it logs it (one line each, like a kube-apiserver audit
 * log's request entries): when, the verb, the object's path without its query (for a create, the collection's path
 * and the name the body gives), the answer's status code, and
 * the client's User-Agent, which tells which instance of a service wrote.
 */
public record ClusterWrite(Instant at, String method, String path, int status, String userAgent) {

    private static final String PREFIX = "cluster-write ";
    private static final Pattern LINE = Pattern.compile(Pattern.quote(PREFIX) + "(\\S+) (\\S+) (\\S+) (\\d{3}) (.*)$");

    /** The log line of this write. */
    public String line() {
        return PREFIX + at + " " + method + " " + path + " " + status + " " + userAgent;
    }

    /** The write a log line records, if it is such a line. */
    public static Optional<ClusterWrite> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new ClusterWrite(Instant.parse(matcher.group(1)), matcher.group(2), matcher.group(3),
                Integer.parseInt(matcher.group(4)), matcher.group(5)));
    }

    static boolean isWrite(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** The path without its query string: the object (or collection) written. */
    static String objectPath(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
