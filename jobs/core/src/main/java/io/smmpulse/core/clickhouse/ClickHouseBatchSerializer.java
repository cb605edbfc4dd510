package io.smmpulse.core.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Stores pending batches in checkpoints until their checkpoint completes and they are written. */
public final class ClickHouseBatchSerializer implements SimpleVersionedSerializer<ClickHouseBatch> {
    private static final byte NULL = 0, STRING = 1, LONG = 2, INT = 3, DOUBLE = 4, BOOLEAN = 5;

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(ClickHouseBatch batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + batch.rows().size() * 64);
        out.writeUTF(batch.table());
        out.writeInt(batch.columns().size());
        for (String column : batch.columns()) {
            out.writeUTF(column);
        }
        out.writeLong(batch.version());
        out.writeInt(batch.rows().size());
        for (Object[] row : batch.rows()) {
            for (Object value : row) {
                writeValue(out, value);
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public ClickHouseBatch deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown ClickHouse batch version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String table = in.readUTF();
        int columnCount = in.readInt();
        List<String> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            columns.add(in.readUTF());
        }
        long batchVersion = in.readLong();
        int rowCount = in.readInt();
        List<Object[]> rows = new ArrayList<>(rowCount);
        for (int r = 0; r < rowCount; r++) {
            Object[] row = new Object[columnCount];
            for (int c = 0; c < columnCount; c++) {
                row[c] = readValue(in);
            }
            rows.add(row);
        }
        return new ClickHouseBatch(table, columns, batchVersion, rows);
    }

    private static void writeValue(DataOutputSerializer out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else {
            throw new IOException("unsupported ClickHouse value type " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputDeserializer in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case STRING: {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            case LONG: return in.readLong();
            case INT: return in.readInt();
            case DOUBLE: return in.readDouble();
            case BOOLEAN: return in.readBoolean();
            default: throw new IOException("corrupt ClickHouse batch: value tag " + tag);
        }
    }
}
