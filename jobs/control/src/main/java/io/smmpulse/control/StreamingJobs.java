package io.smmpulse.control;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.StreamingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The streaming job on a Flink session cluster: submitted as the job jar through the REST API,
 * resumed from the newest savepoint or retained checkpoint of the same job (one job per events
 * topic, recorded under PULSE_HOME/jobs/), stopped with a savepoint, and its status.
 */
public final class StreamingJobs {
    private StreamingJobs() {}

    /** A job on the cluster, its state once deployed, and the savepoint or checkpoint it resumed from (null: fresh). */
    public record Submitted(String id, String state, String resumedFrom, boolean alreadyRunning) {}

    /** How a run starts: from the newest restore point (refusing empty state on a database with results), from a given one, or fresh. */
    public record Start(boolean resume, String from) {
        public static final Start NEWEST = new Start(true, null);
        public static final Start FRESH = new Start(false, null);

        public static Start from(String location) {
            return new Start(true, location);
        }
    }

    /**
     * Checks Kafka and ClickHouse here (so that a wrong setting is said here, not in the cluster's
     * log), then submits the job jar and waits until every task runs.
     */
    public static Submitted submit(FlinkCluster cluster, Deployment deployment, Path communities, Start start)
            throws Exception {
        return submit(cluster, deployment, communities, start, jobJar());
    }

    /** As above, with a job jar of one's choice (an earlier release's, in the upgrade test). */
    public static Submitted submit(FlinkCluster cluster, Deployment deployment, Path communities, Start start, Path jar)
            throws Exception {
        cluster.requireReachable();
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        KafkaTopics.keepAlerts(deployment.kafkaBootstrap(), deployment.alertTopic(), deployment.alertExpiry());
        ClickHouseSchema.apply(deployment.clickHouse());
        String name = StreamingJob.jobName(deployment);
        Optional<FlinkCluster.Job> active = cluster.active(name);
        if (active.isPresent()) {
            return new Submitted(active.get().id(), active.get().state(), null, true);
        }
        JobRecord record = JobRecord.of(deployment);
        String resumeFrom = start.from() != null
                ? start.from()
                : start.resume()
                        ? record.newestRestorePoint(cluster)
                                .map(FlinkCluster.RestorePoint::location)
                                .orElse(null)
                        : null;
        if (start.resume() && resumeFrom == null && ClickHouseSchema.holdsResults(deployment.clickHouse())) {
            throw new io.smmpulse.core.config.ConfigException(
                    "no savepoint or retained checkpoint of " + name + " was found (neither the"
                            + " cluster nor PULSE_HOME/jobs/ knows one), and " + deployment.clickHouse()
                            + " already holds results: a job with empty state"
                            + " would overwrite them with partial totals. Name the newest checkpoint or savepoint with bin/pulse run --from LOCATION,"
                            + " or start over on purpose with bin/pulse run --fresh");
        }
        String id = cluster.submit(
                jar,
                StreamingJob.class.getName(),
                programArguments(deployment, communities),
                deployment.parallelism(),
                Optional.ofNullable(resumeFrom));
        record.addJob(id);
        String state = cluster.awaitRunning(id, Duration.ofSeconds(120));
        if (!"RUNNING".equals(state)) {
            throw new io.smmpulse.core.config.ConfigException(
                    "the job " + id + " did not start (" + state + "): " + cluster.failure(id));
        }
        return new Submitted(id, state, resumeFrom, false);
    }

    public static int stop(Deployment deployment) throws Exception {
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        cluster.requireReachable();
        Optional<FlinkCluster.Job> job = cluster.active(StreamingJob.jobName(deployment));
        if (job.isEmpty()) {
            System.out.println("no " + StreamingJob.jobName(deployment) + " job is running on " + cluster.url());
            return 0;
        }
        String savepoint = cluster.stopWithSavepoint(job.get().id());
        JobRecord.of(deployment).addSavepoint(savepoint);
        System.out.println(
                "stopped job " + job.get().id() + " with savepoint " + savepoint + "; bin/pulse run resumes from it");
        return 0;
    }

    /** The job part of {@code bin/pulse status}: every job on the cluster, and this job's last checkpoint. */
    public static int status(Deployment deployment) throws Exception {
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        List<FlinkCluster.Job> jobs;
        try {
            jobs = cluster.jobs();
        } catch (java.io.IOException e) {
            return NOT_RUNNING; // bin/pulse status already said the cluster is stopped
        }
        if (jobs.isEmpty()) {
            System.out.println("jobs: none on " + cluster.url());
        }
        boolean running = false;
        for (FlinkCluster.Job job : jobs) {
            running |= job.state().equals("RUNNING");
            StringBuilder line = new StringBuilder("job: " + job.name() + " " + job.state() + " (" + job.id() + ")");
            if (job.state().equals("RUNNING")) {
                com.fasterxml.jackson.databind.JsonNode latest =
                        cluster.checkpoints(job.id()).path("latest");
                com.fasterxml.jackson.databind.JsonNode completed = latestCheckpoint(latest, "completed");
                if (completed != null) {
                    line.append(", last checkpoint ")
                            .append(completed.path("id").asText())
                            .append(" at ")
                            .append(java.time.Instant.ofEpochMilli(
                                    completed.path("latest_ack_timestamp").asLong()))
                            .append(" (")
                            .append(completed.path("external_path").asText())
                            .append(')');
                }
                com.fasterxml.jackson.databind.JsonNode restored = latestCheckpoint(latest, "restored");
                if (restored != null) {
                    line.append(", restored from ")
                            .append(restored.path("external_path").asText());
                }
            }
            System.out.println(line);
        }
        return running ? 0 : NOT_RUNNING;
    }

    /** The {@code kind} (completed, restored) of a job's latest checkpoints as the REST API gives them, or null for none. */
    private static com.fasterxml.jackson.databind.JsonNode latestCheckpoint(
            com.fasterxml.jackson.databind.JsonNode latest, String kind) {
        com.fasterxml.jackson.databind.JsonNode checkpoint = latest.path(kind);
        return checkpoint.isMissingNode() || checkpoint.isNull() ? null : checkpoint;
    }

    /** bin/pulse status's exit code when no streaming job runs (as {@code systemctl is-active} says "inactive"). */
    public static final int NOT_RUNNING = 3;

    /** bin/pulse status --json: the stack's services as the launcher found them, the cluster's jobs, and whether one runs. */
    public static int statusJson(java.util.Map<String, String> services) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode out = mapper.createObjectNode();
        services.forEach(out.putObject("services")::put);
        com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray("jobs");
        boolean running = false;
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        try {
            for (FlinkCluster.Job job : cluster.jobs()) {
                running |= job.state().equals("RUNNING");
                com.fasterxml.jackson.databind.node.ObjectNode node = list.addObject();
                node.put("name", job.name()).put("state", job.state()).put("id", job.id());
                if (job.state().equals("RUNNING")) {
                    com.fasterxml.jackson.databind.JsonNode completed =
                            latestCheckpoint(cluster.checkpoints(job.id()).path("latest"), "completed");
                    if (completed != null) {
                        node.put(
                                "last_checkpoint",
                                completed.path("external_path").asText());
                        node.put(
                                "last_checkpoint_at",
                                java.time.Instant.ofEpochMilli(completed
                                                .path("latest_ack_timestamp")
                                                .asLong())
                                        .toString());
                    }
                }
            }
        } catch (java.io.IOException e) {
            out.put("cluster", "unreachable: " + cluster.url());
        }
        out.put("running", running);
        System.out.println(mapper.writeValueAsString(out));
        return running ? 0 : NOT_RUNNING;
    }

    public static Path jobJar() {
        String configured = System.getenv("PULSE_JOB_JAR");
        Path jar = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : ClickHouseSchema.locateSqlDir().getParent().resolve("jobs/pipeline/target/pulse-pipeline.jar");
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new io.smmpulse.core.config.ConfigException(
                    "PULSE_JOB_JAR: " + jar + " is not a file (build it: mvn -DskipTests install)");
        }
        return jar;
    }

    /**
     * The job's settings as program arguments (see StreamingJob#main); the ClickHouse password goes
     * in a file only this user can read, never into the arguments, which the cluster shows.
     */
    public static List<String> programArguments(Deployment deployment, Path communities) throws java.io.IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--home",
                deployment.home().toString(),
                "--kafka-bootstrap",
                deployment.kafkaBootstrap(),
                "--topic",
                deployment.topic(),
                "--dlq-topic",
                deployment.deadLetterTopic(),
                "--alert-topic",
                deployment.alertTopic(),
                "--clickhouse-url",
                deployment.clickHouse().url(),
                "--clickhouse-user",
                deployment.clickHouse().user(),
                "--clickhouse-database",
                deployment.clickHouse().database(),
                "--max-ingest-delay",
                deployment.maxIngestDelay().toMillis() + "ms",
                "--kpi-events",
                String.valueOf(deployment.kpiEvents()),
                "--alert-expiry",
                deployment.alertExpiry().toMillis() + "ms",
                "--spool-dir",
                deployment.home().resolve("spool").resolve(deployment.topic()).toString()));
        if (!deployment.clickHouse().password().isEmpty()) {
            Path secrets =
                    java.nio.file.Files.createDirectories(deployment.home().resolve("secrets"));
            Path file = secrets.resolve("clickhouse-password");
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.createFile(
                    file,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            java.nio.file.Files.writeString(file, deployment.clickHouse().password());
            args.addAll(List.of("--clickhouse-password-file", file.toString()));
        }
        if (communities != null) {
            args.addAll(List.of("--communities", communities.toAbsolutePath().toString()));
        }
        return args;
    }
}
