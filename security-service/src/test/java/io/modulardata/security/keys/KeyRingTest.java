package io.modulardata.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRingTest {

    @Test
    void rotationAddsANewPrimaryAndKeepsOlderVersionsForDecryption() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion().withNewVersion();
        assertThat(ring.primaryVersion()).isEqualTo(3);
        assertThat(ring.decryptionVersions()).containsExactly(3, 2, 1);
        assertThat(ring.stateOf(3)).isEqualTo("primary");
        assertThat(ring.stateOf(1)).isEqualTo("active");
    }

    @Test
    void minDecryptionVersionCutsOffOlderVersions() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion().withNewVersion().withMinDecryptionVersion(2);
        assertThat(ring.decryptionVersions()).containsExactly(3, 2);
        assertThat(ring.stateOf(1)).isEqualTo("decryption_disabled");
        assertThat(ring.withNewVersion().decryptionVersions()).containsExactly(4, 3, 2);
    }

    @Test
    void minDecryptionVersionMustLieBetweenOneAndThePrimary() {
        KeyRing ring = KeyRing.empty("acme").withNewVersion().withNewVersion();
        assertThat(ring.minDecryptionVersionProblem(0)).isNotNull();
        assertThat(ring.minDecryptionVersionProblem(3)).isNotNull();
        assertThat(ring.minDecryptionVersionProblem(null)).isEqualTo("is required");
        assertThat(ring.minDecryptionVersionProblem(2)).isNull();
    }

    @Test
    void emptyRingDecryptsNothing() {
        assertThat(KeyRing.empty("acme").isEmpty()).isTrue();
        assertThat(KeyRing.empty("acme").decryptionVersions()).isEmpty();
    }
}
