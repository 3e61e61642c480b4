package io.modulardata.audit.checkpoint;

import static io.modulardata.audit.support.AuditApi.as;
import static io.modulardata.audit.support.AuditApi.asAuditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.Grants;
import io.modulardata.audit.support.Insider;
import io.modulardata.audit.support.OwnerDb;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 11: the latest signed checkpoint is exported (an operator keeps the copy elsewhere) and checked against the
 * live log later, which finds a log rewritten before it even when the checkpoints in the database were signed again.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class CheckpointExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExportedLatestCheckpointMatchesTheLiveLog() throws Exception {
        ingest(3);
        JsonPath key = asAuditor().get("/audit/public-key").then().statusCode(200).extract().jsonPath();
        String exported = exportLatest();
        JsonPath checkpoint = JsonPath.from(exported);

        assertThat(checkpoint.getString("keyId")).isEqualTo(key.getString("keyId"));
        assertThat(checkpoint.getString("algorithm")).isEqualTo("Ed25519");
        byte[] publicKey = Base64.getDecoder().decode(key.getString("publicKeyPem").replaceAll("-----[A-Z ]+-----|\\s", ""));
        assertThat(checkpoint.getString("publicKeySha256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey)));
        assertThat(checkpoint.getString("previousCheckpointHash")).matches("[0-9a-f]{64}");
        assertThat(checkpoint.getString("checkpointHash")).matches("[0-9a-f]{64}");

        check(exported).body("valid", equalTo(true)).body("checkedEntries", equalTo(checkpoint.getInt("sequence")))
                .body("firstBrokenSequence", nullValue());
    }

    @Test
    void anExportedCheckpointFindsALogRewrittenAndSignedAgainBeforeIt() throws Exception {
        // Checkpoints are at most max-gap (5) entries apart: 8 entries put one after the second.
        List<Long> sequences = ingest(8);
        long edited = sequences.get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(exportLatest()).getLong("sequence") >= edited);
        String exported = exportLatest();
        long sequence = JsonPath.from(exported).getLong("sequence");

        // An insider with the signing key rewrites the chain from an entry before the exported checkpoint and signs
        // every checkpoint over it again: the log in the database is consistent with itself again.
        List<String> undo = new ArrayList<>(List.of(Insider.rewriteChain(edited, Insider.scalar("select max(sequence) from audit_entry"))));
        undo.addAll(List.of(Insider.resignCheckpoints(edited, signingKey())));
        try {
            asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
            check(exported).body("valid", equalTo(false)).body("firstBrokenSequence", equalTo((int) sequence))
                    .body("reason", containsString("the log was rewritten before it"));
        } finally {
            OwnerDb.tamper(undo.toArray(String[]::new));
        }
        check(exported).body("valid", equalTo(true));
    }

    @Test
    void anExportedCheckpointFindsEntriesDeletedFromTheEndOfTheLog() throws Exception {
        List<Long> sequences = ingest(8);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> JsonPath.from(exportLatest()).getLong("sequence") >= sequences.get(1));
        String exported = exportLatest();
        long cut = sequences.get(1);

        OwnerDb.tamper("create table audit_entry_saved as select * from audit_entry where sequence >= " + cut,
                "create table audit_checkpoint_saved as select * from audit_checkpoint where sequence >= " + cut,
                "delete from audit_checkpoint where sequence >= " + cut, "delete from audit_entry where sequence >= " + cut);
        try {
            check(exported).body("valid", equalTo(false)).body("firstBrokenSequence", equalTo((int) cut))
                    .body("reason", containsString("entries were deleted"));
        } finally {
            OwnerDb.tamper("insert into audit_entry select * from audit_entry_saved", "drop table audit_entry_saved",
                    "insert into audit_checkpoint select * from audit_checkpoint_saved", "drop table audit_checkpoint_saved");
        }
        check(exported).body("valid", equalTo(true));
    }

    @Test
    void aCheckpointThisServiceDidNotSignIsRefusedNamingTheField() throws Exception {
        ingest(1);
        String exported = exportLatest();
        ObjectNode genuine = (ObjectNode) JSON.readTree(exported);
        byte[] signature = Base64.getDecoder().decode(genuine.get("signature").asText());
        signature[0] ^= 1;
        Checkpoint stranger = SigningKey.generate().sign(genuine.get("sequence").asLong(), genuine.get("headHash").asText(),
                genuine.get("entryCount").asLong(), Instant.parse(genuine.get("createdAt").asText()),
                genuine.get("previousCheckpointHash").asText());

        refused(with(genuine, "signature", Base64.getEncoder().encodeToString(signature)), 422, "signature");
        refused(with(genuine, "headHash", "0".repeat(64)), 422, "signature");
        refused(with(genuine, "sequence", genuine.get("sequence").asLong() + 1), 422, "signature");
        refused(with(genuine, "checkpointHash", "0".repeat(64)), 422, "checkpointHash");
        refused(with(genuine, "publicKeySha256", "0".repeat(64)), 422, "publicKeySha256");
        ObjectNode strangers = with(genuine, "signature", stranger.signature());
        strangers.put("keyId", stranger.keyId());
        refused(strangers, 422, "keyId");
    }

    @Test
    void aMalformedCheckpointIsRefusedNamingTheField() throws Exception {
        ingest(1);
        ObjectNode genuine = (ObjectNode) JSON.readTree(exportLatest());

        refused("{\"sequence\": 5,", 400, null);
        refused(with(genuine, "headHash", "' OR 1=1 --"), 400, "headHash");
        refused(with(genuine, "signature", "not base64!"), 400, "signature");
        refused(with(genuine, "createdAt", "yesterday"), 400, "createdAt");
        refused(with(genuine, "sequence", "5"), 400, "sequence");
        refused(with(genuine, "sequence", 0), 400, "sequence");
        refused(with(genuine, "algorithm", "RSA"), 400, "algorithm");
        ObjectNode missing = genuine.deepCopy();
        missing.remove("keyId");
        refused(missing, 400, "keyId");
        ObjectNode unknown = genuine.deepCopy();
        unknown.put("trustMe", true);
        refused(unknown, 400, "trustMe");
        asAuditor().contentType(ContentType.JSON).post("/audit/checkpoints/verify").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAuditorsAndPlatformAdminsExportAndCheckCheckpoints() throws Exception {
        ingest(1);
        String exported = exportLatest();
        String tenant = TestEvents.newTenantId();
        for (String token : List.of(TestTokens.tenantAdmin(tenant), TestTokens.tenantUser(tenant))) {
            as(token).get("/audit/checkpoints/latest").then().statusCode(403);
            as(token).contentType(ContentType.JSON).body(exported).post("/audit/checkpoints/verify").then().statusCode(403);
        }
        given().get("/audit/checkpoints/latest").then().statusCode(401);
        as(TestTokens.platformAdmin()).contentType(ContentType.JSON).body(exported).post("/audit/checkpoints/verify").then()
                .statusCode(200).body("valid", equalTo(true));
    }

    private static String exportLatest() {
        return asAuditor().get("/audit/checkpoints/latest").then().statusCode(200).extract().asString();
    }

    private static ValidatableResponse check(String exported) {
        return asAuditor().contentType(ContentType.JSON).body(exported).post("/audit/checkpoints/verify").then().statusCode(200);
    }

    private static void refused(Object body, int status, String field) {
        ValidatableResponse answer = asAuditor().contentType(ContentType.JSON).body(body.toString())
                .post("/audit/checkpoints/verify").then().statusCode(status).contentType("application/problem+json");
        if (field != null) {
            answer.body("field", equalTo(field));
        }
    }

    private static ObjectNode with(ObjectNode checkpoint, String field, Object value) {
        ObjectNode changed = checkpoint.deepCopy();
        changed.set(field, JSON.valueToTree(value));
        return changed;
    }

    /** The service's own key, read from its file as an insider with access to the machine can. */
    private static SigningKey signingKey() {
        return SigningKey.loadOrCreate(Path.of(ConfigProvider.getConfig().getValue("modulardata.audit.signing-key-file", String.class)));
    }

    /** Publishes {@code count} events of a new tenant, waits until they are in the log, and returns their sequences. */
    private static List<Long> ingest(int count) {
        // The first test after the service started waits for its consumer to join the group, too.
        return Grants.ingest(TestEvents.newTenantId(), count, Duration.ofSeconds(90));
    }
}
