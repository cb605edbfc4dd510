package io.smmpulse.core.clickhouse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Exactly-once in effect for ClickHouse: rows are encoded column by column as they arrive, handed to
 * the committer with the checkpoint, and written only once the checkpoint has completed. Every row
 * carries the version {@code checkpoint << 32 | sequence}: it grows with every row and every
 * checkpoint and continues from the restored checkpoint after a failure, so the table's
 * ReplacingMergeTree keeps the newest row per key, and a batch committed twice (a retry after a
 * crash) carries the same versions and rewrites its rows instead of adding them.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsCommitter<ClickHouseBatch> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseSettings settings;
    private final RowMapping<T> mapping;
    private final NativeBlockEncoder encoder;

    /** Reads the table's column types from the server once, when the job is built. */
    public static <T> ClickHouseSink<T> create(ClickHouseSettings settings, RowMapping<T> mapping) throws SQLException {
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            return new ClickHouseSink<>(settings, mapping, client.encoder(mapping.table(), mapping.columns()));
        }
    }

    ClickHouseSink(ClickHouseSettings settings, RowMapping<T> mapping, NativeBlockEncoder encoder) {
        this.settings = settings;
        this.mapping = mapping;
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new BatchWriter<>(mapping, encoder, context.getRestoredCheckpointId().orElse(0L));
    }

    @Override
    public Committer<ClickHouseBatch> createCommitter(CommitterInitContext context) {
        return new ClickHouseCommitter(settings);
    }

    @Override
    public SimpleVersionedSerializer<ClickHouseBatch> getCommittableSerializer() {
        return new ClickHouseBatchSerializer();
    }

    static long version(long checkpoint, int sequence) {
        return checkpoint << 32 | (sequence & 0xFFFF_FFFFL);
    }

    static final class BatchWriter<T> implements CommittingSinkWriter<T, ClickHouseBatch> {
        private final RowMapping<T> mapping;
        private final NativeBlockEncoder encoder;
        private NativeBlockEncoder.Block pending;
        private long checkpoint;

        BatchWriter(RowMapping<T> mapping, NativeBlockEncoder encoder, long restoredCheckpointId) {
            this.mapping = mapping;
            this.encoder = encoder;
            this.checkpoint = restoredCheckpointId;
            this.pending = encoder.newBlock();
        }

        @Override
        public void write(T row, Context context) {
            // the rows written now belong to the next checkpoint
            pending.add(mapping.values(row), version(checkpoint + 1, pending.rowCount()));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<ClickHouseBatch> prepareCommit() {
            // One call per checkpoint: the version can never fall behind a version already committed.
            checkpoint++;
            if (pending.rowCount() == 0) {
                return List.of();
            }
            ClickHouseBatch batch = new ClickHouseBatch(encoder.table(), encoder.columns(), pending.rowCount(), pending.finish());
            pending = encoder.newBlock();
            return List.of(batch);
        }

        @Override
        public void close() {}
    }

    static final class ClickHouseCommitter implements Committer<ClickHouseBatch> {
        private final ClickHouseSettings settings;
        private ClickHouseClient client;

        ClickHouseCommitter(ClickHouseSettings settings) {
            this.settings = settings;
        }

        @Override
        public void commit(Collection<CommitRequest<ClickHouseBatch>> requests) throws IOException, InterruptedException {
            for (CommitRequest<ClickHouseBatch> request : requests) {
                try {
                    if (client == null) {
                        client = ClickHouseClient.connect(settings);
                    }
                    client.insert(request.getCommittable());
                } catch (Exception e) {
                    closeQuietly();
                    // Flink keeps the batch and retries it; after a few failed tries it restarts the job
                    // from the last checkpoint, which holds the batch, so nothing is lost.
                    request.retryLater();
                }
            }
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
}
