package io.smmpulse.cli;

import static io.smmpulse.cli.AlertClockIT.COMMUNITIES;
import static io.smmpulse.cli.AlertClockIT.SLA;
import static io.smmpulse.cli.AlertClockIT.count;
import static io.smmpulse.cli.AlertClockIT.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.cli.AlertClockIT.Appender;
import io.smmpulse.cli.AlertClockIT.Question;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.JobRecord;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.config.Deployment;
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
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert clock through the faults of a running cluster: a TaskManager paused (SIGSTOP) past a
 * deadline while the reply waits in the topic decides nothing before the reply is read, and the
 * stack's Prometheus raises {@code SmmPulseAlertClockLagging} in Alertmanager while it is paused
 * ({@code bin/pulse test} sets the lag limit to 15 s); a job stopped with a savepoint and resumed in
 * a quiet period, at a parallelism above the topic's partitions, fires its pending deadline without
 * any new record.
 */
class AlertClockClusterIT {
    private static final Duration INGEST_DELAY = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPausedTaskManagerDecidesNothingBeforeTheReplyIsReadAndTheLagAlertFiresMeanwhile() throws Exception {
        TestStack stack = TestStack.fresh("clockpause");
        Deployment deployment = stack.deployment.withMaxIngestDelay(INGEST_DELAY);
        AlertClockIT.createTopic(deployment, 2);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        String job = StreamingJobs.submit(cluster, deployment, communities(), StreamingJobs.Start.FRESH)
                .id();
        long taskManager = Long.parseLong(Files.readString(clusterHome().resolve("flink/flink-taskmanager.pid"))
                .strip());
        boolean paused = false;
        try (Appender appender = new Appender(deployment)) {
            Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Question answered = new Question("answered", "c1", asked, asked.plusSeconds(50));
            Question unanswered = new Question("unanswered", "c1", asked, null);
            appender.append(1, answered.json());
            appender.append(1, unanswered.json());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(stack, "SELECT count() FROM fr_questions FINAL") == 2);

            waitUntil(asked.plusSeconds(35));
            signal(taskManager, "STOP");
            paused = true;
            waitUntil(answered.repliedAt());
            appender.append(1, answered.replyJson());
            await().atMost(Duration.between(Instant.now(), asked.plusSeconds(65)))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(AlertClockClusterIT::clockLaggingInAlertmanager);
            waitUntil(asked.plusSeconds(65));
            assertThat(Instant.now()).as("resumed after the deadline").isAfter(answered.deadline());
            signal(taskManager, "CONT");
            paused = false;

            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> firing(stack).containsKey("unanswered"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count(
                                    stack,
                                    "SELECT count() FROM fr_questions FINAL WHERE question_id = 'answered' AND status = 'within'")
                            == 1);
            assertThat(firing(stack))
                    .as("no breach decided before the reply was read")
                    .containsOnlyKeys("unanswered");
        } finally {
            if (paused) {
                signal(taskManager, "CONT");
            }
            cluster.cancel(job);
        }
    }

    @Test
    void aJobResumedInAQuietPeriodAtAnotherParallelismFiresItsPendingDeadlineWithoutANewRecord() throws Exception {
        TestStack stack = TestStack.fresh("clockrestart");
        Deployment deployment = stack.deployment.withMaxIngestDelay(INGEST_DELAY);
        AlertClockIT.createTopic(deployment, 2);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        Path communities = communities();
        String first = StreamingJobs.submit(cluster, deployment, communities, StreamingJobs.Start.FRESH)
                .id();
        String second = null;
        try (Appender appender = new Appender(deployment)) {
            Question question = new Question("quiet", "c0", Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
            appender.append(0, question.json());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(stack, "SELECT count() FROM fr_questions FINAL") == 1);
            String savepoint = cluster.stopWithSavepoint(first);
            JobRecord.of(deployment).addSavepoint(savepoint);
            // at parallelism 3 on two partitions: a reader without a partition must not hold the clock
            StreamingJobs.Submitted resumed = StreamingJobs.submit(
                    cluster, deployment.withParallelism(3), communities, StreamingJobs.Start.NEWEST);
            second = resumed.id();
            assertThat(resumed.resumedFrom()).as("resumed from the savepoint").isNotNull();
            assertThat(Instant.now()).as("resumed before the deadline").isBefore(question.deadline());

            await().atMost(SLA.plus(Duration.ofSeconds(30)))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> firing(stack).containsKey("quiet"));
            assertThat(firing(stack).get("quiet"))
                    .as("ms after the deadline, with nothing read since the restart but heartbeats")
                    .isBetween(INGEST_DELAY.toMillis(), INGEST_DELAY.toMillis() + 5_000);
        } finally {
            for (String id : new String[] {first, second}) {
                if (id != null) {
                    try {
                        cluster.cancel(id);
                    } catch (java.io.IOException ended) {
                        // not running
                    }
                }
            }
        }
    }

    private static Path communities() throws java.io.IOException {
        return Files.writeString(Files.createTempFile("alert-clock", ".json"), COMMUNITIES);
    }

    private static Path clusterHome() {
        return Path.of(System.getenv()
                .getOrDefault(
                        "PULSE_HOME",
                        ClickHouseSchema.locateSqlDir()
                                .getParent()
                                .resolve(".pulse")
                                .toString()));
    }

    private static void waitUntil(Instant instant) {
        await().atMost(Duration.between(Instant.now(), instant).plusSeconds(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !Instant.now().isBefore(instant));
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    /** Whether the stack's Alertmanager holds an active SmmPulseAlertClockLagging (from the stack's Prometheus). */
    private static boolean clockLaggingInAlertmanager() throws Exception {
        String port = System.getenv().getOrDefault("PULSE_ALERTMANAGER_PORT", "9193");
        String filter = URLEncoder.encode("alertname=\"SmmPulseAlertClockLagging\"", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v2/alerts?active=true&filter=" + filter))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("SmmPulseAlertClockLagging");
    }
}
