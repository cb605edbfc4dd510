package io.smmpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseSinkTest {
    private static final RowMapping<String[]> PAIRS = new RowMapping<>() {
        @Override
        public String table() {
            return "t";
        }

        @Override
        public List<String> columns() {
            return List.of("k", "v");
        }

        @Override
        public void write(String[] row, RowWriter out) {
            out.string(row[0]).string(row[1]);
        }
    };
    private static final NativeBlockEncoder PAIR_ENCODER =
            new NativeBlockEncoder("t", List.of("k", "v"), List.of("String", "String"));

    @TempDir
    Path spool;

    @Test
    void laterRowsGetHigherVersionsFromTheClockAndNeverTheSameTwice() throws Exception {
        long[] clock = {1_000};
        var writer = new ClickHouseSink.BatchWriter<>(
                PAIRS, PAIR_ENCODER, spool, 0, 41, new RowVersions(() -> clock[0]), new SimpleCounter());
        writer.write(new String[] {"a", "1"}, null);
        writer.write(new String[] {"b", "1"}, null);
        writer.write(new String[] {"a", "2"}, null);
        Collection<ClickHouseBatch> first = writer.prepareCommit();
        assertThat(first).singleElement().satisfies(batch -> {
            assertThat(batch.rowCount()).isEqualTo(3);
            assertThat(Path.of(batch.file()).getFileName().toString())
                    .as("named by the checkpoint after the restored one")
                    .startsWith("s0-c42-");
            assertThat(decodePairs(batch))
                    .containsExactly(
                            "a=1@" + RowVersions.of(1_000, 0),
                            "b=1@" + RowVersions.of(1_000, 1),
                            "a=2@" + RowVersions.of(1_000, 2));
        });
        assertThat(writer.prepareCommit()).isEmpty();
        writer.write(new String[] {"a", "3"}, null);
        assertThat(writer.prepareCommit())
                .singleElement()
                .as("the clock stood still: the versions go on")
                .satisfies(batch -> assertThat(decodePairs(batch)).containsExactly("a=3@" + RowVersions.of(1_000, 3)));
        clock[0] = 1_001;
        writer.write(new String[] {"a", "4"}, null);
        assertThat(writer.prepareCommit())
                .singleElement()
                .satisfies(batch -> assertThat(decodePairs(batch)).containsExactly("a=4@" + RowVersions.of(1_001, 0)));
    }

    /** docs/storage.md: a rerun (a replay of a corrected file, a new run) replaces what an earlier run wrote. */
    @Test
    void aLaterRunOutranksAnEarlierRunHoweverManyCheckpointsThatOneTook(@TempDir Path otherSpool) throws Exception {
        long[] clock = {5_000};
        var earlier = new ClickHouseSink.BatchWriter<>(
                PAIRS, PAIR_ENCODER, spool, 0, 0, new RowVersions(() -> clock[0]), new SimpleCounter());
        long lastOfEarlierRun = 0;
        for (int checkpoint = 0; checkpoint < 50; checkpoint++) {
            earlier.write(new String[] {"a", "old"}, null);
            ClickHouseBatch batch = earlier.prepareCommit().iterator().next();
            lastOfEarlierRun = versionOf(decodePairs(batch).get(0));
        }
        clock[0] = 5_001;
        var later = new ClickHouseSink.BatchWriter<>(
                PAIRS, PAIR_ENCODER, otherSpool, 0, 0, new RowVersions(() -> clock[0]), new SimpleCounter());
        later.write(new String[] {"a", "new"}, null);
        assertThat(versionOf(
                        decodePairs(later.prepareCommit().iterator().next()).get(0)))
                .isGreaterThan(lastOfEarlierRun);
    }

    private static long versionOf(String pair) {
        return Long.parseLong(pair.substring(pair.indexOf('@') + 1));
    }

    @Test
    void aCheckpointsRowsAreSpooledBlockByBlockAndTheCheckpointNamesTheirFile() throws Exception {
        SimpleCounter spooledRows = new SimpleCounter();
        var writer = new ClickHouseSink.BatchWriter<>(
                PAIRS, PAIR_ENCODER, spool, 1, 0, new RowVersions(() -> 7), spooledRows);
        List<String> written = new ArrayList<>();
        int rows = 2 * ClickHouseSink.BLOCK_ROWS + 5;
        for (int i = 0; i < rows; i++) {
            String value = "ü-" + i + "-" + "x".repeat(i % 50);
            writer.write(new String[] {"k" + i, value}, null);
            written.add("k" + i + "=" + value + "@" + RowVersions.of(7, i));
        }
        try (var files = Files.list(spool)) {
            assertThat(files.toList())
                    .as("full blocks are on disk before the checkpoint")
                    .singleElement()
                    .satisfies(file -> assertThat(Files.size(file)).isPositive());
        }
        ClickHouseBatch batch = writer.prepareCommit().iterator().next();
        assertThat(batch.rowCount()).isEqualTo(rows);
        assertThat(spooledRows.getCount())
                .as("the clickhouseRowsSpooled metric")
                .isEqualTo(rows);
        assertThat(Path.of(batch.file()).getFileName().toString())
                .startsWith("s1-c1-")
                .endsWith(".native");
        assertThat(decodePairs(batch)).isEqualTo(written);

        ClickHouseBatchSerializer serializer = new ClickHouseBatchSerializer();
        ClickHouseBatch copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));
        assertThat(copy).isEqualTo(batch);
        assertThatThrownBy(() -> serializer.deserialize(3, new byte[0])).hasMessageContaining("earlier smm-pulse");
    }

    @Test
    void aRestoredWriterRemovesItsFilesOfCheckpointsAfterTheRestoredOneOnly() throws Exception {
        for (String name : List.of("s0-c5-a.native", "s0-c6-b.native", "s1-c9-c.native", "notes.txt")) {
            Files.writeString(spool.resolve(name), name);
        }
        new ClickHouseSink.BatchWriter<>(
                        PAIRS, PAIR_ENCODER, spool, 0, 5, new RowVersions(() -> 7), new SimpleCounter())
                .close();
        try (var files = Files.list(spool)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("s0-c5-a.native", "s1-c9-c.native", "notes.txt");
        }
    }

    @Test
    void aWriterStartedWithoutStateRemovesNothingAsARetainedCheckpointMayStillNameTheFiles() throws Exception {
        for (String name : List.of("s0-c5-a.native", "s0-c6-b.native")) {
            Files.writeString(spool.resolve(name), name);
        }
        new ClickHouseSink.BatchWriter<>(
                        PAIRS, PAIR_ENCODER, spool, 0, 0, new RowVersions(() -> 7), new SimpleCounter())
                .close();
        try (var files = Files.list(spool)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("s0-c5-a.native", "s0-c6-b.native");
        }
    }

    /** The column bytes the server itself writes for these values (SELECT ... FORMAT Native on ClickHouse 26.7). */
    @Test
    void lowCardinalityColumnsAreWrittenAsTheServerWritesThem() {
        assertThat(hex(column("LowCardinality(String)", "b", "a", "b", "c")))
                .isEqualTo("0100000000000000" + "0006000000000000" + "0400000000000000" + "00" + "0162" + "0161"
                        + "0163" + "0400000000000000" + "01020103");
        assertThat(hex(column("LowCardinality(Nullable(String))", "b", null, "b", "")))
                .isEqualTo("0100000000000000" + "0006000000000000" + "0300000000000000" + "00" + "00" + "0162"
                        + "0400000000000000" + "02000201");
        assertThat(hex(column("Nullable(String)", "b", null, "b", "")))
                .isEqualTo("00010000" + "0162" + "00" + "0162" + "00");
    }

    @Test
    void writesEachFixedWidthTypeLittleEndian() {
        NativeBlockEncoder encoder = new NativeBlockEncoder(
                "t",
                List.of("u8", "u32", "i64", "d", "ts", "e", "f"),
                List.of(
                        "UInt8",
                        "UInt32",
                        "Nullable(Int64)",
                        "Date",
                        "DateTime64(3, 'UTC')",
                        "Enum8('pending' = 0, 'within' = 1, 'breached' = 2)",
                        "Float64"));
        NativeBlockEncoder.Block block = encoder.newBlock();
        block.add(new Object[] {true, 70_000, -5L, LocalDate.of(1970, 1, 3), 1_000L, "breached", 0.5}, 9);
        ByteBuffer in = ByteBuffer.wrap(bytes(block)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.get()).isEqualTo((byte) 8); // 7 columns and _version
        assertThat(in.get()).isEqualTo((byte) 1);
        skipNameAndType(in);
        assertThat(in.get()).isEqualTo((byte) 1);
        skipNameAndType(in);
        assertThat(in.getInt()).isEqualTo(70_000);
        skipNameAndType(in);
        assertThat(in.get()).as("null map").isEqualTo((byte) 0);
        assertThat(in.getLong()).isEqualTo(-5);
        skipNameAndType(in);
        assertThat(in.getShort()).isEqualTo((short) 2);
        skipNameAndType(in);
        assertThat(in.getLong()).isEqualTo(1_000);
        skipNameAndType(in);
        assertThat(in.get()).isEqualTo((byte) 2);
        skipNameAndType(in);
        assertThat(in.getDouble()).isEqualTo(0.5);
        assertThat(readString(in)).isEqualTo("_version");
        assertThat(readString(in)).isEqualTo("UInt64");
        assertThat(in.getLong()).isEqualTo(9);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void refusesValuesTheTableCannotHold() {
        NativeBlockEncoder encoder =
                new NativeBlockEncoder("t", List.of("s", "e"), List.of("String", "Enum8('a' = 1)"));
        assertThatThrownBy(() -> encoder.newBlock().add(new Object[] {null, "a"}, 1))
                .hasMessageContaining("t.s is not Nullable");
        assertThatThrownBy(() -> encoder.newBlock().add(new Object[] {"x", "b"}, 1))
                .hasMessageContaining("no enum value 'b'");
        assertThatThrownBy(() -> new NativeBlockEncoder("t", List.of("m"), List.of("Map(String, String)")))
                .hasMessageContaining("t.m has type Map(String, String)");
    }

    @Test
    void aBlockWithAHalfWrittenRowTakesNoFurtherRows() {
        NativeBlockEncoder.Block block = PAIR_ENCODER.newBlock();
        block.string("a");
        assertThatThrownBy(() -> block.number(1))
                .hasMessageContaining("t.v has type String and cannot hold an integer");
        assertThatThrownBy(() -> block.string("b")).hasMessageContaining("takes no further rows");
        assertThatThrownBy(() -> bytes(block)).hasMessageContaining("half-written row");
        NativeBlockEncoder.Block short_ = PAIR_ENCODER.newBlock();
        short_.string("a");
        assertThatThrownBy(() -> short_.endRow(1)).hasMessageContaining("a row of 1 values for 2 columns");
    }

    @Test
    void sqlFilesSplitIntoStatements() {
        assertThat(ClickHouseSchema.statements(
                        "-- comment\nCREATE TABLE a (x UInt8)\nENGINE = Memory;\n\nCREATE VIEW v AS SELECT 1;\n"))
                .containsExactly("CREATE TABLE a (x UInt8)\nENGINE = Memory", "CREATE VIEW v AS SELECT 1");
    }

    /** The data of a single column "s" of the given type, as it sits in the block between its type and _version. */
    private static byte[] column(String type, String... values) {
        NativeBlockEncoder.Block block = new NativeBlockEncoder("t", List.of("s"), List.of(type)).newBlock();
        for (String value : values) {
            block.add(new Object[] {value}, 0);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes(block)).order(ByteOrder.LITTLE_ENDIAN);
        in.get();
        in.get();
        skipNameAndType(in);
        int start = in.position();
        int end = in.limit() - (1 + "_version".length() + 1 + "UInt64".length() + 8 * values.length);
        return Arrays.copyOfRange(in.array(), start, end);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(NativeBlockEncoder.Block block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            block.writeTo(out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Reads the blocks of (k String, v String, _version UInt64) in a batch's file back as "k=v@version" rows. */
    private static List<String> decodePairs(ClickHouseBatch batch) {
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(Path.of(batch.file()))).order(ByteOrder.LITTLE_ENDIAN);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<String> decoded = new ArrayList<>();
        while (in.hasRemaining()) {
            assertThat(readVarInt(in)).isEqualTo(3);
            int rows = readVarInt(in);
            String[][] columns = new String[2][rows];
            for (String[] column : columns) {
                skipNameAndType(in);
                for (int r = 0; r < rows; r++) {
                    column[r] = readString(in);
                }
            }
            skipNameAndType(in);
            for (int r = 0; r < rows; r++) {
                decoded.add(columns[0][r] + "=" + columns[1][r] + "@" + in.getLong());
            }
        }
        return decoded;
    }

    private static void skipNameAndType(ByteBuffer in) {
        readString(in);
        readString(in);
    }

    private static int readVarInt(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static String readString(ByteBuffer in) {
        byte[] bytes = new byte[readVarInt(in)];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
