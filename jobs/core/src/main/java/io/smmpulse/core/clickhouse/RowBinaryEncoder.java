package io.smmpulse.core.clickhouse;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encodes the rows of one table in RowBinary for the column types the server declares, so that
 * inserts travel in ClickHouse's own binary form instead of SQL text. Values: String, Long,
 * Integer, Double, Boolean, LocalDate or null; instants are epoch milliseconds; an Enum8 column
 * takes the symbol's name. The table's {@code _version} column follows the mapped columns.
 */
public final class RowBinaryEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern WRAPPED = Pattern.compile("(Nullable|LowCardinality)\\((.*)\\)");
    private static final Pattern ENUM_ENTRY = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'\\s*=\\s*(-?\\d+)");

    private enum Kind { STRING, UINT8, UINT16, UINT32, INT32, UINT64, INT64, FLOAT64, DATE, DATETIME64_MILLIS, DATETIME, ENUM8 }

    private final String table;
    private final List<String> columns;
    private final Kind[] kinds;
    private final boolean[] nullable;
    private final Map<Integer, Map<String, Byte>> enumValues = new HashMap<>();

    /** @param types the ClickHouse type of each column, as in system.columns */
    public RowBinaryEncoder(String table, List<String> columns, List<String> types) {
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException("columns and types differ in number");
        }
        this.table = table;
        this.columns = List.copyOf(columns);
        this.kinds = new Kind[columns.size()];
        this.nullable = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String type = types.get(c).strip();
            Matcher wrapped;
            while ((wrapped = WRAPPED.matcher(type)).matches()) {
                nullable[c] |= wrapped.group(1).equals("Nullable");
                type = wrapped.group(2).strip();
            }
            kinds[c] = kind(table, columns.get(c), type);
            if (kinds[c] == Kind.ENUM8) {
                Map<String, Byte> values = new HashMap<>();
                Matcher entry = ENUM_ENTRY.matcher(type);
                while (entry.find()) {
                    values.put(entry.group(1), Byte.parseByte(entry.group(2)));
                }
                enumValues.put(c, values);
            }
        }
    }

    private static Kind kind(String table, String column, String type) {
        switch (type) {
            case "String": return Kind.STRING;
            case "UInt8": case "Bool": return Kind.UINT8;
            case "UInt16": return Kind.UINT16;
            case "UInt32": return Kind.UINT32;
            case "Int32": return Kind.INT32;
            case "UInt64": return Kind.UINT64;
            case "Int64": return Kind.INT64;
            case "Float64": return Kind.FLOAT64;
            case "Date": return Kind.DATE;
            case "DateTime": return Kind.DATETIME;
            default:
                if (type.startsWith("DateTime(")) {
                    return Kind.DATETIME;
                }
                if (type.matches("DateTime64\\(\\s*3\\s*(,.*)?\\)")) {
                    return Kind.DATETIME64_MILLIS;
                }
                if (type.startsWith("Enum8(")) {
                    return Kind.ENUM8;
                }
                throw new IllegalArgumentException("column " + table + "." + column + " has type " + type + ", which the ClickHouse sink does not write");
        }
    }

    public String table() {
        return table;
    }

    public List<String> columns() {
        return columns;
    }

    /** Appends one row: the mapped values in column order, then the row's version. */
    public void encode(Object[] values, long version, RowBinaryBuffer out) {
        if (values.length != kinds.length) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + kinds.length + " columns");
        }
        for (int c = 0; c < kinds.length; c++) {
            Object value = values[c];
            if (nullable[c]) {
                out.writeByte(value == null ? 1 : 0);
                if (value == null) {
                    continue;
                }
            } else if (value == null) {
                throw new IllegalArgumentException(table + "." + columns.get(c) + " is not Nullable but the value is null");
            }
            write(c, value, out);
        }
        out.writeLong(version);
    }

    private void write(int c, Object value, RowBinaryBuffer out) {
        switch (kinds[c]) {
            case STRING -> out.writeString(value instanceof Enum<?> symbol ? symbol.name() : (String) value);
            case UINT8 -> out.writeByte(value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).intValue());
            case UINT16 -> out.writeShort(((Number) value).intValue());
            case UINT32, INT32 -> out.writeInt(((Number) value).intValue());
            case UINT64, INT64 -> out.writeLong(((Number) value).longValue());
            case FLOAT64 -> out.writeLong(Double.doubleToLongBits(((Number) value).doubleValue()));
            case DATE -> out.writeShort((int) (value instanceof LocalDate day ? day.toEpochDay() : ((Number) value).longValue()));
            case DATETIME64_MILLIS -> out.writeLong(value instanceof Instant at ? at.toEpochMilli() : ((Number) value).longValue());
            case DATETIME -> out.writeInt((int) ((value instanceof Instant at ? at.toEpochMilli() : ((Number) value).longValue()) / 1000));
            case ENUM8 -> {
                String name = value instanceof Enum<?> symbol ? symbol.name() : (String) value;
                Byte code = enumValues.get(c).get(name);
                if (code == null) {
                    throw new IllegalArgumentException(table + "." + columns.get(c) + " has no enum value '" + name + "'");
                }
                out.writeByte(code);
            }
        }
    }
}
