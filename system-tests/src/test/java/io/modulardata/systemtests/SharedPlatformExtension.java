package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code infra/platform up}, shared by the test classes in {@link #users()}: they get it as a
 * {@link PlatformProcess} parameter. A platform start costs about a minute on two cores; classes that only read or
 * probe the platform and write under their own names need not pay it each.
 *
 * <p>{@link RunsFirst} (the module's class order, junit-platform.properties) runs each platform's users back to
 * back, and the platform stops ({@code down --purge}) as soon as the last of them is done, so that it does not idle
 * beside the other classes' platforms. JUnit's root store closes it too, should the run end early.
 *
 * <p>Only for classes that neither stop nor reconfigure a process, and that assert nothing about the platform as a
 * whole unless they run first (a story that checks the entire audit log sees only its own events there).
 */
abstract class SharedPlatformExtension implements ParameterResolver, AfterAllCallback {

    /** The classes that share this platform, in the order they run. */
    abstract List<Class<?>> users();

    /** Starts the platform in {@code dataDir}. */
    abstract PlatformProcess start(Path dataDir) throws Exception;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!users().contains(testClass)) {
            throw new IllegalStateException(testClass.getSimpleName() + " is not a user of " + getClass().getSimpleName());
        }
        return store(context).computeIfAbsent(getClass(), key -> startInTarget(), PlatformProcess.class);
    }

    /** After the last user: stop the platform now rather than when the whole run ends. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<Class<?>> users = users();
        if (context.getRequiredTestClass() == users.get(users.size() - 1)) {
            PlatformProcess platform = store(context).remove(getClass(), PlatformProcess.class);
            if (platform != null) {
                platform.close();
                assertThat(platform.dataDir()).as("down --purge removed the data folder").doesNotExist();
            }
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    }

    private PlatformProcess startInTarget() {
        try {
            return start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-platform-"));
        } catch (Exception e) {
            throw new IllegalStateException("the platform of " + getClass().getSimpleName() + " did not start", e);
        }
    }
}
