package io.modulardata.registry.component;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.PlatformEvents;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Component version commands and queries. */
@ApplicationScoped
public class ComponentService {

    private final CommandRunner commands;
    private final EventRecorder recorder;

    public ComponentService(CommandRunner commands, EventRecorder recorder) {
        this.commands = commands;
        this.recorder = recorder;
    }

    public Uni<ComponentView> register(ComponentRequest request, CommandContext context) {
        ComponentDefinition definition = ComponentValidator.validate(request);
        String key = definition.componentKey();
        return commands.inTransaction(() -> ComponentVersion.<ComponentVersion>findById(key).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblemException.conflict("Component " + definition.componentId()
                        + " version " + definition.componentVersion() + " is already registered; a version is immutable"));
            }
            var event = ComponentEvents.registered(definition, context.metadata(PlatformEvents.PLATFORM_TENANT, key));
            return requireDependencies(definition)
                    .chain(() -> recorder.record(ComponentEvents.AGGREGATE_TYPE, 0, List.of(event)))
                    .chain(() -> find(key))
                    .map(ComponentView::of);
        }));
    }

    public Uni<ComponentView> changeStatus(String componentId, String version, StatusRequest request, CommandContext context) {
        if (request.status() == null) {
            throw new InvalidRequestException("status", "is required");
        }
        String key = ComponentKeys.key(componentId, version);
        return commands.inTransaction(() -> find(key).chain(component -> {
            var event = ComponentEvents.statusChanged(component, request.status(),
                    context.metadata(PlatformEvents.PLATFORM_TENANT, key));
            return recorder.record(ComponentEvents.AGGREGATE_TYPE, component.version, List.of(event))
                    .chain(() -> find(key))
                    .map(ComponentView::of);
        }));
    }

    /** Every version of a component, in semantic-version order. */
    @WithSession
    public Uni<List<ComponentView>> versions(String componentId) {
        return ComponentVersion.<ComponentVersion>list("componentId", componentId).map(versions -> {
            if (versions.isEmpty()) {
                throw ApiProblemException.notFound("Component", componentId);
            }
            return versions.stream()
                    .sorted(Comparator.comparing((ComponentVersion c) -> c.componentVersion, SemanticVersions.PRECEDENCE))
                    .map(ComponentView::of)
                    .toList();
        });
    }

    @WithSession
    public Uni<ComponentView> version(String componentId, String version) {
        return find(ComponentKeys.key(componentId, version)).map(ComponentView::of);
    }

    /** The component version, or a 404 problem. */
    public static Uni<ComponentVersion> find(String componentKey) {
        return ComponentVersion.<ComponentVersion>findById(componentKey)
                .onItem().ifNull().failWith(() -> ApiProblemException.notFound("Component version", componentKey));
    }

    private Uni<Void> requireDependencies(ComponentDefinition definition) {
        List<Dependency> dependencies = definition.dependencies();
        return Multi.createFrom().range(0, dependencies.size())
                .onItem().transformToUniAndConcatenate(i -> requireRegistered(definition, dependencies.get(i), "dependencies[" + i + "]"))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> requireRegistered(ComponentDefinition definition, Dependency dependency, String field) {
        if (dependency.componentId().equals(definition.componentId())) {
            return Uni.createFrom().failure(ApiProblemException.unprocessable(field, "a component cannot depend on itself"));
        }
        Uni<Long> matches = dependency.pinsVersion()
                ? ComponentVersion.count("componentKey", ComponentKeys.key(dependency.componentId(), dependency.componentVersion()))
                : ComponentVersion.count("componentId", dependency.componentId());
        return matches.chain(count -> count > 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ApiProblemException.unprocessable(field, "'" + dependency + "' is not a registered component")));
    }
}
