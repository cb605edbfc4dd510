package io.smmpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.core.config.ClickHouseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sql/cluster/ is sql/ in its cluster form (regenerate with {@code bin/pulse cluster-ddl}), and
 * every statement of it is one the ClickHouse engine parses. No cluster runs here: the engine's
 * parser ({@code EXPLAIN AST}) is the check that a real server would accept the text.
 */
class ClusterDdlIT {
    private static final Path SQL = ClickHouseSchema.locateSqlDir();

    @Test
    void theClusterFilesAreTheSingleServerFilesInClusterForm() throws Exception {
        List<Path> files = ClickHouseSchema.files(SQL);
        assertThat(ClickHouseSchema.files(SQL.resolve("cluster"))).hasSameSizeAs(files);
        for (Path file : files) {
            assertThat(Files.readString(SQL.resolve("cluster").resolve(file.getFileName())))
                    .as(file.getFileName() + " (run bin/pulse cluster-ddl)")
                    .isEqualTo(ClusterDdl.file(Files.readString(file)));
        }
    }

    @Test
    void everyTableIsReplicatedBehindADistributedTableOfItsNameShardedByCommunity() {
        String ddl = ClusterDdl.file("""
                CREATE TABLE IF NOT EXISTS ugc_weekly
                (
                    community_id  LowCardinality(String),
                    week_start    Date,
                    _version      UInt64
                )
                ENGINE = ReplacingMergeTree(_version)
                PARTITION BY toYYYYMM(week_start)
                ORDER BY (community_id, week_start);
                CREATE OR REPLACE VIEW kpi_ugc_weekly AS
                SELECT * FROM ugc_weekly FINAL;
                """);
        assertThat(ddl)
                .contains("CREATE TABLE IF NOT EXISTS ugc_weekly_local ON CLUSTER '{cluster}'")
                .contains(
                        "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)\nPARTITION BY")
                .contains(
                        "CREATE TABLE IF NOT EXISTS ugc_weekly ON CLUSTER '{cluster}' AS ugc_weekly_local\n"
                                + "ENGINE = Distributed('{cluster}', currentDatabase(), ugc_weekly_local, cityHash64(community_id))")
                .contains(
                        "CREATE OR REPLACE VIEW kpi_ugc_weekly ON CLUSTER '{cluster}' AS\nSELECT * FROM ugc_weekly FINAL");
        assertThatThrownBy(() -> ClusterDdl.of("DROP TABLE events"))
                .hasMessageContaining("no cluster form for: DROP TABLE events");
    }

    @Test
    void everyClusterStatementParses() throws Exception {
        ClickHouseSettings settings = LocalClickHouse.settings("default");
        int parsed = 0;
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            for (Path file : ClickHouseSchema.files(SQL.resolve("cluster"))) {
                for (String statement : ClickHouseSchema.statements(Files.readString(file))) {
                    assertThat(client.query("EXPLAIN AST " + statement))
                            .as(statement)
                            .hasSizeGreaterThan(1);
                    parsed++;
                }
            }
        }
        assertThat(parsed).isGreaterThan(60);
    }
}
