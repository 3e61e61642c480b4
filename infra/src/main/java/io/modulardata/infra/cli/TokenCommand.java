package io.modulardata.infra.cli;

import io.modulardata.infra.oidc.DemoUsers;
import io.modulardata.infra.oidc.PasswordGrant;
import io.modulardata.infra.oidc.ProviderUnreachableException;
import io.modulardata.infra.oidc.TokenRequestException;
import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.token.JwtKeys;
import io.modulardata.infra.token.Role;
import io.modulardata.infra.token.TokenIssuer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints an access token (JWT) that the local services accept.",
                "--role: signed here by the local signer (RS256; key pair in <data folder>/jwt,",
                "  made on first use). The services trust it with or without Keycloak.",
                "--user: from Keycloak (`up --with-keycloak`, or the issuer in MDP_OIDC_ISSUER),",
                "  password grant of its client " + TokenCommand.CLI_CLIENT + "; roles and tenant are the user's there."})
final class TokenCommand implements Callable<Integer> {

    static final String CLI_CLIENT = "modulardata-cli";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject who;

    static final class Subject {
        @Option(names = "--role", required = true, converter = RoleConverter.class,
                description = "platform-admin, tenant-admin, tenant-user or auditor")
        Role role;

        @Option(names = "--user", required = true, paramLabel = "NAME",
                description = "A Keycloak user, e.g. a demo user of the realm modulardata: acme-admin, acme-user, ...")
        String user;
    }

    @Option(names = "--password", description = "With --user; optional for the demo users (their password is their name).")
    String password;

    @Option(names = "--tenant", description = "With --role: tenant id (claim `tenant`); required for tenant-admin and tenant-user.")
    String tenant;

    @Option(names = "--subject", description = "With --role: sub and upn claims (default: local-<role>).")
    String subject;

    @Option(names = "--ttl", description = "With --role: lifetime in seconds (default: 3600).")
    Long ttlSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        System.out.println(who.user != null ? fromIssuer(settings) : signedLocally(settings));
        return 0;
    }

    /** Options that belong to the other kind of token are mistakes, not something to ignore silently. */
    void validate() {
        if (who.user != null && (tenant != null || subject != null || ttlSeconds != null)) {
            throw new ParameterException(spec.commandLine(), "--tenant, --subject and --ttl go with --role; with --user"
                    + " the tenant, subject and lifetime come from the identity provider");
        }
        if (who.role != null && password != null) {
            throw new ParameterException(spec.commandLine(), "--password goes with --user");
        }
    }

    private String signedLocally(PlatformSettings settings) {
        DataDir.prepare(settings.dataDir());
        JwtKeys keys = JwtKeys.loadOrCreate(settings.jwtDir());
        return new TokenIssuer(keys.privateKey(), settings.jwtIssuer())
                .issue(who.role, tenant, subject, Duration.ofSeconds(ttlSeconds == null ? 3600 : ttlSeconds));
    }

    private String fromIssuer(PlatformSettings settings) {
        String issuer = settings.tokenIssuer();
        DemoUsers demoUsers = DemoUsers.of(KeycloakServer.REALM);
        String secret = password != null ? password : demoUsers.password(who.user).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "'" + who.user + "' is not a demo user (" + demoUsers.names()
                        + "): give its --password"));
        try {
            return PasswordGrant.accessToken(issuer, CLI_CLIENT, who.user, secret);
        } catch (ProviderUnreachableException e) {
            if (settings.oidcIssuer().isPresent()) {
                throw e;
            }
            throw new TokenRequestException(e.getMessage() + ". Is Keycloak running? Start it with: infra/platform up"
                    + " --with-keycloak (infra/platform status shows it)", e);
        }
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
