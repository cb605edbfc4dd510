package io.smmpulse.cli;

import io.smmpulse.pipeline.PulseEnvironment;
import io.smmpulse.pipeline.StreamingJob;
import io.smmpulse.core.Errors;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@code bin/pulse run}: the streaming job against the configured Kafka and ClickHouse. */
final class StreamingCommand {
    /** Results and alerts become visible when a checkpoint completes: this bounds their delay. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private StreamingCommand() {}

    static int run(List<String> args, PulseEnvironment env) throws Exception {
        Options options = Options.parse("run", args, Set.of("communities", "alert-webhook"));
        URI webhook = webhook(options);
        StreamExecutionEnvironment flink = StreamingJob.prepare(env, options.communities(), env.home().resolve("checkpoints").resolve("run"), true);
        System.out.println("smm-pulse streaming from " + env.topic() + " at " + env.kafkaBootstrap() + " into " + env.clickHouse());
        if (webhook != null) {
            Thread dispatcher = new Thread(new AlertDispatcher(env.kafkaBootstrap(), env.alertTopic(), webhook, env.clickHouse(), alert -> {}),
                    "alert-webhook");
            dispatcher.setDaemon(true);
            dispatcher.start();
            System.out.println("SLA alerts go to " + AlertDispatcher.describe(webhook));
        }
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
            String path = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
            System.out.println("stopped with savepoint " + path);
        } catch (Exception e) {
            System.err.println("pulse: no savepoint (" + Errors.firstLine(Errors.rootMessage(e)) + "); the next start resumes from the latest checkpoint");
        }
    }

    /**
     * --alert-webhook URL, else PULSE_ALERT_WEBHOOK, else the file named by PULSE_ALERT_WEBHOOK_FILE,
     * else none. The URL is a secret (it usually carries the token that lets anyone post): bin/pulse
     * moves the flag into the environment before the JVM starts, and it is never printed.
     */
    static URI webhook(Options options) {
        String value = options.get("alert-webhook", System.getenv("PULSE_ALERT_WEBHOOK"));
        String file = System.getenv("PULSE_ALERT_WEBHOOK_FILE");
        if ((value == null || value.isBlank()) && file != null && !file.isBlank()) {
            try {
                value = java.nio.file.Files.readString(java.nio.file.Paths.get(file)).strip();
            } catch (java.io.IOException e) {
                throw new io.smmpulse.core.config.ConfigException("PULSE_ALERT_WEBHOOK_FILE: cannot read " + file + ": " + e.getMessage());
            }
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw new io.smmpulse.core.config.ConfigException("--alert-webhook: the value is not an http:// or https:// URL with a host");
    }
}
