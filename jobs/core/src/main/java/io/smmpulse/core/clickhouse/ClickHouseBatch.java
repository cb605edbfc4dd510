package io.smmpulse.core.clickhouse;

import java.util.List;

/**
 * Rows of one table produced for one checkpoint: {@code block} holds them in Native format with
 * their versions. The columns are the mapped ones; the block also holds {@code _version}.
 */
public record ClickHouseBatch(String table, List<String> columns, int rowCount, BinaryBuffer block) {}
