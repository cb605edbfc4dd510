package io.smmpulse.pipeline.clickhouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer;
import io.smmpulse.core.metrics.PulseMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the spooled rows of completed checkpoints into ClickHouse. After a batch's rows are in,
 * its spool file's name goes into {@code sink_commits} and only then is the file deleted, so a
 * restored committable whose file is gone can be proven written; one that cannot is an error, not
 * a silent loss.
 *
 * <p>Failures: each is logged with the table and the server's message. One that a retry can cure
 * (server down, overloaded, a timeout) is retried with the next checkpoint, and after a few
 * tries Flink restarts the job from the checkpoint that names the file. One that it cannot (a
 * missing table or column, a type mismatch, access denied) fails the job without restarts and
 * says what to fix; the retained checkpoint still names the files, so the next run writes them.
 */
public final class ClickHouseCommitter implements Committer<ClickHouseBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseCommitter.class);
    static final String COMMIT_LOG = "sink_commits";
    private static final List<String> COMMIT_LOG_COLUMNS = List.of("batch", "table", "rows", "committed_at");

    private final ClickHouseSettings settings;
    private final Counter committedRows;
    private final Counter failures;
    private volatile long lastCommitMillis;
    private ClickHouseClient client;

    /** @param metrics where the committed rows, the failures and the last commit's duration are reported */
    public ClickHouseCommitter(ClickHouseSettings settings, MetricGroup metrics) {
        this.settings = settings;
        this.committedRows = metrics.counter(PulseMetrics.COMMITTED_ROWS);
        this.failures = metrics.counter(PulseMetrics.COMMIT_FAILURES);
        metrics.gauge(PulseMetrics.COMMIT_MILLIS, (Gauge<Long>) () -> lastCommitMillis);
    }

    @Override
    public void commit(Collection<CommitRequest<ClickHouseBatch>> requests) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<CommitRequest<ClickHouseBatch>> inserted = new ArrayList<>();
        for (CommitRequest<ClickHouseBatch> request : requests) {
            ClickHouseBatch batch = request.getCommittable();
            Path file = Paths.get(batch.file());
            try {
                if (!Files.exists(file)) {
                    requireRecordedAsWritten(batch);
                    continue;
                }
                client().insert(batch.table(), batch.columns(), batch.rowCount(), body -> Files.copy(file, body));
                inserted.add(request);
            } catch (SuppressRestartsException e) {
                throw e;
            } catch (Exception e) {
                failed(request, e);
            }
        }
        if (inserted.isEmpty()) {
            return;
        }
        try {
            recordWritten(inserted);
        } catch (Exception e) {
            // the rows are in, but nothing proves it yet: write them again (same versions) next time
            for (CommitRequest<ClickHouseBatch> request : inserted) {
                failed(request, e);
            }
            return;
        }
        for (CommitRequest<ClickHouseBatch> request : inserted) {
            Files.deleteIfExists(Paths.get(request.getCommittable().file()));
            committedRows.inc(request.getCommittable().rowCount());
        }
        lastCommitMillis = (System.nanoTime() - started) / 1_000_000;
    }

    private void failed(CommitRequest<ClickHouseBatch> request, Exception error) {
        ClickHouseBatch batch = request.getCommittable();
        failures.inc();
        closeQuietly();
        String reason = ClickHouseErrors.describe(error);
        if (ClickHouseErrors.isPermanent(error)) {
            String message = "ClickHouse refuses the rows of table " + batch.table() + " (" + settings + "): " + reason
                    + ". Fix the cause (apply the schema of this release with bin/pulse sql, grant the user INSERT), then start the job"
                    + " again: it resumes from its retained checkpoint and writes these rows.";
            LOG.error(message);
            throw new SuppressRestartsException(new IOException(message, error));
        }
        LOG.warn("cannot write {} rows into ClickHouse table {} (try {}), retrying with the next checkpoint: {}",
                batch.rowCount(), batch.table(), request.getNumberOfRetries() + 1, reason);
        request.retryLater();
    }

    private void requireRecordedAsWritten(ClickHouseBatch batch) throws Exception {
        List<List<String>> rows = client().query("SELECT count() FROM " + COMMIT_LOG + " WHERE batch = {batch:String}", Map.of("batch", batchId(batch)));
        if (rows.size() > 1 && !"0".equals(rows.get(1).get(0))) {
            return;
        }
        String message = "the spool file " + batch.file() + " with " + batch.rowCount() + " rows of table " + batch.table()
                + " is missing and " + COMMIT_LOG + " has no record of writing it: those rows are lost. The spool folder must be on"
                + " storage that survives restarts and is shared by every TaskManager, like the checkpoints; replay the input"
                + " of that time to restore the rows.";
        LOG.error(message);
        throw new SuppressRestartsException(new IOException(message));
    }

    private void recordWritten(List<CommitRequest<ClickHouseBatch>> inserted) throws Exception {
        long now = System.currentTimeMillis();
        List<Object[]> rows = new ArrayList<>();
        for (CommitRequest<ClickHouseBatch> request : inserted) {
            ClickHouseBatch batch = request.getCommittable();
            rows.add(new Object[] {batchId(batch), batch.table(), (long) batch.rowCount(), now});
        }
        client().insert(COMMIT_LOG, COMMIT_LOG_COLUMNS, rows, now);
    }

    /** Spool file names are unique (subtask, checkpoint and a random id). */
    static String batchId(ClickHouseBatch batch) {
        return Paths.get(batch.file()).getFileName().toString();
    }

    private ClickHouseClient client() throws Exception {
        if (client == null) {
            client = ClickHouseClient.connect(settings);
        }
        return client;
    }

    private void closeQuietly() {
        ClickHouseClient.closeQuietly(client);
        client = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
