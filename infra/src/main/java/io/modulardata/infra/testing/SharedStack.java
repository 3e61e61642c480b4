package io.modulardata.infra.testing;

import io.modulardata.infra.stack.LocalStack;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.infra.stack.StackConfig;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The one {@link LocalStack} of this JVM: started on first use with free ports and a temporary
 * folder, stopped by its JVM shutdown hook.
 * <p>
 * Quarkus loads test resources in one class loader per application, so a static field there
 * would start one stack per application. {@link LocalStackTestResource} therefore reaches this
 * class through the system class loader, and its methods use JDK types only.
 */
public final class SharedStack {

    static final String OWNER_USER = "owner.user";
    static final String OWNER_PASSWORD = "owner.password";
    static final String RUNTIME_USER = "runtime.user";
    static final String RUNTIME_PASSWORD = "runtime.password";

    private static LocalStack stack;
    private static RuntimeException startFailure;

    private SharedStack() {
    }

    /** Starts the stack unless it runs; returns its addresses (see {@code StackAddresses#toMap}). */
    public static synchronized Map<String, String> start() {
        return withOwnClassLoader(SharedStack::startOnce);
    }

    /** Creates a service's database with its roles; returns their logins (see {@link #logins}). */
    public static synchronized Map<String, String> createServiceDatabase(String name) {
        return withOwnClassLoader(() -> {
            startOnce();
            return logins(stack.createServiceDatabase(name));
        });
    }

    /** The owner's and the runtime role's user and password, as JDK types. */
    private static Map<String, String> logins(ServiceDatabase database) {
        return Map.of(OWNER_USER, database.owner().user(), OWNER_PASSWORD, database.owner().password(),
                RUNTIME_USER, database.runtime().user(), RUNTIME_PASSWORD, database.runtime().password());
    }

    private static Map<String, String> startOnce() {
        if (startFailure != null) {
            // Retrying would fail the same way, once per test class; report the first failure instead.
            throw startFailure;
        }
        if (stack == null) {
            try {
                stack = LocalStack.startAll(StackConfig.temporary());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return stack.addresses().toMap();
    }

    /**
     * The Kafka client loads its plugins (metrics reporters, ...) through the thread's context class
     * loader; in a Quarkus test that is the application's loader, whose Kafka classes differ from ours.
     */
    private static <T> T withOwnClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SharedStack.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
