package io.modulardata.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modulardata.systemtests.Endpoint.Service;

/**
 * The endpoint tables of the service READMEs, read the way a user reads them: the {@code ## API} section of
 * each service's README.md ({@link #README_OF}), each row's
 * operations (a row may name several, {@code `POST /tenants/{t}/encrypt/batch`, `/decrypt/batch`}) and
 * the roles that may call them ("same" repeats the row above).
 */
final class DocumentedEndpoints {

    /** One documented operation and the roles column of its row. */
    record Documented(Service service, String method, String path, String roles) {

        /** Whether a tenant-admin may call it (for its own tenant): "all", or tenant-admin named. */
        boolean admitsTenantAdmin() {
            return roles.startsWith("all") || roles.contains("tenant-admin");
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\| ((?:`[^`]+`(?:, )?)+) \\| ([^|]+) \\|");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern SYSTEM_TEST_COUNT = Pattern.compile("\\| `HostileInputIT` \\| (\\d+) endpoints");
    /** Where each service's API is documented. */
    static final Map<Service, String> README_OF = Map.of(
            Service.REGISTRY, "registry-service/README.md", Service.DEPLOYMENT, "deployment-service/README.md",
            Service.SECURITY, "security-service/README.md", Service.AUDIT, "audit-service/README.md");
    /** Where the system-test table with the {@code | `HostileInputIT` | N endpoints} row is. */
    static final String SYSTEM_TESTS_README = "system-tests/README.md";
    private static final String API_SECTION = "## API";

    private DocumentedEndpoints() {
    }

    static Path readme(String file) {
        return PlatformProcess.REPO_ROOT.resolve(file);
    }

    /** Every documented operation by {@link #key}. */
    static Map<String, Documented> read() throws IOException {
        Map<String, Documented> documented = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            documented.putAll(read(service, Files.readAllLines(readme(README_OF.get(service)))));
        }
        return documented;
    }

    /** The operations of the rows in the {@code ## API} section of one service's README. */
    static Map<String, Documented> read(Service service, List<String> lines) {
        Map<String, Documented> documented = new LinkedHashMap<>();
        boolean inApi = false;
        String previousRoles = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inApi = line.strip().equals(API_SECTION);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!inApi || !row.find()) {
                continue;
            }
            String roles = row.group(2).trim();
            roles = roles.equals("same") ? previousRoles : roles;
            previousRoles = roles;
            for (String[] operation : operations(row.group(1))) {
                Documented endpoint = new Documented(service, operation[0], operation[1], roles);
                documented.put(key(service, operation[0], operation[1]), endpoint);
            }
        }
        if (documented.isEmpty()) {
            throw new AssertionError(README_OF.get(service) + " has no endpoint table under '" + API_SECTION + "'");
        }
        return documented;
    }

    /** The number of endpoints the system-test table says HostileInputIT attacks. */
    static int attackedEndpointCount() throws IOException {
        Matcher count = SYSTEM_TEST_COUNT.matcher(Files.readString(readme(SYSTEM_TESTS_README)));
        if (!count.find()) {
            throw new AssertionError(SYSTEM_TESTS_README + "'s table has no '| `HostileInputIT` | N endpoints' row");
        }
        return Integer.parseInt(count.group(1));
    }

    /** Service, method and path with every path parameter written {@code {}}, without the query. */
    static String key(Service service, String method, String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return service.name().toLowerCase() + " " + method + " " + withoutQuery.replaceAll("\\{[^}]*}", "{}");
    }

    /** {@code METHOD /path} spans; a span without a method replaces as many trailing segments of the one before. */
    private static List<String[]> operations(String cell) {
        List<String[]> operations = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String span = code.group(1).trim();
            int space = span.indexOf(' ');
            if (space > 0 && span.substring(0, space).matches("[A-Z]+")) {
                operations.add(new String[] {span.substring(0, space), span.substring(space + 1)});
            } else if (!operations.isEmpty() && span.startsWith("/")) {
                String[] previous = operations.get(operations.size() - 1);
                String[] base = previous[1].split("/");
                int replaced = span.substring(1).split("/").length;
                String prefix = String.join("/", List.of(base).subList(0, base.length - replaced));
                operations.add(new String[] {previous[0], prefix + span});
            }
        }
        return operations;
    }
}
