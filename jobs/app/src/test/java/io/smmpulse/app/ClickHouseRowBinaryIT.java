package io.smmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.clickhouse.ClickHouseClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sink's RowBinary rows, as the ClickHouse engine of the stack reads them back. */
class ClickHouseRowBinaryIT {
    @Test
    void everyColumnTypeOfTheContractRoundTripsAndTheNewestVersionWins() throws Exception {
        TestStack stack = TestStack.fresh("rowbinary");
        List<String> columns = List.of("id", "label", "note", "flag", "attempts", "delta", "day", "at", "maybe_at", "status");
        try (ClickHouseClient client = ClickHouseClient.connect(stack.env.clickHouse())) {
            client.execute("""
                    CREATE TABLE typed (id String, label LowCardinality(String), note Nullable(String), flag UInt8, attempts UInt32,
                        delta Nullable(Int64), day Date, at DateTime64(3, 'UTC'), maybe_at Nullable(DateTime64(3, 'UTC')),
                        status Enum8('pending' = 0, 'within' = 1, 'breached' = 2), _version UInt64)
                    ENGINE = ReplacingMergeTree(_version) ORDER BY id""");
            List<Object[]> first = new ArrayList<>();
            first.add(new Object[] {"q1", "télégram ✓", null, 1, 7, -3L, LocalDate.of(2026, 3, 29), 1_774_746_000_123L, null, "pending"});
            first.add(new Object[] {"q2", "x", "n\tl\n'", 0, 0, null, LocalDate.of(1970, 1, 1), 0L, 5L, "within"});
            client.insert("typed", columns, first, 1);
            // a newer version of q1 replaces it
            List<Object[]> second = new ArrayList<>();
            second.add(new Object[] {"q1", "télégram ✓", "answered", 1, 8, 42L, LocalDate.of(2026, 3, 29), 1_774_746_000_123L, 1_774_746_060_000L, "breached"});
            client.insert("typed", columns, second, 2);
            List<List<String>> rows = client.query("SELECT id, label, ifNull(note, 'NULL'), flag, attempts, ifNull(toString(delta), 'NULL'), day, "
                    + "toUnixTimestamp64Milli(at), ifNull(toString(toUnixTimestamp64Milli(maybe_at)), 'NULL'), status, _version FROM typed FINAL ORDER BY id");
            assertThat(rows.subList(1, rows.size())).containsExactly(
                    Arrays.asList("q1", "télégram ✓", "answered", "1", "8", "42", "2026-03-29", "1774746000123", "1774746060000", "breached", "2"),
                    Arrays.asList("q2", "x", "n\tl\n'", "0", "0", "NULL", "1970-01-01", "0", "5", "within", "1"));
        }
    }
}
