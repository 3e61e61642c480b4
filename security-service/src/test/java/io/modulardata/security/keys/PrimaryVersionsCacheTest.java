package io.modulardata.security.keys;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.SecurityConfig;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * {@code modulardata.security.primary-version-cache} on a ticker the test moves: a second instance
 * (built here on the service's database) sees a rotation made through the service only once its
 * remembered version is older than the setting, and at once with {@code 0s}.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class PrimaryVersionsCacheTest {

    @Inject
    Pool pool;

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aRememberedVersionServesForExactlyTheCacheTimeThenIsReadAgain() {
        String tenantId = newTenantId();
        encrypt(tenantId, "x");
        PrimaryVersions otherInstance = new PrimaryVersions(pool, setting(null), nanos::get);
        assertThat(current(otherInstance, tenantId)).hasValue(1);

        rotate(tenantId, 2);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(current(otherInstance, tenantId)).as("the default 1 s after it was read").hasValue(1);
        nanos.incrementAndGet();
        assertThat(current(otherInstance, tenantId)).as("1 s and 1 ns after it was read").hasValue(2);
    }

    @Test
    void zeroSecondsRemembersNothing() {
        String tenantId = newTenantId();
        encrypt(tenantId, "x");
        PrimaryVersions otherInstance = new PrimaryVersions(pool, setting("0s"), nanos::get);
        assertThat(current(otherInstance, tenantId)).hasValue(1);

        rotate(tenantId, 2);
        assertThat(current(otherInstance, tenantId)).as("no time passed").hasValue(2);
        otherInstance.offer(tenantId, 9);
        assertThat(current(otherInstance, tenantId)).as("an offered version is not kept either").hasValue(2);
    }

    private static void rotate(String tenantId, int expectedVersion) {
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200).body("primaryVersion", equalTo(expectedVersion));
    }

    private static OptionalInt current(PrimaryVersions versions, String tenantId) {
        return versions.current(tenantId).await().atMost(Duration.ofSeconds(10));
    }

    /** The service's settings as the configuration reads them; {@code cache} null leaves the default. */
    private static SecurityConfig setting(String cache) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(SecurityConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter());
        if (cache != null) {
            builder.withDefaultValue("modulardata.security.primary-version-cache", cache);
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(SecurityConfig.class);
    }
}
