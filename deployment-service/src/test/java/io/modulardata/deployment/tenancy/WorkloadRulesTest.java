package io.modulardata.deployment.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.modulardata.deployment.deploy.DeploymentRequests;
import io.modulardata.deployment.deploy.DeploymentValidator;
import io.modulardata.deployment.registry.ComponentFacts;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;

class WorkloadRulesTest {

    private static final String KEY = "etl-core-2.1.0";
    private static final String REPOSITORY = "registry.example.com/data/etl-core";
    private static final String DIGEST = "sha256:" + "0f".repeat(32);

    private static TenantFacts tenant(DataProcessingTier tier, Map<String, String> custom) {
        return new TenantFacts("acme", 2, Set.of(DataEnvironment.STAGING), tier, null, custom);
    }

    private static ComponentFacts declaring(String... images) {
        return new ComponentFacts(KEY, "etl-core", "2.1.0", ComponentStatus.ACTIVE, List.of(images));
    }

    /** The minimal request's container (image registry.example.com/data/etl-core:2.1.0) with other sizes or image. */
    private static ContainerSpec container(double cpu, double memoryGb, double storageGb, String repository, String tag, String digest) {
        ContainerSpec minimal = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl")).container();
        return ContainerSpec.newBuilder(minimal).setCpuCores(cpu).setMemoryGb(memoryGb).setStorageGb(storageGb)
                .setImageName(repository).setImageTag(tag).setImageDigest(digest).build();
    }

    private static DeployRefusal refusal(Runnable check) {
        return Refusals.of(check);
    }

    @Test
    void runsOnlyTheImagesTheVersionDeclares() {
        TenantFacts acme = tenant(DataProcessingTier.PROFESSIONAL, Map.of());
        ContainerSpec v210 = container(1, 1, 1, REPOSITORY, "2.1.0", null);
        assertThatCode(() -> WorkloadRules.check(acme, declaring(REPOSITORY), KEY, v210)).doesNotThrowAnyException();
        assertThatCode(() -> WorkloadRules.check(acme, declaring("other/x", REPOSITORY + ":2.1.0"), KEY, v210)).doesNotThrowAnyException();

        var otherTag = refusal(() -> WorkloadRules.check(acme, declaring(REPOSITORY + ":2.0.0"), KEY, v210));
        assertThat(otherTag.status()).isEqualTo(422);
        assertThat(otherTag.field()).isEqualTo("container.imageName");
        assertThat(otherTag.detail()).contains(REPOSITORY + ":2.1.0").contains(KEY);
        var otherRepository = refusal(() -> WorkloadRules.check(acme, declaring(REPOSITORY),
                KEY, container(1, 1, 1, "evil.example.com/miner", "2.1.0", null)));
        assertThat(otherRepository.field()).isEqualTo("container.imageName");
        // a repository that merely starts like a declared one is another repository
        assertThat(refusal(() -> WorkloadRules.check(acme, declaring(REPOSITORY), KEY,
                container(1, 1, 1, REPOSITORY + "-debug", "2.1.0", null))).field()).isEqualTo("container.imageName");
    }

    @Test
    void aDigestEntryAdmitsExactlyThatDigest() {
        TenantFacts acme = tenant(DataProcessingTier.PROFESSIONAL, Map.of());
        assertThatCode(() -> WorkloadRules.check(acme, declaring(REPOSITORY + "@" + DIGEST), KEY,
                container(1, 1, 1, REPOSITORY, "2.1.0", DIGEST))).doesNotThrowAnyException();
        assertThat(refusal(() -> WorkloadRules.check(acme, declaring(REPOSITORY + "@" + DIGEST), KEY,
                container(1, 1, 1, REPOSITORY, "2.1.0", null))).field()).isEqualTo("container.imageName");
        assertThat(refusal(() -> WorkloadRules.check(acme, declaring(REPOSITORY + "@" + DIGEST), KEY,
                container(1, 1, 1, REPOSITORY, "2.1.0", "sha256:" + "1e".repeat(32)))).field()).isEqualTo("container.imageName");
        // a repository entry admits the image pinned to any digest; a port is not a tag
        assertThatCode(() -> WorkloadRules.check(acme, declaring("localhost:5000/etl"), KEY,
                container(1, 1, 1, "localhost:5000/etl", "7", DIGEST))).doesNotThrowAnyException();
    }

    @Test
    void aVersionWithoutImagesOrNotKnownYetCannotBeDeployed() {
        TenantFacts acme = tenant(DataProcessingTier.PROFESSIONAL, Map.of());
        ContainerSpec v210 = container(1, 1, 1, REPOSITORY, "2.1.0", null);
        var none = refusal(() -> WorkloadRules.check(acme, declaring(), KEY, v210));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.field()).isEqualTo("componentVersion");
        assertThat(none.detail()).contains("declares no container images").contains("register a new version with containerImages");
        var unknown = refusal(() -> WorkloadRules.check(acme, null, KEY, v210));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.field()).isEqualTo("componentVersion");
    }

    @Test
    void refusesAContainerLargerThanTheTierAllowsNamingTheAmount() {
        ComponentFacts component = declaring(REPOSITORY);
        TenantFacts basic = tenant(DataProcessingTier.BASIC, Map.of());
        assertThatCode(() -> WorkloadRules.check(basic, component, KEY, container(2, 8, 50, REPOSITORY, "1", null)))
                .doesNotThrowAnyException();
        var cpu = refusal(() -> WorkloadRules.check(basic, component, KEY, container(2.001, 8, 50, REPOSITORY, "1", null)));
        assertThat(cpu.status()).isEqualTo(422);
        assertThat(cpu.field()).isEqualTo("container.cpuCores");
        assertThat(cpu.detail()).isEqualTo("The BASIC tier allows at most 2 cores per container; 2.001 were requested");
        assertThat(refusal(() -> WorkloadRules.check(basic, component, KEY, container(1, 8.5, 50, REPOSITORY, "1", null))).field())
                .isEqualTo("container.memoryGb");
        assertThat(refusal(() -> WorkloadRules.check(basic, component, KEY, container(1, 1, 51, REPOSITORY, "1", null))).field())
                .isEqualTo("container.storageGb");
        // the same container fits PROFESSIONAL
        assertThatCode(() -> WorkloadRules.check(tenant(DataProcessingTier.PROFESSIONAL, Map.of()), component, KEY,
                container(8, 32, 200, REPOSITORY, "1", null))).doesNotThrowAnyException();
        // a tenant learnt before tiers were projected counts as BASIC
        assertThat(refusal(() -> WorkloadRules.check(tenant(null, Map.of()), component, KEY, container(3, 1, 1, REPOSITORY, "1", null)))
                .detail()).startsWith("The BASIC tier");
    }

    @Test
    void customTierLimitsComeFromTheTenantsConfiguration() {
        TierLimits custom = TierLimits.of(DataProcessingTier.CUSTOM, Map.of("maxCpuCoresPerContainer", "4",
                "maxMemoryGbPerContainer", "1000", "quotaPods", "7", "quotaCpuCores", "\"lots\"", "maxStorageGbPerContainer", "-5",
                "quotaMemoryGb", "not json"));
        assertThat(custom).isEqualTo(new TierLimits(4, 512, 2000, 512, 4096, 20000, 7));
        assertThat(TierLimits.of(DataProcessingTier.CUSTOM, Map.of())).isEqualTo(TierLimits.of(DataProcessingTier.ENTERPRISE, Map.of()));
        // other tiers ignore the keys
        assertThat(TierLimits.of(DataProcessingTier.BASIC, Map.of("maxCpuCoresPerContainer", "64"))).isEqualTo(TierLimits.BASIC);
        var refused = refusal(() -> WorkloadRules.checkResources(tenant(DataProcessingTier.CUSTOM, Map.of("maxCpuCoresPerContainer", "4")),
                container(4.5, 1, 1, REPOSITORY, "1", null)));
        assertThat(refused.detail()).isEqualTo("The CUSTOM tier allows at most 4 cores per container; 4.5 were requested");
    }
}
