package io.smmpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline of KPI topologies at parallelism 2 in a MiniCluster, from a finite source (the
 * hand-made input of the pipeline tests: replies before their question, bot and member replies,
 * copies, a reply at and 1 ms after the deadline, an overnight deadline, a holiday, a spam
 * question, an UNKNOWN symbol, a late event, malformed lines) into in-memory outputs: exact rows,
 * no Kafka, no ClickHouse. The live-stack ring checks the same input through ClickHouse's views.
 */
class PipelineWithoutServicesTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final EventTimeSettings SETTINGS =
            EventTimeSettings.replay(Instant.parse("2026-03-04T18:00:00Z").toEpochMilli());
    private static CollectedOutputs outputs;

    @BeforeAll
    static void runThePipeline() throws Exception {
        Path input = Path.of(PipelineWithoutServicesTest.class
                .getResource("/pipeline-input.jsonl")
                .toURI());
        Communities communities = Communities.load(Path.of(PipelineWithoutServicesTest.class
                .getResource("/pipeline-communities.json")
                .toURI()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        outputs = new CollectedOutputs();
        PulsePipeline.attach(Sources.jsonLinesFile(env, input, SETTINGS), communities, SETTINGS, outputs);
        env.execute("pipeline without services");
    }

    @Test
    void firstResponseCountsPerCommunityPlatformChannelAndDayAreExact() {
        Map<String, List<Long>> daily = new TreeMap<>();
        for (Map<String, Object> q :
                outputs.latest("fr_questions", List.of("community_id", "platform", "question_id"))) {
            if ((Long) q.get("is_spam") == 1) {
                continue;
            }
            String group = q.get("community_id") + " " + q.get("platform") + " " + q.get("channel") + " "
                    + LocalDate.ofEpochDay((Long) q.get("day"));
            List<Long> counts =
                    daily.computeIfAbsent(group, g -> new java.util.ArrayList<>(List.of(0L, 0L, 0L, 0L, 0L)));
            counts.set(0, counts.get(0) + 1);
            counts.set(1, counts.get(1) + (q.get("responded_at") == null ? 0 : 1));
            counts.set(2, counts.get(2) + ("within".equals(q.get("status")) ? 1 : 0));
            counts.set(3, counts.get(3) + ("breached".equals(q.get("status")) ? 1 : 0));
            counts.set(4, counts.get(4) + ("pending".equals(q.get("status")) ? 1 : 0));
        }
        // questions, answered, within the SLA, breached, pending
        assertThat(daily)
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "acme facebook PUBLIC 2026-03-02", List.of(3L, 3L, 2L, 1L, 0L),
                        "acme facebook PUBLIC 2026-03-03", List.of(2L, 2L, 2L, 0L, 0L),
                        "acme instagram DIRECT 2026-03-03", List.of(1L, 0L, 0L, 1L, 0L),
                        "acme instagram PUBLIC 2026-03-03", List.of(1L, 0L, 0L, 0L, 1L),
                        "globex x MENTION 2026-03-04", List.of(1L, 0L, 0L, 0L, 1L),
                        "globex x PUBLIC 2026-03-04", List.of(1L, 1L, 1L, 0L, 0L))));
    }

    @Test
    void eachBreachFiresOnceAndResolvesWhenAnsweredLate() {
        assertThat(outputs.rows("sla_alerts").stream().map(a -> (String) a.get("alert_id")))
                .containsExactlyInAnyOrder(
                        "acme/facebook/q3/FIRING", "acme/facebook/q3/RESOLVED", "acme/instagram/q4/FIRING");
    }

    @Test
    void everyRecordEndsAsAnEventALateEventOrARejectionOnce() {
        assertThat(outputs.latest("events", List.of("community_id", "event_id")))
                .hasSize(20);
        assertThat(outputs.rows("late_events").stream().map(e -> e.get("event_id")))
                .containsExactly("e20");
        assertThat(outputs.rows("rejected_events").stream().map(r -> (String) r.get("rejection_id")))
                .containsExactlyInAnyOrder(
                        "file:pipeline-input.jsonl:24",
                        "file:pipeline-input.jsonl:25",
                        "file:pipeline-input.jsonl:26",
                        "file:pipeline-input.jsonl:27",
                        "file:pipeline-input.jsonl:28");
    }
}
