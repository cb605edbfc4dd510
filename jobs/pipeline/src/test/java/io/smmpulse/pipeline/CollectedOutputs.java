package io.smmpulse.pipeline;

import io.smmpulse.clickhouse.RowMapping;
import io.smmpulse.clickhouse.RowWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The outputs of a pipeline test without services: every row, rendered by its table's own
 * {@link RowMapping} (so the columns are those the job writes to ClickHouse), kept in memory by
 * table. Rows of one key come from one subtask in order, so the last row of a key is the one
 * ClickHouse's ReplacingMergeTree would keep ({@link #latest}).
 */
final class CollectedOutputs implements PulsePipeline.Outputs, Serializable {
    private static final Map<String, List<Map<String, Object>>> ROWS = new ConcurrentHashMap<>();

    private final String run = UUID.randomUUID().toString();

    @Override
    public <T> void write(DataStream<T> rows, RowMapping<T> mapping, String part) {
        String table = run + "/" + mapping.table();
        ROWS.putIfAbsent(table, new CopyOnWriteArrayList<>());
        rows.map(new Render<>(mapping))
                .name("Render " + part)
                .uid("render-" + part)
                .sinkTo(new Collect(table))
                .name("Collect " + part)
                .uid("collect-" + part);
    }

    /** Every row written to the table, in arrival order. */
    List<Map<String, Object>> rows(String table) {
        return List.copyOf(ROWS.getOrDefault(run + "/" + table, List.of()));
    }

    /** The last row written of each key (the table's ORDER BY columns). */
    List<Map<String, Object>> latest(String table, List<String> key) {
        Map<List<Object>, Map<String, Object>> newest = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(table)) {
            newest.put(key.stream().map(row::get).toList(), row);
        }
        return new ArrayList<>(newest.values());
    }

    private static final class Render<T> implements MapFunction<T, Map<String, Object>> {
        private final RowMapping<T> mapping;

        Render(RowMapping<T> mapping) {
            this.mapping = mapping;
        }

        @Override
        public Map<String, Object> map(T value) {
            List<Object> values = new ArrayList<>();
            mapping.write(value, new RowWriter() {
                @Override
                public RowWriter string(String v) {
                    values.add(v);
                    return this;
                }

                @Override
                public RowWriter number(long v) {
                    values.add(v);
                    return this;
                }

                @Override
                public RowWriter nullableNumber(Long v) {
                    values.add(v);
                    return this;
                }

                @Override
                public RowWriter nullableReal(Double v) {
                    values.add(v);
                    return this;
                }
            });
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                row.put(mapping.columns().get(i), values.get(i));
            }
            return row;
        }
    }

    private static final class Collect implements Sink<Map<String, Object>> {
        private final String table;

        Collect(String table) {
            this.table = table;
        }

        @Override
        public SinkWriter<Map<String, Object>> createWriter(WriterInitContext context) {
            List<Map<String, Object>> target = ROWS.get(table);
            return new SinkWriter<>() {
                @Override
                public void write(Map<String, Object> row, Context context) {
                    target.add(row);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
