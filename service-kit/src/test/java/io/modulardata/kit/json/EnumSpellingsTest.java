package io.modulardata.kit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.events.DataEnvironment;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.Problem;
import io.modulardata.kit.problem.ProblemMappers;

/** Request bodies read by the kit's ObjectMapper take our enum spelling and the original platform's. */
class EnumSpellingsTest {

    /** Spelled in JSON as its lowercase toString, like registry-service's clearance level. */
    enum Clearance {
        PUBLIC, INTERNAL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    record Body(DataEnvironment environment, List<DataEnvironment> environments, Clearance clearance) {
    }

    private final ObjectMapper mapper = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    private Body read(String environmentJson, String clearanceJson) throws JsonProcessingException {
        return mapper.readValue("{\"environment\": " + environmentJson + ", \"environments\": [\"STAGING\", " + environmentJson
                + "], \"clearance\": " + clearanceJson + "}", Body.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISASTER_RECOVERY", "disaster_recovery", "Disaster-Recovery", "disaster recovery", "dIsAsTeR-rEcOvErY"})
    void readsOursAndTheOriginalsSpellingInAnyCase(String spelling) throws Exception {
        Body body = read("\"" + spelling + "\"", "\"internal\"");
        assertThat(body.environment()).isEqualTo(DataEnvironment.DISASTER_RECOVERY);
        assertThat(body.environments()).containsExactly(DataEnvironment.STAGING, DataEnvironment.DISASTER_RECOVERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"internal", "INTERNAL", "Internal"})
    void readsAnEnumWhoseJsonFormIsLowercaseInAnyCase(String spelling) throws Exception {
        assertThat(read("\"STAGING\"", "\"" + spelling + "\"").clearance()).isEqualTo(Clearance.INTERNAL);
    }

    @Test
    void answersKeepOurSpelling() throws Exception {
        Body body = read("\"disaster-recovery\"", "\"INTERNAL\"");
        assertThat(mapper.writeValueAsString(body)).isEqualTo(
                "{\"environment\":\"DISASTER_RECOVERY\",\"environments\":[\"STAGING\",\"DISASTER_RECOVERY\"],\"clearance\":\"internal\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MOON", "disaster__recovery", "disaster.recovery", " staging", "st\u0430ging", "", "1"})
    void refusesAnUnknownValueNamingTheFieldAndOurSpellings(String spelling) {
        assertThat(problemOf("\"" + spelling + "\"", "\"internal\"").errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("environment");
            assertThat(error.message()).endsWith("allowed: DEVELOPMENT, STAGING, PRODUCTION, DISASTER_RECOVERY");
        });
        assertThat(problemOf("\"STAGING\"", "\"" + spelling + "\"").errors()).extracting(FieldError::message)
                .singleElement().asString().endsWith("allowed: public, internal");
    }

    @Test
    void refusesLookAlikeLettersThatUpperCaseToAValue() {
        // The dotless i upper-cases to I: "\u0131nternal".toUpperCase() is "INTERNAL".
        assertThat(problemOf("\"STAGING\"", "\"\u0131nternal\"").field()).isEqualTo("clearance");
    }

    @Test
    void keepsRefusingNumbersBooleansAndArraysForAnEnum() {
        for (String json : List.of("1", "0", "true", "[\"STAGING\"]", "{}")) {
            assertThat(problemOf(json, "\"internal\"").field()).as(json).isEqualTo("environment");
        }
    }

    @Test
    void keepsRefusingUnknownFields() {
        assertThatThrownBy(() -> mapper.readValue("{\"environment\": \"staging\", \"environmnet\": \"staging\"}", Body.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void parsesQueryAndPathValuesTheSameWay() {
        assertThat(EnumSpellings.parse(DataEnvironment.class, "Disaster-Recovery")).contains(DataEnvironment.DISASTER_RECOVERY);
        assertThat(EnumSpellings.parse(Clearance.class, "CONFIDENTIAL")).isEmpty();
        assertThat(EnumSpellings.parse(Clearance.class, null)).isEmpty();
        assertThat(EnumSpellings.canonical("Data-Throughput", List.of("cpu", "data_throughput"))).contains("data_throughput");
        assertThat(EnumSpellings.canonical("gpu", List.of("cpu", "data_throughput"))).isEmpty();
        assertThat(EnumSpellings.choices(Clearance.class)).isEqualTo("public, internal");
    }

    private Problem problemOf(String environmentJson, String clearanceJson) {
        try {
            read(environmentJson, clearanceJson);
        } catch (JsonProcessingException e) {
            return (Problem) new ProblemMappers().malformedJson(e).getEntity();
        }
        throw new AssertionError("accepted " + environmentJson + " / " + clearanceJson);
    }
}
