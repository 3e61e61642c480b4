package io.modulardata.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void sortsMembersAndLeavesNoWhitespace() throws Exception {
        assertThat(CanonicalJson.string(JSON.readTree("{ \"b\": [1, {\"z\": true, \"a\": null}], \"a\": \"x\" }")))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void spellsNumbersOneWay() throws Exception {
        assertThat(CanonicalJson.string(JSON.readTree("[2.50, 2.0, 1e3, 0.0, -7, 12345678901234567890]")))
                .isEqualTo("[2.5,2,1000,0,-7,12345678901234567890]");
    }

    @Test
    void givesTheSameBytesForWhatJsonbHandsBack() throws Exception {
        // jsonb orders members by length and may respell numbers; the canonical form does not change.
        String written = "{\"usage\":512.25,\"quota\":\"storage\",\"limit\":500,\"note\":\"a \\\"b\\\" \\u00e9\"}";
        String fromJsonb = "{\"note\": \"a \\\"b\\\" é\", \"limit\": 500, \"quota\": \"storage\", \"usage\": 512.250}";
        assertThat(CanonicalJson.bytes(JSON.readTree(fromJsonb))).isEqualTo(CanonicalJson.bytes(JSON.readTree(written)));
    }
}
