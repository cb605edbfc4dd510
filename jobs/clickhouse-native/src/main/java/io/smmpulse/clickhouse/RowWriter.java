package io.smmpulse.clickhouse;

/**
 * The values of one row, written one after the other in the mapping's column order straight into
 * the insert's column buffers: no array of boxed values, no date objects per row. Instants are
 * epoch milliseconds, dates epoch days; null only where the column is Nullable.
 */
public interface RowWriter {
    /** A String, LowCardinality(String) or Enum8 (by its symbol) column. */
    RowWriter string(String value);

    /** Any integer column, a Date (epoch day) or a DateTime64(3) (epoch milliseconds). */
    RowWriter number(long value);

    RowWriter nullableNumber(Long value);

    /** A Float64 or Nullable(Float64) column. */
    RowWriter nullableReal(Double value);

    default RowWriter symbol(Enum<?> value) {
        return string(value == null ? null : value.name());
    }

    default RowWriter flag(boolean value) {
        return number(value ? 1 : 0);
    }

    default RowWriter day(long epochDay) {
        return number(epochDay);
    }
}
