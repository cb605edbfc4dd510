package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.JobRecord;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.pipeline.KafkaTopics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults on the local stack's Flink session cluster, mid-stream: kill -9 of the TaskManager (a new
 * one started by {@code bin/pulse up}; Flink's restart strategy recovers the job from its
 * checkpoint with no help from bin/pulse), kill -9 of the JobManager (started again; the job is
 * submitted again and resumes from its latest retained checkpoint), ClickHouse stopped for 45 s
 * (the job keeps going, alerts are committed to Kafka meanwhile, nothing restarts, and the rows are
 * written once it is back; {@code -Dpulse.clickhouse.outage.seconds} makes the outage longer), and a stop with a savepoint followed by a
 * resume at parallelism 1. Every view must then equal a batch replay of the same input: nothing
 * lost, nothing doubled. The figures go to target/cluster-fault-report.txt.
 */
class ClusterFaultIT {
    /** How long ClickHouse stays away: far longer than the few immediate retries Flink allows a committer. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("pulse.clickhouse.outage.seconds", 25));

    @Test
    void everyViewEqualsABatchReplayAfterKillsOfTheClusterAnOutageAndARescale() throws Exception {
        TestStack stack = TestStack.fresh("clusterfaults");
        Deployment deployment = stack.deployment
                .withKpiEvents(true) // spam verdicts are compared event by event
                .withMaxIngestDelay(FaultInjectionIT.BACKFILL_INGEST_DELAY);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        Path clusterHome = Path.of(System.getenv()
                .getOrDefault(
                        "PULSE_HOME",
                        ClickHouseSchema.locateSqlDir()
                                .getParent()
                                .resolve(".pulse")
                                .toString()));
        Communities communities = Communities.embedded();
        Path input = Files.createTempDirectory("pulse-cluster-faults").resolve("input.jsonl");
        GeneratedTraffic.toFile(input, communities, 12_000, Duration.ofDays(4), 17);
        List<String> lines = Files.readAllLines(input);
        int chunk = (lines.size() + 5) / 6;
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        List<String> faults = new ArrayList<>();
        long started = System.nanoTime();

        String job = StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST)
                .id();
        try {
            TestStack.publish(deployment, lines.subList(0, chunk));
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> FaultInjectionIT.eventCount(deployment) > 0);
            TestStack.kill9(clusterHome.resolve("flink/flink-taskmanager.pid"));
            faults.add("kill -9 of the TaskManager");
            int half = chunk + chunk / 2;
            TestStack.publish(deployment, lines.subList(chunk, half));
            stackUp();
            faults.add("a new TaskManager");
            String recovered = job;
            // the JobManager notices the lost TaskManager by its heartbeat, then restarts the job from its checkpoint
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        com.fasterxml.jackson.databind.JsonNode checkpoints = cluster.checkpoints(recovered);
                        assertThat(checkpoints.path("counts").path("restored").asLong())
                                .as("restored by Flink from its checkpoint: %s", checkpoints)
                                .isPositive();
                        assertThat(cluster.awaitRunning(recovered, Duration.ofSeconds(1)))
                                .isEqualTo("RUNNING");
                    });
            // the recovered job takes new events (the count may already include all published so far)
            long beforeJobManager = FaultInjectionIT.eventCount(deployment);
            TestStack.publish(deployment, lines.subList(half, 2 * chunk));
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> FaultInjectionIT.eventCount(deployment) > beforeJobManager);

            TestStack.kill9(clusterHome.resolve("flink/flink-jobmanager.pid"));
            faults.add("kill -9 of the JobManager");
            TestStack.publish(deployment, lines.subList(2 * chunk, 3 * chunk));
            stackUp();
            faults.add("the JobManager started again");
            StreamingJobs.Submitted resumed =
                    StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST);
            job = resumed.id();
            assertThat(resumed.resumedFrom())
                    .as("the latest retained checkpoint")
                    .isNotNull();
            faults.add("resubmitted, resumed from "
                    + java.nio.file.Path.of(
                                    java.net.URI.create(resumed.resumedFrom()).getPath())
                            .getFileName());
            long beforeClickHouse = FaultInjectionIT.eventCount(deployment);
            TestStack.publish(deployment, lines.subList(3 * chunk, 4 * chunk));
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> FaultInjectionIT.eventCount(deployment) > beforeClickHouse);
            // with the local engine (not a server named by PULSE_CLICKHOUSE_URL), an outage of it
            if (Files.exists(clusterHome.resolve("clickhouse/clickhouse.pid"))) {
                long atOutage = FaultInjectionIT.eventCount(deployment);
                String withoutClickHouse = job;
                long restoresBefore = cluster.checkpoints(withoutClickHouse)
                        .path("counts")
                        .path("restored")
                        .asLong();
                TestStack.kill9(clusterHome.resolve("clickhouse/clickhouse.pid"));
                long outageStarted = System.nanoTime();
                faults.add("ClickHouse stopped");
                int alertsBefore = TestStack.committedValues(deployment, deployment.alertTopic())
                        .size();
                TestStack.publish(deployment, lines.subList(4 * chunk, 5 * chunk));
                // the job goes on deciding and alerting while ClickHouse is away: alert transactions commit with
                // checkpoints
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(TestStack.committedValues(deployment, deployment.alertTopic())
                                        .size())
                                .as("alerts committed while ClickHouse is down")
                                .isGreaterThan(alertsBefore));
                await().pollDelay(Duration.ofNanos(Math.max(0, OUTAGE.toNanos() - (System.nanoTime() - outageStarted))))
                        .atMost(OUTAGE.plusMinutes(1))
                        .until(() -> "RUNNING".equals(cluster.state(withoutClickHouse)));
                assertThat(cluster.checkpoints(withoutClickHouse)
                                .path("counts")
                                .path("restored")
                                .asLong())
                        .as("no restart for an outage of ClickHouse")
                        .isEqualTo(restoresBefore);
                stackUp();
                faults.add("ClickHouse started again after " + Math.round((System.nanoTime() - outageStarted) / 1e9)
                        + " s");
                await().atMost(Duration.ofMinutes(3))
                        .ignoreExceptions()
                        .until(() -> FaultInjectionIT.eventCount(deployment) > atOutage);
            } else {
                TestStack.publish(deployment, lines.subList(4 * chunk, 5 * chunk));
            }

            String running = job;
            // a job still settling after the outage may refuse the first savepoint: it stays running, try again
            String savepoint = await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> cluster.stopWithSavepoint(running), java.util.Objects::nonNull);
            JobRecord.of(deployment).addSavepoint(savepoint);
            faults.add("stop with savepoint");
            StreamingJobs.Submitted rescaled =
                    StreamingJobs.submit(cluster, deployment.withParallelism(1), null, StreamingJobs.Start.NEWEST);
            job = rescaled.id();
            assertThat(rescaled.resumedFrom()).isEqualTo(savepoint);
            faults.add("resumed at parallelism 1");
            TestStack.publish(deployment, lines.subList(5 * chunk, lines.size()));

            FaultInjectionIT.Compared compared =
                    FaultInjectionIT.assertEqualsBatchReplay(deployment, input, communities);
            String report = String.format(
                    "cluster faults: %s; events in: %d lines (%d accepted); rows compared: %d; mismatches: 0; %.0f s%n",
                    String.join(", ", faults),
                    lines.size(),
                    compared.accepted(),
                    compared.rows(),
                    (System.nanoTime() - started) / 1e9);
            Files.writeString(
                    ClickHouseSchema.locateSqlDir().getParent().resolve("jobs/cli/target/cluster-fault-report.txt"),
                    report);
            System.out.print(report);
        } finally {
            try {
                cluster.cancel(job);
            } catch (java.io.IOException ended) {
                // it is not running
            }
        }
    }

    /** bin/pulse up with the environment bin/pulse test gave this JVM (its PULSE_HOME and ports). */
    private static void stackUp() throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/pulse").toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        new File(root.resolve("jobs/cli/target").toFile(), "cluster-fault-stack.log")));
        // bin/pulse test names its local engine by URL; up starts it again only when not told it is elsewhere
        builder.environment().remove("PULSE_CLICKHOUSE_URL");
        Process up = builder.start();
        assertThat(up.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(up.exitValue())
                .as("bin/pulse up, see target/cluster-fault-stack.log")
                .isZero();
    }
}
