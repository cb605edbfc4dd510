package io.smmpulse.core.clickhouse;

import java.util.List;

/** Rows of one table, produced for one checkpoint, all written with the same version. */
public record ClickHouseBatch(String table, List<String> columns, long version, List<Object[]> rows) {}
