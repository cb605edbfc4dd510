package io.smmpulse.cli;

import io.smmpulse.pipeline.JobSetup;
import io.smmpulse.pipeline.PulseEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this checkout has run on the cluster per events topic (PULSE_HOME/jobs/TOPIC): the job ids
 * (whose retained checkpoints lie in the cluster's checkpoint folder under their id) and the
 * savepoints {@code bin/pulse stop} took. A cluster forgets finished jobs when it restarts; this
 * file does not, so {@code run} resumes the right job's state and never another topic's.
 */
final class JobRecord {
    private final Path file;

    private JobRecord(Path file) {
        this.file = file;
    }

    static JobRecord of(PulseEnvironment env) {
        return new JobRecord(env.home().resolve("jobs").resolve(env.topic().replaceAll("[^A-Za-z0-9._-]", "_")));
    }

    void addJob(String jobId) throws IOException {
        append("job " + jobId);
    }

    void addSavepoint(String location) throws IOException {
        append("savepoint " + location);
    }

    /** Deletes the record (a sandbox that starts clean: its old state must not be resumed). */
    void forget() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * The newest complete savepoint or retained checkpoint of the recorded jobs, if any.
     *
     * @param clusterCheckpoints the cluster's checkpoint folder (jobs keep theirs under their id)
     */
    Optional<Path> newestRestorePoint(Optional<Path> clusterCheckpoints) throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("job ") && clusterCheckpoints.isPresent()) {
                JobSetup.latestCheckpoint(clusterCheckpoints.get().resolve(line.substring(4))).ifPresent(candidates::add);
            } else if (line.startsWith("savepoint ")) {
                Path savepoint = Path.of(java.net.URI.create(line.substring(10)).getPath());
                if (Files.exists(savepoint.resolve("_metadata"))) {
                    candidates.add(savepoint);
                }
            }
        }
        return candidates.stream().max(JobSetup.NEWEST);
    }

    private List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private void append(String line) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
