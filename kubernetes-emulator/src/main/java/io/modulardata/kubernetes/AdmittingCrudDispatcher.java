package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The mock API server's CRUD store with an admission step in front of Deployment writes: a create or
 * replace of a Deployment running a {@link RefusedImage} is denied (403, a Kubernetes Status naming the
 * webhook), as an image-policy admission webhook would deny it. Everything else is stored as sent. Every write
 * is logged as a {@link ClusterWrite}, with the client's User-Agent, as a kube-apiserver audit log records it.
 */
final class AdmittingCrudDispatcher extends KubernetesCrudDispatcher {

    /** A Deployment collection (create) or one Deployment (replace); not its status or scale subresource. */
    private static final Pattern DEPLOYMENT_WRITE = Pattern.compile("^/apis/apps/v1/namespaces/[^/]+/deployments(/[^/?]+)?(\\?.*)?$");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!ClusterWrite.isWrite(request.getMethod())) {
            return super.dispatch(request);
        }
        String object = writtenObject(request); // before the store reads the body
        MockResponse response = super.dispatch(request);
        System.out.println(new ClusterWrite(Instant.now(), request.getMethod(), object, response.code(),
                String.valueOf(request.getHeader("User-Agent"))).line());
        return response;
    }

    /** The object's path: a create names the object in its body, not in the collection's path it is sent to. */
    private String writtenObject(RecordedRequest request) {
        String path = ClusterWrite.objectPath(request.getPath());
        if (!"POST".equals(request.getMethod())) {
            return path;
        }
        try {
            GenericKubernetesResource created = serialization.unmarshal(
                    new String(request.getBody().getBytes(), StandardCharsets.UTF_8), GenericKubernetesResource.class);
            return created == null || created.getMetadata() == null || created.getMetadata().getName() == null
                    ? path : path + "/" + created.getMetadata().getName();
        } catch (RuntimeException unreadable) {
            return path;
        }
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        MockResponse denied = deny(request);
        return denied != null ? denied : super.handleCreate(request);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        MockResponse denied = deny(request);
        return denied != null ? denied : super.handleUpdate(request);
    }

    /** The denial of a write this cluster does not admit, or null when it is admitted. */
    private MockResponse deny(RecordedRequest request) {
        if (!DEPLOYMENT_WRITE.matcher(request.getPath()).matches()) {
            return null;
        }
        Deployment deployment;
        try {
            deployment = serialization.unmarshal(
                    new String(request.getBody().getBytes(), StandardCharsets.UTF_8), Deployment.class); // getUtf8Body would consume it
        } catch (RuntimeException unreadable) {
            return null; // the store answers a body it cannot read itself
        }
        if (deployment == null || !RefusedImage.runsIn(deployment)) {
            return null;
        }
        Status status = new StatusBuilder().withStatus("Failure").withCode(HttpURLConnection.HTTP_FORBIDDEN)
                .withReason("Forbidden").withMessage(RefusedImage.denial(deployment)).build();
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_FORBIDDEN)
                .setHeader("Content-Type", "application/json")
                .setBody(serialization.asJson(status));
    }
}
