package io.modulardata.deployment.rollout;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.deployment.support.RegistryEventsPublisher;

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

    RolloutScene scene;

    @BeforeEach
    void openScene() {
        scene = RolloutScene.open(registry, client, facts);
    }

    @AfterEach
    void closeScene() {
        scene.close();
    }
}
