package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Interoperability with an independent Fernet implementation: Python's {@code cryptography} package
 * (Debian python3-cryptography; .ci/run installs it when missing). Without it this test fails: it
 * must never be skipped silently.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class FernetInteropTest {

    private static final String PYTHON = """
            import sys
            from cryptography.fernet import Fernet
            key, mode, value = sys.argv[1], sys.argv[2], sys.argv[3]
            if mode == "generate":
                print(Fernet.generate_key().decode())
            elif mode == "encrypt":
                print(Fernet(key.encode()).encrypt(value.encode("utf-8")).decode())
            else:
                print(Fernet(key.encode()).decrypt(value.encode()).decode("utf-8"))
            """;
    private static final String DATA = "Grüße, interop ✓ " + "x".repeat(100);

    @BeforeAll
    static void pythonCryptographyIsInstalled() {
        Result probe = python("-c", "import cryptography");
        assertThat(probe.exit())
                .as("python3 with the 'cryptography' module is required for this test (Debian: apt-get install "
                        + "python3-cryptography); got: " + probe.output())
                .isZero();
    }

    @Test
    void tokensMadeHereDecryptInPythonAndTokensMadeInPythonDecryptHere() {
        String tenantId = SecurityApi.newTenantId();
        String key = run("generate", "-", "-");
        asAdmin().body(Map.of("fernetKey", key)).post("/tenants/{t}/keys/import", tenantId).then().statusCode(200);

        String ours = asAdmin().body(Map.of("data", DATA)).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(200).extract().path("encryptedPayload");
        assertThat(run("decrypt", key, ours)).isEqualTo(DATA);

        String theirs = run("encrypt", key, DATA);
        asAdmin().body(Map.of("encryptedPayload", theirs, "ttlSeconds", 600)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo(DATA));
    }

    private static String run(String mode, String key, String value) {
        Result result = python("-c", PYTHON, key, mode, value);
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output().strip();
    }

    private record Result(int exit, String output) {
    }

    private static Result python(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "python3 timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "python3 could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
