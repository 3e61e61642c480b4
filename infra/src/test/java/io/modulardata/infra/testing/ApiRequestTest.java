package io.modulardata.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void carriesTheTokenTheJsonBodyAndTheCorrelationId() {
        HttpRequest request = ApiRequest.builder("POST", "http://127.0.0.1:8081/tenants", "t0ken", "{\"a\":1}", "run-1").build();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:8081/tenants"));
        assertThat(request.timeout()).contains(Duration.ofSeconds(30));
        assertThat(request.headers().map()).containsEntry("Authorization", List.of("Bearer t0ken"))
                .containsEntry("Content-Type", List.of("application/json"))
                .containsEntry("X-Correlation-Id", List.of("run-1"));
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isEqualTo(7);
    }

    @Test
    void sendsNoBodyAndNoCorrelationIdWhenThereIsNone() {
        HttpRequest request = ApiRequest.builder("GET", "http://127.0.0.1:8081/tenants", "t0ken", null, null)
                .header("Accept", "text/csv").build();

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.headers().map()).containsOnlyKeys("Authorization", "Accept");
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isZero();
    }
}
