package io.modulardata.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRingTest {

    @Test
    void rotationAddsANewPrimaryAndKeepsOlderVersionsForDecryption() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion().withNewVersion();
        assertThat(ring.primaryVersion()).isEqualTo(3);
        assertThat(ring.decryptionVersions(10)).containsExactly(3, 2, 1);
        assertThat(ring.stateOf(3, 10)).isEqualTo("primary");
        assertThat(ring.stateOf(1, 10)).isEqualTo("active");
    }

    @Test
    void minDecryptionVersionCutsOffOlderVersions() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion().withNewVersion().withMinDecryptionVersion(2);
        assertThat(ring.decryptionVersions(10)).containsExactly(3, 2);
        assertThat(ring.stateOf(1, 10)).isEqualTo("decryption_disabled");
        assertThat(ring.withNewVersion().decryptionVersions(10)).containsExactly(4, 3, 2);
    }

    @Test
    void minDecryptionVersionMustLieBetweenOneAndThePrimary() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion();
        assertThat(ring.minDecryptionVersionProblem(0, 10)).isNotNull();
        assertThat(ring.minDecryptionVersionProblem(3, 10)).isNotNull();
        assertThat(ring.minDecryptionVersionProblem(null, 10)).isEqualTo("is required");
        assertThat(ring.minDecryptionVersionProblem(2, 10)).isNull();
    }

    @Test
    void emptyRingDecryptsNothing() {
        assertThat(KeyRing.empty("acme").isEmpty()).isTrue();
        assertThat(KeyRing.empty("acme").decryptionVersions(10)).isEmpty();
    }

    @Test
    void atMostTheAllowedNumberOfVersionsMayDecrypt() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion().withNewVersion();
        assertThat(ring.newVersionProblem(4)).isNull();
        assertThat(ring.newVersionProblem(3)).contains("at most 3").contains("minDecryptionVersion");
        assertThat(ring.withMinDecryptionVersion(2).newVersionProblem(3)).isNull();
        assertThat(ring.minDecryptionVersionProblem(1, 2)).isEqualTo("must be at least 2: at most 2 key versions may decrypt");
        assertThat(ring.minDecryptionVersionProblem(2, 2)).isNull();
        // a ring above a limit lowered later: only the newest versions decrypt, the listing says so
        assertThat(ring.decryptionVersions(2)).containsExactly(3, 2);
        assertThat(ring.stateOf(1, 2)).isEqualTo("decryption_disabled");
        assertThat(ring.stateOf(2, 2)).isEqualTo("active");
    }
}
