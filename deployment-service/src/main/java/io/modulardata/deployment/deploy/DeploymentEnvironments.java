package io.modulardata.deployment.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.EnvironmentVariableName;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The environment variables of each deployment, kept in table {@code deployment_environment} and never
 * in events: DeploymentRequested names them, this holds their values (or Secret references). Written in
 * the transaction that records the request; read by the rollout executor to render the Deployment.
 */
@ApplicationScoped
public class DeploymentEnvironments {

    /** Must run in the transaction that records the deployment's DeploymentRequested. */
    public Uni<Void> store(String deploymentId, List<EnvironmentVariable> environment) {
        return Multi.createFrom().iterable(environment)
                .onItem().transformToUniAndConcatenate(variable -> DeploymentProjection.sql("""
                        insert into deployment_environment (deployment_id, name, literal_value, secret_name, secret_key)
                        values (?1, ?2, cast(?3 as text), cast(?4 as text), cast(?5 as text))""",
                        deploymentId, variable.name(), variable.value(), variable.secretName(), variable.secretKey()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Must run in a session. */
    public Uni<List<EnvironmentVariable>> of(String deploymentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select name, literal_value, secret_name, secret_key from deployment_environment
                where deployment_id = ?1 order by name""", Object[].class)
                .setParameter(1, deploymentId).getResultList())
                .map(rows -> rows.stream().map(row -> new EnvironmentVariable((String) row[0], (String) row[1], (String) row[2],
                        (String) row[3])).toList());
    }

    /**
     * The stored variables the event names, in its order; empty when any named variable is not stored as
     * named (a request recorded some other way): then the Deployment cannot be rendered as requested.
     */
    public static Optional<List<EnvironmentVariable>> matching(List<EnvironmentVariableName> names, List<EnvironmentVariable> stored) {
        Map<String, EnvironmentVariable> byName = stored.stream().collect(Collectors.toMap(EnvironmentVariable::name, Function.identity()));
        List<EnvironmentVariable> found = names.stream().map(name -> byName.get(name.getName()))
                .filter(variable -> variable != null).toList();
        boolean complete = found.size() == names.size() && stored.size() == names.size()
                && names.stream().allMatch(name -> byName.get(name.getName()).isSecretReference() == name.getSecretReference());
        return complete ? Optional.of(found) : Optional.empty();
    }
}
