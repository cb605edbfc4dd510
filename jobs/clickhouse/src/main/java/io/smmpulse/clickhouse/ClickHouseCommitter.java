package io.smmpulse.clickhouse;

import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.metrics.PulseMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Hands the spool files of completed checkpoints to the sink's {@link ClickHouseOutbox}, which
 * writes them into ClickHouse on a thread of its own. A commit is a file move: it never waits for
 * ClickHouse, so an outage or a slow server neither fails the job nor holds up the operators that
 * decide alerts (docs/reliability.md); the rows are written once ClickHouse takes them.
 *
 * <p>A restored batch whose file is already in the outbox is left there; one whose file is gone
 * must be recorded in {@code sink_commits}, which the outbox checks once ClickHouse answers. A
 * failure no retry can cure (a missing table or column, access denied, a lost file) stops the job
 * without restarts at the next commit and says what to fix; the files stay for the next run.
 */
public final class ClickHouseCommitter implements Committer<ClickHouseBatch> {
    private final ClickHouseOutbox outbox;

    /**
     * @param spool the sink's spool folder, whose {@code ready/} holds what waits for ClickHouse
     * @param gather how long the outbox waits after a write so that the batches of the checkpoints
     *     meanwhile go into one insert (zero: each is written as soon as its checkpoint completes)
     * @param metrics where the written rows, the failed attempts, the last write's duration and the backlog are reported
     */
    public ClickHouseCommitter(
            ClickHouseSettings settings,
            String table,
            List<String> columns,
            Path spool,
            int subtask,
            int parallelism,
            Duration gather,
            MetricGroup metrics)
            throws IOException {
        Counter committedRows = metrics.counter(PulseMetrics.COMMITTED_ROWS);
        Counter failures = metrics.counter(PulseMetrics.COMMIT_FAILURES);
        long[] lastWriteMillis = {0};
        this.outbox = new ClickHouseOutbox(
                settings, table, columns, spool, subtask, parallelism, gather, new ClickHouseOutbox.Listener() {
                    @Override
                    public void written(int rows, long millis) {
                        committedRows.inc(rows);
                        lastWriteMillis[0] = millis;
                    }

                    @Override
                    public void failed() {
                        failures.inc();
                    }
                });
        metrics.gauge(PulseMetrics.COMMIT_MILLIS, (Gauge<Long>) () -> lastWriteMillis[0]);
        metrics.gauge(PulseMetrics.COMMIT_BACKLOG, (Gauge<Integer>) outbox::backlog);
    }

    @Override
    public void commit(Collection<CommitRequest<ClickHouseBatch>> requests) throws IOException {
        RuntimeException fatal = outbox.fatal();
        if (fatal != null) {
            throw new SuppressRestartsException(fatal);
        }
        for (CommitRequest<ClickHouseBatch> request : requests) {
            ClickHouseBatch batch = request.getCommittable();
            if (Files.exists(Path.of(batch.file()))) {
                outbox.add(batch);
            } else if (!outbox.holds(batch)) {
                outbox.verifyWritten(batch);
            }
        }
    }

    /** Batches of this subtask waiting for ClickHouse, as of the outbox's last look. */
    int backlog() {
        return outbox.backlog();
    }

    @Override
    public void close() {
        outbox.close();
    }
}
