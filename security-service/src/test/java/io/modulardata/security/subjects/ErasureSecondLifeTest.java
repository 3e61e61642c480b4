package io.modulardata.security.subjects;

import static io.modulardata.security.subjects.SubjectErasureTest.decrypt;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The second life, a fresh application over the same database: what the first life erased stays shredded. */
@QuarkusTest
@TestProfile(ErasureRestart.SecondLife.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class ErasureSecondLifeTest {

    @Test
    void anErasedSubjectStaysShreddedAfterARestartAndOthersStillDecrypt() {
        String tenantId = ErasureRestart.required(ErasureRestart.TENANT);
        String user = TestTokens.tenantUser(tenantId);
        decrypt(user, tenantId, ErasureRestart.required(ErasureRestart.SHREDDED)).then().statusCode(410)
                .body("type", endsWith("key-shredded"));
        decrypt(user, tenantId, ErasureRestart.required(ErasureRestart.KEPT)).then().statusCode(200)
                .body("data", equalTo("b's data"));
    }

    /** The shredding is read back from the database at start: the tenant stays offboarded and its data unreadable. */
    @Test
    void anOffboardedTenantStaysShreddedAfterARestart() {
        String tenantId = ErasureRestart.required(ErasureRestart.OFFBOARDED_TENANT);
        asAdmin().body(Map.of("encryptedPayload", ErasureRestart.required(ErasureRestart.OFFBOARDED_PAYLOAD)))
                .post("/tenants/{t}/decrypt", tenantId).then().statusCode(410).body("type", endsWith("key-shredded"));
        asAdmin().body(Map.of("data", "again")).post("/tenants/{t}/encrypt", tenantId).then().statusCode(410)
                .body("type", endsWith("tenant-offboarded"));
    }
}
