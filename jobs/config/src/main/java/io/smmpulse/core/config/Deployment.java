package io.smmpulse.core.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/**
 * Where this deployment reads and writes (Kafka, topics, ClickHouse, PULSE_HOME), its parallelism and
 * its alert clock's ingest delay: read from the environment, with defaults that match the local
 * stack of {@code bin/pulse up}.
 * Flags override these where a command has a flag for the same setting.
 */
public record Deployment(
        Path home,
        String kafkaBootstrap,
        String topic,
        String deadLetterTopic,
        String alertTopic,
        ClickHouseSettings clickHouse,
        int parallelism,
        Duration maxIngestDelay,
        Duration alertExpiry,
        boolean kpiEvents,
        /* the Confluent-compatible API of a schema registry (docs/events.md), or "" for none */
        String schemaRegistry) {

    public static Deployment fromEnv() {
        return from(System.getenv());
    }

    public static Deployment from(Map<String, String> env) {
        Path home = Paths.get(env.getOrDefault("PULSE_HOME", ".pulse")).toAbsolutePath();
        String kafkaPort = port(env, "PULSE_KAFKA_PORT", "9092");
        String clickHousePort = port(env, "PULSE_CLICKHOUSE_PORT", "8123");
        String bootstrap = env.getOrDefault("PULSE_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort);
        if (!bootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
            throw new ConfigException(
                    "PULSE_KAFKA_BOOTSTRAP: \"" + bootstrap + "\" is not a list of host:port such as 127.0.0.1:9092");
        }
        ClickHouseSettings clickHouse = new ClickHouseSettings(
                env.getOrDefault("PULSE_CLICKHOUSE_URL", "http://127.0.0.1:" + clickHousePort),
                env.getOrDefault("PULSE_CLICKHOUSE_USER", "default"),
                secret(env, "PULSE_CLICKHOUSE_PASSWORD"),
                env.getOrDefault("PULSE_CLICKHOUSE_DATABASE", "pulse"));
        String parallelism = env.getOrDefault("PULSE_PARALLELISM", "2");
        if (!parallelism.matches("[1-9]\\d{0,2}")) {
            throw new ConfigException("PULSE_PARALLELISM: \"" + parallelism + "\" is not a whole number from 1 to 999");
        }
        String kpiEvents = env.getOrDefault("PULSE_KPI_EVENTS", "false");
        if (!kpiEvents.equals("true") && !kpiEvents.equals("false")) {
            throw new ConfigException("PULSE_KPI_EVENTS: \"" + kpiEvents + "\" is neither true nor false");
        }
        return new Deployment(
                home,
                bootstrap,
                env.getOrDefault("PULSE_TOPIC", "social-events"),
                env.getOrDefault("PULSE_DLQ_TOPIC", "social-events-dlq"),
                env.getOrDefault("PULSE_ALERT_TOPIC", "sla-alerts"),
                clickHouse,
                Integer.parseInt(parallelism),
                Durations.parse(
                        "PULSE_MAX_INGEST_DELAY",
                        env.getOrDefault(
                                "PULSE_MAX_INGEST_DELAY",
                                EventTimeSettings.DEFAULT_MAX_INGEST_DELAY.toSeconds() + "s")),
                Durations.parse("PULSE_ALERT_EXPIRY", env.getOrDefault("PULSE_ALERT_EXPIRY", "30d")),
                Boolean.parseBoolean(kpiEvents),
                schemaRegistry(env));
    }

    private static String schemaRegistry(Map<String, String> env) {
        String url = env.getOrDefault("PULSE_SCHEMA_REGISTRY_URL", "").strip();
        if (!url.isEmpty() && !url.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new ConfigException("PULSE_SCHEMA_REGISTRY_URL: \"" + url
                    + "\" is not an http(s) URL such as http://registry:8080/apis/ccompat/v7");
        }
        return url.replaceAll("/+$", "");
    }

    /** Reads writer schemas by id from this schema registry (records in its wire format). */
    public Deployment withSchemaRegistry(String url) {
        return new Deployment(
                home,
                kafkaBootstrap,
                topic,
                deadLetterTopic,
                alertTopic,
                clickHouse,
                parallelism,
                maxIngestDelay,
                alertExpiry,
                kpiEvents,
                url);
    }

    private static String port(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) == 0 || Integer.parseInt(value) > 65535) {
            throw new ConfigException(name + ": \"" + value + "\" is not a port number (1-65535)");
        }
        return value;
    }

    /** A secret comes from the variable itself or from the file named by NAME_FILE; it is never printed. */
    private static String secret(Map<String, String> env, String name) {
        String file = env.get(name + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return java.nio.file.Files.readString(Paths.get(file)).strip();
            } catch (java.io.IOException e) {
                throw new ConfigException(name + "_FILE: cannot read " + file + ": " + e.getMessage());
            }
        }
        return env.getOrDefault(name, "");
    }

    public Deployment withClickHouse(ClickHouseSettings other) {
        return new Deployment(
                home,
                kafkaBootstrap,
                topic,
                deadLetterTopic,
                alertTopic,
                other,
                parallelism,
                maxIngestDelay,
                alertExpiry,
                kpiEvents,
                schemaRegistry);
    }

    public Deployment withParallelism(int other) {
        return new Deployment(
                home,
                kafkaBootstrap,
                topic,
                deadLetterTopic,
                alertTopic,
                clickHouse,
                other,
                maxIngestDelay,
                alertExpiry,
                kpiEvents,
                schemaRegistry);
    }

    public Deployment withKafkaBootstrap(String bootstrap) {
        return new Deployment(
                home,
                bootstrap,
                topic,
                deadLetterTopic,
                alertTopic,
                clickHouse,
                parallelism,
                maxIngestDelay,
                alertExpiry,
                kpiEvents,
                schemaRegistry);
    }

    public Deployment withTopics(String eventsTopic, String dlqTopic, String alertsTopic) {
        return new Deployment(
                home,
                kafkaBootstrap,
                eventsTopic,
                dlqTopic,
                alertsTopic,
                clickHouse,
                parallelism,
                maxIngestDelay,
                alertExpiry,
                kpiEvents,
                schemaRegistry);
    }

    public Deployment withMaxIngestDelay(Duration other) {
        return new Deployment(
                home,
                kafkaBootstrap,
                topic,
                deadLetterTopic,
                alertTopic,
                clickHouse,
                parallelism,
                other,
                alertExpiry,
                kpiEvents,
                schemaRegistry);
    }

    /** The event-time settings of the streaming job (docs/alerts.md: the alert clock trails by maxIngestDelay; a breach expires after alertExpiry). */
    public EventTimeSettings liveSettings() {
        return EventTimeSettings.live(maxIngestDelay).withResponseHorizon(alertExpiry);
    }

    /** With or without the kpi_events table (one row per KPI event, for analysts' drill-downs and the raw-scan reference). */
    public Deployment withKpiEvents(boolean written) {
        return new Deployment(
                home,
                kafkaBootstrap,
                topic,
                deadLetterTopic,
                alertTopic,
                clickHouse,
                parallelism,
                maxIngestDelay,
                alertExpiry,
                written,
                schemaRegistry);
    }
}
