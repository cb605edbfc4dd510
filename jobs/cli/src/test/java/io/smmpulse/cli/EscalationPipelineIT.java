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
 * a case escalated and resolved again weeks after its first resolution (counts nowhere).
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

    static Path resource(String name) throws Exception {
        return Paths.get(EscalationPipelineIT.class.getResource("/" + name).toURI());
    }
}
