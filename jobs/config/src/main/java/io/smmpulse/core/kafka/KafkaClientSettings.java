package io.smmpulse.core.kafka;

import io.smmpulse.core.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Extra Kafka client settings for every client of the project (sources, sinks, admin, producer,
 * consumer): TLS and SASL for a secured cluster, e.g. {@code security.protocol=SASL_SSL},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}. They come
 * from the properties file named by PULSE_KAFKA_PROPERTIES_FILE, so that secrets stay out of
 * the command line and the environment listing; their values are never printed.
 */
public final class KafkaClientSettings {
    private KafkaClientSettings() {}

    public static Map<String, String> extra() {
        String file = System.getenv("PULSE_KAFKA_PROPERTIES_FILE");
        Map<String, String> settings = new TreeMap<>();
        if (file == null || file.isBlank()) {
            return settings;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Paths.get(file))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("PULSE_KAFKA_PROPERTIES_FILE: cannot read " + file + ": " + e.getMessage());
        }
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }

    /** {@code base} with the extra settings on top. */
    public static Properties with(Properties base) {
        base.putAll(extra());
        return base;
    }
}
