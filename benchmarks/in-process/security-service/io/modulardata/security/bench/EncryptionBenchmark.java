package io.modulardata.security.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.bench.results.Machine;
import io.modulardata.bench.results.Results;
import io.modulardata.bench.results.Stats;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.kit.command.GroupCommitRecorder;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.MasterKey;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Benchmark, not a test (its name keeps it out of {@code mvn verify}); run with {@code benchmarks/security/run}.
 * Prints medians of several timed runs, on 1 KiB payloads:
 * raw JDK AES-128-CBC + HMAC-SHA256 (the work a Fernet token needs, without base64), the service's
 * in-process Fernet encrypt, and {@code POST /tenants/{id}/encrypt} over HTTP with concurrent clients
 * (each call answers after its SecurityEvent is committed to event_store and outbox, group-committed
 * with the calls arriving together, and relayed to Kafka), next to two HTTP ceilings measured in the
 * same run with the same clients ({@link HttpCeilingResource}: the same HTTP, JWT and JSON work without
 * crypto and audit), so the ratio says what encryption and audit cost on top of serving HTTP here.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class EncryptionBenchmark {

    private static final String FERNET = "Fernet in process";
    /** Every figure, written as JSON and Markdown under benchmarks/results at the end, like the platform benchmarks. */
    private static final Results FIGURES = new Results();

    private static final int RUNS = Integer.getInteger("security.bench.runs", 5);
    private static final long RUN_MILLIS = Long.getLong("security.bench.millis", 3000);
    private static final int CONCURRENCY = Integer.getInteger("security.bench.concurrency", 64);
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final String THIS_JVM = "this JVM (clients and service)";

    @Test
    void measure() throws Exception {
        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 'a');
        String text = new String(payload, StandardCharsets.US_ASCII);
        byte[] key = MasterKey.random().deriveTenantKey("bench", 1);

        LongSupplier rawLoop = rawLoop(key, payload);
        LongSupplier fernetLoop = () -> {
            FernetTokens.encrypt(key, text);
            return 1;
        };
        // Alternating runs, so a load spike of the shared machine hits both sides of each pair alike.
        List<Double> raws = new ArrayList<>();
        List<Double> fernets = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            double[] rawRun = opsPerSecond(rawLoop);
            double[] fernetRun = opsPerSecond(fernetLoop);
            if (run > 0) {
                raws.add(rawRun[0]);
                fernets.add(fernetRun[0]);
                ratios.add(100 * fernetRun[0] / rawRun[0]);
                cpuRatios.add(100 * fernetRun[1] / rawRun[1]);
            }
        }
        for (int run = 0; run < raws.size(); run++) {
            FIGURES.figure(FERNET, "raw JDK AES-128-CBC + HMAC-SHA256 (baseline)", "ops/s", null, false).add(raws.get(run));
            FIGURES.figure(FERNET, "service in-process Fernet encrypt", "ops/s", null, false).add(fernets.get(run));
            FIGURES.figure(FERNET, "Fernet / raw, alternating pairs", "%", 80.0, false).add(ratios.get(run));
            FIGURES.figure(FERNET, "Fernet / raw, per CPU second of the thread", "%", null, false).add(cpuRatios.get(run));
        }
        double raw = median(raws);
        double fernet = median(fernets);
        report(String.format(Locale.ROOT, "SECURITY raw JDK AES-128-CBC+HMAC-SHA256: runs %s ops/s, median %.0f", format(raws), raw));
        report(String.format(Locale.ROOT, "SECURITY service in-process Fernet encrypt: runs %s ops/s, median %.0f; "
                + "per alternating pair %s %% of raw, median %.0f %%; per CPU second of the thread %s %% of raw, median %.0f %%",
                format(fernets), fernet, format(ratios), median(ratios), format(cpuRatios), median(cpuRatios)));
        String tenant = "bench" + Long.toHexString(System.nanoTime());
        String encrypt = "/tenants/" + tenant + "/encrypt";
        // The HTTP client and server paths all three share are warmed up first, so no variant pays for it.
        for (String path : List.of("/bench/tenants/" + tenant + "/plain", "/bench/tenants/" + tenant + "/auth", encrypt)) {
            send(request(path, text));
            load(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), request(path, text));
        }
        HttpResult plain = httpMedian("HTTP ceiling: JSON in/out, no JWT", "/bench/tenants/" + tenant + "/plain", text);
        HttpResult auth = httpMedian("HTTP ceiling: JWT + JSON in/out", "/bench/tenants/" + tenant + "/auth", text);
        double groupsBefore = groupSizes().count();
        double eventsBefore = groupSizes().totalAmount();
        HttpResult http = httpMedian("encrypt over HTTP", encrypt, text);
        double eventsPerGroup = (groupSizes().totalAmount() - eventsBefore) / Math.max(1, groupSizes().count() - groupsBefore);
        report(String.format(Locale.ROOT, "SECURITY raw=%.0f ops/s  fernet=%.0f ops/s (%.0f%% of raw)  http=%.0f ops/s "
                + "(%d concurrent clients; %.0f%% of the JWT+JSON ceiling %.0f ops/s, %.0f%% of the no-JWT ceiling %.0f ops/s; "
                + "%.1f events per group commit)", raw, fernet, 100 * fernet / raw, http.opsPerSecond(), CONCURRENCY,
                100 * http.opsPerSecond() / auth.opsPerSecond(), auth.opsPerSecond(),
                100 * http.opsPerSecond() / plain.opsPerSecond(), plain.opsPerSecond(), eventsPerGroup));
        report(String.format(Locale.ROOT, "SECURITY CPU per call, whole stack (this JVM with clients and service, PostgreSQL with its backends, "
                + "Kafka, Apicurio): no-JWT ceiling %.0f us, JWT+JSON ceiling %.0f us, encrypt %.0f us; on %d otherwise idle "
                + "cores that would allow at most %.0f / %.0f / %.0f ops/s", plain.cpuMicrosPerOp(), auth.cpuMicrosPerOp(),
                http.cpuMicrosPerOp(), CORES, CORES * 1e6 / plain.cpuMicrosPerOp(), CORES * 1e6 / auth.cpuMicrosPerOp(),
                CORES * 1e6 / http.cpuMicrosPerOp()));
        FIGURES.note("1 KiB payloads; HTTP runs with " + CONCURRENCY + " concurrent clients on the same machine; the ceilings "
                + "are test-only endpoints doing the same HTTP (and JWT) and JSON work without crypto and audit");
        Path written = FIGURES.write(Results.defaultDir(), "fernet", "Fernet benchmark", Machine.describe());
        report("SECURITY results: " + written + " (and .json beside it)");
    }

    /** Median throughput of the timed runs, and the median CPU time the whole stack spent per successful call. */
    private record HttpResult(double opsPerSecond, double cpuMicrosPerOp) {
    }

    /** CPU time so far of this JVM (clients and service) and of every process it started, by what the process is. */
    private static Map<String, Long> stackCpuNanos() {
        Map<String, Long> byProcess = new TreeMap<>();
        byProcess.put(THIS_JVM, cpuNanos(ProcessHandle.current()));
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            byProcess.merge(role(child), cpuNanos(child), Long::sum);
        }
        postgres().forEach(process -> byProcess.merge("PostgreSQL", cpuNanos(process), Long::sum));
        return byProcess;
    }

    /** The stack's PostgreSQL runs detached (started by pg_ctl), so it is found by its port, with its backends. */
    private static List<ProcessHandle> postgres() {
        String port = " -p " + URI.create(LocalStackTestResource.stack().jdbcUrl("security").substring("jdbc:".length())).getPort() + " ";
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/postgres")
                        && process.info().commandLine().orElse("").contains(port))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .toList();
    }

    /** The local stack's servers this JVM started, by their command lines. */
    private static String role(ProcessHandle process) {
        String line = process.info().commandLine().orElse("").toLowerCase(Locale.ROOT);
        return line.contains("apicurio") ? "Apicurio" : line.contains("kafka") ? "Kafka" : "other";
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static DistributionSummary groupSizes() {
        return Arc.container().instance(MeterRegistry.class).get().find(GroupCommitRecorder.GROUP_SIZES).summary();
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

    /**
     * One timed single-thread run: ops per wall-clock second, and ops per CPU second of this thread
     * (not lowered while other processes of the shared machine hold the core).
     */
    private static double[] opsPerSecond(LongSupplier operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long ops = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + RUN_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            ops += operation.getAsLong();
        }
        double wall = ops / ((System.nanoTime() - start) / 1e9);
        double cpu = ops / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        return new double[] {wall, cpu};
    }

    private static HttpRequest request(String path, String text) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (!path.endsWith("/plain")) {
            builder.header("Authorization", "Bearer " + TestTokens.platformAdmin());
        }
        return builder.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"" + text + "\",\"context\":{}}")).build();
    }

    private static void send(HttpRequest request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri().getPath() + " answers " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResult httpMedian(String name, String path, String text) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = request(path, text);
        send(request);
        List<Double> results = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        Map<String, Long> cpuByProcess = new TreeMap<>();
        long measuredCalls = 0;
        for (int run = 0; run <= RUNS; run++) {
            Map<String, Long> cpuBefore = stackCpuNanos();
            long start = System.nanoTime();
            long[] counts = load(client, request);
            long ok = counts[0];
            long failed = counts[1];
            double perSecond = ok / ((System.nanoTime() - start) / 1e9);
            Map<String, Long> cpuAfter = stackCpuNanos();
            long spent = 0;
            for (Map.Entry<String, Long> process : cpuAfter.entrySet()) {
                long delta = process.getValue() - cpuBefore.getOrDefault(process.getKey(), 0L);
                spent += delta;
                if (run > 0) {
                    cpuByProcess.merge(process.getKey(), delta, Long::sum);
                }
            }
            if (failed > 0) {
                report("SECURITY " + name + " run " + run + ": " + failed + " failed calls");
            }
            if (run > 0) {
                results.add(perSecond);
                cpu.add(spent / 1e3 / Math.max(1, ok));
                measuredCalls += ok;
            }
        }
        long calls = Math.max(1, measuredCalls);
        report(String.format(Locale.ROOT, "SECURITY %s: CPU per call by process over the timed runs %s", name,
                cpuByProcess.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f us", e.getKey(), e.getValue() / 1e3 / calls))
                        .toList()));
        for (int run = 0; run < results.size(); run++) {
            FIGURES.figure(name, "throughput", "ops/s", "encrypt over HTTP".equals(name) ? 10_000.0 : null, false)
                    .add(results.get(run));
            FIGURES.figure(name, "CPU per call, whole stack", "us", null, true).add(cpu.get(run));
        }
        HttpResult result = new HttpResult(median(results), median(cpu));
        report(String.format(Locale.ROOT, "SECURITY %s (%d concurrent clients): runs %s ops/s, median %.0f; "
                + "CPU per call %s us, median %.0f", name, CONCURRENCY, format(results), result.opsPerSecond(), format(cpu),
                result.cpuMicrosPerOp()));
        return result;
    }

    /** CONCURRENCY calls in flight for RUN_MILLIS; returns {succeeded, failed}. */
    private static long[] load(HttpClient client, HttpRequest request) throws InterruptedException {
        Semaphore window = new Semaphore(CONCURRENCY);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + RUN_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            window.acquire();
            CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            call.whenComplete((response, error) -> {
                (error == null && response.statusCode() == 200 ? ok : failed).incrementAndGet();
                window.release();
            });
        }
        window.acquire(CONCURRENCY);
        return new long[] {ok.get(), failed.get()};
    }

    private static double median(List<Double> values) {
        return Stats.median(values);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static void report(String line) {
        Log.info(line);
    }
}
