package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.control.FlinkCluster;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here (no Docker engine), but it must be a valid Compose file. */
class DockerComposeIT {
    @Test
    void composeFileIsValid() throws Exception {
        boolean installed = new File("/usr/bin/docker-compose").canExecute()
                || new File("/usr/local/bin/docker-compose").canExecute();
        // CI installs docker-compose (see .ci/run); elsewhere the check runs where it is installed
        assumeTrue(installed || "true".equals(System.getenv("CI")), "docker-compose is not installed");
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        ProcessBuilder builder = new ProcessBuilder(
                        "docker-compose",
                        "-f",
                        root.resolve("docker-compose.yml").toString(),
                        "config",
                        "-q")
                .redirectErrorStream(true)
                .directory(root.toFile());
        builder.environment().put("PULSE_CLICKHOUSE_PASSWORD", "only-for-the-check");
        builder.environment().put("PULSE_ANALYST_PASSWORD", "only-for-the-check");
        builder.environment().put("GRAFANA_ADMIN_PASSWORD", "only-for-the-check");
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readString(root.resolve("docker-compose.yml"))).contains("io.smmpulse.pipeline.StreamingJob");
    }

    /** The brokers write where their volumes are mounted: topics and offsets survive a re-created container. */
    @Test
    void kafkaBrokersKeepTheirLogsOnTheirVolumes() throws Exception {
        String compose =
                Files.readString(ClickHouseSchema.locateSqlDir().getParent().resolve("docker-compose.yml"));
        java.util.regex.Matcher logDirs =
                java.util.regex.Pattern.compile("KAFKA_LOG_DIRS: (\\S+)").matcher(compose);
        assertThat(logDirs.find()).as("KAFKA_LOG_DIRS is set").isTrue();
        for (int broker = 1; broker <= 3; broker++) {
            assertThat(compose).contains("volumes: [kafka-" + broker + "-data:" + logDirs.group(1) + "]");
        }
    }

    /**
     * The Flink image carries its settings as a whole file, stack/flink/config.yaml (the local
     * cluster's) plus docker/flink.yaml (what containers need), never through FLINK_PROPERTIES; the
     * two files set no key twice; the running local cluster has each shared value.
     */
    @Test
    void theFlinkImageAndTheLocalClusterRunOnTheSameFlinkSettings() throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        String compose = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(compose).doesNotContain("FLINK_PROPERTIES");
        assertThat(Files.readString(root.resolve("docker/job.Dockerfile")))
                .contains(
                        "COPY stack/flink/config.yaml /opt/smm-pulse/flink/stack.yaml",
                        "COPY docker/flink.yaml /opt/smm-pulse/flink/compose.yaml",
                        "cat /opt/smm-pulse/flink/stack.yaml /opt/smm-pulse/flink/compose.yaml > /opt/flink/conf/config.yaml",
                        "chown flink:flink /opt/flink/conf/config.yaml");
        Map<String, String> shared = flatSettings(root.resolve("stack/flink/config.yaml"));
        Map<String, String> containers = flatSettings(root.resolve("docker/flink.yaml"));
        assertThat(shared)
                .containsKeys(
                        "state.backend.type",
                        "execution.checkpointing.interval",
                        "restart-strategy.type",
                        "metrics.reporter.prom.factory.class");
        assertThat(containers.keySet()).as("set in both files").doesNotContainAnyElementsOf(shared.keySet());
        assertThat(containers)
                .as("reachable across containers, as the image's own settings file was")
                .containsEntry("jobmanager.rpc.address", "jobmanager")
                .containsEntry("jobmanager.bind-host", "0.0.0.0")
                .containsEntry("taskmanager.bind-host", "0.0.0.0")
                .containsEntry("rest.bind-address", "0.0.0.0")
                .containsEntry("execution.checkpointing.dir", "file:///data/pulse/checkpoints")
                .containsEntry("execution.checkpointing.savepoint-dir", "file:///data/pulse/savepoints");
        assertThat(containers.get("env.java.opts.all"))
                .as("the Java 17 options of the image's settings file it replaces")
                .contains("--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        assertThat(compose).as("the data volume holds the checkpoints").contains("- pulse-data:/data/pulse");
        assertThat(compose)
                .as("the Prometheus reporter's port is what the TaskManager's health check opens")
                .contains("/dev/tcp/localhost/" + containers.get("metrics.reporter.prom.port"));

        Map<String, String> running = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode entry : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(FlinkCluster.fromEnv(System.getenv())
                                                .url()
                                                .resolve("/jobmanager/config"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body())) {
            running.put(entry.path("key").asText(), entry.path("value").asText());
        }
        assertThat(running).as("the local cluster (bin/pulse up)").containsAllEntriesOf(shared);
    }

    /**
     * The job and the dispatcher run from images built from the repository, not from jars
     * bind-mounted from the host: each image's Dockerfile exists, what it copies exists after the
     * build and is not left out of the build context by .dockerignore.
     */
    @Test
    void imagesAreBuiltFromWhatTheRepositoryHolds() throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        String compose = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(compose).as("no jar mounted from the host").doesNotContain("target/");
        List<String> dockerfiles = Pattern.compile("dockerfile: (\\S+)")
                .matcher(compose)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(dockerfiles).containsExactlyInAnyOrder("docker/job.Dockerfile", "docker/dispatcher.Dockerfile");
        List<String> included = Files.readAllLines(root.resolve(".dockerignore")).stream()
                .filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1))
                .toList();
        for (String dockerfile : dockerfiles) {
            List<String> sources = Files.readAllLines(root.resolve(dockerfile)).stream()
                    .filter(line -> line.startsWith("COPY "))
                    .map(line -> line.split("\\s+")[1])
                    .toList();
            assertThat(sources).as(dockerfile).isNotEmpty();
            for (String source : sources) {
                assertThat(root.resolve(source))
                        .as("%s copies %s", dockerfile, source)
                        .exists();
                assertThat(included)
                        .as("%s is in the build context", source)
                        .anyMatch(kept -> source.equals(kept) || source.startsWith(kept + "/"));
            }
        }
        assertThat(Files.readString(root.resolve("docker/job.Dockerfile")))
                .as("the start script compose names as the JobManager's entrypoint is in the image")
                .contains("COPY docker/jobmanager-start.sh /opt/smm-pulse/jobmanager-start.sh");
        assertThat(compose).contains("entrypoint: [\"/opt/smm-pulse/jobmanager-start.sh\"]");
    }

    private static Map<String, String> flatSettings(Path file) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                String key = line.substring(0, line.indexOf(':')).strip();
                assertThat(settings).as("%s sets %s once", file, key).doesNotContainKey(key);
                settings.put(key, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return settings;
    }
}
