package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The root README's first command and every walk-through block of the module READMEs, run as written:
 * {@code infra/platform up --replicas 2} with every packaged service (and, without a kubeconfig, its emulated
 * Kubernetes cluster), then each bash block marked {@code <!-- walkthrough -->} of {@link #WALKTHROUGH_FILES},
 * file by file in that order and each file's blocks in its order, in one bash session, against instance 1 (the
 * documented ports). The same session then runs every read of the blocks again against instance 2, which
 * must answer what the walk-through made through instance 1. A marked block in any other markdown file of the
 * repository fails the build, so no walk-through can escape this test.
 */
class ReadmeWalkthroughIT {

    /** The files holding walk-through blocks, in the order one shell needs them: later blocks use what earlier ones made. */
    static final List<String> WALKTHROUGH_FILES = List.of("registry-service/README.md", "audit-service/README.md",
            "security-service/README.md", "deployment-service/README.md", "console/README.md");

    static final String MARKER = "<!-- walkthrough -->";
    /** A marker alone on its line; a marker quoted in prose does not count. */
    private static final Pattern MARKER_LINE = Pattern.compile("^" + Pattern.quote(MARKER) + "[ \\t]*$", Pattern.MULTILINE);
    /** The variables the walk-throughs address each service by, and the service's port variable. */
    private static final Map<String, String> SERVICE_VARIABLES = Map.of("REG", "MDP_REGISTRY_SERVICE_PORT",
            "AUD", "MDP_AUDIT_SERVICE_PORT", "SEC", "MDP_SECURITY_SERVICE_PORT", "DEP", "MDP_DEPLOYMENT_SERVICE_PORT",
            "CONSOLE", "MDP_CONSOLE_PORT");
    private static final String SECOND_PASS = "=== the reads again, against instance 2 ===";
    private static final Pattern MARKED_BLOCK = Pattern.compile("^" + Pattern.quote(MARKER) + "[ \\t]*\\n```bash\\n(.*?)^```",
            Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void theReadmeWalkthroughsWorkAgainstTheRealPlatform() throws Exception {
        List<String> blocks = new ArrayList<>();
        for (String file : WALKTHROUGH_FILES) {
            blocks.addAll(markedBlocks(Files.readString(PlatformProcess.REPO_ROOT.resolve(file))));
        }
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");

        List<String> reads = blocks.stream().flatMap(block -> reads(block).stream()).toList();
        assertThat(reads).as("reads of the walk-throughs").hasSizeGreaterThanOrEqualTo(10)
                .allMatch(read -> SERVICE_VARIABLES.keySet().stream().anyMatch(name -> read.contains("$" + name)),
                        "addresses a service by its variable");

        try (PlatformProcess platform = PlatformProcess.start(dataDir, "--replicas", "2")) {
            assertThat(platform.output())
                    .contains("registry-service", "deployment-service", "security-service", "audit-service")
                    .contains("Starting console on 127.0.0.1:")
                    .contains("deployments go to an EMULATED cluster");
            for (String variable : SERVICE_VARIABLES.values()) {
                String service = variable.substring("MDP_".length(), variable.length() - "_PORT".length())
                        .toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                assertThat(platform.output()).contains("Starting " + service + "-2 on 127.0.0.1:" + secondInstancePort(platform, variable));
            }
            PlatformProcess.Result status = platform.platform("status");
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).containsPattern("registry-service-2 +http://127\\.0\\.0\\.1:"
                    + secondInstancePort(platform, "MDP_REGISTRY_SERVICE_PORT") + " +answers");

            PlatformProcess.Result run = platform.bash("set -euo pipefail\n" + String.join("\n", blocks)
                    + "\necho '" + SECOND_PASS + "'\n" + pointAtSecondInstances(platform) + String.join("\n", reads) + "\n");

            assertThat(run.exitCode()).as(run.output()).isZero();
            String output = run.output();
            assertThat(output).contains(SECOND_PASS);
            String secondPass = output.substring(output.indexOf(SECOND_PASS));
            // instance 2 answers the reads with what instance 1 made: registry, audit, security, deployment, console
            assertThat(secondPass).as(secondPass)
                    .contains("\"componentKey\":\"etl-core-2.1.0\"")
                    .contains("\"valid\":true")
                    .contains("section,kind,name,value,sequence,occurredAt,eventType,eventId,actor,summary")
                    .contains("\"primaryVersion\":2,\"minDecryptionVersion\":2")
                    .contains("\"status\":\"ROLLED_BACK\"")
                    .contains("data-tenant=\"acme\"");
            // registry-service
            assertThat(output).as(output)
                    .contains("\"tenantId\":\"acme\"")
                    .contains("\"componentKey\":\"etl-core-2.1.0\"")
                    .contains("\"componentKey\":\"etl-core-2.2.0\"")
                    .contains("\"grantedBy\":\"local-platform-admin\"")
                    .contains("\"status\":\"DEPRECATED\"")
                    // the tenant registered in the original platform's spelling answers in ours
                    .contains("\"allowedDataEnvironments\":[\"DEVELOPMENT\",\"DISASTER_RECOVERY\"]");
            // audit-service: the walk-through's events were ingested, the chain verifies, the latest checkpoint is
            // exported and checks out against the live log, the report is CSV
            assertThat(output).as(output)
                    .contains("component etl-core 2.1.0 granted by local-platform-admin")
                    .contains("\"valid\":true")
                    .containsPattern("\"publicKeySha256\":\"[0-9a-f]{64}\"")
                    .contains("section,kind,name,value,sequence,occurredAt,eventType,eventId,actor,summary");
            // security-service: the round trip gives the data back, under key version 1 (from the token and from the
            // whole answer of encrypt) and after rewrap under 2; binary data comes back as base64; the original
            // platform's compliance keys are answered in ours
            assertThat(output).as(output)
                    .containsPattern("\\{\"data\":\"card 4111-1111\",\"dataEncoding\":\"utf8\",\"keyVersion\":2}")
                    .containsPattern("\\{\"data\":\"AP8Q\",\"dataEncoding\":\"base64\",\"keyVersion\":1}")
                    .containsPattern("invalid-token.*<- refused, as expected")
                    .containsPattern("\"framework\":\"GDPR\",\"configured\":true,\"settings\":\\{\"lawfulBasis\":\"consent\","
                            + "\"retentionDays\":730,");
            assertThat(Pattern.compile(Pattern.quote("{\"data\":\"card 4111-1111\",\"dataEncoding\":\"utf8\",\"keyVersion\":1}"))
                    .matcher(output).results().count()).as(output).isEqualTo(2);
            // deployment-service on the emulated cluster
            assertThat(output).as(output)
                    .containsPattern("deployment \\S+ of 2\\.1\\.0 is DEPLOYED")
                    .containsPattern("deployment \\S+ of 2\\.2\\.0 is DEPLOYING")
                    .containsPattern("deployment \\S+ of 2\\.2\\.0 is ROLLED_BACK")
                    .contains("\"field\":\"container.securityContext.capabilities.add[0]\"");
            // a tenant's dataStorageQuotaGb, below its tier's maximum, refuses the deploy with 422 naming the field
            assertThat(output).as(output)
                    .containsPattern("(?m)storage-quota-exceeded.*\"field\":\"container\\.storageGb\".* -> 422$")
                    .contains("Tenant 'globex' has a dataStorageQuotaGb of 100 GB and uses 0 GB; this deployment requests 150 GB more");
            // the console: a token signs in (303 to the overview), and its tenants page shows acme from registry-events
            assertThat(output).as(output).contains("console sign-in -> 303").contains("data-tenant=\"acme\"");
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void everyWalkthroughBlockOfTheRepositoryIsInAListedFile() throws IOException {
        assertThat(filesWithWalkthroughs(PlatformProcess.REPO_ROOT))
                .as("markdown files with %s blocks; add a new one to WALKTHROUGH_FILES where one shell needs it", MARKER)
                .containsExactlyInAnyOrderElementsOf(WALKTHROUGH_FILES);
    }

    @Test
    void findsAWalkthroughBlockInAnyMarkdownFileButNotInBuildOutput(@org.junit.jupiter.api.io.TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("some-module/docs"));
        Files.createDirectories(repo.resolve("some-module/target"));
        Files.writeString(repo.resolve("README.md"), "# no walk-through here, only " + MARKER + " quoted\n");
        Files.writeString(repo.resolve("some-module/docs/topic.md"), MARKER + "\n```bash\necho stray\n```\n");
        Files.writeString(repo.resolve("some-module/target/copy.md"), MARKER + "\n```bash\necho built\n```\n");

        assertThat(filesWithWalkthroughs(repo)).containsExactly("some-module/docs/topic.md");
    }

    @Test
    void takesOnlyTheTopLevelReadsOfABlock() {
        String block = "ADMIN=$(infra/platform token --role platform-admin)\n"
                + "curl -sS --fail-with-body -X POST $REG/tenants -H 'a' -d '{}'\n"
                + "curl -sS --fail-with-body \"$REG/tenants/acme/components?x=1\" \\\n  -H \"Authorization: Bearer $ADMIN\"\n"
                + "for i in 1 2; do\n  curl -sS $AUD/audit/events | grep x && break\ndone\n"
                + "curl -sS -o /dev/null -c \"$COOKIES\" --data-urlencode \"token=$ADMIN\" $CONSOLE/signin\n"
                + "CHECKPOINT=$(curl -sS $AUD/audit/checkpoints/latest)\n"
                + "curl -sS --fail-with-body $DEP/tenants/acme/metrics -H \"Authorization: Bearer $ADMIN\"\n";

        assertThat(reads(block)).containsExactly(
                "curl -sS --fail-with-body \"$REG/tenants/acme/components?x=1\"    -H \"Authorization: Bearer $ADMIN\"",
                "curl -sS --fail-with-body $DEP/tenants/acme/metrics -H \"Authorization: Bearer $ADMIN\"");
    }

    @Test
    void findsOnlyTheMarkedBashBlocksInOrder() {
        String readme = "# t\nquoted " + MARKER + " in prose\n```bash\nunmarked\n```\n" + MARKER + "\n```bash\nfirst\n```\ntext\n" + MARKER
                + "\n```bash\nsecond\nline\n```\n";
        assertThat(markedBlocks(readme)).containsExactly("first\n", "second\nline\n");
    }

    /**
     * The reads of a block: each top-level command (continuation lines joined) that starts with {@code curl} and
     * neither names a method nor sends data nor keeps cookies, so running it again changes nothing.
     */
    static List<String> reads(String block) {
        List<String> reads = new ArrayList<>();
        for (String command : block.replace("\\\n", " ").lines().toList()) {
            boolean topLevelCurl = command.startsWith("curl ");
            boolean writes = Stream.of(" -X ", " -d ", " --data", " -c ").anyMatch(command::contains);
            if (topLevelCurl && !writes) {
                reads.add(command);
            }
        }
        return reads;
    }

    /**
     * Sets each service's walk-through variable to its instance 2 (its port + 100), after signing in to the
     * console's instance 1 (the walk-through deletes its cookie jar): a session must hold on every instance.
     */
    private static String pointAtSecondInstances(PlatformProcess platform) {
        StringBuilder script = new StringBuilder("COOKIES=$(mktemp)\n"
                + "curl -sS -o /dev/null --fail-with-body -c \"$COOKIES\" --data-urlencode \"token=$ADMIN\" http://127.0.0.1:"
                + platform.env("MDP_CONSOLE_PORT") + "/signin\n");
        SERVICE_VARIABLES.forEach((name, port) -> script.append(name).append("=http://127.0.0.1:")
                .append(secondInstancePort(platform, port)).append('\n'));
        return script.toString();
    }

    private static int secondInstancePort(PlatformProcess platform, String portVariable) {
        return Integer.parseInt(platform.env(portVariable)) + 100;
    }

    /** Every markdown file under {@code root} (build output, hidden folders and node_modules left out) with a marker line. */
    static List<String> filesWithWalkthroughs(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> markdown = files.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .filter(file -> root.relativize(file).getNameCount() == 1 || !skipped(root.relativize(file).getParent()))
                    .filter(Files::isRegularFile).sorted().toList();
            List<String> marked = new ArrayList<>();
            for (Path file : markdown) {
                if (MARKER_LINE.matcher(Files.readString(file)).find()) {
                    marked.add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
            return marked;
        }
    }

    private static boolean skipped(Path folder) {
        for (Path part : folder) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The bash blocks right after a marker line, in order; none, or a marker without a block, fails. */
    static List<String> markedBlocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher block = MARKED_BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        long markers = MARKER_LINE.matcher(readme).results().count();
        assertThat(blocks).as("bash blocks marked %s", MARKER).isNotEmpty().hasSize((int) markers);
        return blocks;
    }
}
