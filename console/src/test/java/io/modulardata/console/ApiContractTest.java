package io.modulardata.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.fixtures.OpenApiContract;

/**
 * The console's pages answer HTML, errors too, so of the contract in service-kit/docs/openapi.md it keeps the
 * summaries; and it serves Swagger UI without a token, like every service.
 */
@ConsoleTest
class ApiContractTest {

    @Test
    void everyPageHasASummary() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();

        assertThat(OpenApiContract.operations(document)).isNotEmpty();
        assertThat(OpenApiContract.missingSummaries(document)).isEmpty();
    }

    @Test
    void servesSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
