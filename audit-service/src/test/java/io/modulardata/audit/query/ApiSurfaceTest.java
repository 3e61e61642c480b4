package io.modulardata.audit.query;

import static io.modulardata.audit.support.AuditApi.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.OpenApiContract;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * audit-service has no event store, so the kit's read-model rebuild is left out of it: neither served nor
 * listed in its OpenAPI document (which HostileInputIT compares with its attack table). What it serves keeps
 * the contract of service-kit/docs/openapi.md, and Swagger UI is served without a token.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class ApiSurfaceTest {

    @Test
    void theLeftOutRebuildEndpointIsNeitherServedNorListed() {
        as(TestTokens.platformAdmin()).post("/admin/read-models/rebuild").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/audit/verify"))
                .body(not(containsString("/admin/read-models/rebuild")));
    }

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
