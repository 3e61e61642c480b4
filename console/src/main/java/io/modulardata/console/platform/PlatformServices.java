package io.modulardata.console.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.console.ConsoleConfig;
import io.quarkus.logging.Log;

/**
 * Calls to the platform's services, made by the console server on a signed-in user's behalf with that
 * user's own token: the services decide what the user may do and see, as they would for curl.
 */
@ApplicationScoped
public class PlatformServices {

    public static final String REGISTRY = "registry-service";
    public static final String DEPLOYMENT = "deployment-service";
    public static final String SECURITY = "security-service";
    public static final String AUDIT = "audit-service";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ConsoleConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public PlatformServices(ConsoleConfig config) {
        this.config = config;
    }

    /** {@code pathAndQuery} is sent as given: encode query values with {@link Query}. */
    public ServiceAnswer get(String service, String pathAndQuery, String token, String accept) {
        return send(service, HttpRequest.newBuilder(uri(service, pathAndQuery)).GET().header("Accept", accept), token);
    }

    public ServiceAnswer post(String service, String path, String token, String json) {
        return send(service, HttpRequest.newBuilder(uri(service, path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json"), token);
    }

    /** The base URL of a service, e.g. {@code http://127.0.0.1:8081}. */
    public String url(String service) {
        return Optional.ofNullable(config.services().get(service)).map(ConsoleConfig.Service::url)
                .orElseThrow(() -> new IllegalArgumentException("No URL configured for " + service));
    }

    /** A plain GET without a token (health, metrics), or empty when the service does not answer. */
    public Optional<HttpResponse<String>> probe(String url) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private URI uri(String service, String pathAndQuery) {
        return URI.create(url(service) + pathAndQuery);
    }

    private ServiceAnswer send(String service, HttpRequest.Builder request, String token) {
        request.timeout(TIMEOUT).header("Authorization", "Bearer " + token);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ServiceAnswer(service, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().firstValue("Content-Disposition").orElse(null));
        } catch (ConnectException | HttpTimeoutException e) {
            return ServiceAnswer.unreachable(service, e.getMessage());
        } catch (IOException e) {
            Log.warnf(e, "Calling %s failed", service);
            return ServiceAnswer.unreachable(service, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceAnswer.unreachable(service, "interrupted");
        }
    }
}
