package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.pipeline.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user mistake stops a command with one message that names the setting, never a stack trace. */
class ConfigErrorsTest {
    @Test
    void badEnvironmentValuesNameTheSetting() {
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_KAFKA_PORT", "99999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_KAFKA_PORT");
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_KAFKA_BOOTSTRAP", "kafka")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_KAFKA_BOOTSTRAP");
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_CLICKHOUSE_URL", "clickhouse:8123")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_CLICKHOUSE_URL");
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_CLICKHOUSE_DATABASE", "drop table")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_CLICKHOUSE_DATABASE");
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_PARALLELISM", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_PARALLELISM");
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_CLICKHOUSE_PASSWORD_FILE", "/nonexistent/secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_CLICKHOUSE_PASSWORD_FILE");
    }

    @Test
    void optionMistakesNameTheOption(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        Path out = dir.resolve("out.jsonl");
        assertThat(launch("generate", "--output", out.toString(), "--communities", missing.toString()))
                .contains("pulse: --communities: file not found");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"defaults\": {");
        assertThat(launch("generate", "--output", out.toString(), "--communities", broken.toString()))
                .contains("not valid JSON");
        assertThat(launch("run", "--colour", "x"))
                .contains("pulse: Unknown options: '--colour'")
                .contains("bin/pulse run --help");
        assertThat(launch("demo", "--duration", "soon"))
                .contains("Invalid value for option '--duration'")
                .contains("\"soon\" is not a duration such as 60s");
        assertThat(launch("generate", "--output", out.toString(), "--events", "0"))
                .contains("pulse: --events: \"0\" is not a whole number > 0");
        assertThat(launch("generate", "--output", out.toString(), "--events", "many"))
                .contains("Invalid value for option '--events'");
        assertThat(out).doesNotExist();
    }

    /** Runs the launcher; it must exit 2 and print no stack trace. Returns what it printed. */
    private static String launch(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Pulse.run(args)).as(String.join(" ", args)).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("\tat ").doesNotContain("Exception");
        return printed;
    }

    @Test
    void unreachableServicesAtStartNameTheSetting() {
        ClickHouseSettings nowhere =
                new ClickHouseSettings("http://127.0.0.1:1", "default", "secret-password", "pulse");
        assertThatThrownBy(() -> ClickHouseSchema.apply(nowhere))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_CLICKHOUSE_URL: cannot set up ClickHouse")
                .hasMessageNotContaining("secret-password");
        assertThatThrownBy(() -> KafkaTopics.ensure("127.0.0.1:1", List.of("t")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_KAFKA_BOOTSTRAP: cannot reach Kafka");
    }

    @Test
    void theLauncherPrintsOneLineAndNoStackTrace() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Pulse.run(new String[] {"replay", "/nonexistent/events.jsonl"}))
                    .isEqualTo(2);
            assertThat(Pulse.run(new String[] {"teleport"})).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("pulse: replay: file not found: /nonexistent/events.jsonl")
                .contains("unknown command 'teleport'");
        assertThat(printed).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
