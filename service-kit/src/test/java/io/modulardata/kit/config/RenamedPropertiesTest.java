package io.modulardata.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.kit.command.GroupCommitConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A setting that moved to the kit keeps working under its earlier name; the new name wins when both are set. */
class RenamedPropertiesTest {

    @Test
    void theEarlierNameIsReadWhenTheNewOneIsNotSet() {
        GroupCommitConfig config = configOf(Map.of("modulardata.security.group-commit.max-in-flight", "3"));
        assertThat(config.maxInFlight()).isEqualTo(3);
        assertThat(config.maxEvents()).isEqualTo(512);
    }

    @Test
    void theNewNameWins() {
        GroupCommitConfig config = configOf(Map.of("modulardata.security.group-commit.max-in-flight", "3",
                "modulardata.group-commit.max-in-flight", "4"));
        assertThat(config.maxInFlight()).isEqualTo(4);
    }

    private static GroupCommitConfig configOf(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withInterceptors(new RenamedProperties())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(GroupCommitConfig.class)
                .build();
        return config.getConfigMapping(GroupCommitConfig.class);
    }
}
