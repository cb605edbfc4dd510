package io.smmpulse.core.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * How a result type becomes a row of one ClickHouse table. Values are String, Long, Integer,
 * Double, Boolean or null; instants and dates travel as ClickHouse text ({@link ClickHouseValues}).
 * The key identifies the row in the table's ReplacingMergeTree, so a rewrite replaces it.
 */
public interface RowMapping<T> extends Serializable {
    String table();

    List<String> columns();

    String key(T row);

    Object[] values(T row);
}
