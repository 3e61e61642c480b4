package io.modulardata.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiContractTest {

    private static final String COMPONENTS = """
            "components": {"responses": {
              "NotFound": {"description": "x", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "Unauthorized": {"description": "x", "content": {"application/problem+json": {}}},
              "Forbidden": {"description": "x", "content": {"application/problem+json": {}}}}}""";

    @Test
    void acceptsSummariesAndProblemResponsesByReference() {
        String document = """
                {"paths": {"/tenants/{tenantId}": {"get": {"summary": "Get one tenant", "security": [{"SecurityScheme": []}],
                  "responses": {"200": {"description": "OK", "content": {"application/json": {}}},
                                "401": {"$ref": "#/components/responses/Unauthorized"},
                                "403": {"$ref": "#/components/responses/Forbidden"},
                                "404": {"$ref": "#/components/responses/NotFound"}}}}},
                """ + COMPONENTS + "}";

        assertThat(OpenApiContract.violations(document)).isEmpty();
        assertThat(OpenApiContract.operations(document)).containsExactly("GET /tenants/{tenantId}");
    }

    @Test
    void namesEveryOperationThatBreaksTheContract() {
        String document = """
                {"paths": {
                  "/a": {"post": {"summary": " ", "responses": {"400": {"description": "Bad Request"}}}},
                  "/b": {"get": {"summary": "B", "security": [{"SecurityScheme": []}],
                         "responses": {"200": {"description": "OK"}, "401": {"description": "Not Authorized"},
                                       "404": {"$ref": "#/components/responses/Gone"},
                                       "503": {"description": "x", "content": {"application/json": {}}}}}}},
                """ + COMPONENTS + "}";

        assertThat(OpenApiContract.violations(document)).containsExactlyInAnyOrder(
                "POST /a: no summary",
                "POST /a: no success (2xx) response",
                "POST /a: 400 answers no content, not application/problem+json",
                "GET /b: secured but does not list 403",
                "GET /b: 401 answers no content, not application/problem+json",
                "GET /b: 404 refers to #/components/responses/Gone, which is not defined",
                "GET /b: 503 answers [application/json], not application/problem+json");
        assertThat(OpenApiContract.missingSummaries(document)).containsExactly("POST /a: no summary");
    }
}
