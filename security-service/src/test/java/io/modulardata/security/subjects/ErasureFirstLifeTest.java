package io.modulardata.security.subjects;

import static io.modulardata.security.subjects.SubjectErasureTest.decrypt;
import static io.modulardata.security.subjects.SubjectErasureTest.encrypt;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The first life: a subject's key is used (and so held in memory), then erased; see ErasureSecondLifeTest. */
@QuarkusTest
@TestProfile(ErasureRestart.FirstLife.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class ErasureFirstLifeTest {

    @Test
    void erasesASubjectWhoseKeyThisInstanceHolds() {
        String tenantId = newTenantId();
        String user = TestTokens.tenantUser(tenantId);
        String shredded = encrypt(user, tenantId, "subject-a", "a's data", Map.of("name", "Subject A"));
        String kept = encrypt(user, tenantId, "subject-b", "b's data", Map.of());
        decrypt(user, tenantId, shredded).then().statusCode(200).body("data", equalTo("a's data"));
        asAdmin().post("/tenants/{t}/subjects/{s}/erasure", tenantId, "subject-a").then().statusCode(202);
        decrypt(user, tenantId, shredded).then().statusCode(410);
        System.setProperty(ErasureRestart.TENANT, tenantId);
        System.setProperty(ErasureRestart.SHREDDED, shredded);
        System.setProperty(ErasureRestart.KEPT, kept);
    }

    @Test
    void shredsAnOffboardedTenantWhoseKeysThisInstanceHolds() {
        String tenantId = newTenantId();
        String payload = SecurityApi.encrypt(tenantId, "the tenant's data");
        asAdmin().body(Map.of("encryptedPayload", payload)).post("/tenants/{t}/decrypt", tenantId).then().statusCode(200);
        SecurityApi.offboard(SecurityApi.offboarding(tenantId));
        System.setProperty(ErasureRestart.OFFBOARDED_TENANT, tenantId);
        System.setProperty(ErasureRestart.OFFBOARDED_PAYLOAD, payload);
    }
}
