package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.Errors;
import io.smmpulse.core.config.PulseEnvironment;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.StreamingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/pulse run}, {@code stop} and the job part of {@code status}: the streaming job on the
 * Flink session cluster (the job jar submitted through its REST API), or with {@code --local} in
 * this JVM. A run resumes from the newest savepoint or retained checkpoint of the same job (one job
 * per events topic, recorded under PULSE_HOME/jobs/).
 */
@Command(
        name = "run",
        description = {
            "Submit the streaming job (the job jar) to the Flink cluster and return once it runs;",
            "it resumes from the job's newest savepoint or retained checkpoint."
        })
final class StreamingCommand implements Callable<Integer> {
    @Mixin
    CommunitiesOption communitiesOption;

    @Option(
            names = "--local",
            description = "run the job in this JVM (an in-process cluster) until Ctrl-C, which takes a savepoint")
    boolean local;

    @Option(
            names = "--from",
            paramLabel = "LOCATION",
            description = "resume from this savepoint or retained checkpoint (a path or URI"
                    + " the cluster can read) instead of the newest one found")
    String from;

    @Option(
            names = "--fresh",
            description = "start with empty state even though the database holds results (they are rewritten "
                    + "from what the job reads; see docs/reliability.md)")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        PulseEnvironment env = PulseEnvironment.fromEnv();
        if (local) {
            return runHere(communitiesOption.load(), env);
        }
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        if (fresh && from != null) {
            throw new io.smmpulse.core.config.ConfigException(
                    "--fresh and --from: choose one (start with empty state, or resume from " + from + ")");
        }
        Submitted job = submit(
                cluster,
                env,
                communitiesOption.file,
                fresh ? Start.FRESH : from != null ? Start.from(from) : Start.NEWEST);
        String started = job.alreadyRunning()
                ? "was running already"
                : job.resumedFrom() == null ? "starting fresh" : "resumed from " + job.resumedFrom();
        System.out.println("smm-pulse job " + job.id() + " " + job.state() + " on the Flink cluster (" + cluster.url()
                + "/#/job/running/" + job.id() + "), " + started);
        System.out.println("reading " + env.topic() + " at " + env.kafkaBootstrap() + ", writing " + env.clickHouse()
                + "; bin/pulse stop takes a savepoint");
        System.out.println("alerts go to the topic " + env.alertTopic()
                + "; bin/pulse dispatch posts them to Alertmanager (the local stack runs one)");
        return 0;
    }

    /** A job on the cluster, its state once deployed, and the savepoint or checkpoint it resumed from (null: fresh). */
    record Submitted(String id, String state, String resumedFrom, boolean alreadyRunning) {}

    /** How a run starts: from the newest restore point (refusing empty state on a database with results), from a given one, or fresh. */
    record Start(boolean resume, String from) {
        static final Start NEWEST = new Start(true, null);
        static final Start FRESH = new Start(false, null);

        static Start from(String location) {
            return new Start(true, location);
        }
    }

    /**
     * Checks Kafka and ClickHouse here (so that a wrong setting is said here, not in the cluster's
     * log), then submits the job jar and waits until every task runs.
     */
    static Submitted submit(FlinkCluster cluster, PulseEnvironment env, Path communities, Start start)
            throws Exception {
        return submit(cluster, env, communities, start, jobJar());
    }

    /** As above, with a job jar of one's choice (an earlier release's, in the upgrade test). */
    static Submitted submit(FlinkCluster cluster, PulseEnvironment env, Path communities, Start start, Path jar)
            throws Exception {
        cluster.requireReachable();
        KafkaTopics.ensure(env.kafkaBootstrap(), List.of(env.topic(), env.deadLetterTopic(), env.alertTopic()));
        KafkaTopics.keepAlerts(env.kafkaBootstrap(), env.alertTopic(), env.alertExpiry());
        ClickHouseSchema.apply(env.clickHouse());
        String name = StreamingJob.jobName(env);
        Optional<FlinkCluster.Job> active = cluster.active(name);
        if (active.isPresent()) {
            return new Submitted(active.get().id(), active.get().state(), null, true);
        }
        JobRecord record = JobRecord.of(env);
        String resumeFrom = start.from() != null
                ? start.from()
                : start.resume()
                        ? record.newestRestorePoint(cluster)
                                .map(FlinkCluster.RestorePoint::location)
                                .orElse(null)
                        : null;
        if (start.resume() && resumeFrom == null && ClickHouseSchema.holdsResults(env.clickHouse())) {
            throw new io.smmpulse.core.config.ConfigException(
                    "no savepoint or retained checkpoint of " + name + " was found (neither the"
                            + " cluster nor PULSE_HOME/jobs/ knows one), and " + env.clickHouse()
                            + " already holds results: a job with empty state"
                            + " would overwrite them with partial totals. Name the newest checkpoint or savepoint with bin/pulse run --from LOCATION,"
                            + " or start over on purpose with bin/pulse run --fresh");
        }
        String id = cluster.submit(
                jar,
                StreamingJob.class.getName(),
                programArguments(env, communities),
                env.parallelism(),
                Optional.ofNullable(resumeFrom));
        record.addJob(id);
        String state = cluster.awaitRunning(id, Duration.ofSeconds(120));
        if (!"RUNNING".equals(state)) {
            throw new io.smmpulse.core.config.ConfigException(
                    "the job " + id + " did not start (" + state + "): " + cluster.failure(id));
        }
        return new Submitted(id, state, resumeFrom, false);
    }

    @Command(name = "stop", description = "Stop the streaming job with a savepoint, from which the next run resumes.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return stop(PulseEnvironment.fromEnv());
        }
    }

    @Command(name = "status-job", hidden = true, description = "The job part of bin/pulse status.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return status(PulseEnvironment.fromEnv());
        }
    }

    static int stop(PulseEnvironment env) throws Exception {
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        cluster.requireReachable();
        Optional<FlinkCluster.Job> job = cluster.active(StreamingJob.jobName(env));
        if (job.isEmpty()) {
            System.out.println("no " + StreamingJob.jobName(env) + " job is running on " + cluster.url());
            return 0;
        }
        String savepoint = cluster.stopWithSavepoint(job.get().id());
        JobRecord.of(env).addSavepoint(savepoint);
        System.out.println(
                "stopped job " + job.get().id() + " with savepoint " + savepoint + "; bin/pulse run resumes from it");
        return 0;
    }

    /** The job part of {@code bin/pulse status}: every job on the cluster, and this job's last checkpoint. */
    static int status(PulseEnvironment env) throws Exception {
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        List<FlinkCluster.Job> jobs;
        try {
            jobs = cluster.jobs();
        } catch (java.io.IOException e) {
            return 0; // bin/pulse status already said the cluster is stopped
        }
        if (jobs.isEmpty()) {
            System.out.println("jobs: none on " + cluster.url());
        }
        for (FlinkCluster.Job job : jobs) {
            StringBuilder line = new StringBuilder("job: " + job.name() + " " + job.state() + " (" + job.id() + ")");
            if (job.state().equals("RUNNING")) {
                com.fasterxml.jackson.databind.JsonNode latest =
                        cluster.checkpoints(job.id()).path("latest");
                com.fasterxml.jackson.databind.JsonNode completed = latest.path("completed");
                if (!completed.isMissingNode() && !completed.isNull()) {
                    line.append(", last checkpoint ")
                            .append(completed.path("id").asText())
                            .append(" at ")
                            .append(java.time.Instant.ofEpochMilli(
                                    completed.path("latest_ack_timestamp").asLong()))
                            .append(" (")
                            .append(completed.path("external_path").asText())
                            .append(')');
                }
                com.fasterxml.jackson.databind.JsonNode restored = latest.path("restored");
                if (!restored.isMissingNode() && !restored.isNull()) {
                    line.append(", restored from ")
                            .append(restored.path("external_path").asText());
                }
            }
            System.out.println(line);
        }
        return 0;
    }

    static Path jobJar() {
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
    static List<String> programArguments(PulseEnvironment env, Path communities) throws java.io.IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--home",
                env.home().toString(),
                "--kafka-bootstrap",
                env.kafkaBootstrap(),
                "--topic",
                env.topic(),
                "--dlq-topic",
                env.deadLetterTopic(),
                "--alert-topic",
                env.alertTopic(),
                "--clickhouse-url",
                env.clickHouse().url(),
                "--clickhouse-user",
                env.clickHouse().user(),
                "--clickhouse-database",
                env.clickHouse().database(),
                "--max-ingest-delay",
                env.maxIngestDelay().toMillis() + "ms",
                "--alert-expiry",
                env.alertExpiry().toMillis() + "ms",
                "--spool-dir",
                env.home().resolve("spool").resolve(env.topic()).toString()));
        if (!env.clickHouse().password().isEmpty()) {
            Path secrets = java.nio.file.Files.createDirectories(env.home().resolve("secrets"));
            Path file = secrets.resolve("clickhouse-password");
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.createFile(
                    file,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            java.nio.file.Files.writeString(file, env.clickHouse().password());
            args.addAll(List.of("--clickhouse-password-file", file.toString()));
        }
        if (communities != null) {
            args.addAll(List.of("--communities", communities.toAbsolutePath().toString()));
        }
        return args;
    }

    /** {@code --local}: the job in this JVM (an in-process cluster) until Ctrl-C, which stops it with a savepoint. */
    private static int runHere(io.smmpulse.core.config.Communities communities, PulseEnvironment env) throws Exception {
        StreamExecutionEnvironment flink = StreamingJob.prepare(
                env, communities, env.home().resolve("checkpoints").resolve("run"), true);
        System.out.println("smm-pulse streaming (in this JVM) from " + env.topic() + " at " + env.kafkaBootstrap()
                + " into " + env.clickHouse());
        JobClient job = flink.executeAsync("smm-pulse");
        Path savepoints = env.home().resolve("checkpoints").resolve("run").resolve("savepoints");
        Thread stopper = new Thread(() -> stopWithSavepoint(job, savepoints), "stop-with-savepoint");
        Runtime.getRuntime().addShutdownHook(stopper);
        job.getJobExecutionResult().get();
        return 0;
    }

    /** Ctrl-C or SIGTERM: stop with a savepoint, so that the next start (at any parallelism) resumes exactly there. */
    private static void stopWithSavepoint(JobClient job, Path savepoints) {
        try {
            String path = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
            System.out.println("stopped with savepoint " + path);
        } catch (Exception e) {
            System.err.println("pulse: no savepoint (" + Errors.firstLine(Errors.rootMessage(e))
                    + "); the next start resumes from the latest checkpoint");
        }
    }
}
