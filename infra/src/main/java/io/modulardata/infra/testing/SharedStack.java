package io.modulardata.infra.testing;

import io.modulardata.infra.stack.LocalStack;
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

    private static LocalStack stack;
    private static RuntimeException startFailure;

    private SharedStack() {
    }

    /** Starts the stack unless it runs; returns its addresses (see {@code StackAddresses#toMap}). */
    public static synchronized Map<String, String> start() {
        return withOwnClassLoader(SharedStack::startOnce);
    }

    public static synchronized void createDatabase(String name) {
        withOwnClassLoader(() -> {
            startOnce();
            stack.createDatabase(name);
            return null;
        });
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
