package io.smmpulse.pipeline;

import io.smmpulse.core.config.EventTimeSettings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution environment of a pulse job: checkpoints, restarts, parallelism, state. */
public final class JobSetup {
    private JobSetup() {}

    /**
     * @param checkpointDir where retained checkpoints live; the latest complete one there is
     *     restored, which is how {@code bin/pulse run} resumes after a crash or kill
     * @param changelog checkpoint the heap state incrementally through a changelog (a job that runs
     *     for good; a bounded replay finishes first and skips the changelog's cost per state change)
     */
    public static StreamExecutionEnvironment environment(
            int parallelism, Duration checkpointInterval, Path checkpointDir, boolean resume, boolean changelog) {
        return environment(parallelism, checkpointInterval, checkpointDir, resume, changelog, Map.of());
    }

    /** @param extra further settings of the in-process cluster (a metric reporter, say) */
    public static StreamExecutionEnvironment environment(
            int parallelism,
            Duration checkpointInterval,
            Path checkpointDir,
            boolean resume,
            boolean changelog,
            Map<String, String> extra) {
        Map<String, String> conf = new HashMap<>(extra);
        conf.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        conf.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.put("execution.checkpointing.dir", checkpointDir.toUri().toString());
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.put("execution.checkpointing.num-retained", "2");
        conf.put("execution.checkpointing.min-pause", "200 ms");
        if (changelog) {
            // Heap state with a changelog: a checkpoint uploads the state changes since the previous
            // one, not all state. Without it a live stream's deduplication state (an hour of event
            // ids) made every checkpoint, and so the visibility of results, slower by the minute.
            conf.put("state.changelog.enabled", "true");
            conf.put("state.changelog.storage", "filesystem");
            conf.put(
                    "dstl.dfs.base-path",
                    checkpointDir.resolve("changelog").toUri().toString());
        }
        conf.put("restart-strategy.type", "exponential-delay");
        conf.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        conf.put("restart-strategy.exponential-delay.max-backoff", "30 s");
        conf.put("pipeline.max-parallelism", String.valueOf(EventTimeSettings.MAX_PARALLELISM));
        conf.put("pipeline.generic-types", "true");
        // no operator keeps or changes a record it was handed, so chained operators may share
        // records instead of deep-copying every Avro event between them
        conf.put("pipeline.object-reuse", "true");
        conf.put("parallelism.default", String.valueOf(parallelism));
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(Math.max(parallelism, 2)));
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.address", "127.0.0.1");
        if (resume) {
            latestCheckpoint(checkpointDir).ifPresent(path -> {
                conf.put("execution.state-recovery.path", path.toUri().toString());
                // the job owns its retained checkpoints; claiming them also lets the changelog go on
                // incrementally (NO_CLAIM would demand a full first checkpoint, which it cannot take)
                conf.put("execution.state-recovery.claim-mode", "CLAIM");
            });
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(conf));
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * The environment of the job on a Flink cluster: checkpointing, state backend, restarts and
     * parallelism are the cluster's (its config.yaml, or the submission); the job sets only what
     * belongs to the job itself.
     */
    public static StreamExecutionEnvironment clusterEnvironment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().setMaxParallelism(EventTimeSettings.MAX_PARALLELISM);
        // no operator keeps or changes a record it was handed (see environment())
        env.getConfig().enableObjectReuse();
        return env;
    }

    /**
     * Removes a checkpoint folder and everything in it, if it exists; files that vanish meanwhile
     * (Flink discarding subsumed checkpoints and changelog in the background) are fine.
     */
    public static void deleteCheckpoints(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The newest complete checkpoint (chk-N) or savepoint below {@code checkpointDir}, if any. */
    public static Optional<Path> latestCheckpoint(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(checkpointDir, 3)) {
            return walk.filter(p -> p.getFileName().toString().matches("chk-\\d+|savepoint-.+")
                            && Files.exists(p.resolve("_metadata")))
                    .max(NEWEST);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Orders checkpoints and savepoints by when they were completed (their _metadata written). */
    public static final Comparator<Path> NEWEST = Comparator.comparingLong(JobSetup::completedAt);

    /** When a checkpoint or savepoint folder was completed (its _metadata written), in epoch ms; 0 when unknown. */
    public static long completedAt(Path path) {
        try {
            return Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
