package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once in effect, shown by fault injection on a stack of its own (its own Kafka broker
 * and ClickHouse engine, started with bin/pulse up): the streaming job ({@code Pulse run} in a
 * separate JVM) is killed with SIGKILL at random points and started again, ClickHouse is
 * stopped and started while events flow, the Kafka broker is restarted mid-stream, and the job
 * is stopped with a savepoint and resumed at another parallelism. Afterwards every KPI view
 * must equal a batch replay of the same input: nothing lost, nothing counted twice.
 */
class FaultInjectionIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    /**
     * The fault suites publish days of generated history in chunks while the job runs, as a backfill
     * does: with a month of ingest delay the alert clock follows the events alone (docs/alerts.md,
     * backfilling), so that each chunk is read as the history it is, not as events appended late.
     */
    static final Duration BACKFILL_INGEST_DELAY = Duration.ofDays(30);

    static final int KAFKA_PORT = 29092;
    static final int CLICKHOUSE_PORT = 28123;
    /**
     * A running job decides a risk window once its clock has passed the window's end (docs/alerts.md);
     * a batch replay decides every window up to the end of its input. Windows are compared up to the
     * clock the job last wrote.
     */
    private static final String JOB_CLOCK = "{job_clock}";

    /** Resolution time: rows the previous release wrote lack the case's start (docs/storage.md, upgrades). */
    static final String RESOLUTION = "SELECT community_id, day, resolved, with_question, round(resolution_avg_s, 6),"
            + " resolution_p50_s, resolution_p90_s, round(bres_avg_s, 6), bres_p50_s, within_24h, within_24h_share"
            + " FROM kpi_resolution_daily ORDER BY community_id, day";

    /**
     * Goal actuals per period (the previous release kept no period totals), but the SLA share: an
     * unanswered question counts as breached once its deadline is behind the job's clock, which a
     * running job moves on past a replay's (the SLA columns of the first-response view are left
     * out below for the same reason).
     */
    static final String GOAL_ACTUALS = "SELECT community_id, period, period_start, metric, round(actual, 6)"
            + " FROM goal_actuals WHERE metric != 'sla_share' ORDER BY community_id, period, period_start, metric";

    /** The queries of views the previous release did not fill. */
    static final List<String> NEW_IN_THIS_RELEASE = List.of(RESOLUTION, GOAL_ACTUALS);

    static final List<String> COMPARED = List.of(
            RESOLUTION,
            GOAL_ACTUALS,
            "SELECT count(), sum(cityHash64(event_id)) FROM events FINAL",
            "SELECT count(), countIf(is_spam = 1), sum(cityHash64(event_id, is_spam)) FROM kpi_events FINAL",
            "SELECT count() FROM rejected_events FINAL",
            "SELECT community_id, platform, channel, day, questions, answered, round(frt_avg_s, 6), frt_p50_s, frt_p90_s, round(bfrt_avg_s, 6)"
                    + " FROM kpi_first_response_daily ORDER BY community_id, platform, channel, day",
            "SELECT * FROM kpi_escalation_daily ORDER BY community_id, day",
            "SELECT * FROM kpi_ugc_weekly ORDER BY community_id, week_start",
            "SELECT * FROM kpi_activity_weekly ORDER BY community_id, week_start",
            "SELECT * FROM kpi_retention_cohorts ORDER BY community_id, activity, cohort_day",
            "SELECT * FROM kpi_content_posts ORDER BY community_id, post_id",
            "SELECT * FROM kpi_next_step_weekly ORDER BY community_id, week_start",
            "SELECT * FROM kpi_proposals_monthly ORDER BY community_id, month",
            "SELECT * FROM kpi_engagement_daily ORDER BY community_id, platform, day",
            "SELECT * FROM kpi_campaigns_daily ORDER BY community_id, utm_source, utm_campaign, day",
            "SELECT * FROM kpi_funnel_weekly ORDER BY community_id, funnel, week_start, step",
            "SELECT * FROM kpi_sentiment_daily ORDER BY community_id, platform, day",
            "SELECT community_id, signal, window_end, count, round(baseline_mean, 9), round(baseline_std, 9), level"
                    + " FROM kpi_risk_windows WHERE window_end <= " + JOB_CLOCK
                    + " ORDER BY community_id, signal, window_end");

    static Path root;
    static Path home;
    /** The job process of the moment: a failed run must not leave it behind to write into the next run's stack. */
    static Process job;

    @AfterAll
    static void down() throws Exception {
        if (job != null) {
            job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (home != null) {
            stack("down");
        }
    }

    @Test
    void everyViewEqualsABatchReplayAfterKillsOutagesRestartsAndRescaling() throws Exception {
        root = ClickHouseSchema.locateSqlDir().getParent();
        home = Files.createTempDirectory("pulse-faults");
        stack("up");
        Deployment deployment = Deployment.from(Map.of(
                "PULSE_KPI_EVENTS",
                "true",
                "PULSE_HOME",
                home.toString(),
                "PULSE_KAFKA_PORT",
                String.valueOf(KAFKA_PORT),
                "PULSE_CLICKHOUSE_PORT",
                String.valueOf(CLICKHOUSE_PORT),
                "PULSE_CLICKHOUSE_DATABASE",
                "faults",
                "PULSE_TOPIC",
                "fault-events",
                "PULSE_DLQ_TOPIC",
                "fault-dlq",
                "PULSE_ALERT_TOPIC",
                "fault-alerts"));
        Communities communities = Communities.embedded();
        Path input = home.resolve("input.jsonl");
        GeneratedTraffic.toFile(input, communities, 40_000, Duration.ofDays(4), 11);
        List<String> lines = Files.readAllLines(input);
        int chunks = 8;
        int chunkSize = (lines.size() + chunks - 1) / chunks;
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        Random random = new Random(3);
        int published = 0;
        List<String> faults = new ArrayList<>();

        job = startJob(deployment, 2);
        for (int kill = 0; kill < 3; kill++) {
            TestStack.publish(
                    deployment, lines.subList(published * chunkSize, Math.min(lines.size(), ++published * chunkSize)));
            awaitSomeEvents(deployment);
            Process running = job;
            // a random point in the stream; the job must still be up there
            await().pollDelay(Duration.ofMillis(500 + random.nextInt(3000)))
                    .atMost(Duration.ofSeconds(10))
                    .until(running::isAlive);
            job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            faults.add("kill -9 of the job");
            job = startJob(deployment, 2);
        }
        // the restarted job must be up and writing before ClickHouse goes away (a job that starts without it stops at
        // once)
        long before = eventCount(deployment);
        TestStack.publish(
                deployment, lines.subList(published * chunkSize, Math.min(lines.size(), ++published * chunkSize)));
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> eventCount(deployment) > before);
        killFromPidFile(home.resolve("clickhouse/clickhouse.pid"));
        faults.add("ClickHouse stopped");
        TestStack.publish(
                deployment, lines.subList(published * chunkSize, Math.min(lines.size(), ++published * chunkSize)));
        Process withoutClickHouse = job;
        // ClickHouse stays down for 8 s: the job must keep running, holding its rows until it is back
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15)).until(withoutClickHouse::isAlive);
        stack("up");
        faults.add("ClickHouse started again");
        killFromPidFile(home.resolve("kafka/kafka.pid"));
        faults.add("Kafka broker stopped");
        stack("up");
        faults.add("Kafka broker started again");
        long beforeKafka = eventCount(deployment);
        TestStack.publish(
                deployment, lines.subList(published * chunkSize, Math.min(lines.size(), ++published * chunkSize)));
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> eventCount(deployment) > beforeKafka);
        job.destroy(); // SIGTERM: stop with a savepoint
        assertThat(job.waitFor(90, TimeUnit.SECONDS)).isTrue();
        faults.add("stop with savepoint");
        job = startJob(deployment, 1);
        faults.add("restart at parallelism 1");
        while (published < chunks) {
            TestStack.publish(
                    deployment, lines.subList(published * chunkSize, Math.min(lines.size(), ++published * chunkSize)));
        }

        Compared compared;
        try {
            compared = assertEqualsBatchReplay(deployment, input, communities);
        } finally {
            job.destroyForcibly();
        }
        String report = String.format(
                "faults injected: %d (%s); events in: %d lines (%d accepted); rows compared: %d; mismatches: 0%n",
                faults.size(), String.join(", ", faults), lines.size(), compared.accepted(), compared.rows());
        Files.writeString(root.resolve("jobs/cli/target/fault-injection-report.txt"), report);
        System.out.print(report);
    }

    /** What a batch replay of the same input gave: events accepted and rows compared. */
    record Compared(long accepted, long rows) {}

    /**
     * Replays {@code input} into a reference database beside the job's and waits until every
     * compared query gives the job's database the reference's rows: nothing lost, nothing doubled.
     */
    static Compared assertEqualsBatchReplay(Deployment deployment, Path input, Communities communities)
            throws Exception {
        return assertEqualsBatchReplay(deployment, input, communities, COMPARED);
    }

    static Compared assertEqualsBatchReplay(
            Deployment deployment, Path input, Communities communities, List<String> compared) throws Exception {
        Deployment reference = deployment.withClickHouse(
                deployment.clickHouse().withDatabase(deployment.clickHouse().database() + "_reference"));
        ClickHouseSchema.apply(reference.clickHouse(), ClickHouseSchema.locateSqlDir());
        ReplayJob.Stats stats = ReplayJob.replay(input, communities, reference);
        // the reference is final once the replay has ended: only the queries bound to the job's clock are asked again
        Map<String, List<List<String>>> expected = new HashMap<>();
        long rows = 0;
        for (String sql : compared) {
            List<List<String>> result = query(reference.clickHouse(), atClock(sql, "now64(3)"));
            rows += result.size() - 1;
            if (!sql.contains(JOB_CLOCK)) {
                expected.put(sql, result);
            }
        }
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    List<List<String>> clock = query(deployment.clickHouse(), "SELECT toString(clock) FROM kpi_clock");
                    assertThat(clock).as("the job's clock in kpi_clock").hasSize(2);
                    String jobClock = "toDateTime64('" + clock.get(1).get(0) + "', 3, 'UTC')";
                    for (String sql : compared) {
                        String bounded = atClock(sql, jobClock);
                        List<List<String>> wanted =
                                expected.containsKey(sql) ? expected.get(sql) : query(reference.clickHouse(), bounded);
                        assertThat(query(deployment.clickHouse(), bounded))
                                .as(bounded)
                                .isEqualTo(wanted);
                    }
                });
        return new Compared(stats.accepted(), rows);
    }

    private static String atClock(String sql, String clock) {
        return sql.replace(JOB_CLOCK, clock);
    }

    private static Process startJob(Deployment deployment, int parallelism) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java",
                "-Xmx1g",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.smmpulse.cli.Pulse",
                "run",
                "--local"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(home.resolve("job.log").toFile()));
        Map<String, String> vars = builder.environment();
        vars.put("PULSE_HOME", home.toString());
        vars.put("PULSE_KAFKA_BOOTSTRAP", deployment.kafkaBootstrap());
        vars.put("PULSE_CLICKHOUSE_URL", deployment.clickHouse().url());
        vars.put("PULSE_CLICKHOUSE_DATABASE", deployment.clickHouse().database());
        vars.put("PULSE_TOPIC", deployment.topic());
        vars.put("PULSE_DLQ_TOPIC", deployment.deadLetterTopic());
        vars.put("PULSE_ALERT_TOPIC", deployment.alertTopic());
        vars.put("PULSE_PARALLELISM", String.valueOf(parallelism));
        vars.put("PULSE_MAX_INGEST_DELAY", BACKFILL_INGEST_DELAY.toDays() + "d");
        vars.put("PULSE_SQL_DIR", ClickHouseSchema.locateSqlDir().toString());
        vars.put("PULSE_KPI_EVENTS", String.valueOf(deployment.kpiEvents()));
        return builder.start();
    }

    private static void awaitSomeEvents(Deployment deployment) {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> eventCount(deployment) > 0);
    }

    static long eventCount(Deployment deployment) throws Exception {
        return Long.parseLong(query(deployment.clickHouse(), "SELECT count() FROM events FINAL")
                .get(1)
                .get(0));
    }

    static List<List<String>> query(ClickHouseSettings settings, String sql) throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            return client.query(sql);
        }
    }

    private static void killFromPidFile(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestStack.ended(pid));
    }

    private static void stack(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/pulse").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(home.toFile(), "stack.log")));
        builder.environment().put("PULSE_HOME", home.toString());
        // this suite runs the job in its own JVM (kill -9 of the job process); it needs no Flink cluster
        builder.environment().put("PULSE_STACK", "kafka,clickhouse");
        builder.environment().put("PULSE_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        builder.environment().put("PULSE_KAFKA_CONTROLLER_PORT", String.valueOf(KAFKA_PORT + 1));
        builder.environment().put("PULSE_CLICKHOUSE_PORT", String.valueOf(CLICKHOUSE_PORT));
        builder.environment().remove("PULSE_CLICKHOUSE_URL");
        builder.environment().remove("PULSE_KAFKA_BOOTSTRAP");
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("bin/pulse " + command + ", see " + home.resolve("stack.log"))
                .isZero();
    }
}
