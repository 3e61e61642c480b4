package io.modulardata.infra.testing;

import io.modulardata.infra.stack.LocalStack;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.infra.stack.StackAddresses;
import io.modulardata.infra.stack.StackConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one {@link LocalStack} of this JVM: started on first use with free ports and a temporary folder,
 * stopped by its JVM shutdown hook.
 * <p>
 * Quarkus loads test resources in one class loader per application, so each application has its own copy of
 * this class and its static fields. The copy that starts the stack therefore publishes its addresses as system
 * properties ({@value #PROPERTY_PREFIX}...), which belong to the JVM, and every copy reads them from there; a
 * start that failed is published the same way, so each later test class reports it without starting again.
 * Quarkus starts one application at a time, so two copies never start a stack at once.
 */
public final class SharedStack {

    static final String PROPERTY_PREFIX = "modulardata.test-stack.";
    private static final String FAILURE = PROPERTY_PREFIX + "start-failure";

    /** This copy's stack when this copy started it: referenced so that nothing collects it before the hook. */
    private static LocalStack started;

    private SharedStack() {
    }

    /** The addresses of the JVM's stack, starting it unless it runs. */
    public static synchronized StackAddresses addresses() {
        String failure = System.getProperty(FAILURE);
        if (failure != null) {
            throw new IllegalStateException("The tests' local stack did not start (the first test class that needed it"
                    + " reported why): " + failure);
        }
        Map<String, String> published = published();
        if (!published.isEmpty()) {
            return StackAddresses.fromMap(published);
        }
        try {
            started = withOwnClassLoader(() -> LocalStack.startAll(StackConfig.temporary()));
        } catch (RuntimeException e) {
            System.setProperty(FAILURE, String.valueOf(e.getMessage()));
            throw e;
        }
        StackAddresses addresses = started.addresses();
        addresses.toMap().forEach((key, value) -> System.setProperty(PROPERTY_PREFIX + key, value));
        return addresses;
    }

    /** A service's database on the JVM's stack with its owner and runtime roles, created unless it exists. */
    public static synchronized ServiceDatabase serviceDatabase(String name) {
        return ServiceDatabase.provision(addresses().postgres(), name);
    }

    private static Map<String, String> published() {
        Map<String, String> published = new HashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(PROPERTY_PREFIX) && !name.equals(FAILURE))
                .forEach(name -> published.put(name.substring(PROPERTY_PREFIX.length()), System.getProperty(name)));
        return published;
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
