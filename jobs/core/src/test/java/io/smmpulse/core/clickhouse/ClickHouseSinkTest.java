package io.smmpulse.core.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseSinkTest {
    private static final RowMapping<String[]> PAIRS = new RowMapping<>() {
        @Override public String table() { return "t"; }
        @Override public List<String> columns() { return List.of("k", "v"); }
        @Override public Object[] values(String[] row) { return new Object[] {row[0], row[1]}; }
    };
    private static final RowBinaryEncoder PAIR_ENCODER = new RowBinaryEncoder("t", List.of("k", "v"), List.of("String", "LowCardinality(String)"));

    @Test
    void laterRowsGetHigherVersionsWhichContinueFromTheRestoredCheckpoint() throws Exception {
        var writer = new ClickHouseSink.BatchWriter<>(PAIRS, PAIR_ENCODER, 41);
        writer.write(new String[] {"a", "1"}, null);
        writer.write(new String[] {"b", "1"}, null);
        writer.write(new String[] {"a", "2"}, null);
        Collection<ClickHouseBatch> first = writer.prepareCommit();
        assertThat(first).singleElement().satisfies(batch -> {
            assertThat(batch.rowCount()).isEqualTo(3);
            assertThat(decodePairs(batch)).containsExactly(
                    "a=1@" + ClickHouseSink.version(42, 0), "b=1@" + ClickHouseSink.version(42, 1), "a=2@" + ClickHouseSink.version(42, 2));
        });
        assertThat(writer.prepareCommit()).isEmpty();
        writer.write(new String[] {"a", "3"}, null);
        assertThat(writer.prepareCommit()).singleElement()
                .satisfies(batch -> assertThat(decodePairs(batch)).containsExactly("a=3@" + ClickHouseSink.version(44, 0)));
        assertThat(ClickHouseSink.version(44, 0)).isGreaterThan(ClickHouseSink.version(42, Integer.MAX_VALUE));
    }

    @Test
    void batchesSurviveACheckpointByteForByte() throws Exception {
        RowBinaryBuffer rows = new RowBinaryBuffer();
        List<String> written = new ArrayList<>();
        // more than one chunk, with a non-ASCII value across the boundary
        for (int i = 0; rows.size() < RowBinaryBuffer.CHUNK_BYTES * 2L + 10; i++) {
            String value = "ü-" + i + "-" + "x".repeat(i % 50);
            PAIR_ENCODER.encode(new Object[] {"k" + i, value}, i, rows);
            written.add("k" + i + "=" + value + "@" + i);
        }
        ClickHouseBatch batch = new ClickHouseBatch("t", List.of("k", "v"), written.size(), rows);
        ClickHouseBatchSerializer serializer = new ClickHouseBatchSerializer();
        ClickHouseBatch copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));
        assertThat(copy.table()).isEqualTo("t");
        assertThat(copy.columns()).isEqualTo(batch.columns());
        assertThat(copy.rowCount()).isEqualTo(written.size());
        assertThat(bytes(copy.rows())).isEqualTo(bytes(rows));
        assertThat(decodePairs(copy)).isEqualTo(written);
        assertThatThrownBy(() -> serializer.deserialize(1, new byte[0])).hasMessageContaining("earlier smm-pulse");
    }

    @Test
    void encodesEachTypeInRowBinary() {
        RowBinaryEncoder encoder = new RowBinaryEncoder("t",
                List.of("s", "n", "u8", "u32", "i64", "d", "ts", "e", "f"),
                List.of("String", "Nullable(String)", "UInt8", "UInt32", "Nullable(Int64)", "Date", "DateTime64(3, 'UTC')",
                        "Enum8('pending' = 0, 'within' = 1, 'breached' = 2)", "Float64"));
        RowBinaryBuffer out = new RowBinaryBuffer();
        encoder.encode(new Object[] {"é", null, true, 70_000, -5L, LocalDate.of(1970, 1, 3), 1_000L, "breached", 0.5}, 9, out);
        ByteBuffer expected = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        expected.put((byte) 2).put("é".getBytes(StandardCharsets.UTF_8)); // varint length + UTF-8
        expected.put((byte) 1); // null
        expected.put((byte) 1);
        expected.putInt(70_000);
        expected.put((byte) 0).putLong(-5);
        expected.putShort((short) 2);
        expected.putLong(1_000);
        expected.put((byte) 2);
        expected.putDouble(0.5);
        expected.putLong(9); // _version
        assertThat(bytes(out)).isEqualTo(java.util.Arrays.copyOf(expected.array(), expected.position()));
    }

    @Test
    void refusesValuesTheTableCannotHold() {
        RowBinaryEncoder encoder = new RowBinaryEncoder("t", List.of("s", "e"), List.of("String", "Enum8('a' = 1)"));
        assertThatThrownBy(() -> encoder.encode(new Object[] {null, "a"}, 1, new RowBinaryBuffer())).hasMessageContaining("t.s is not Nullable");
        assertThatThrownBy(() -> encoder.encode(new Object[] {"x", "b"}, 1, new RowBinaryBuffer())).hasMessageContaining("no enum value 'b'");
        assertThatThrownBy(() -> new RowBinaryEncoder("t", List.of("m"), List.of("Map(String, String)")))
                .hasMessageContaining("t.m has type Map(String, String)");
    }

    @Test
    void sqlFilesSplitIntoStatements() {
        assertThat(ClickHouseSchema.statements("-- comment\nCREATE TABLE a (x UInt8)\nENGINE = Memory;\n\nCREATE VIEW v AS SELECT 1;\n"))
                .containsExactly("CREATE TABLE a (x UInt8)\nENGINE = Memory", "CREATE VIEW v AS SELECT 1");
    }

    private static byte[] bytes(RowBinaryBuffer rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            rows.writeTo(out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Reads rows of (String, String, UInt64 version) back as "k=v@version". */
    private static List<String> decodePairs(ClickHouseBatch batch) {
        ByteBuffer in = ByteBuffer.wrap(bytes(batch.rows())).order(ByteOrder.LITTLE_ENDIAN);
        List<String> rows = new ArrayList<>();
        while (in.hasRemaining()) {
            rows.add(readString(in) + "=" + readString(in) + "@" + in.getLong());
        }
        return rows;
    }

    private static String readString(ByteBuffer in) {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
