package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.JobRecord;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.StreamingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production path on the local stack's Flink session cluster ({@code bin/pulse up}, which
 * {@code bin/pulse test} and CI start): the job jar submitted through the REST API runs, fills
 * ClickHouse, stops with a savepoint, and the next submission resumes from that savepoint without
 * losing or doubling an event.
 */
class ClusterIT {
    @Test
    void theJobJarRunsOnTheClusterStopsWithASavepointAndResumesFromIt() throws Exception {
        TestStack stack = TestStack.fresh("cluster");
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        List<String> lines = Files.readAllLines(FirstResponsePipelineIT.INPUT);
        KafkaTopics.ensure(
                stack.deployment.kafkaBootstrap(),
                List.of(stack.deployment.topic(), stack.deployment.deadLetterTopic(), stack.deployment.alertTopic()));
        TestStack.publish(stack.deployment, lines);
        Path communities = EscalationPipelineIT.resource("pipeline-communities.json");

        StreamingJobs.Submitted first =
                StreamingJobs.submit(cluster, stack.deployment, communities, StreamingJobs.Start.NEWEST);
        String second = null;
        try {
            assertThat(first.state()).isEqualTo("RUNNING");
            assertThat(first.resumedFrom()).isNull();
            try (var admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", stack.deployment.kafkaBootstrap()))) {
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, stack.deployment.alertTopic());
                var config =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("cleanup.policy").value())
                        .as("the alert topic keeps each alert's newest transition")
                        .isEqualTo("compact,delete");
                assertThat(Long.parseLong(config.get("retention.ms").value()))
                        .as("three times the 30-day alert expiry")
                        .isEqualTo(Duration.ofDays(90).toMillis());
            }
            assertThat(cluster.state(first.id())).as("Flink's REST API").isEqualTo("RUNNING");
            assertThat(cluster.active(StreamingJob.jobName(stack.deployment)))
                    .map(FlinkCluster.Job::id)
                    .contains(first.id());
            // every accepted event lands once, in events or (behind the watermark) in late_events
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertRows(
                        stack.query(
                                "SELECT (SELECT count() FROM events FINAL) + (SELECT count() FROM late_events FINAL)"),
                        List.of(row("21")));
                assertRows(stack.query("SELECT count() FROM rejected_events FINAL"), List.of(row("5")));
            });

            String savepoint = cluster.stopWithSavepoint(first.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.state(first.id()), "FINISHED"::equals);
            // the cluster's REST API names the savepoint, wherever it lies: nothing on this machine is searched
            assertThat(cluster.restorePoint(first.id()))
                    .map(FlinkCluster.RestorePoint::location)
                    .contains(savepoint);
            JobRecord.of(stack.deployment).addSavepoint(savepoint);
            assertThat(Path.of(java.net.URI.create(savepoint).getPath()).resolve("_metadata"))
                    .exists();

            TestStack.publish(stack.deployment, List.of(lines.get(0).replace("\"e01\"", "\"after-stop\"")));
            StreamingJobs.Submitted resumed =
                    StreamingJobs.submit(cluster, stack.deployment, communities, StreamingJobs.Start.NEWEST);
            second = resumed.id();
            assertThat(resumed.resumedFrom()).isEqualTo(savepoint);
            assertThat(cluster.checkpoints(second)
                            .path("latest")
                            .path("restored")
                            .path("external_path")
                            .asText())
                    .isEqualTo(savepoint);
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertRows(
                            stack.query(
                                    "SELECT (SELECT count() FROM events FINAL) + (SELECT count() FROM late_events FINAL)"),
                            List.of(row("22"))));
            assertRows(stack.query("SELECT count() FROM rejected_events FINAL"), List.of(row("5")));
        } finally {
            for (String id : new String[] {first.id(), second}) {
                try {
                    if (id != null) {
                        cluster.cancel(id);
                    }
                } catch (java.io.IOException ended) {
                    // it has stopped already
                }
            }
        }
    }

    @Test
    void aStartWithEmptyStateOnADatabaseThatHoldsResultsIsRefusedUnlessFresh() throws Exception {
        TestStack stack = TestStack.fresh("clusterfresh");
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        stack.replay("pipeline-input.jsonl");
        int jobsBefore = cluster.jobs().size();
        assertThatThrownBy(() -> StreamingJobs.submit(cluster, stack.deployment, null, StreamingJobs.Start.NEWEST))
                .isInstanceOf(io.smmpulse.core.config.ConfigException.class)
                .hasMessageContaining("already holds results")
                .hasMessageContaining("bin/pulse run --fresh");
        assertThat(cluster.jobs()).as("nothing submitted").hasSize(jobsBefore);
    }
}
