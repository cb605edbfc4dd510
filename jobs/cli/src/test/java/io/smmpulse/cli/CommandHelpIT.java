package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.clickhouse.ClickHouseSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/pulse COMMAND --help} prints the command's options and starts or stops nothing of the stack. */
class CommandHelpIT {
    @TempDir
    Path home;

    @Test
    void askingACommandForItsHelpStartsNoService() throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        for (String command : List.of("up", "down", "status", "test", "bench", "demo", "run", "replay", "stop")) {
            ProcessBuilder builder = new ProcessBuilder(
                            root.resolve("bin/pulse").toString(), command, "--help")
                    .redirectErrorStream(true);
            builder.environment().put("PULSE_HOME", home.toString());
            Process process = builder.start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).as(command).contains("Usage: bin/pulse " + command);
            for (String service : List.of("kafka", "clickhouse", "flink", "alertmanager", "prometheus")) {
                assertThat(home.resolve(service))
                        .as("%s --help started %s", command, service)
                        .doesNotExist();
            }
        }
    }
}
