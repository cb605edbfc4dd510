package io.smmpulse.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Debian's prometheus-alertmanager on a free loopback port (resolve_timeout 3 s, notifications
 * within a second) and a webhook receiver behind it that keeps every alert of every notification.
 * CI installs Alertmanager (see .ci/run); elsewhere a test that needs it is skipped where it is not
 * installed.
 */
final class AlertmanagerWithReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer receiver;
    private final Process alertmanager;
    private final int port;
    private final List<JsonNode> notified;

    private AlertmanagerWithReceiver(HttpServer receiver, Process alertmanager, int port, List<JsonNode> notified) {
        this.receiver = receiver;
        this.alertmanager = alertmanager;
        this.port = port;
        this.notified = notified;
    }

    /** Alertmanager grouping by {@code groupBy}, notifying the receiver of each group at once. */
    static AlertmanagerWithReceiver start(String... groupBy) throws Exception {
        assumeInstalled();
        List<JsonNode> notified = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            JSON.readTree(exchange.getRequestBody().readAllBytes())
                    .path("alerts")
                    .forEach(notified::add);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path dir = Files.createTempDirectory("alertmanager-it");
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                global:
                  resolve_timeout: 3s
                route:
                  receiver: hook
                  group_by: [%s]
                  group_wait: 500ms
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        send_resolved: true
                """.formatted(
                        String.join(", ", groupBy), receiver.getAddress().getPort()));
        int port = TestPorts.free();
        Process alertmanager = new ProcessBuilder(
                        binary(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerWithReceiver started = new AlertmanagerWithReceiver(receiver, alertmanager, port, notified);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(started.url("/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
        return started;
    }

    static void assumeInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/prometheus-alertmanager"))
                || Files.isExecutable(Path.of("/usr/local/bin/alertmanager"))
                || Files.isExecutable(Path.of("/usr/bin/alertmanager"));
        assumeTrue(installed || "true".equals(System.getenv("CI")), "prometheus-alertmanager is not installed");
    }

    private static String binary() {
        return Files.isExecutable(Path.of("/usr/bin/prometheus-alertmanager"))
                ? "/usr/bin/prometheus-alertmanager"
                : "alertmanager";
    }

    int port() {
        return port;
    }

    /** Where a dispatcher or Prometheus posts alerts. */
    URI alertsApi() {
        return url("/api/v2/alerts");
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** How many times the receiver was told of each key of an alert (its labels and status, as {@code key} says). */
    Map<String, Integer> counts(Function<JsonNode, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        notified.forEach(alert -> counts.merge(key.apply(alert), 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        alertmanager.destroyForcibly();
        receiver.stop(0);
    }
}
