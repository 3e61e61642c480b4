package io.modulardata.audit.support;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Creates the extra topic the test configuration adds to the audited topics, before the service subscribes. */
public class AuditTopicsResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTRA_TOPIC = "audit-test-extra-events";

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.stack().kafkaBootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(EXTRA_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(EXTRA_TOPIC, 1, (short) 1))).all().get();
            }
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + EXTRA_TOPIC, e);
            }
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // the topic goes with the stack
    }
}
