package io.modulardata.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One default {@code infra/platform up}, shared by every test class that asks for a {@link PlatformProcess}
 * parameter through this extension, and stopped once the whole run is over (JUnit closes what the root store
 * holds). A platform start costs about a minute on two cores; classes that only read or probe the platform,
 * and write under their own unique names, need not pay it each.
 *
 * <p>Only for classes that neither stop nor reconfigure a process and that assert nothing about the platform
 * as a whole (a story that checks the entire audit log, for instance, needs a platform of its own).
 */
final class SharedPlatform implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedPlatform.class, key -> start(), PlatformProcess.class);
    }

    private static PlatformProcess start() {
        try {
            return PlatformProcess.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-platform-"));
        } catch (Exception e) {
            throw new IllegalStateException("the shared platform did not start", e);
        }
    }
}
