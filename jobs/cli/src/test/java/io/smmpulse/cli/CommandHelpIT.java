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

    @Test
    void statusSaysInJsonWhetherTheJobRunsAndItsExitCodeAgrees() throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/pulse").toString(), "status", "--json");
        builder.environment().put("PULSE_HOME", home.toString());
        int freePort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        builder.environment().put("PULSE_FLINK_PORT", Integer.toString(freePort)); // no cluster there
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(output.lines().reduce((a, b) -> b).orElse("{}"));
        assertThat(status.path("running").asBoolean(true)).as(output).isFalse();
        assertThat(status.path("services").path("flink").asText()).as(output).isEqualTo("stopped");
        assertThat(status.path("cluster").asText()).as(output).startsWith("unreachable");
        assertThat(process.exitValue()).as("no job runs").isEqualTo(3);
    }
}
