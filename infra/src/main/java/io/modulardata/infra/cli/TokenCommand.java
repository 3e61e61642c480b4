package io.modulardata.infra.cli;

import io.modulardata.infra.token.JwtKeys;
import io.modulardata.infra.token.Role;
import io.modulardata.infra.token.TokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints a signed RS256 JWT that the local services accept.",
                "The key pair lives in <data folder>/jwt and is made on first use."})
final class TokenCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, converter = RoleConverter.class,
            description = "platform-admin, tenant-admin, tenant-user or auditor")
    Role role;

    @Option(names = "--tenant", description = "Tenant id (claim `tenant`); required for tenant-admin and tenant-user.")
    String tenant;

    @Option(names = "--subject", description = "sub and upn claims (default: local-<role>).")
    String subject;

    @Option(names = "--ttl", defaultValue = "3600", description = "Lifetime in seconds (default: ${DEFAULT-VALUE}).")
    long ttlSeconds;

    @Override
    public Integer call() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        DataDir.prepare(settings.dataDir());
        JwtKeys keys = JwtKeys.loadOrCreate(settings.jwtDir());
        String token = new TokenIssuer(keys.privateKey(), settings.jwtIssuer())
                .issue(role, tenant, subject, Duration.ofSeconds(ttlSeconds));
        System.out.println(token);
        return 0;
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
