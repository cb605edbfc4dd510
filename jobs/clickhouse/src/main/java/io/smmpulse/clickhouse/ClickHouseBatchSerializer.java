package io.smmpulse.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Stores pending batches in checkpoints until their checkpoint completes and they are written. */
public final class ClickHouseBatchSerializer implements SimpleVersionedSerializer<ClickHouseBatch> {
    /** 1 held rows as typed values, 2 as RowBinary, 3 as a Native block; 4 names the spool file holding them. */
    private static final int VERSION = 4;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ClickHouseBatch batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeUTF(batch.table());
        out.writeInt(batch.columns().size());
        for (String column : batch.columns()) {
            out.writeUTF(column);
        }
        out.writeInt(batch.rowCount());
        out.writeUTF(batch.file());
        return out.getCopyOfBuffer();
    }

    @Override
    public ClickHouseBatch deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "this checkpoint holds ClickHouse rows in format " + version + " of an earlier smm-pulse; "
                            + "restore it with that release, or start the job without it (remove the job's checkpoint folder)");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String table = in.readUTF();
        int columnCount = in.readInt();
        List<String> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            columns.add(in.readUTF());
        }
        int rowCount = in.readInt();
        return new ClickHouseBatch(table, columns, rowCount, in.readUTF());
    }
}
