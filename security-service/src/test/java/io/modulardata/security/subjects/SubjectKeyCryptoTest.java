package io.modulardata.security.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;

class SubjectKeyCryptoTest {

    private final byte[] tenantKey = SubjectKeyCrypto.newKey();
    private final byte[] subjectKey = SubjectKeyCrypto.newKey();

    @Test
    void aWrappedSubjectKeyUnwrapsOnlyForItsTenantAndKeyIdUnderItsTenantKey() {
        byte[] wrapped = SubjectKeyCrypto.wrap(tenantKey, "acme", "k1", subjectKey);
        assertThat(SubjectKeyCrypto.unwrap(tenantKey, "acme", "k1", wrapped)).isEqualTo(subjectKey);
        assertThatThrownBy(() -> SubjectKeyCrypto.unwrap(tenantKey, "acme", "k2", wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SubjectKeyCrypto.unwrap(tenantKey, "other", "k1", wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SubjectKeyCrypto.unwrap(SubjectKeyCrypto.newKey(), "acme", "k1", wrapped))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSealedFieldOpensWithTheFieldKeyButNotWithThePayloadKey() {
        SubjectEnvelope field = SubjectEnvelope.parse(SubjectKeyCrypto.sealField("k1", subjectKey, "Jane Roe"),
                SubjectEnvelope.Kind.FIELD).orElseThrow();
        assertThat(field.keyId()).isEqualTo("k1");
        assertThat(new String(FernetTokens.decrypt(field.token(), List.of(new VersionedKey(1, SubjectKeyCrypto.fieldKey(subjectKey))),
                Optional.empty()).plaintext())).isEqualTo("Jane Roe");
        assertThatThrownBy(() -> FernetTokens.decrypt(field.token(), List.of(new VersionedKey(1, subjectKey)), Optional.empty()))
                .isInstanceOf(FernetTokens.InvalidTokenException.class);
    }

    @Test
    void envelopesAreReadOnlyInTheirOwnKindAndShape() {
        assertThat(SubjectEnvelope.parse("mdps1.k1.gAAAA", SubjectEnvelope.Kind.PAYLOAD)).isPresent();
        assertThat(SubjectEnvelope.parse("mdps1.k1.gAAAA", SubjectEnvelope.Kind.FIELD)).isEmpty();
        for (String bad : new String[] {"gAAAA", "mdps1..gAAAA", "mdps1.k1.", "mdps1.k1.g.x", "mdps1k1gAAAA"}) {
            assertThat(SubjectEnvelope.parse(bad, SubjectEnvelope.Kind.PAYLOAD)).as(bad).isEmpty();
        }
    }
}
