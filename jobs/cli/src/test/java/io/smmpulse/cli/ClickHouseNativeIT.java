package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.clickhouse.ClickHouseClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sink's Native blocks, as the ClickHouse engine of the stack reads them back. */
class ClickHouseNativeIT {
    private static final List<String> COLUMNS = List.of(
            "id", "label", "maybe_label", "note", "flag", "attempts", "delta", "day", "at", "maybe_at", "status");

    @Test
    void everyColumnTypeOfTheContractRoundTripsAndTheNewestVersionWins() throws Exception {
        TestStack stack = TestStack.fresh("native");
        try (ClickHouseClient client = ClickHouseClient.connect(stack.deployment.clickHouse())) {
            createTable(client);
            List<Object[]> first = new ArrayList<>();
            first.add(new Object[] {
                "q1",
                "télégram ✓",
                null,
                null,
                1,
                7,
                -3L,
                LocalDate.of(2026, 3, 29),
                1_774_746_000_123L,
                null,
                "pending"
            });
            first.add(new Object[] {"q2", "", "", "n\tl\n'", 0, 0, null, LocalDate.of(1970, 1, 1), 0L, 5L, "within"});
            first.add(
                    new Object[] {"q3", "télégram ✓", "x", "", 1, 1, 0L, LocalDate.of(2026, 1, 1), 1L, null, "breached"
                    });
            client.insert("typed", COLUMNS, first, 1);
            // a newer version of q1 replaces it
            List<Object[]> second = new ArrayList<>();
            second.add(new Object[] {
                "q1",
                "x",
                "télégram ✓",
                "answered",
                1,
                8,
                42L,
                LocalDate.of(2026, 3, 29),
                1_774_746_000_123L,
                1_774_746_060_000L,
                "breached"
            });
            client.insert("typed", COLUMNS, second, 2);
            List<List<String>> rows =
                    client.query("SELECT id, label, ifNull(maybe_label, 'NULL'), ifNull(note, 'NULL'), flag, attempts, "
                            + "ifNull(toString(delta), 'NULL'), day, toUnixTimestamp64Milli(at), ifNull(toString(toUnixTimestamp64Milli(maybe_at)), 'NULL'), "
                            + "status, _version FROM typed FINAL ORDER BY id");
            assertThat(rows.subList(1, rows.size()))
                    .containsExactly(
                            Arrays.asList(
                                    "q1",
                                    "x",
                                    "télégram ✓",
                                    "answered",
                                    "1",
                                    "8",
                                    "42",
                                    "2026-03-29",
                                    "1774746000123",
                                    "1774746060000",
                                    "breached",
                                    "2"),
                            Arrays.asList(
                                    "q2", "", "", "n\tl\n'", "0", "0", "NULL", "1970-01-01", "0", "5", "within", "1"),
                            Arrays.asList(
                                    "q3",
                                    "télégram ✓",
                                    "x",
                                    "",
                                    "1",
                                    "1",
                                    "0",
                                    "2026-01-01",
                                    "1",
                                    "NULL",
                                    "breached",
                                    "1"));
        }
    }

    @Test
    void lowCardinalityDictionariesBeyond256And65536KeysKeepEveryValue() throws Exception {
        TestStack stack = TestStack.fresh("native_keys");
        try (ClickHouseClient client = ClickHouseClient.connect(stack.deployment.clickHouse())) {
            createTable(client);
            for (int distinct : new int[] {300, 70_000}) {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < distinct; i++) {
                    String label = distinct + "-" + i;
                    rows.add(new Object[] {
                        label,
                        label,
                        i % 3 == 0 ? null : label,
                        null,
                        0,
                        i,
                        null,
                        LocalDate.of(2026, 1, 1),
                        0L,
                        null,
                        "pending"
                    });
                }
                client.insert("typed", COLUMNS, rows, 1);
                List<List<String>> check = client.query(
                        "SELECT count(), uniqExact(label), countIf(label = id), countIf(maybe_label IS NULL), "
                                + "countIf(maybe_label = id) FROM typed WHERE startsWith(id, {prefix:String})",
                        java.util.Map.of("prefix", distinct + "-"));
                assertThat(check.get(1))
                        .containsExactly(
                                String.valueOf(distinct),
                                String.valueOf(distinct),
                                String.valueOf(distinct),
                                String.valueOf((distinct + 2) / 3),
                                String.valueOf(distinct - (distinct + 2) / 3));
            }
        }
    }

    private static void createTable(ClickHouseClient client) throws Exception {
        client.execute("""
                CREATE TABLE typed (id String, label LowCardinality(String), maybe_label LowCardinality(Nullable(String)),
                    note Nullable(String), flag UInt8, attempts UInt32, delta Nullable(Int64), day Date, at DateTime64(3, 'UTC'),
                    maybe_at Nullable(DateTime64(3, 'UTC')), status Enum8('pending' = 0, 'within' = 1, 'breached' = 2), _version UInt64)
                ENGINE = ReplacingMergeTree(_version) ORDER BY id""");
    }
}
