package io.smmpulse.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.smmpulse.core.config.ClickHouseSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The official ClickHouse Java client (client-v2) with the few operations the project needs:
 * statements, queries read back as text (TabSeparatedWithNames), and inserts in Native format.
 * Failures come as {@link SQLException} whose error code is the server's (0 when the server was
 * not reached), so callers tell a wrong setting from a refused statement.
 */
public final class ClickHouseClient implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 300;
    /**
     * A ReplacingMergeTree merges the rows of each insert by key before writing them unless told
     * not to; the views read FINAL anyway, and skipping it halves the server's time per insert
     * (measured on the local engine: 0.65 s instead of 1.3 s for a million events rows).
     */
    private static InsertSettings insertSettings() {
        return new InsertSettings().serverSetting("optimize_on_insert", "0");
    }

    private final Client client;
    private final Map<String, NativeBlockEncoder> encoders = new HashMap<>();

    private ClickHouseClient(Client client) {
        this.client = client;
    }

    public static ClickHouseClient connect(ClickHouseSettings settings) throws SQLException {
        return connect(settings, settings.database());
    }

    /** Connects with the given default database ("default" before the project's database exists). */
    public static ClickHouseClient connect(ClickHouseSettings settings, String database) throws SQLException {
        try {
            return new ClickHouseClient(new Client.Builder()
                    .addEndpoint(settings.serverUrl())
                    .setUsername(settings.user())
                    .setPassword(settings.password())
                    .setDefaultDatabase(database)
                    .compressServerResponse(false)
                    .compressClientRequest(false)
                    .build());
        } catch (RuntimeException e) {
            throw new SQLException("cannot set up a ClickHouse client for " + settings + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) throws SQLException {
        try (var ignored = await(client.execute(sql))) {
            // the statement ran
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /**
     * Runs one statement and returns its rows as strings (NULL as null), the first row holding the
     * column names; a statement without a result (DDL, INSERT) returns no rows at all.
     *
     * @param parameters bound on the server, referred to as {name:Type} in the statement
     */
    public List<List<String>> query(String sql, Map<String, Object> parameters) throws SQLException {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparatedWithNames);
        try (QueryResponse response = await(client.query(sql, parameters, settings));
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            List<List<String>> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                rows.add(fields(line, rows.isEmpty()));
            }
            return rows;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** {@code value} as a ClickHouse string literal, quoted and escaped. */
    public static String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public List<List<String>> query(String sql) throws SQLException {
        return query(sql, Map.of());
    }

    /** One line of TabSeparated: fields split at tabs, escapes undone, \\N as null (except in the header). */
    static List<String> fields(String line, boolean header) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean nullField = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : '\t';
            if (c == '\t') {
                fields.add(nullField && field.isEmpty() && !header ? null : field.toString());
                field.setLength(0);
                nullField = false;
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                switch (next) {
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case '0' -> field.append('\0');
                    case 'b' -> field.append('\b');
                    case 'f' -> field.append('\f');
                    case 'N' -> nullField = true;
                    default -> field.append(next);
                }
            } else {
                field.append(c);
            }
        }
        return fields;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SQLException("ClickHouse did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The server's message (its first lines) and error code. */
    private static SQLException failure(Exception e) {
        if (e instanceof SQLException sql) {
            return sql;
        }
        return new SQLException(ClickHouseErrors.describe(e), null, ClickHouseErrors.code(e), e);
    }

    /**
     * An encoder for the given columns of a table in the connection's database, from the types the
     * server declares; the table must also have the {@code _version UInt64} column of the contract.
     */
    public NativeBlockEncoder encoder(String table, List<String> columns) throws SQLException {
        Map<String, String> types = new HashMap<>();
        List<List<String>> rows = query(
                "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {table:String}",
                Map.of("table", table));
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            types.put(row.get(0), row.get(1));
        }
        if (types.isEmpty()) {
            throw new SQLException("ClickHouse has no table " + table
                    + " in this database: apply the schema first (bin/pulse init-db)");
        }
        if (!"UInt64".equals(types.get("_version"))) {
            throw new SQLException(
                    "table " + table + " lacks the column _version UInt64 that makes rewrites idempotent");
        }
        List<String> columnTypes = new ArrayList<>();
        for (String column : columns) {
            String type = types.get(column);
            if (type == null) {
                throw new SQLException("table " + table + " has no column " + column
                        + ": apply the schema of this release (bin/pulse init-db)");
            }
            columnTypes.add(type);
        }
        return new NativeBlockEncoder(table, columns, columnTypes);
    }

    /** Inserts rows given as values (a few, outside a Flink job), all with the same version. */
    public void insert(String table, List<String> columns, List<Object[]> rows, long version) throws Exception {
        NativeBlockEncoder encoder = encoders.get(table);
        if (encoder == null || !encoder.columns().equals(columns)) {
            encoder = encoder(table, columns);
            encoders.put(table, encoder);
        }
        NativeBlockEncoder.Block block = encoder.newBlock();
        for (Object[] row : rows) {
            block.add(row, version);
        }
        insert(table, columns, rows.size(), block::writeTo);
    }

    /** Writes an insert's body: Native blocks of the named columns followed by {@code _version}. */
    @FunctionalInterface
    public interface NativeBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Inserts {@code rowCount} rows in one request in Native format, streamed as {@code body} writes them. */
    public void insert(String table, List<String> columns, long rowCount, NativeBody body) throws Exception {
        List<String> withVersion = new ArrayList<>(columns);
        withVersion.add("_version");
        try (InsertResponse response =
                await(client.insert(table, withVersion, body::writeTo, ClickHouseFormat.Native, insertSettings()))) {
            // more rows than sent: materialized views; none: a replicated table recognised a retried block
            if (response.getWrittenRows() > 0 && response.getWrittenRows() < rowCount) {
                throw new SQLException(
                        "ClickHouse wrote " + response.getWrittenRows() + " of " + rowCount + " rows into " + table);
            }
        }
    }

    /** Closes a connection that is being dropped (it failed, or its user stops); null is fine. */
    public static void closeQuietly(ClickHouseClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception ignored) {
            // the connection is being replaced or its user stops
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
