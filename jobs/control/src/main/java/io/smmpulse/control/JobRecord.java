package io.smmpulse.control;

import io.smmpulse.core.config.Deployment;
import io.smmpulse.pipeline.JobSetup;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What this checkout has run on the cluster per events topic (PULSE_HOME/jobs/TOPIC): the job ids
 * (whose retained checkpoints lie in the cluster's checkpoint folder under their id) and the
 * savepoints {@code bin/pulse stop} took. A cluster forgets finished jobs when it restarts; this
 * file does not, so {@code run} resumes the right job's state and never another topic's.
 */
public final class JobRecord {
    private final Path file;

    private JobRecord(Path file) {
        this.file = file;
    }

    public static JobRecord of(Deployment deployment) {
        return new JobRecord(
                deployment.home().resolve("jobs").resolve(deployment.topic().replaceAll("[^A-Za-z0-9._-]", "_")));
    }

    void addJob(String jobId) throws IOException {
        append("job " + jobId);
    }

    public void addSavepoint(String location) throws IOException {
        append("savepoint " + location);
    }

    /** Deletes the record (a sandbox that starts clean: its old state must not be resumed). */
    public void forget() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * The newest savepoint or retained checkpoint of the recorded jobs, if any. The cluster is asked
     * first (its REST API knows where each job's checkpoints and savepoints lie, on any storage);
     * for a job it has forgotten (it restarted without high availability) the cluster's checkpoint
     * folder is searched when it is a local path. A recorded savepoint on storage this machine
     * cannot see is taken as it is, with an unknown time.
     */
    Optional<FlinkCluster.RestorePoint> newestRestorePoint(FlinkCluster cluster) throws IOException {
        Optional<Path> clusterCheckpoints = cluster.checkpointDir();
        List<FlinkCluster.RestorePoint> candidates = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("job ")) {
                String job = line.substring(4);
                Optional<FlinkCluster.RestorePoint> known =
                        cluster.restorePoint(job).filter(JobRecord::complete);
                if (known.isPresent()) {
                    candidates.add(known.get());
                } else if (clusterCheckpoints.isPresent()) {
                    JobSetup.latestCheckpoint(clusterCheckpoints.get().resolve(job))
                            .map(JobRecord::local)
                            .ifPresent(candidates::add);
                }
            } else if (line.startsWith("savepoint ")) {
                String location = line.substring(10);
                FlinkCluster.RestorePoint savepoint = new FlinkCluster.RestorePoint(
                        location, localPath(location).map(JobSetup::completedAt).orElse(0L));
                if (complete(savepoint)) {
                    candidates.add(savepoint);
                }
            }
        }
        return candidates.stream().max(Comparator.comparingLong(FlinkCluster.RestorePoint::completedAt));
    }

    /** A point on storage this machine sees must hold its _metadata; one elsewhere is taken on the cluster's word. */
    private static boolean complete(FlinkCluster.RestorePoint point) {
        return localPath(point.location())
                .map(path -> !Files.isDirectory(path.getParent()) || Files.exists(path.resolve("_metadata")))
                .orElse(true);
    }

    private static Optional<Path> localPath(String location) {
        URI uri = URI.create(location);
        return uri.getScheme() == null || "file".equals(uri.getScheme())
                ? Optional.of(Path.of(uri.getPath()))
                : Optional.empty();
    }

    /** Written as Flink writes the locations it reports ({@code file:/path}). */
    private static FlinkCluster.RestorePoint local(Path point) {
        return new FlinkCluster.RestorePoint("file:" + point.toAbsolutePath(), JobSetup.completedAt(point));
    }

    private List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private void append(String line) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(
                file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
