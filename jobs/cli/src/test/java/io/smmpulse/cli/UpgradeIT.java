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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An upgrade that keeps state (docs/operations.md, "Upgrading without losing state"): the previous
 * release's job jar (its commit is named in {@code upgrade/previous-release}, built here from this
 * clone's history) runs on the local cluster and is stopped with a savepoint; this release's jar
 * resumes from it and reads the rest. Every view must then equal a batch replay of all the input.
 */
class UpgradeIT {
    /** The views both releases fill: the previous release wrote no case's start and no period totals. */
    private static List<String> writtenByBothReleases() {
        return FaultInjectionIT.COMPARED.stream()
                .filter(sql -> !FaultInjectionIT.NEW_IN_THIS_RELEASE.contains(sql))
                .toList();
    }

    @Test
    void thisReleaseResumesFromThePreviousReleasesSavepointAndLosesNothing() throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        String previous = Files.readString(EscalationPipelineIT.resource("upgrade/previous-release"))
                .strip();
        Path previousJar = buildRelease(root, previous);
        TestStack stack = TestStack.fresh("upgrade");
        // kpi_events on, as the previous release always wrote it: spam verdicts are compared event by event
        Deployment deployment =
                stack.deployment.withKpiEvents(true).withMaxIngestDelay(FaultInjectionIT.BACKFILL_INGEST_DELAY);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        Communities communities = Communities.embedded();
        Path input = Files.createTempDirectory("pulse-upgrade").resolve("input.jsonl");
        GeneratedTraffic.toFile(input, communities, 6_000, Duration.ofDays(3), 29);
        List<String> lines = Files.readAllLines(input);
        int half = lines.size() / 2;
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));

        String old = StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST, previousJar)
                .id();
        String upgraded = null;
        try {
            TestStack.publish(deployment, lines.subList(0, half));
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> FaultInjectionIT.eventCount(deployment) > half / 2);
            String savepoint = await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .until(() -> cluster.stopWithSavepoint(old), java.util.Objects::nonNull);
            JobRecord.of(deployment).addSavepoint(savepoint);

            StreamingJobs.Submitted resumed =
                    StreamingJobs.submit(cluster, deployment, null, StreamingJobs.Start.NEWEST);
            upgraded = resumed.id();
            assertThat(resumed.resumedFrom())
                    .as("the previous release's savepoint")
                    .isEqualTo(savepoint);
            TestStack.publish(deployment, lines.subList(half, lines.size()));

            FaultInjectionIT.Compared compared =
                    FaultInjectionIT.assertEqualsBatchReplay(deployment, input, communities, writtenByBothReleases());
            String report = String.format(
                    "upgrade from %s: events in: %d lines (%d accepted); rows compared: %d; mismatches: 0%n",
                    previous.substring(0, 10), lines.size(), compared.accepted(), compared.rows());
            Files.writeString(root.resolve("jobs/cli/target/upgrade-report.txt"), report);
            System.out.print(report);
        } finally {
            for (String id : new String[] {old, upgraded}) {
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

    /** The release's job jar, built once from this clone's history into target/ (git archive, then mvn package of the job). */
    private static Path buildRelease(Path root, String commit) throws Exception {
        Path tree = root.resolve("jobs/cli/target/previous-release").resolve(commit);
        Path jar = tree.resolve("jobs/pipeline/target/pulse-pipeline.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(tree);
        Path log = root.resolve("jobs/cli/target/previous-release.log");
        // a shallow clone fetches the one commit from its origin; a clone without it fails below, saying so
        run(
                root.toFile(),
                log,
                "bash",
                "-c",
                "git cat-file -e " + commit + "^{commit} 2>/dev/null || git fetch -q --depth 1 origin " + commit
                        + " || true");
        run(root.toFile(), log, "bash", "-c", "set -o pipefail; git archive " + commit + " | tar -x -C " + tree);
        run(tree.toFile(), log, "mvn", "-o", "-q", "-B", "package", "-DskipTests", "-pl", "jobs/pipeline", "-am");
        assertThat(jar).as("the previous release's job jar, see %s", log).isRegularFile();
        return jar;
    }

    private static void run(File directory, Path log, String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(directory)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as(
                        "%s (the clone must hold the previous release's commit), see %s:%n%s",
                        String.join(" ", command), log, Files.readString(log, StandardCharsets.UTF_8))
                .isZero();
    }
}
