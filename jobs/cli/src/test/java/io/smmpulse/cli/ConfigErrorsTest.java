package io.smmpulse.cli;

import io.smmpulse.pipeline.clickhouse.ClickHouseSchema;
import io.smmpulse.pipeline.PulseEnvironment;
import io.smmpulse.pipeline.KafkaTopics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.pipeline.clickhouse.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
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
        assertThatThrownBy(() -> PulseEnvironment.from(Map.of("PULSE_KAFKA_PORT", "99999")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_KAFKA_PORT");
        assertThatThrownBy(() -> PulseEnvironment.from(Map.of("PULSE_KAFKA_BOOTSTRAP", "kafka")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_KAFKA_BOOTSTRAP");
        assertThatThrownBy(() -> PulseEnvironment.from(Map.of("PULSE_CLICKHOUSE_URL", "clickhouse:8123")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_CLICKHOUSE_URL");
        assertThatThrownBy(() -> PulseEnvironment.from(Map.of("PULSE_CLICKHOUSE_DATABASE", "drop table")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_CLICKHOUSE_DATABASE");
        assertThatThrownBy(() -> PulseEnvironment.from(Map.of("PULSE_PARALLELISM", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_PARALLELISM");
        assertThatThrownBy(() -> PulseEnvironment.from(Map.of("PULSE_CLICKHOUSE_PASSWORD_FILE", "/nonexistent/secret")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_CLICKHOUSE_PASSWORD_FILE");
    }

    @Test
    void communitiesFileMistakes(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> Options.parse("run", List.of("--communities", missing.toString()), java.util.Set.of("communities")).communities())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--communities: file not found");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"defaults\": {");
        assertThatThrownBy(() -> Options.parse("run", List.of("--communities", broken.toString()), java.util.Set.of("communities")).communities())
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Options.parse("run", List.of("--colour", "x"), java.util.Set.of("communities")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no option --colour");
    }

    @Test
    void unreachableServicesAtStartNameTheSetting() {
        ClickHouseSettings nowhere = new ClickHouseSettings("http://127.0.0.1:1", "default", "secret-password", "pulse");
        assertThatThrownBy(() -> ClickHouseSchema.apply(nowhere))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_CLICKHOUSE_URL: cannot set up ClickHouse")
                .hasMessageNotContaining("secret-password");
        assertThatThrownBy(() -> KafkaTopics.ensure("127.0.0.1:1", List.of("t")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PULSE_KAFKA_BOOTSTRAP: cannot reach Kafka");
    }

    @Test
    void theLauncherPrintsOneLineAndNoStackTrace() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Pulse.run(new String[] {"replay", "/nonexistent/events.jsonl"})).isEqualTo(2);
            assertThat(Pulse.run(new String[] {"teleport"})).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("pulse: replay: file not found: /nonexistent/events.jsonl").contains("unknown command 'teleport'");
        assertThat(printed).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
