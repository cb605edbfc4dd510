package io.smmpulse.pipeline.replay;

import io.smmpulse.clickhouse.ClickHouseSink;
import io.smmpulse.core.cli.Progress;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.BoundedLineReader;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.core.ingest.SplitLateEvents;
import io.smmpulse.core.metrics.PulseMetrics;
import io.smmpulse.core.state.DueByMinute;
import io.smmpulse.pipeline.JobSetup;
import io.smmpulse.pipeline.PulsePipeline;
import io.smmpulse.pipeline.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded job of {@code bin/pulse replay}: every line of a JSON Lines file through every KPI
 * into ClickHouse in an in-process cluster, with the figures of what it read.
 */
public final class ReplayJob {
    private ReplayJob() {}

    /** What a replay did; read = accepted + duplicates + rejected + late. */
    public record Stats(long read, long accepted, long duplicates, long rejected, long late, double seconds) {
        public String describe() {
            return String.format(
                    "events read %d, accepted %d, duplicates %d, rejected %d, late %d%n" + "%.1f s, %.0f events/s",
                    read, accepted, duplicates, rejected, late, seconds, read / Math.max(seconds, 1e-3));
        }
    }

    public static Stats replay(Path file, Communities communities, Deployment deployment) throws Exception {
        return replay(file, communities, deployment, false);
    }

    /** With {@code showProgress}, records read of the file's records on standard error while it runs. */
    public static Stats replay(Path file, Communities communities, Deployment deployment, boolean showProgress)
            throws Exception {
        Prescan prescan = Prescan.of(file, EventTimeSettings.replay(0));
        EventTimeSettings settings = EventTimeSettings.replay(prescan.clock());
        Path checkpoints = deployment.home().resolve("checkpoints").resolve("replay-" + UUID.randomUUID());
        StreamExecutionEnvironment env = JobSetup.environment(
                deployment.parallelism(),
                java.time.Duration.ofSeconds(1),
                checkpoints,
                false,
                false,
                JobCounters.CONFIGURATION);
        PulsePipeline.attach(
                Sources.jsonLinesFile(env, file, settings),
                communities,
                settings,
                PulsePipeline.clickHouse(
                        deployment.clickHouse(), checkpoints.resolve("clickhouse-spool"), deployment.kpiEvents()));
        long started = System.nanoTime();
        JobClient client = env.executeAsync("smm-pulse replay " + file.getFileName());
        JobExecutionResult result;
        try (AutoCloseable shown = showProgress
                ? Progress.onStandardError("replay " + file.getFileName(), "records", prescan.records())
                        .watch(() -> JobCounters.total(client.getJobID(), PulseMetrics.EVENTS_READ))
                : () -> {}) {
            result = client.getJobExecutionResult().get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long waiting = ClickHouseSink.batchesWaiting(checkpoints.resolve("clickhouse-spool"));
        if (waiting > 0) {
            throw new IOException(waiting + " batches of rows could not be written to " + deployment.clickHouse()
                    + " and wait in " + checkpoints.resolve("clickhouse-spool")
                    + "; run the replay again (it rewrites the same rows)");
        }
        try {
            JobSetup.deleteCheckpoints(checkpoints);
        } catch (IOException ignored) {
            // a leftover folder under PULSE_HOME is harmless
        }
        JobID job = result.getJobID();
        Stats stats = new Stats(
                JobCounters.total(job, PulseMetrics.EVENTS_READ),
                JobCounters.total(job, PulseMetrics.EVENTS_PASSED) - prescan.duplicates(),
                prescan.duplicates(),
                JobCounters.total(job, PulseMetrics.EVENTS_REJECTED),
                JobCounters.total(job, PulseMetrics.EVENTS_LATE),
                seconds);
        JobCounters.forget(job);
        return stats;
    }

    /**
     * What the replay needs to know of the whole input before it starts. docs/kpis.md: the clock stands at
     * the largest occurred_at of the valid events. The job lets copies of an event pass (its
     * consumers absorb them by key), so the copies are counted here, in the order the replay reads
     * the file, with the watermark the replay's source makes ({@link IngestTopology#replayWatermarks}):
     * a copy is a later line with the id of an accepted, not late event; a late copy counts as late.
     */
    record Prescan(long clock, long duplicates, long records) {
        static Prescan of(Path file, EventTimeSettings settings) throws IOException {
            long bound = settings.outOfOrderness().toMillis();
            long lateness = settings.latenessMillis();
            long max = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            long duplicates = 0;
            long records = 0;
            Set<String> seen = new HashSet<>();
            // ids leave the set once any copy of them would be late (the watermark past time + lateness)
            DueByMinute<String> forget = new DueByMinute<>();
            long now = System.currentTimeMillis();
            try (BoundedLineReader reader = new BoundedLineReader(Files.newInputStream(file))) {
                BoundedLineReader.Line line;
                while ((line = reader.next()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    records++;
                    Envelope envelope = JsonEventReader.read(line, "", "", now);
                    if (!envelope.isAccepted()) {
                        continue;
                    }
                    long time = envelope.eventTime();
                    if (!SplitLateEvents.isLate(time, watermark, lateness)) {
                        String id = envelope.event.getEventId();
                        if (seen.add(id)) {
                            forget.add(id, time + lateness + 1);
                        } else {
                            duplicates++;
                        }
                    }
                    if (time > max) {
                        max = time;
                        watermark = max - bound - 1;
                        forget.release(watermark, seen::remove);
                    }
                }
            }
            return new Prescan(max, duplicates, records);
        }
    }
}
