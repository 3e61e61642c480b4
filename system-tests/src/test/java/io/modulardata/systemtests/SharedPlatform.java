package io.modulardata.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One default {@code infra/platform up}, shared by the test classes in {@link #USERS}: they get it as a
 * {@link PlatformProcess} parameter. A platform start costs about a minute on two cores; these classes only read or
 * probe the platform and write under their own unique names, so they need not pay it each.
 *
 * <p>{@link RunsFirst} (the module's class order, junit-platform.properties) runs them first and one after the
 * other, and the platform stops as soon as the last of them is done, so that it does not idle beside the other
 * classes' platforms. JUnit's root store closes it too, should the run end early.
 *
 * <p>Only for classes that neither stop nor reconfigure a process and that assert nothing about the platform as a
 * whole (a story that checks the entire audit log, for instance, needs a platform of its own).
 */
final class SharedPlatform implements ParameterResolver, AfterAllCallback {

    /** The classes that share the platform, in the order they run. */
    static final List<Class<?>> USERS = List.of(EventStoreAppendOnlyIT.class, HostileInputIT.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!USERS.contains(context.getRequiredTestClass())) {
            throw new IllegalStateException(context.getRequiredTestClass().getSimpleName() + " is not in SharedPlatform.USERS");
        }
        return store(context).computeIfAbsent(SharedPlatform.class, key -> start(), PlatformProcess.class);
    }

    /** After the last user: stop the platform now rather than when the whole run ends. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == USERS.get(USERS.size() - 1)) {
            PlatformProcess platform = store(context).remove(SharedPlatform.class, PlatformProcess.class);
            if (platform != null) {
                platform.close();
            }
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    }

    private static PlatformProcess start() {
        try {
            return PlatformProcess.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-platform-"));
        } catch (Exception e) {
            throw new IllegalStateException("the shared platform did not start", e);
        }
    }

    /** The module's class order: the platform's {@link #USERS} first, in their order, then every other class as found. */
    public static final class RunsFirst implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparingInt(RunsFirst::rank));
        }

        private static int rank(ClassDescriptor descriptor) {
            int index = USERS.indexOf(descriptor.getTestClass());
            return index < 0 ? USERS.size() : index;
        }
    }
}
