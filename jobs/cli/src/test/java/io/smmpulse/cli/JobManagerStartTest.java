package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.clickhouse.ClickHouseSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/jobmanager-start.sh, the JobManager's start in docker-compose, with Flink's entrypoint
 * replaced by a script that writes down what it was given: the job resumes from the newest
 * complete savepoint or retained checkpoint on the data volume, and refuses empty state on a
 * database with results when there is none.
 */
class JobManagerStartTest {
    @TempDir
    Path dir;

    @Test
    void resumesFromTheNewestCompleteSavepointOrCheckpointOnTheVolume() throws Exception {
        Path data = dir.resolve("data");
        Instant now = Instant.now();
        complete(data.resolve("checkpoints/00000000000000000000000000000000/chk-3"), now.minusSeconds(300));
        complete(data.resolve("savepoints/savepoint-000000-1a2b3c"), now.minusSeconds(200));
        complete(data.resolve("checkpoints/00000000000000000000000000000000/chk-7"), now.minusSeconds(100));
        // a checkpoint being written when the JobManager died: no _metadata, never a restore point
        Files.createDirectories(data.resolve("checkpoints/00000000000000000000000000000000/chk-8"));

        String started = start(data);

        assertThat(started)
                .contains(
                        "args: standalone-job --job-classname io.smmpulse.pipeline.StreamingJob --fromSavepoint file://"
                                + data.resolve("checkpoints/00000000000000000000000000000000/chk-7")
                                + " -D execution.state-recovery.claim-mode=CLAIM\n")
                .contains("PULSE_START=resume-or-refuse");
    }

    @Test
    void withNothingOnTheVolumeTheJobStartsEmptyAndItselfRefusesADatabaseWithResults() throws Exception {
        String started = start(Files.createDirectories(dir.resolve("empty")));

        assertThat(started)
                .contains("args: standalone-job --job-classname io.smmpulse.pipeline.StreamingJob\n")
                .doesNotContain("fromSavepoint")
                .contains("PULSE_START=resume-or-refuse");
    }

    private static void complete(Path point, Instant at) throws Exception {
        Files.createDirectories(point);
        Path metadata = Files.writeString(point.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(at));
    }

    private String start(Path data) throws Exception {
        Path out = dir.resolve("entrypoint.out");
        Path entrypoint = dir.resolve("entrypoint.sh");
        Files.writeString(
                entrypoint,
                "#!/usr/bin/env bash\n{ echo \"args: $*\"; echo \"PULSE_START=$PULSE_START\"; } > " + out + "\n");
        Files.setPosixFilePermissions(entrypoint, PosixFilePermissions.fromString("rwx------"));
        Path script = ClickHouseSchema.locateSqlDir().getParent().resolve("docker/jobmanager-start.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("PULSE_FLINK_DATA", data.toString());
        builder.environment().put("PULSE_FLINK_ENTRYPOINT", entrypoint.toString());
        builder.environment().remove("PULSE_START");
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(log).isZero();
        return Files.readString(out) + log;
    }
}
