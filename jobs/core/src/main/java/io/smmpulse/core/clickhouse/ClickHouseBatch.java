package io.smmpulse.core.clickhouse;

import java.util.List;

/**
 * Rows of one table produced for one checkpoint, already in RowBinary with their versions; the
 * columns are the mapped ones, {@code _version} follows them in every row.
 */
public record ClickHouseBatch(String table, List<String> columns, int rowCount, RowBinaryBuffer rows) {}
