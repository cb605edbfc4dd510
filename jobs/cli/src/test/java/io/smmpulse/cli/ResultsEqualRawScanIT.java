package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.bench.QueryBench;
import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.config.Communities;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The community and content KPIs the job keeps as results equal their raw-scan forms (the views as
 * they were, computed at query time from every accepted event in {@code kpi_events FINAL}) over the
 * same replay, row for row: generated traffic over three weeks with copies, out-of-order delivery,
 * late events, spam bursts (revisions included), replies, campaigns and proposals, at parallelism 2.
 */
class ResultsEqualRawScanIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static TestStack stack;
    static ReplayJob.Stats stats;

    @BeforeAll
    static void replay(@TempDir Path dir) throws Exception {
        stack = TestStack.fresh("rawscan");
        Path generated = dir.resolve("generated.jsonl");
        GeneratedTraffic.toFile(generated, Communities.embedded(), 60_000, Duration.ofDays(21), 7);
        List<String> lines = Files.readAllLines(generated);
        // about 120 events an hour: every 40th event arrives 100 events (~50 minutes) after its turn,
        // out of order within the allowed lateness; the first 100 come again with new ids at the
        // end, weeks behind the watermark, late
        List<String> delivered = new java.util.ArrayList<>();
        java.util.Map<Integer, String> deferred = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i % 40 == 0) {
                deferred.put(i + 100, lines.get(i));
            } else {
                delivered.add(lines.get(i));
            }
            if (deferred.containsKey(i)) {
                delivered.add(deferred.remove(i));
            }
        }
        delivered.addAll(deferred.values());
        for (String line : lines.subList(0, 100)) {
            delivered.add(line.replaceFirst("\"event_id\":\"", "\"event_id\":\"late-"));
        }
        Path file = Files.write(dir.resolve("delivered.jsonl"), delivered);
        stats = ReplayJob.replay(file, Communities.embedded(), stack.deployment.withKpiEvents(true));
        try (ClickHouseClient client = ClickHouseClient.connect(stack.deployment.clickHouse())) {
            for (String statement : QueryBench.rawScanViews()) {
                client.execute(
                        statement.replaceFirst("CREATE OR REPLACE VIEW kpi_", "CREATE OR REPLACE VIEW raw_scan_kpi_"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kpi_ugc_weekly",
                "kpi_activity_weekly",
                "kpi_retention_cohorts",
                "kpi_content_posts",
                "kpi_next_step_weekly",
                "kpi_proposals_monthly",
                "kpi_engagement_daily",
                "kpi_campaigns_daily",
                "kpi_sentiment_daily"
            })
    void theResultsEqualTheRawScan(String view) throws Exception {
        assertThat(stats.duplicates()).as("copies in the input").isPositive();
        assertThat(stats.late()).as("late events in the input").isPositive();
        // shares rounded: a division in another order may differ in the last bit
        String rows = "SELECT * APPLY(x -> if(toTypeName(x) LIKE '%%Float%%', round(x, 12), x)) FROM %s ORDER BY ALL";
        List<List<String>> results = stack.query(rows.formatted(view));
        List<List<String>> rawScan = stack.query(rows.formatted("raw_scan_" + view));
        assertThat(results).as("rows of " + view).hasSizeGreaterThan(1);
        assertThat(results).isEqualTo(rawScan);
    }
}
