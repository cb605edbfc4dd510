package io.smmpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The job as docker-compose starts it (PULSE_START=resume-or-refuse, docker/jobmanager-start.sh):
 * with nothing to resume from, on a database that already holds results, it refuses to start.
 */
class StreamingJobStartIT {
    @Test
    void emptyStateOnADatabaseWithResultsIsRefusedWithTheWayOut() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ClickHouseSettings clickHouse = new ClickHouseSettings(
                System.getenv().getOrDefault("PULSE_CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                System.getenv().getOrDefault("PULSE_CLICKHOUSE_USER", "default"),
                System.getenv().getOrDefault("PULSE_CLICKHOUSE_PASSWORD", ""),
                "test_start_" + suffix);
        ClickHouseSchema.apply(clickHouse, ClickHouseSchema.locateSqlDir());
        try (ClickHouseClient client = ClickHouseClient.connect(clickHouse)) {
            client.execute("INSERT INTO events (event_id, community_id) VALUES ('e1', 'acme')");
        }
        String[] args = {
            "--start",
            "resume-or-refuse",
            "--home",
            System.getProperty("java.io.tmpdir") + "/pulse-start-" + suffix,
            "--kafka-bootstrap",
            System.getenv().getOrDefault("PULSE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            "--topic",
            "start-" + suffix,
            "--dlq-topic",
            "start-dlq-" + suffix,
            "--alert-topic",
            "start-alerts-" + suffix,
            "--clickhouse-url",
            clickHouse.url(),
            "--clickhouse-user",
            clickHouse.user(),
            "--clickhouse-database",
            clickHouse.database()
        };

        assertThatThrownBy(() -> StreamingJob.main(args))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("already holds results")
                .hasMessageContaining("PULSE_START=fresh");
    }
}
