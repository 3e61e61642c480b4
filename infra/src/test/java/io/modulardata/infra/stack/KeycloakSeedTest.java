package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakSeedTest {

    private static final Path DISTRIBUTION = Path.of("keycloak", "keycloak-26.7.3");

    @TempDir
    Path stack;

    @Test
    void aTakenDatabaseIsPlantedInANewHomeWithoutTheTraceLog() throws IOException {
        KeycloakSeed seed = KeycloakSeed.in(stack, DISTRIBUTION, KeycloakServer.REALMS);
        Path first = home("first", "imported realms");
        Files.writeString(first.resolve("data/h2/keycloakdb.trace.db"), "the first server's trace");
        assertThat(seed.exists()).isFalse();

        seed.take(first);
        Path second = stack.resolve("second");
        assertThat(seed.plant(second)).isTrue();

        assertThat(seed.exists()).isTrue();
        assertThat(second.resolve("data/h2/keycloakdb.mv.db")).hasContent("imported realms");
        assertThat(second.resolve("data/h2/keycloakdb.trace.db")).doesNotExist();
        try (var left = Files.list(seed.dir().getParent())) {
            assertThat(left).as("no partial copy left").containsExactly(seed.dir());
        }
    }

    @Test
    void aHomeWithADatabaseKeepsItAndTheFirstSeedStays() throws IOException {
        KeycloakSeed seed = KeycloakSeed.in(stack, DISTRIBUTION, KeycloakServer.REALMS);
        seed.take(home("first", "first import"));
        seed.take(home("other", "a later server's data"));

        Path used = home("used", "data of a server that ran");
        assertThat(seed.plant(used)).isFalse();
        assertThat(used.resolve("data/h2/keycloakdb.mv.db")).hasContent("data of a server that ran");
        Path fresh = stack.resolve("fresh");
        seed.plant(fresh);
        assertThat(fresh.resolve("data/h2/keycloakdb.mv.db")).hasContent("first import");
    }

    @Test
    void withoutASeedAHomeIsLeftAlone() throws IOException {
        Path fresh = stack.resolve("fresh");
        assertThat(KeycloakSeed.in(stack, DISTRIBUTION, KeycloakServer.REALMS).plant(fresh)).isFalse();
        assertThat(fresh).doesNotExist();
    }

    @Test
    void anotherDistributionOrOtherRealmsNeedTheirOwnSeed() {
        Path seed = KeycloakSeed.in(stack, DISTRIBUTION, KeycloakServer.REALMS).dir();

        assertThat(KeycloakSeed.in(stack, Path.of("keycloak", "keycloak-26.8.0"), KeycloakServer.REALMS).dir()).isNotEqualTo(seed);
        assertThat(KeycloakSeed.in(stack, DISTRIBUTION, List.of(KeycloakServer.REALM)).dir()).isNotEqualTo(seed);
        assertThat(KeycloakSeed.in(stack, DISTRIBUTION, KeycloakServer.REALMS).dir()).isEqualTo(seed);
    }

    private Path home(String name, String database) throws IOException {
        Path h2 = Files.createDirectories(stack.resolve(name).resolve("data/h2"));
        Files.writeString(h2.resolve("keycloakdb.mv.db"), database);
        return stack.resolve(name);
    }
}
