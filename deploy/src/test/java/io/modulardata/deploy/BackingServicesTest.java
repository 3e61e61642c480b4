package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modulardata.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka, its topics and PostgreSQL as the services and the README expect them. */
class BackingServicesTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final List<String> DATABASES = List.of("registry", "deployment", "security", "audit");

    @Test
    void runsKafkaInKraftModeWithThreeReplicasOfEveryTopicInProduction() {
        GenericKubernetesResource kafka = Manifests.custom("production", "Kafka").get(0);
        List<GenericKubernetesResource> pools = Manifests.custom("production", "KafkaNodePool");

        assertThat(pools).<Object>extracting(pool -> pool.get("spec", "roles"))
                .containsExactlyInAnyOrder(List.of("controller"), List.of("broker"));
        assertThat(pools).allSatisfy(pool -> {
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat((Integer) pool.get("spec", "replicas")).isEqualTo(3);
        });
        assertThat(kafka.<Map<String, Object>>get("spec", "kafka", "config")).containsEntry("min.insync.replicas", 2)
                .containsEntry("default.replication.factor", 3).containsEntry("auto.create.topics.enable", false);
        assertThat(topics("production")).allSatisfy(topic -> {
            assertThat((Integer) topic.get("spec", "replicas")).isEqualTo(3);
            assertThat((Integer) topic.get("spec", "config", "min.insync.replicas")).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void createsTheThreeTopicsWithTheirPartitionsAndRetention(String overlay) {
        List<GenericKubernetesResource> topics = topics(overlay);

        assertThat(topics).extracting(topic -> topic.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(topics).allSatisfy(topic -> assertThat((Integer) topic.get("spec", "partitions")).isEqualTo(3));
        // registry-events is read from its first event by deployment-service's knowledge rebuild (deployment-service/README.md, "Read models").
        assertThat(retention(topics, Topics.REGISTRY_EVENTS)).isEqualTo(-1L);
        assertThat(retention(topics, Topics.DEPLOYMENT_EVENTS)).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(retention(topics, Topics.SECURITY_EVENTS)).isEqualTo(7L * 24 * 3600 * 1000);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void givesEachServiceADatabaseOwnedByItsOwnerRoleAndTwoLoginsWithoutAdministrativeRights(String overlay) {
        GenericKubernetesResource cluster = Manifests.custom(overlay, "Cluster").get(0);
        List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");

        assertThat(Manifests.custom(overlay, "Database")).extracting(database -> (String) database.get("spec", "name"),
                        database -> (String) database.get("spec", "owner"), database -> (String) database.get("spec", "cluster", "name"))
                .containsExactlyInAnyOrder(DATABASES.stream()
                        .map(name -> org.assertj.core.groups.Tuple.tuple(name, name + "_owner", cluster.getMetadata().getName()))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
        assertThat(roles).extracting(role -> role.get("name")).containsExactlyInAnyOrderElementsOf(DATABASES.stream()
                .flatMap(name -> java.util.stream.Stream.of(name + "_owner", name + "_runtime")).toList());
        assertThat(roles).allSatisfy(role -> {
            String name = (String) role.get("name");
            assertThat(role).containsEntry("login", true).containsEntry("superuser", false).containsEntry("createdb", false)
                    .containsEntry("createrole", false).containsEntry("replication", false).containsEntry("bypassrls", false)
                    .containsEntry("passwordSecret", Map.of("name", name.replace('_', '-').replace("-owner", "-db-owner")
                            .replace("-runtime", "-db-runtime")));
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void locksEachServiceDatabaseDownWithInfrasOwnScript(String overlay) throws IOException {
        Job job = Manifests.named(overlay, Job.class, "postgres-service-roles");
        String script = Manifests.named(overlay, io.fabric8.kubernetes.api.model.ConfigMap.class,
                job.getSpec().getTemplate().getSpec().getVolumes().stream().filter(volume -> volume.getName().equals("sql"))
                        .findFirst().orElseThrow().getConfigMap().getName()).getData().get("service-roles.sql");

        assertThat(script).isEqualTo(Files.readString(Manifests.ROOT.resolve(
                "infra/src/main/resources/io/modulardata/infra/stack/service-roles.sql")));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(volume -> volume.getProjected() != null)
                .singleElement().satisfies(volume -> assertThat(volume.getProjected().getSources())
                        .extracting(source -> source.getSecret().getName())
                        .containsExactlyInAnyOrderElementsOf(DATABASES.stream()
                                .flatMap(name -> java.util.stream.Stream.of(name + "-db-owner", name + "-db-runtime")).toList()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void storesTheSchemaRegistryInPostgresql(String overlay) {
        GenericKubernetesResource registry = Manifests.custom(overlay, "ApicurioRegistry3").get(0);

        assertThat((String) registry.get("spec", "app", "storage", "type")).isEqualTo("postgresql");
        assertThat((String) registry.get("spec", "app", "storage", "sql", "dataSource", "url"))
                .isEqualTo("jdbc:postgresql://platform-postgres-rw:5432/apicurio");
        assertThat((String) Manifests.custom(overlay, "Cluster").get(0).get("spec", "bootstrap", "initdb", "database")).isEqualTo("apicurio");
    }

    @Test
    void backsUpPostgresqlDailyInProduction() {
        GenericKubernetesResource backup = Manifests.custom("production", "ScheduledBackup").get(0);

        assertThat((String) backup.get("spec", "cluster", "name")).isEqualTo("platform-postgres");
        assertThat((String) backup.get("spec", "method")).isEqualTo("volumeSnapshot");
        assertThat((Map<?, ?>) Manifests.custom("production", "Cluster").get(0).get("spec", "backup", "volumeSnapshot")).isNotEmpty();
    }

    private static List<GenericKubernetesResource> topics(String overlay) {
        return Manifests.custom(overlay, "KafkaTopic");
    }

    private static long retention(List<GenericKubernetesResource> topics, String name) {
        GenericKubernetesResource topic = topics.stream().filter(candidate -> candidate.getMetadata().getName().equals(name))
                .findFirst().orElseThrow();
        return ((Number) topic.get("spec", "config", "retention.ms")).longValue();
    }
}
