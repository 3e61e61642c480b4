package io.modulardata.infra.cli;

import io.modulardata.infra.token.Role;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument parsing of {@code token}: --role signs locally, --user asks Keycloak; never both. */
class TokenCommandTest {

    @Test
    void userNeedsNoPassword() {
        TokenCommand command = parse("--user", "acme-admin");

        assertThat(command.who.user).isEqualTo("acme-admin");
        assertThat(command.who.role).isNull();
        assertThat(command.password).isNull();
    }

    @Test
    void userTakesAPassword() {
        TokenCommand command = parse("--user", "bob", "--password", "s3cret");

        assertThat(command.who.user).isEqualTo("bob");
        assertThat(command.password).isEqualTo("s3cret");
    }

    @Test
    void roleWithTenantStillParsesAsBefore() {
        TokenCommand command = parse("--role", "tenant-admin", "--tenant", "acme", "--ttl", "60");

        assertThat(command.who.role).isEqualTo(Role.TENANT_ADMIN);
        assertThat(command.who.user).isNull();
        assertThat(command.tenant).isEqualTo("acme");
        assertThat(command.ttlSeconds).isEqualTo(60);
    }

    @Test
    void roleAndUserAreMutuallyExclusive() {
        assertThatThrownBy(() -> parse("--role", "auditor", "--user", "acme-admin"))
                .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class)
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void needsRoleOrUser() {
        assertThatThrownBy(() -> parse("--tenant", "acme"))
                .isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--role")
                .hasMessageContaining("--user");
    }

    @Test
    void refusesTenantSubjectOrTtlWithUser() {
        for (String option : new String[] {"--tenant", "--subject", "--ttl"}) {
            StringWriter err = new StringWriter();
            int exitCode = execute(err, "--user", "acme-admin", option, "1");

            assertThat(exitCode).as(option).isEqualTo(2);
            assertThat(err.toString()).contains("go with --role");
        }
    }

    @Test
    void refusesPasswordWithRole() {
        StringWriter err = new StringWriter();

        assertThat(execute(err, "--role", "auditor", "--password", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--password goes with --user");
    }

    private static TokenCommand parse(String... args) {
        TokenCommand command = new TokenCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static int execute(StringWriter err, String... args) {
        return new CommandLine(new TokenCommand()).setErr(new PrintWriter(err)).execute(args);
    }
}
