package io.smmpulse.clickhouse;

import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Applies the numbered files of {@code sql/} in order, statement by statement, to one database.
 * Every statement is idempotent (IF NOT EXISTS, OR REPLACE), so applying them again changes nothing.
 */
public final class ClickHouseSchema {
    private ClickHouseSchema() {}

    /**
     * Creates or updates the database from the checkout's sql/ ({@link #locateSqlDir}); an
     * unreachable server is a setting to fix, not a crash.
     */
    public static void apply(ClickHouseSettings settings) {
        OptionalInt rawPayloadDays = rawPayloadDays(System.getenv("PULSE_RAW_TTL_DAYS"));
        try {
            apply(settings, locateSqlDir());
            applyRawPayloadTtl(settings, rawPayloadDays);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).strip();
            int newline = message.indexOf('\n');
            throw new ConfigException("PULSE_CLICKHOUSE_URL: cannot set up ClickHouse at " + settings + ": "
                    + (newline > 0 ? message.substring(0, newline) : message)
                    + " (is the stack up? try: bin/pulse up)");
        }
    }

    public static void apply(ClickHouseSettings settings, Path sqlDir) throws SQLException {
        try (ClickHouseClient admin = ClickHouseClient.connect(settings, "default")) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + settings.database());
        }
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            for (Path file : files(sqlDir)) {
                for (String statement : statements(readString(file))) {
                    try {
                        client.execute(statement);
                    } catch (SQLException e) {
                        throw new SQLException(file.getFileName() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /**
     * PULSE_RAW_TTL_DAYS: how long raw payloads are kept, the text of accepted and late events and
     * whole rejected records (the KPI tables keep no text). Unset leaves what the database has; 0
     * keeps them for good.
     */
    static OptionalInt rawPayloadDays(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        if (!value.strip().matches("\\d{1,5}")) {
            throw new ConfigException(
                    "PULSE_RAW_TTL_DAYS: \"" + value + "\" is not a number of days (0 keeps raw payloads for good)");
        }
        return OptionalInt.of(Integer.parseInt(value.strip()));
    }

    static void applyRawPayloadTtl(ClickHouseSettings settings, OptionalInt days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            // on a cluster (sql/cluster/) the data, and so the TTL, is in the shards' local tables
            boolean cluster = "Distributed"
                    .equals(client.query("SELECT any(engine) FROM system.tables WHERE database = currentDatabase() "
                                    + "AND name = 'events'")
                            .get(1)
                            .get(0));
            String local = cluster ? "_local" : "";
            for (String statement : rawPayloadTtlStatements(
                    days.getAsInt(),
                    hasTtl(client, "rejected_events" + local),
                    hasTtl(client, "events" + local),
                    hasTtl(client, "late_events" + local))) {
                for (String forThisServer : cluster ? ClusterDdl.of(statement) : List.of(statement)) {
                    client.execute(forThisServer);
                }
            }
        }
    }

    private static boolean hasTtl(ClickHouseClient client, String table) throws SQLException {
        return !"0"
                .equals(client.query("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '"
                                + table + "' AND position(create_table_query, ' TTL ') > 0")
                        .get(1)
                        .get(0));
    }

    static List<String> rawPayloadTtlStatements(
            int days, boolean rejectedHasTtl, boolean eventsHaveTtl, boolean lateEventsHaveTtl) {
        List<String> statements = new ArrayList<>();
        if (days > 0) {
            statements.add(
                    "ALTER TABLE rejected_events MODIFY TTL toDateTime(received_at) + INTERVAL " + days + " DAY");
            for (String table : List.of("events", "late_events")) {
                statements.add("ALTER TABLE " + table
                        + " MODIFY COLUMN text Nullable(String) TTL toDateTime(occurred_at) + INTERVAL " + days
                        + " DAY");
            }
            return statements;
        }
        if (rejectedHasTtl) {
            statements.add("ALTER TABLE rejected_events REMOVE TTL");
        }
        if (eventsHaveTtl) {
            statements.add("ALTER TABLE events MODIFY COLUMN text REMOVE TTL");
        }
        if (lateEventsHaveTtl) {
            statements.add("ALTER TABLE late_events MODIFY COLUMN text REMOVE TTL");
        }
        return statements;
    }

    /** The repository's sql/ folder: PULSE_SQL_DIR, or found by walking up from the working directory. */
    public static Path locateSqlDir() {
        String configured = System.getenv("PULSE_SQL_DIR");
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured);
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("PULSE_SQL_DIR: " + dir + " is not a directory");
            }
            return dir;
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sql")) && Files.isDirectory(dir.resolve("schemas"))) {
                return dir.resolve("sql");
            }
        }
        throw new ConfigException("PULSE_SQL_DIR: not set, and no sql/ folder of the checkout above "
                + Paths.get("").toAbsolutePath());
    }

    public static List<Path> files(Path sqlDir) {
        try (Stream<Path> listing = Files.list(sqlDir)) {
            return listing.filter(p -> p.getFileName().toString().matches("\\d+_.*\\.sql"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("PULSE_SQL_DIR: cannot list " + sqlDir + ": " + e.getMessage());
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("PULSE_SQL_DIR: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Splits a file at semicolons that end a line; comment lines are dropped. */
    public static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Whether the database already holds what a job wrote (its events table is not empty). */
    public static boolean holdsResults(ClickHouseSettings settings) throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            return !"0"
                    .equals(client.query("SELECT count() FROM (SELECT 1 FROM events LIMIT 1)")
                            .get(1)
                            .get(0));
        }
    }
}
