package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.ClickHouseSettings;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a BI tool (DBeaver, Metabase, Superset, Tableau) does through ClickHouse's official JDBC
 * driver {@code jdbc-v2}, as the analyst (docs/dashboards.md, "BI tools through JDBC"): it browses
 * the catalog with {@code DatabaseMetaData}, reads every view and results table granted in
 * sql/server/010_analyst.sql (the grants a real server gets), is refused the raw tables, and runs
 * a prepared statement with parameters.
 */
class JdbcAnalystIT {
    private static final String ANALYST = System.getenv().getOrDefault("PULSE_ANALYST_USER", "analyst");
    private static final String ANALYST_PASSWORD = System.getenv().getOrDefault("PULSE_ANALYST_PASSWORD", "analyst");

    private static ClickHouseSettings admin;
    private static Connection analyst;

    @BeforeAll
    static void connect() throws Exception {
        // the grants name the database pulse; on the local engine they hold for the test's own database
        assumeTrue(LocalClickHouseFrontIT.localEngine(), "PULSE_CLICKHOUSE_URL names a real server");
        admin = TestStack.fresh("jdbc").deployment.clickHouse();
        try (ClickHouseClient client = ClickHouseClient.connect(admin)) {
            client.execute(
                    "INSERT INTO content_posts (community_id, post_id, published_at, next_step, week_start, month_start,"
                            + " views, unique_viewers, saves, shares, faq_clicks, guide_clicks, viewers_7d, converters_7d,"
                            + " _version) VALUES ('acme', 'p-1', '2026-12-01 10:00:00', 'FAQ', '2026-11-30', '2026-12-01',"
                            + " 5, 4, 0, 0, 1, 0, 4, 1, 1), ('globex', 'p-2', '2026-12-01 11:00:00', NULL, '2026-11-30',"
                            + " '2026-12-01', 2, 2, 0, 0, 0, 0, 2, 0, 1)");
        }
        Properties properties = new Properties();
        properties.setProperty("user", ANALYST);
        properties.setProperty("password", ANALYST_PASSWORD);
        // as a BI tool does: it loads the driver class named in its settings (com.clickhouse.jdbc.Driver)
        analyst = new com.clickhouse.jdbc.Driver().connect(jdbcUrl(admin), properties);
    }

    @AfterAll
    static void close() throws SQLException {
        if (analyst != null) {
            analyst.close();
        }
    }

    /** The URL docs/dashboards.md gives, for the test's database: the local engine sends no compressed answers. */
    private static String jdbcUrl(ClickHouseSettings settings) {
        return "jdbc:clickhouse:" + settings.serverUrl() + "/" + settings.database() + "?compress=false";
    }

    /** The objects sql/server/010_analyst.sql grants the analyst. */
    private static Set<String> granted() throws Exception {
        String grants = Files.readString(ClickHouseSchema.locateSqlDir().resolve("server/010_analyst.sql"));
        Matcher grant = Pattern.compile("(?m)^GRANT SELECT ON pulse\\.(\\w+) TO pulse_analyst;$")
                .matcher(grants);
        Set<String> names = new TreeSet<>();
        while (grant.find()) {
            names.add(grant.group(1));
        }
        return names;
    }

    private static List<String> column(ResultSet rows, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
            values.add(rows.getString(name));
        }
        return values;
    }

    @Test
    void theCatalogListsExactlyTheGrantedViewsAndTablesWithTheirColumns() throws Exception {
        DatabaseMetaData catalog = analyst.getMetaData();
        Set<String> listed;
        try (ResultSet tables = catalog.getTables(null, admin.database(), "%", null)) {
            listed = new TreeSet<>(column(tables, "TABLE_NAME"));
        }
        assertThat(listed).isEqualTo(granted());

        for (String table : List.of("kpi_content_posts", "kpi_goals", "fr_questions")) {
            List<String> columns;
            try (ResultSet rows = catalog.getColumns(null, admin.database(), table, "%")) {
                columns = column(rows, "COLUMN_NAME");
            }
            List<String> described = FaultInjectionIT.query(admin, "DESCRIBE TABLE " + table).stream()
                    .skip(1)
                    .map(row -> row.get(0))
                    .toList();
            assertThat(columns).as(table).isNotEmpty().isEqualTo(described);
        }
        try (ResultSet rows = catalog.getColumns(null, admin.database(), "events", "%")) {
            assertThat(column(rows, "COLUMN_NAME")).as("a raw table's columns").isEmpty();
        }
    }

    @Test
    void everyKpiViewOfTheSchemaIsGranted() throws Exception {
        List<String> views = FaultInjectionIT.query(
                        admin,
                        "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'kpi\\\\_%'")
                .stream()
                .skip(1)
                .map(row -> row.get(0))
                .toList();
        assertThat(views).hasSizeGreaterThan(15);
        assertThat(granted()).containsAll(views);
    }

    @Test
    void everyGrantedViewAndTableAnswersASelect() throws Exception {
        try (Statement statement = analyst.createStatement()) {
            for (String table : granted()) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " LIMIT 1")) {
                    assertThat(rows.getMetaData().getColumnCount()).as(table).isPositive();
                }
            }
        }
    }

    @Test
    void rawTablesAreRefused() throws Exception {
        for (String raw : List.of("events", "rejected_events", "late_events", "sink_commits")) {
            try (Statement statement = analyst.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT count() FROM " + raw))
                        .as(raw)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("no SELECT grant on " + admin.database() + "." + raw);
            }
        }
    }

    @Test
    void aPreparedStatementTakesItsParameters() throws Exception {
        try (PreparedStatement statement = analyst.prepareStatement(
                "SELECT post_id, conversion_rate FROM kpi_content_posts WHERE community_id = ? AND views >= ?")) {
            statement.setString(1, "acme");
            statement.setInt(2, 5);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("post_id")).isEqualTo("p-1");
                assertThat(rows.getDouble("conversion_rate")).isEqualTo(0.25);
                assertThat(rows.next()).isFalse();
            }
            statement.setString(1, "globex");
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("globex's post has 2 views").isFalse();
            }
        }
    }
}
