package io.smmpulse.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * How a result type becomes a row of one ClickHouse table: {@link #write} puts its values in
 * column order. The table's ORDER BY key identifies the row in its ReplacingMergeTree, so a
 * rewrite replaces it.
 */
public interface RowMapping<T> extends Serializable {
    String table();

    List<String> columns();

    void write(T row, RowWriter out);
}
