package io.modulardata.systemtests;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The module's class order (junit-platform.properties): the users of each shared platform first, back to back in
 * their order, so that each platform stops before the next one starts; then every other class as found.
 */
public final class RunsFirst implements ClassOrderer {

    static final List<Class<?>> SHARING = Stream.of(SharedPlatform.USERS, KeycloakPlatform.USERS)
            .flatMap(List::stream).toList();

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(RunsFirst::rank));
    }

    private static int rank(ClassDescriptor descriptor) {
        int index = SHARING.indexOf(descriptor.getTestClass());
        return index < 0 ? SHARING.size() : index;
    }
}
