package io.smmpulse.clickhouse;

import io.smmpulse.core.config.ClickHouseSettings;

/** The ClickHouse the ITs run against: the local engine {@code bin/pulse test} starts, or the server of PULSE_CLICKHOUSE_URL. */
final class LocalClickHouse {
    private LocalClickHouse() {}

    static ClickHouseSettings settings(String database) {
        return new ClickHouseSettings(
                System.getenv().getOrDefault("PULSE_CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                System.getenv().getOrDefault("PULSE_CLICKHOUSE_USER", "default"),
                System.getenv().getOrDefault("PULSE_CLICKHOUSE_PASSWORD", ""),
                database);
    }
}
