package io.smmpulse.clickhouse;

import java.util.List;

/**
 * Rows of one table produced for one checkpoint: {@code file} holds them as Native blocks with
 * their versions. The columns are the mapped ones; the blocks also hold {@code _version}.
 */
public record ClickHouseBatch(String table, List<String> columns, int rowCount, String file) {}
