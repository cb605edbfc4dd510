package io.smmpulse.core.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseSinkTest {
    private static final RowMapping<String[]> PAIRS = new RowMapping<>() {
        @Override public String table() { return "t"; }
        @Override public List<String> columns() { return List.of("k", "v"); }
        @Override public String key(String[] row) { return row[0]; }
        @Override public Object[] values(String[] row) { return new Object[] {row[0], row[1]}; }
    };

    @Test
    void lastRowPerKeyWinsAndVersionsContinueFromTheRestoredCheckpoint() throws Exception {
        var writer = new ClickHouseSink.BatchWriter<>(PAIRS, 41);
        writer.write(new String[] {"a", "1"}, null);
        writer.write(new String[] {"b", "1"}, null);
        writer.write(new String[] {"a", "2"}, null);
        Collection<ClickHouseBatch> first = writer.prepareCommit();
        assertThat(first).singleElement().satisfies(batch -> {
            assertThat(batch.version()).isEqualTo(42);
            assertThat(batch.rows()).extracting(r -> r[0] + "=" + r[1]).containsExactly("a=2", "b=1");
        });
        assertThat(writer.prepareCommit()).isEmpty();
        writer.write(new String[] {"a", "3"}, null);
        assertThat(writer.prepareCommit()).singleElement().satisfies(batch -> assertThat(batch.version()).isEqualTo(44));
    }

    @Test
    void batchesSurviveACheckpoint() throws Exception {
        ClickHouseBatchSerializer serializer = new ClickHouseBatchSerializer();
        ClickHouseBatch batch = new ClickHouseBatch("t", List.of("s", "l", "i", "d", "b", "n"), 7,
                java.util.Collections.singletonList(new Object[] {"ü\tx", 5L, 3, 1.5, true, null}));
        ClickHouseBatch copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));
        assertThat(copy.table()).isEqualTo("t");
        assertThat(copy.columns()).isEqualTo(batch.columns());
        assertThat(copy.version()).isEqualTo(7);
        assertThat(copy.rows().get(0)).containsExactly("ü\tx", 5L, 3, 1.5, true, null);
    }

    @Test
    void sqlFilesSplitIntoStatements() {
        assertThat(ClickHouseSchema.statements("-- comment\nCREATE TABLE a (x UInt8)\nENGINE = Memory;\n\nCREATE VIEW v AS SELECT 1;\n"))
                .containsExactly("CREATE TABLE a (x UInt8)\nENGINE = Memory", "CREATE VIEW v AS SELECT 1");
    }
}
