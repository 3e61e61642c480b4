package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * README.md's first command and every walk-through block in it, run as written: {@code infra/platform up}
 * with every packaged service (and, without a kubeconfig, its emulated Kubernetes cluster), then each
 * bash block marked {@code <!-- walkthrough -->}, in README order, in one bash session.
 */
class ReadmeWalkthroughIT {

    static final String MARKER = "<!-- walkthrough -->";
    /** A marker alone on its line; a marker quoted in prose does not count. */
    private static final Pattern MARKER_LINE = Pattern.compile("^" + Pattern.quote(MARKER) + "[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern MARKED_BLOCK = Pattern.compile("^" + Pattern.quote(MARKER) + "[ \\t]*\\n```bash\\n(.*?)^```",
            Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void theReadmeWalkthroughsWorkAgainstTheRealPlatform() throws Exception {
        List<String> blocks = markedBlocks(Files.readString(PlatformProcess.REPO_ROOT.resolve("README.md")));
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");

        try (PlatformProcess platform = PlatformProcess.start(dataDir)) {
            assertThat(platform.output())
                    .contains("registry-service", "deployment-service", "security-service", "audit-service")
                    .contains("Starting console on 127.0.0.1:")
                    .contains("deployments go to an EMULATED cluster");
            PlatformProcess.Result status = platform.platform("status");
            assertThat(status.exitCode()).as(status.output()).isZero();

            PlatformProcess.Result run = platform.bash("set -euo pipefail\n" + String.join("\n", blocks));

            assertThat(run.exitCode()).as(run.output()).isZero();
            String output = run.output();
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
            // the console: a token signs in (303 to the overview), and its tenants page shows acme from registry-events
            assertThat(output).as(output).contains("console sign-in -> 303").contains("data-tenant=\"acme\"");
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void findsOnlyTheMarkedBashBlocksInOrder() {
        String readme = "# t\nquoted " + MARKER + " in prose\n```bash\nunmarked\n```\n" + MARKER + "\n```bash\nfirst\n```\ntext\n" + MARKER
                + "\n```bash\nsecond\nline\n```\n";
        assertThat(markedBlocks(readme)).containsExactly("first\n", "second\nline\n");
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
