package io.smmpulse.core.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text forms ClickHouse parses into DateTime64(3, 'UTC') and Date columns. */
public final class ClickHouseValues {
    private static final DateTimeFormatter DATETIME64 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private ClickHouseValues() {}

    public static String instant(long epochMillis) {
        return DATETIME64.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String instantOrNull(Long epochMillis) {
        return epochMillis == null ? null : instant(epochMillis);
    }

    public static String date(LocalDate day) {
        return day.toString();
    }
}
