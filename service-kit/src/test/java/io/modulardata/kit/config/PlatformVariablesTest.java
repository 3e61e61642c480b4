package io.modulardata.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.identity.OrganisationIssuerSettings;
import io.modulardata.kit.command.GroupCommitConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Every variable a user sets starts with MDP_; the earlier names keep working, and the new name wins. */
class PlatformVariablesTest {

    /** As service-kit's shared configuration refers to a variable. */
    private static final Map<String, String> FILE = Map.of(
            "kafka.bootstrap.servers", "${MDP_KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:19092}",
            "modulardata.rollout.poll-interval", "${MDP_ROLLOUT_POLL_INTERVAL:1s}");

    @Test
    void aFileReadsItsVariableUnderTheNewName() {
        SmallRyeConfig config = config(Map.of("MDP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("kafka:9092");
    }

    @Test
    void theEarlierNameStillWorks() {
        SmallRyeConfig config = config(Map.of("KAFKA_BOOTSTRAP_SERVERS", "old-kafka:9092",
                "MODULARDATA_ROLLOUT_POLL_INTERVAL", "5s"));
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("old-kafka:9092");
        assertThat(config.getValue("modulardata.rollout.poll-interval", String.class)).isEqualTo("5s");
    }

    @Test
    void theNewNameWinsOverTheEarlierOne() {
        SmallRyeConfig config = config(Map.of("KAFKA_BOOTSTRAP_SERVERS", "old-kafka:9092", "MDP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("kafka:9092");
    }

    @Test
    void withNeitherTheFilesDefaultHolds() {
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("127.0.0.1:19092");
        assertThat(config.getValue("modulardata.rollout.poll-interval", String.class)).isEqualTo("1s");
    }

    @Test
    void aSettingOfAMappingIsReadFromItsMdpVariableBeforeTheEarlierOne() {
        GroupCommitConfig mapped = config(Map.of("MODULARDATA_GROUP_COMMIT_MAX_IN_FLIGHT", "3")).getConfigMapping(GroupCommitConfig.class);
        assertThat(mapped.maxInFlight()).isEqualTo(3);

        mapped = config(Map.of("MODULARDATA_GROUP_COMMIT_MAX_IN_FLIGHT", "3", "MDP_GROUP_COMMIT_MAX_IN_FLIGHT", "4"))
                .getConfigMapping(GroupCommitConfig.class);
        assertThat(mapped.maxInFlight()).isEqualTo(4);
        assertThat(mapped.maxEvents()).isEqualTo(512);
    }

    @Test
    void aSystemPropertyStillBeatsTheEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withInterceptors(new PlatformVariables())
                .withSources(new EnvConfigSource(Map.of("MDP_GROUP_COMMIT_MAX_IN_FLIGHT", "4"), EnvConfigSource.ORDINAL),
                        new PropertiesConfigSource(Map.of("modulardata.group-commit.max-in-flight", "7"), "system", 400))
                .withMapping(GroupCommitConfig.class).build();
        assertThat(config.getConfigMapping(GroupCommitConfig.class).maxInFlight()).isEqualTo(7);
    }

    /** identity's microprofile-config.properties refers to MDP_OIDC_*; the earlier MODULARDATA_OIDC_* still works. */
    @Test
    void theOrganisationsProviderIsReadFromItsMdpOidcVariables() {
        OrganisationIssuerSettings oidc = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                .withInterceptors(new PlatformVariables())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(Map.of("MDP_OIDC_ISSUER", "https://idp.example.com", "MDP_OIDC_ROLES_CLAIM", "roles",
                        "MDP_OIDC_CLOCK_SKEW", "0s", "MODULARDATA_OIDC_TENANT_CLAIM", "org"), EnvConfigSource.ORDINAL))
                .withMapping(OrganisationIssuerSettings.class)
                .build().getConfigMapping(OrganisationIssuerSettings.class);

        assertThat(oidc.issuer()).contains("https://idp.example.com");
        assertThat(oidc.rolesClaim()).isEqualTo("roles");
        assertThat(oidc.clockSkew()).isZero();
        assertThat(oidc.tenantClaim()).isEqualTo("org");
        assertThat(oidc.audience()).isEqualTo("modulardata");
    }

    @Test
    void namesAVariableAsTheEnvironmentDoes() {
        assertThat(PlatformVariables.variableOf("modulardata.rollout.lease-duration")).isEqualTo("MDP_ROLLOUT_LEASE_DURATION");
        assertThat(PlatformVariables.earlierName("MDP_POSTGRES_HOST")).isEqualTo("POSTGRES_HOST");
        assertThat(PlatformVariables.earlierName("MDP_MASTER_KEY_FILE")).isEqualTo("MODULARDATA_MASTER_KEY_FILE");
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withInterceptors(new PlatformVariables())
                .withSources(new EnvConfigSource(environment, EnvConfigSource.ORDINAL), new PropertiesConfigSource(FILE, "file", 250))
                .withMapping(GroupCommitConfig.class)
                .build();
    }
}
