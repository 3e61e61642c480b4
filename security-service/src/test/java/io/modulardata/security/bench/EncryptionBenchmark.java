package io.modulardata.security.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.infra.testing.TestTokens;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.MasterKey;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not a test (its name keeps it out of {@code mvn verify}); run with {@code infra/bench/security/run}.
 * Prints medians of several timed runs, on 1 KiB payloads:
 * raw JDK AES-128-CBC + HMAC-SHA256 (the work a Fernet token needs, without base64), the service's
 * in-process Fernet encrypt, and {@code POST /tenants/{id}/encrypt} over HTTP with concurrent clients
 * (each call a database transaction with its SecurityEvent in the outbox, relayed to Kafka).
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class EncryptionBenchmark {

    private static final int RUNS = Integer.getInteger("security.bench.runs", 5);
    private static final long RUN_MILLIS = Long.getLong("security.bench.millis", 3000);
    private static final int CONCURRENCY = Integer.getInteger("security.bench.concurrency", 64);

    @Test
    void measure() throws Exception {
        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 'a');
        String text = new String(payload, StandardCharsets.US_ASCII);
        byte[] key = MasterKey.random().deriveTenantKey("bench", 1);

        double raw = median("raw JDK AES-128-CBC+HMAC-SHA256", rawLoop(key, payload));
        double fernet = median("service in-process Fernet encrypt", () -> {
            FernetTokens.encrypt(key, text);
            return 1;
        });
        double http = httpMedian(text);
        report(String.format(Locale.ROOT, "SECURITY raw=%.0f ops/s  fernet=%.0f ops/s (%.0f%% of raw)  http=%.0f ops/s "
                + "(%.1f%% of raw, %d concurrent clients)", raw, fernet, 100 * fernet / raw, http, 100 * http / raw, CONCURRENCY));
    }

    private static LongSupplier rawLoop(byte[] key, byte[] payload) throws Exception {
        SecureRandom random = new SecureRandom();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        SecretKeySpec aes = new SecretKeySpec(key, 16, 16, "AES");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, 0, 16, "HmacSHA256"));
        byte[] iv = new byte[16];
        return () -> {
            try {
                random.nextBytes(iv);
                cipher.init(Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(iv));
                byte[] ciphertext = cipher.doFinal(payload);
                mac.update((byte) 0x80);
                mac.update(ByteBuffer.allocate(8).putLong(Instant.now().getEpochSecond()).array());
                mac.update(iv);
                mac.update(ciphertext);
                return mac.doFinal().length > 0 ? 1 : 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Single-thread ops/s: one warm-up run, then the median of RUNS timed runs. */
    private static double median(String name, LongSupplier operation) {
        List<Double> results = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            long ops = 0;
            long start = System.nanoTime();
            long end = start + RUN_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                ops += operation.getAsLong();
            }
            double perSecond = ops / ((System.nanoTime() - start) / 1e9);
            if (run > 0) {
                results.add(perSecond);
            }
        }
        double median = median(results);
        report(String.format(Locale.ROOT, "SECURITY %s: runs %s ops/s, median %.0f", name, format(results), median));
        return median;
    }

    private static double httpMedian(String text) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String tenant = "bench" + Long.toHexString(System.nanoTime());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tenants/" + tenant + "/encrypt"))
                .header("Authorization", "Bearer " + TestTokens.platformAdmin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"" + text + "\",\"context\":{}}")).build();
        if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            throw new IllegalStateException("encrypt over HTTP does not answer 200");
        }
        List<Double> results = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            Semaphore window = new Semaphore(CONCURRENCY);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            long end = start + RUN_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                window.acquire();
                CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
                call.whenComplete((response, error) -> {
                    (error == null && response.statusCode() == 200 ? ok : failed).incrementAndGet();
                    window.release();
                });
            }
            window.acquire(CONCURRENCY);
            double perSecond = ok.get() / ((System.nanoTime() - start) / 1e9);
            if (failed.get() > 0) {
                report("SECURITY http run " + run + ": " + failed.get() + " failed calls");
            }
            if (run > 0) {
                results.add(perSecond);
            }
        }
        double median = median(results);
        report(String.format(Locale.ROOT, "SECURITY encrypt over HTTP (%d concurrent clients): runs %s ops/s, median %.0f",
                CONCURRENCY, format(results), median));
        return median;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static void report(String line) {
        Log.info(line);
    }
}
