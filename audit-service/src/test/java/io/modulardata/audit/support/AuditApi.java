package io.modulardata.audit.support;

import static io.restassured.RestAssured.given;

import io.modulardata.fixtures.TestTokens;
import io.restassured.specification.RequestSpecification;

/** Calls audit-service the way a client does. */
public final class AuditApi {

    private AuditApi() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static RequestSpecification asAuditor() {
        return as(TestTokens.auditor());
    }
}
