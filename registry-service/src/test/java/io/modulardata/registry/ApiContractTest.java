package io.modulardata.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.OpenApiContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI contract of service-kit/docs/openapi.md, and Swagger UI, served without a token. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class ApiContractTest {

    @Test
    void everyOperationHasASummaryAndProblemJsonResponses() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();

        assertThat(OpenApiContract.operations(document)).isNotEmpty();
        assertThat(OpenApiContract.violations(document)).isEmpty();
    }

    @Test
    void servesSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
