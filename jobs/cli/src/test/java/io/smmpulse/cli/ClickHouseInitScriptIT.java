package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/clickhouse-init.sh with a stand-in for the clickhouse client that records its arguments,
 * its config file and the SQL it is sent: passwords full of quotes, slashes and ampersands neither
 * break nor inject SQL, and appear on no command line.
 */
class ClickHouseInitScriptIT {
    private static final String ADMIN_PASSWORD = "a/d'm&i\"n<1>";
    private static final String ANALYST_PASSWORD = "x'; DROP USER default; --/&\\1";

    @TempDir
    Path dir;

    private Process run(String analystUser) throws Exception {
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        Path fake = dir.resolve("clickhouse");
        Files.writeString(fake, """
                #!/bin/bash
                log=%s
                echo "ARGS $*" >>"$log"
                while [ $# -gt 0 ]; do
                  if [ "$1" = --config-file ]; then echo "CONFIG $(cat "$2")" >>"$log"; fi
                  shift
                done
                echo "SQL $(cat)" >>"$log"
                """.formatted(dir.resolve("calls.log")));
        fake.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", root.resolve("docker/clickhouse-init.sh").toString())
                .redirectErrorStream(true);
        builder.environment().put("CLICKHOUSE_CLIENT", fake.toString());
        builder.environment().put("PULSE_SQL_DIR", root.resolve("sql").toString());
        builder.environment().put("CLICKHOUSE_USER", "admin");
        builder.environment().put("CLICKHOUSE_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("PULSE_ANALYST_USER", analystUser);
        builder.environment().put("PULSE_ANALYST_PASSWORD", ANALYST_PASSWORD);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    @Test
    void passwordsReachTheServerOnlyThroughAPrivateConfigFileAndADigest() throws Exception {
        Process process = run("analyst");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        String calls = Files.readString(dir.resolve("calls.log"));
        String digest = HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest(ANALYST_PASSWORD.getBytes(StandardCharsets.UTF_8)));

        assertThat(calls.lines().filter(line -> line.startsWith("ARGS")))
                .isNotEmpty()
                .allSatisfy(args -> assertThat(args)
                        .doesNotContain(ADMIN_PASSWORD)
                        .doesNotContain("DROP USER")
                        .doesNotContain(digest));
        assertThat(calls)
                .contains(
                        "CONFIG <config><user>admin</user><password>a/d&apos;m&amp;i&quot;n&lt;1&gt;</password></config>");
        assertThat(calls)
                .doesNotContain(ANALYST_PASSWORD)
                .doesNotContain("DROP USER")
                .contains("ALTER USER analyst IDENTIFIED WITH sha256_hash BY '" + digest + "'")
                .contains("GRANT SELECT ON pulse.kpi_first_response_daily TO pulse_analyst")
                .doesNotContain("GRANT SELECT ON pulse.events ")
                .doesNotContain("GRANT SELECT ON pulse.*");
    }

    /** The role, profile, quota and user statements cannot run on the local engine (no access storage), but its parser checks them. */
    @Test
    void everyServerStatementTheScriptSendsParses() throws Exception {
        Process process = run("analyst");
        assertThat(process.waitFor()).isZero();
        String calls = Files.readString(dir.resolve("calls.log"));
        String serverSql = calls.substring(calls.lastIndexOf("\nSQL ") + 5);
        assertThat(serverSql).as("the last call sends sql/server/").contains("CREATE SETTINGS PROFILE");
        List<String> statements = ClickHouseSchema.statements(serverSql);
        assertThat(statements).hasSizeGreaterThan(10);
        try (ClickHouseClient client =
                ClickHouseClient.connect(TestStack.fresh("initsql").deployment.clickHouse())) {
            for (String statement : statements) {
                assertThat(client.query("EXPLAIN AST " + statement))
                        .as(statement)
                        .hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void anAnalystNameThatIsNotAPlainNameIsRefusedBeforeAnyCall() throws Exception {
        Process process = run("analyst; DROP USER default");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("PULSE_ANALYST_USER must be a plain name");
        assertThat(dir.resolve("calls.log")).doesNotExist();
    }
}
