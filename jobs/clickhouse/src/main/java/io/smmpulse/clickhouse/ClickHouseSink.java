package io.smmpulse.clickhouse;

import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.metrics.PulseMetrics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;

/**
 * Exactly-once in effect for ClickHouse: rows are encoded column by column as they arrive, spooled
 * as Native blocks to a file per checkpoint, handed to the committer with the checkpoint (as the
 * file's name) and written only once the checkpoint has completed ({@link ClickHouseCommitter}).
 * Every row carries a version ({@link RowVersions}) that grows with every row, checkpoint and run,
 * so the table's ReplacingMergeTree keeps the newest row per key, and a batch committed twice (a
 * retry after a crash) carries the same versions and rewrites its rows instead of adding them.
 *
 * <p>Why files and not the rows themselves in the checkpoint: at tens of thousands of events a
 * second a checkpoint's rows reach hundreds of megabytes per table; held on the heap, copied into
 * the checkpoint and written out, they filled a 2 GB heap (full collections, then
 * OutOfMemoryError). The spool directory must be on storage every TaskManager of the job shares,
 * like the checkpoints themselves: a restored committer reads the files its checkpoint names.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsCommitter<ClickHouseBatch> {
    private static final long serialVersionUID = 1L;
    /** Rows per Native block in a spool file: a few megabytes on the heap per writer. */
    static final int BLOCK_ROWS = 4_096;

    private final ClickHouseSettings settings;
    private final RowMapping<T> mapping;
    private final NativeBlockEncoder encoder;
    private final String spoolDirectory;
    private final long gatherMillis;

    /**
     * Reads the table's column types from the server once, when the job is built.
     *
     * @param spoolDirectory this sink's own folder for rows waiting for their checkpoint
     * @param gather how long the sink waits after each write so that the batches of the checkpoints
     *     meanwhile go into one insert: fewer, larger parts for tables that get a few rows per
     *     checkpoint, their rows visible up to that much later (zero: each as its checkpoint completes)
     */
    public static <T> ClickHouseSink<T> create(
            ClickHouseSettings settings, RowMapping<T> mapping, Path spoolDirectory, Duration gather)
            throws SQLException {
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            return new ClickHouseSink<>(
                    settings, mapping, client.encoder(mapping.table(), mapping.columns()), spoolDirectory, gather);
        }
    }

    ClickHouseSink(
            ClickHouseSettings settings,
            RowMapping<T> mapping,
            NativeBlockEncoder encoder,
            Path spoolDirectory,
            Duration gather) {
        this.settings = settings;
        this.mapping = mapping;
        this.encoder = encoder;
        this.spoolDirectory = spoolDirectory.toAbsolutePath().toString();
        this.gatherMillis = gather.toMillis();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new BatchWriter<>(
                mapping,
                encoder,
                Paths.get(spoolDirectory),
                context.getTaskInfo().getIndexOfThisSubtask(),
                context.getRestoredCheckpointId().orElse(0L),
                new RowVersions(System::currentTimeMillis),
                PulseMetrics.of(context.metricGroup()).counter(PulseMetrics.SINK_ROWS));
    }

    @Override
    public Committer<ClickHouseBatch> createCommitter(CommitterInitContext context) throws IOException {
        return new ClickHouseCommitter(
                settings,
                encoder.table(),
                encoder.columns(),
                Paths.get(spoolDirectory),
                context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getNumberOfParallelSubtasks(),
                Duration.ofMillis(gatherMillis),
                PulseMetrics.of(context.metricGroup()));
    }

    @Override
    public SimpleVersionedSerializer<ClickHouseBatch> getCommittableSerializer() {
        return new ClickHouseBatchSerializer();
    }

    /** Spool files of completed checkpoints that no committer has written yet, in every sink folder under {@code spoolRoot}. */
    public static long batchesWaiting(Path spoolRoot) throws IOException {
        return ClickHouseOutbox.waitingUnder(spoolRoot);
    }

    static final class BatchWriter<T> implements CommittingSinkWriter<T, ClickHouseBatch> {
        private static final Pattern SPOOL_FILE = Pattern.compile("s(\\d+)-c(\\d+)-.*\\.native");

        private final RowMapping<T> mapping;
        private final NativeBlockEncoder encoder;
        private final Path spool;
        private final int subtask;
        private NativeBlockEncoder.Block block;
        private Path file;
        private OutputStream out;
        private final RowVersions versions;
        private final Counter spooledRows;
        private int rows;
        private long checkpoint;

        BatchWriter(
                RowMapping<T> mapping,
                NativeBlockEncoder encoder,
                Path spool,
                int subtask,
                long restoredCheckpointId,
                RowVersions versions,
                Counter spooledRows)
                throws IOException {
            this.mapping = mapping;
            this.versions = versions;
            this.spooledRows = spooledRows;
            this.encoder = encoder;
            this.spool = spool;
            this.subtask = subtask;
            this.checkpoint = restoredCheckpointId;
            this.block = encoder.newBlock();
            Files.createDirectories(spool);
            if (restoredCheckpointId > 0) {
                removeUnfinishedFiles(restoredCheckpointId);
            }
        }

        /**
         * Files of this subtask for checkpoints after the restored one belong to an attempt that
         * failed before they were committed: no checkpoint names them, their rows come again. A
         * start without state removes nothing: its spool folder may hold the files of a retained
         * checkpoint that a later run restores.
         */
        private void removeUnfinishedFiles(long restoredCheckpointId) throws IOException {
            try (Stream<Path> files = Files.list(spool)) {
                for (Path spooled : (Iterable<Path>) files::iterator) {
                    Matcher name = SPOOL_FILE.matcher(spooled.getFileName().toString());
                    if (name.matches()
                            && Integer.parseInt(name.group(1)) == subtask
                            && Long.parseLong(name.group(2)) > restoredCheckpointId) {
                        Files.deleteIfExists(spooled);
                    }
                }
            }
        }

        @Override
        public void write(T row, Context context) throws IOException {
            // the rows written now belong to the next checkpoint
            if (rows == 0) {
                versions.startCheckpoint();
            }
            mapping.write(row, block);
            block.endRow(versions.next());
            rows++;
            spooledRows.inc();
            if (block.rowCount() >= BLOCK_ROWS) {
                spoolBlock();
            }
        }

        private void spoolBlock() throws IOException {
            if (out == null) {
                file = spool.resolve("s" + subtask + "-c" + (checkpoint + 1) + "-" + UUID.randomUUID() + ".native");
                out = new BufferedOutputStream(
                        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
            }
            block.writeTo(out);
            block = encoder.newBlock();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<ClickHouseBatch> prepareCommit() throws IOException {
            if (rows == 0) {
                checkpoint++;
                return List.of();
            }
            if (block.rowCount() > 0) {
                spoolBlock();
            }
            // the file carries the number of the checkpoint that names it, which a restore keeps
            checkpoint++;
            out.close();
            ClickHouseBatch batch = new ClickHouseBatch(encoder.table(), encoder.columns(), rows, file.toString());
            out = null;
            file = null;
            rows = 0;
            return List.of(batch);
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
