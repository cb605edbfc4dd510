package io.smmpulse.core.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Stores pending batches in checkpoints until their checkpoint completes and they are written. */
public final class ClickHouseBatchSerializer implements SimpleVersionedSerializer<ClickHouseBatch> {
    /** 1 held rows as typed values, 2 as RowBinary; 3 holds a Native block. */
    private static final int VERSION = 3;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ClickHouseBatch batch) throws IOException {
        long size = batch.block().size();
        if (size > Integer.MAX_VALUE - 4096) {
            throw new IOException("a checkpoint's rows for " + batch.table() + " exceed 2 GB: checkpoint more often");
        }
        // sized exactly (names are ASCII: 2 + length bytes each), so the buffer is returned without a copy
        int header = 2 + batch.table().length() + 4 + 4 + 8;
        for (String column : batch.columns()) {
            header += 2 + column.length();
        }
        DataOutputSerializer out = new DataOutputSerializer(header + (int) size);
        out.writeUTF(batch.table());
        out.writeInt(batch.columns().size());
        for (String column : batch.columns()) {
            out.writeUTF(column);
        }
        out.writeInt(batch.rowCount());
        out.writeLong(size);
        List<byte[]> chunks = batch.block().chunks();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            out.write(chunk, 0, i == chunks.size() - 1 ? batch.block().lastChunkLength() : chunk.length);
        }
        return out.getSharedBuffer().length == out.length() ? out.getSharedBuffer() : out.getCopyOfBuffer();
    }

    @Override
    public ClickHouseBatch deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("this checkpoint holds ClickHouse rows in format " + version + " of an earlier smm-pulse; "
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
        long size = in.readLong();
        BinaryBuffer block = new BinaryBuffer();
        block.write(serialized, in.getPosition(), Math.toIntExact(size));
        return new ClickHouseBatch(table, columns, rowCount, block);
    }
}
