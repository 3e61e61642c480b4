package io.modulardata.systemtests;

import java.nio.file.Path;
import java.util.List;

/**
 * One default {@code infra/platform up} (the local signer only), shared by {@link #USERS}. {@code PlatformStoryIT}
 * checks the entire audit log against everything Kafka carried, so it runs first, on the fresh platform.
 */
final class SharedPlatform extends SharedPlatformExtension {

    static final List<Class<?>> USERS = List.of(PlatformStoryIT.class, EventStoreAppendOnlyIT.class, HostileInputIT.class,
            SubjectErasureIT.class, TenantOffboardingIT.class);

    @Override
    List<Class<?>> users() {
        return USERS;
    }

    @Override
    PlatformProcess start(Path dataDir) throws Exception {
        return PlatformProcess.start(dataDir);
    }
}
