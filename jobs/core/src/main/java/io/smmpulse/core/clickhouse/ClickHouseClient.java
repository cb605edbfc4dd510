package io.smmpulse.core.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Connections through the official JDBC driver (jdbc-v2), with the few operations the project needs. */
public final class ClickHouseClient implements AutoCloseable {
    private static final int INSERT_CHUNK_ROWS = 20_000;

    private final Connection connection;

    private ClickHouseClient(Connection connection) {
        this.connection = connection;
    }

    public static ClickHouseClient connect(ClickHouseSettings settings) throws SQLException {
        return connect(settings, settings.database());
    }

    /** Connects with the given default database ("default" before the project's database exists). */
    public static ClickHouseClient connect(ClickHouseSettings settings, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("compress", "false");
        // The driver registers itself only in some set-ups; asking it directly works in all of them.
        Connection connection = new com.clickhouse.jdbc.Driver().connect("jdbc:clickhouse:" + settings.serverUrl() + "/" + database, properties);
        if (connection == null) {
            throw new SQLException("the ClickHouse JDBC driver did not accept " + settings.serverUrl());
        }
        return new ClickHouseClient(connection);
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs one statement and returns its rows as strings, the first row holding the column names;
     * a statement without a result (DDL, INSERT) returns no rows at all.
     */
    public List<List<String>> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (!statement.execute()) {
                return List.of();
            }
            try (ResultSet rs = statement.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<List<String>> rows = new ArrayList<>();
                List<String> header = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    header.add(meta.getColumnLabel(c));
                }
                rows.add(header);
                while (rs.next()) {
                    List<String> row = new ArrayList<>(header.size());
                    for (int c = 1; c <= header.size(); c++) {
                        row.add(rs.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Inserts a batch through bound parameters; the version column {@code _version} comes last. */
    public void insert(ClickHouseBatch batch) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(batch.table()).append(" (");
        sql.append(String.join(", ", batch.columns())).append(", _version) VALUES (");
        sql.append("?, ".repeat(batch.columns().size())).append("?)");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int pending = 0;
            for (Object[] row : batch.rows()) {
                for (int c = 0; c < row.length; c++) {
                    statement.setObject(c + 1, row[c]);
                }
                statement.setLong(row.length + 1, batch.version());
                statement.addBatch();
                if (++pending == INSERT_CHUNK_ROWS) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
