package io.smmpulse.core.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Exactly-once in effect for ClickHouse: rows are collected per checkpoint (the last row per key
 * wins), handed to the committer with the checkpoint, and written only once the checkpoint has
 * completed. Each batch carries a version that grows with every checkpoint and continues from the
 * restored checkpoint after a failure, so the table's ReplacingMergeTree keeps the newest row per
 * key and a batch committed twice (a retry after a crash) rewrites rows instead of adding them.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsCommitter<ClickHouseBatch> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseSettings settings;
    private final RowMapping<T> mapping;

    public ClickHouseSink(ClickHouseSettings settings, RowMapping<T> mapping) {
        this.settings = settings;
        this.mapping = mapping;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new BatchWriter<>(mapping, context.getRestoredCheckpointId().orElse(0L));
    }

    @Override
    public Committer<ClickHouseBatch> createCommitter(CommitterInitContext context) {
        return new ClickHouseCommitter(settings);
    }

    @Override
    public SimpleVersionedSerializer<ClickHouseBatch> getCommittableSerializer() {
        return new ClickHouseBatchSerializer();
    }

    static final class BatchWriter<T> implements CommittingSinkWriter<T, ClickHouseBatch> {
        private final RowMapping<T> mapping;
        private final Map<String, Object[]> pending = new LinkedHashMap<>();
        private long version;

        BatchWriter(RowMapping<T> mapping, long restoredCheckpointId) {
            this.mapping = mapping;
            this.version = restoredCheckpointId;
        }

        @Override
        public void write(T row, Context context) {
            pending.put(mapping.key(row), mapping.values(row));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<ClickHouseBatch> prepareCommit() {
            // One call per checkpoint: the version can never fall behind a version already committed.
            version++;
            if (pending.isEmpty()) {
                return List.of();
            }
            ClickHouseBatch batch = new ClickHouseBatch(mapping.table(), mapping.columns(), version, new ArrayList<>(pending.values()));
            pending.clear();
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
                    // Flink keeps the batch and retries it; until then the job keeps running.
                    request.retryLater();
                }
            }
        }

        private void closeQuietly() {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception ignored) {
                    // the connection is being replaced anyway
                }
                client = null;
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }
}
