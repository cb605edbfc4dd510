package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Escalation through the whole replay path at parallelism 2: escalations reported after the
 * resolution, at the same moment, after it; a case resolved twice out of order; a resolution
 * just after local midnight; a case that is only escalated; a first resolution that a later-read,
 * earlier one moves to the month before (the withdrawn row sits in the other month's partition);
 * a case escalated and resolved again weeks after its first resolution (counts nowhere). Resolution time: a case
 * without a question, a question after the case's first event, a question at the same instant as it, across a
 * holiday, a weekend and the change to summer time, a copy, a case resolved again later, a question read after the
 * resolution, a question that is spam.
 */
class EscalationPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    @Test
    void escalationViewEqualsTheDefinition() throws Exception {
        TestStack stack = TestStack.fresh("escalation");
        ReplayJob.Stats stats = ReplayJob.replay(
                resource("escalation-input.jsonl"),
                Communities.load(resource("pipeline-communities.json")),
                stack.deployment);
        assertThat(stats.accepted()).isEqualTo(15);
        assertThat(stats.late()).isZero();
        assertRows(
                stack.query("SELECT * FROM kpi_escalation_daily ORDER BY community_id, day"),
                List.of(
                        row("acme", "2026-03-02", "2", "1", "0.5"),
                        row("acme", "2026-03-03", "2", "2", "1"),
                        row("acme", "2026-03-31", "1", "1", "1"),
                        row("globex", "2026-03-03", "1", "0", "0")));
    }

    @Test
    void resolutionViewEqualsTheDefinition() throws Exception {
        TestStack stack = TestStack.fresh("resolution");
        ReplayJob.Stats stats = ReplayJob.replay(
                resource("resolution-input.jsonl"),
                Communities.load(resource("pipeline-communities.json")),
                stack.deployment);
        assertThat(stats.describe()).startsWith("events read 19, accepted 18, duplicates 1, rejected 0, late 0");
        // resolved, with_question, resolution avg/p50/p90, business avg/p50, within_24h and its share
        assertRows(
                stack.query("SELECT * FROM kpi_resolution_daily ORDER BY community_id, day"),
                List.of(
                        row("acme", "2026-03-02", "2", "0", "1800", "1800", "3240", "1800", "1800", "2", "1"),
                        row("acme", "2026-03-05", "1", "1", "147600", "147600", "147600", "7200", "7200", "0", "0"),
                        row("acme", "2026-03-30", "1", "1", "230400", "230400", "230400", "7200", "7200", "0", "0"),
                        row("acme", "2026-03-31", "2", "1", "1800", "1800", "1800", "1800", "1800", "2", "1"),
                        row("globex", "2026-03-09", "1", "1", "234000", "234000", "234000", "7200", "7200", "0", "0")));
    }

    static Path resource(String name) throws Exception {
        return Paths.get(EscalationPipelineIT.class.getResource("/" + name).toURI());
    }
}
