package io.modulardata.deployment.rollout;

import static io.restassured.RestAssured.given;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the rollout test classes share: a fresh {@link RolloutScene} for every test, opened through the
 * registry events and closed after it. Each subclass keeps its own {@code @QuarkusTest} set-up.
 */
abstract class RolloutTestBase {

    @Inject
    KubernetesClient client;

    @Inject
    RegistryFacts facts;

    @Inject
    RegistryEventsPublisher registry;

    /** The Prometheus scrape, on the management interface (its own port). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    RolloutScene scene;

    @BeforeEach
    void openScene() {
        scene = RolloutScene.open(registry, client, facts);
    }

    @AfterEach
    void closeScene() {
        scene.close();
    }

    /**
     * The scrape's text, for AssertJ: a RestAssured body matcher failing inside an await would log the whole
     * 90 KB scrape at every try.
     */
    String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }
}
