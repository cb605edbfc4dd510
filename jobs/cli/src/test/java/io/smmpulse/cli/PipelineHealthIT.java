package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.pipeline.KafkaTopics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline-health rules of stack/prometheus/rules.yml in a real Prometheus (Debian's, scraping
 * the local cluster's Flink reporters and a dispatcher every second, the rules' waits shortened to
 * seconds) sending to a real Alertmanager with a webhook receiver: a killed dispatcher and a
 * cancelled job each reach the receiver.
 */
class PipelineHealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> started = new ArrayList<>();
    private AlertmanagerWithReceiver alertmanager;

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void aKilledDispatcherPagesAndItsReturnResolves() throws Exception {
        TestStack stack = TestStack.fresh("health_dispatcher");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.alertTopic()));
        alertmanager = AlertmanagerWithReceiver.start("alertname");
        int metricsPort = TestPorts.free();
        Process dispatcher = dispatcher(stack, metricsPort);
        int prometheus = prometheus(metricsPort);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !query(prometheus, "smmpulse_dispatcher_heartbeat_seconds")
                        .isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !firingInPrometheus(prometheus).contains("SmmPulseDispatcherDown"));

        dispatcher.destroyForcibly().waitFor();
        Instant killed = Instant.now();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notifiedSince("SmmPulseDispatcherDown", "firing", killed) == 1);

        dispatcher(stack, metricsPort);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notifiedSince("SmmPulseDispatcherDown", "resolved", killed) == 1);
    }

    @Test
    void aJobThatStopsRunningPages() throws Exception {
        TestStack stack = TestStack.fresh("health_job");
        alertmanager = AlertmanagerWithReceiver.start("alertname");
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        String job = StreamingJobs.submit(
                        cluster,
                        stack.deployment,
                        EscalationPipelineIT.resource("pipeline-communities.json"),
                        StreamingJobs.Start.FRESH)
                .id();
        int dispatcherMetrics = TestPorts.free();
        dispatcher(stack, dispatcherMetrics);
        int prometheus;
        try {
            prometheus = prometheus(dispatcherMetrics);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !query(prometheus, "flink_jobmanager_job_runningTime{job_id=\"" + job + "\"} > 0")
                            .isEmpty());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !firingInPrometheus(prometheus).contains("SmmPulseJobDown"));
            everyPipelinePanelReadsWhatPrometheusHas(prometheus);
        } finally {
            cluster.cancel(job);
        }
        Instant cancelled = Instant.now();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notifiedSince("SmmPulseJobDown", "firing", cancelled) == 1);
    }

    /**
     * The pipeline dashboard (grafana/pipeline/pipeline.json) while the job and a dispatcher run:
     * every query is valid PromQL and every metric it names is one Prometheus scrapes.
     */
    private void everyPipelinePanelReadsWhatPrometheusHas(int prometheus) throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        JsonNode dashboard =
                JSON.readTree(root.resolve("grafana/pipeline/pipeline.json").toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
            panel.path("targets")
                    .forEach(target -> queries.add(target.path("expr").asText()));
        }
        assertThat(queries).hasSizeGreaterThan(10);
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (String query : queries) {
            java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\\b(?:flink|smmpulse)_\\w+")
                    .matcher(query);
            while (metric.find()) {
                named.add(metric.group());
            }
            query(prometheus, query.replace("$__rate_interval", "1m"));
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    java.util.Set<String> scraped = new java.util.HashSet<>();
                    JSON.readTree(get(prometheus, "/api/v1/label/__name__/values")
                                    .body())
                            .path("data")
                            .forEach(name -> scraped.add(name.asText()));
                    assertThat(scraped).as("metrics Prometheus scrapes").containsAll(named);
                });
    }

    /** The dispatcher's own jar, as docker-compose runs it, on the stack's alert topic. */
    private Process dispatcher(TestStack stack, int metricsPort) throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        ClickHouseSettings clickHouse = stack.deployment.clickHouse();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-jar",
                        root.resolve("jobs/dispatcher/target/pulse-dispatcher.jar")
                                .toString(),
                        "--refresh",
                        "2s")
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("dispatcher", ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PULSE_KAFKA_BOOTSTRAP", stack.deployment.kafkaBootstrap());
        env.put("PULSE_ALERT_TOPIC", stack.deployment.alertTopic());
        env.put("PULSE_CLICKHOUSE_URL", clickHouse.url());
        env.put("PULSE_CLICKHOUSE_USER", clickHouse.user());
        env.put("PULSE_CLICKHOUSE_PASSWORD", clickHouse.password());
        env.put("PULSE_CLICKHOUSE_DATABASE", clickHouse.database());
        env.put("PULSE_ALERT_WEBHOOK", alertmanager.alertsApi().toString());
        env.put("PULSE_DISPATCHER_METRICS", "127.0.0.1:" + metricsPort);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /**
     * Debian's Prometheus with the project's rules, their waits shortened to seconds, scraping the
     * local cluster's Flink reporters and the dispatcher's metrics every second.
     */
    private int prometheus(int dispatcherMetricsPort) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/prometheus")) || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        String rules = Files.readString(root.resolve("stack/prometheus/rules.yml"));
        String dispatcherSilence = "(time() - max(smmpulse_dispatcher_heartbeat_seconds)) > 120";
        assertThat(rules).contains(dispatcherSilence, "for: 5m", "for: 1m");
        rules = rules.replace(dispatcherSilence, dispatcherSilence.replace("> 120", "> 4"))
                .replace("for: 5m", "for: 2s")
                .replace("for: 1m", "for: 2s");
        Path dir = Files.createTempDirectory("prometheus-it");
        Files.writeString(dir.resolve("rules.yml"), rules);
        int flinkMetrics = Integer.parseInt(System.getenv().getOrDefault("PULSE_FLINK_METRICS_PORT", "9249"));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ["%s"]
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ["127.0.0.1:%d"]}]
                scrape_configs:
                  - job_name: flink
                    static_configs: [{targets: ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"]}]
                  - job_name: dispatcher
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(
                        dir.resolve("rules.yml"),
                        alertmanager.port(),
                        flinkMetrics,
                        flinkMetrics + 1,
                        flinkMetrics + 2,
                        dispatcherMetricsPort));
        int port = TestPorts.free();
        started.add(new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start());
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> get(port, "/-/ready").statusCode() == 200);
        return port;
    }

    private JsonNode query(int prometheus, String promql) throws Exception {
        HttpResponse<String> response =
                get(prometheus, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).as(response.body()).isEqualTo("success");
        return body.path("data").path("result");
    }

    /** The names of the alerts Prometheus holds as firing. */
    private List<String> firingInPrometheus(int prometheus) throws Exception {
        List<String> firing = new ArrayList<>();
        for (JsonNode alert : JSON.readTree(get(prometheus, "/api/v1/alerts").body())
                .path("data")
                .path("alerts")) {
            if (alert.path("state").asText().equals("firing")) {
                firing.add(alert.path("labels").path("alertname").asText());
            }
        }
        return firing;
    }

    /** How many notifications of {@code alertname} in {@code status} the receiver had of an alert that started after {@code since}. */
    private int notifiedSince(String alertname, String status, Instant since) {
        return alertmanager
                .counts(alert -> alert.path("labels").path("alertname").asText() + "/"
                        + alert.path("status").asText() + "/"
                        + Instant.parse(alert.path("startsAt").asText()).isAfter(since))
                .getOrDefault(alertname + "/" + status + "/true", 0);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
