package io.modulardata.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** deployment-service's least RBAC, and NetworkPolicies that let only what must talk talk. */
class AccessTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /**
     * Exactly what rollout/ClusterOperations.java and cluster/ClusterHealthCheck.java call: createOr(update)
     * (create, then get and update), createOr(merge patch), get, the Service's selector patch, the HPA's edit
     * (get and patch), the old slot's delete, the offboarded tenant's namespace delete. No list, watch,
     * deletecollection, Secrets, Pods or RBAC objects.
     */
    private static final Pattern MODEL_IMPORT = Pattern.compile("(?m)^import (io\\.fabric8\\.kubernetes\\.api\\.model\\.[\\w.]+);");

    private static final Map<String, List<String>> RIGHTS = Map.of(
            "/namespaces", List.of("create", "delete", "get", "patch"),
            "/serviceaccounts", List.of("create", "get", "patch"),
            "/resourcequotas", List.of("create", "get", "update"),
            "/limitranges", List.of("create", "get", "update"),
            "/services", List.of("create", "get", "patch"),
            "networking.k8s.io/networkpolicies", List.of("create", "get", "update"),
            "apps/deployments", List.of("create", "delete", "get", "update"),
            "autoscaling/horizontalpodautoscalers", List.of("create", "get", "patch", "update"));

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void grantsDeploymentServiceOnlyWhatItsRolloutsCall(String overlay) {
        ClusterRole role = Manifests.named(overlay, ClusterRole.class, "modulardata-deployment-service");
        ClusterRoleBinding binding = Manifests.named(overlay, ClusterRoleBinding.class, "modulardata-deployment-service");
        Map<String, List<String>> granted = role.getRules().stream()
                .flatMap(rule -> rule.getResources().stream().map(resource -> Map.entry(key(rule, resource), sorted(rule))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(granted).isEqualTo(RIGHTS);
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).hasSize(1).doesNotContain("*");
            assertThat(rule.getResourceNames()).isNullOrEmpty();
        });
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("deployment-service");
            assertThat(subject.getNamespace()).isEqualTo(Manifests.NAMESPACE);
        });
    }

    /** A kind deployment-service starts writing (a model class its manifests or cluster calls import) needs a rule here. */
    @Test
    void grantsARuleForEveryKindDeploymentServiceWrites() throws IOException {
        Path sources = Manifests.ROOT.resolve("deployment-service/src/main/java/io/modulardata/deployment");
        Set<String> kinds = new TreeSet<>();
        for (String file : List.of("manifest/ComponentManifests.java", "rollout/ClusterOperations.java", "cluster/ClusterHealthCheck.java")) {
            Matcher model = MODEL_IMPORT.matcher(Files.readString(sources.resolve(file)));
            while (model.find()) {
                kinds.add(model.group(1));
            }
        }
        Set<String> resources = kinds.stream().map(AccessTest::modelClass).filter(HasMetadata.class::isAssignableFrom)
                .filter(type -> type != HasMetadata.class)
                .map(type -> HasMetadata.getGroup(type.asSubclass(HasMetadata.class)) + "/"
                        + HasMetadata.getPlural(type.asSubclass(HasMetadata.class)))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(resources).hasSize(8).isEqualTo(RIGHTS.keySet());
    }

    private static Class<?> modelClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("deployment-service imports " + name + ", which the fabric8 model on this classpath lacks", e);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void limitsEveryServicesTrafficInBothDirections(String overlay) {
        List<NetworkPolicy> policies = Manifests.ofType(overlay, NetworkPolicy.class);
        for (String service : Manifests.WORKLOADS) {
            Map<String, String> labels = Manifests.service(overlay, service).getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> applying = policies.stream().filter(policy -> selects(policy.getSpec().getPodSelector(), labels)).toList();

            assertThat(applying).as(service).flatExtracting(policy -> policy.getSpec().getPolicyTypes())
                    .contains("Ingress", "Egress");
            assertThat(applying).as(service).flatExtracting(policy -> policy.getSpec().getIngress())
                    .flatExtracting(rule -> rule.getPorts()).extracting(port -> port.getPort().getStrVal())
                    .containsExactlyInAnyOrder("http", "management");
            boolean apiServer = applying.stream().flatMap(policy -> policy.getSpec().getEgress().stream())
                    .anyMatch(rule -> rule.getPorts().stream().anyMatch(port -> Integer.valueOf(6443).equals(port.getPort().getIntVal())));
            assertThat(apiServer).as("%s may reach the Kubernetes API", service).isEqualTo(service.equals("deployment-service"));
        }
    }

    /** The console calls every service's API and reads its metrics on the management port; the services admit it there. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void letsTheConsoleReachEveryServicesApiAndMetricsPorts(String overlay) {
        List<NetworkPolicy> policies = Manifests.ofType(overlay, NetworkPolicy.class);
        Map<String, String> console = Manifests.service(overlay, Manifests.CONSOLE).getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> consoles = policies.stream().filter(policy -> selects(policy.getSpec().getPodSelector(), console)).toList();
        for (String service : Manifests.SERVICES) {
            Map<String, String> labels = Manifests.service(overlay, service).getSpec().getTemplate().getMetadata().getLabels();

            assertThat(consoles).as("console to %s", service).flatExtracting(policy -> policy.getSpec().getEgress())
                    .filteredOn(rule -> rule.getTo().stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                            && selects(peer.getPodSelector(), labels)))
                    .flatExtracting(rule -> rule.getPorts()).extracting(port -> port.getPort().getStrVal())
                    .contains("http", "management");
            assertThat(policies.stream().filter(policy -> selects(policy.getSpec().getPodSelector(), labels)))
                    .as("%s admits the console", service).flatExtracting(policy -> policy.getSpec().getIngress())
                    .filteredOn(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                            && selects(peer.getPodSelector(), console)))
                    .flatExtracting(rule -> rule.getPorts()).extracting(port -> port.getPort().getStrVal())
                    .contains("http", "management");
        }
        assertThat(console).containsEntry("modulardata.io/kafka-client", "true").containsEntry("modulardata.io/registry-client", "true")
                .doesNotContainKey("modulardata.io/postgres-client");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void letsOnlyLabelledClientsReachPostgresqlAndTheRegistry(String overlay) {
        List<NetworkPolicy> policies = Manifests.ofType(overlay, NetworkPolicy.class);
        NetworkPolicy postgres = policies.stream().filter(policy -> policy.getMetadata().getName().equals("postgres-clients")).findFirst().orElseThrow();

        assertThat(postgres.getSpec().getPodSelector().getMatchLabels()).containsEntry("cnpg.io/cluster", "platform-postgres");
        for (String service : Manifests.SERVICES) {
            Map<String, String> labels = Manifests.service(overlay, service).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(labels).containsEntry("modulardata.io/postgres-client", "true").containsEntry("modulardata.io/registry-client", "true")
                    .containsEntry("modulardata.io/kafka-client", "true");
        }
        assertThat(Manifests.named(overlay, io.fabric8.kubernetes.api.model.batch.v1.Job.class, "postgres-service-roles")
                .getSpec().getTemplate().getMetadata().getLabels()).containsEntry("modulardata.io/postgres-client", "true");
        assertThat(policies).extracting(policy -> policy.getMetadata().getName()).contains("schema-registry-clients");
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchExpressions().isEmpty() && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static String key(PolicyRule rule, String resource) {
        return rule.getApiGroups().get(0) + "/" + resource;
    }

    private static List<String> sorted(PolicyRule rule) {
        return rule.getVerbs().stream().sorted().toList();
    }
}
