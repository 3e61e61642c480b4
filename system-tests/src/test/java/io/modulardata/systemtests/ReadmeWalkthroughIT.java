package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * README.md's first command and its curl walk-through, run as written: {@code infra/platform up}
 * with every packaged service, then the walk-through's bash block against it.
 */
class ReadmeWalkthroughIT {

    @Test
    void theReadmeWalkthroughWorksAgainstTheRealPlatform() throws Exception {
        String walkthrough = bashBlockAfter("## Walk-through with curl");
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");

        try (PlatformProcess platform = PlatformProcess.start(dataDir)) {
            assertThat(platform.output()).contains("registry-service", "deployment-service", "security-service", "audit-service");
            PlatformProcess.Result status = platform.platform("status");
            assertThat(status.exitCode()).as(status.output()).isZero();

            PlatformProcess.Result run = platform.bash("set -euo pipefail\n" + walkthrough);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output())
                    .contains("\"tenantId\":\"acme\"")
                    .contains("\"componentKey\":\"etl-core-2.1.0\"")
                    .contains("\"grantedBy\":\"local-platform-admin\"")
                    .contains("\"status\":\"DEPRECATED\"");
        }
        assertThat(dataDir).doesNotExist();
    }

    private static String bashBlockAfter(String heading) throws Exception {
        String readme = Files.readString(PlatformProcess.REPO_ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf(heading));
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a bash block under %s", heading).isTrue();
        return block.group(1);
    }
}
