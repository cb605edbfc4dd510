package io.smmpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.core.cli.Progress;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.metrics.PulseMetrics;
import io.smmpulse.generator.EventGenerator;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.JobSetup;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.PulsePipeline;
import io.smmpulse.pipeline.Sources;
import io.smmpulse.pipeline.replay.JobCounters;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code bin/pulse bench --state}: how the job's state grows with communities and days. For each
 * number of days, generated traffic of {@code 4 × batches} communities over those days goes into a
 * topic of its own; the whole pipeline (every KPI, results discarded) reads it to its end, a
 * savepoint in Flink's canonical format measures the state, and a second job restores it and
 * takes a savepoint again, which measures the restore. The figures per community and per day, and
 * the projection to 10,000 communities, are printed; docs/state.md says what they mean.
 */
final class StateBench {
    /** The generator's communities, copied once per batch with the batch's number appended to their ids. */
    private static final List<String> GENERATED = List.of("acme", "globex", "initech", "umbrella");

    record Point(
            int days, int communities, long events, long stateBytes, double savepointSeconds, double restoreSeconds) {
        double bytesPerCommunity() {
            return stateBytes / (double) communities;
        }

        double bytesPerCommunityDay() {
            return bytesPerCommunity() / days;
        }
    }

    private StateBench() {}

    static List<Point> run(Deployment base, String run, int batches, List<Integer> daysList, long perCommunityDay)
            throws Exception {
        Communities communities = communities(batches);
        List<Point> points = new ArrayList<>();
        for (int days : daysList) {
            String name = run + "_state_" + days + "d";
            Deployment deployment = base.withTopics(
                    name.replace('_', '-'), name.replace('_', '-') + "-dlq", name.replace('_', '-') + "-alerts");
            KafkaTopics.ensure(deployment.kafkaBootstrap(), List.of(deployment.topic(), deployment.deadLetterTopic()));
            long events = produce(deployment, batches, days, perCommunityDay * days * GENERATED.size());
            points.add(measure(deployment, name, communities, days, GENERATED.size() * batches, events));
        }
        return points;
    }

    private static Communities communities(int batches) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config;
        try (InputStream in = Communities.class.getResourceAsStream(Communities.EMBEDDED)) {
            config = (ObjectNode) json.readTree(in);
        }
        ObjectNode original = (ObjectNode) config.get("communities");
        ObjectNode copies = json.createObjectNode();
        for (int batch = 0; batch < batches; batch++) {
            for (String id : GENERATED) {
                copies.set(id + "-" + batch, original.get(id).deepCopy());
            }
        }
        config.set("communities", copies);
        return Communities.parse(json.writeValueAsString(config), "state bench communities");
    }

    /**
     * {@code perBatch} records of each batch's four communities over {@code days}, the batches
     * interleaved record by record so that the topic moves through time as one stream would.
     */
    private static long produce(Deployment deployment, int batches, int days, long perBatch) throws Exception {
        List<Iterator<EventGenerator.Generated>> streams = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            List<EventGenerator.Generated> records = new ArrayList<>();
            GeneratedTraffic.history(
                    Communities.embedded(), perBatch, Duration.ofDays(days), 100 + batch, records::add);
            streams.add(records.iterator());
        }
        AtomicLong sent = new AtomicLong();
        Progress progress = Progress.onStandardError(
                "state bench: produce " + days + " days to " + deployment.topic(), "events", perBatch * batches);
        try (KafkaPublisher publisher = new KafkaPublisher(
                        deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic());
                AutoCloseable shown = progress.watch(sent::get)) {
            boolean more = true;
            while (more) {
                more = false;
                for (int batch = 0; batch < batches; batch++) {
                    Iterator<EventGenerator.Generated> stream = streams.get(batch);
                    if (stream.hasNext()) {
                        more = true;
                        EventGenerator.Generated record = stream.next();
                        if (record.event() != null) {
                            SocialEvent event = record.event();
                            publisher.publish(SocialEvent.newBuilder(event)
                                    .setCommunityId(event.getCommunityId() + "-" + batch)
                                    .setEventId(event.getEventId() + "-" + batch)
                                    .build());
                        } else {
                            publisher.publish(record);
                        }
                        sent.incrementAndGet();
                    }
                }
            }
            publisher.flush();
        }
        return sent.get();
    }

    private static Point measure(
            Deployment deployment, String name, Communities communities, int days, int communityCount, long events)
            throws Exception {
        Path checkpoints = deployment.home().resolve("checkpoints").resolve(name);
        Path savepoints = deployment.home().resolve("savepoints").resolve(name);
        EventTimeSettings settings = EventTimeSettings.live();

        JobClient first = pipeline(deployment, name, communities, settings, checkpoints.resolve("read"), Map.of())
                .executeAsync("state bench " + days + " days");
        Progress progress = Progress.onStandardError("state bench: read " + days + " days", "events", events);
        try (AutoCloseable shown =
                progress.watch(() -> JobCounters.total(first.getJobID(), PulseMetrics.EVENTS_READ))) {
            while (JobCounters.total(first.getJobID(), PulseMetrics.EVENTS_READ) < events) {
                if (first.getJobStatus().get().isTerminalState()) {
                    throw new IllegalStateException("the state bench's job ended before it read the topic");
                }
                Thread.sleep(200);
            }
        }
        long started = System.nanoTime();
        String savepoint = first.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        double savepointSeconds = (System.nanoTime() - started) / 1e9;
        first.cancel().get();
        long bytes = size(Path.of(java.net.URI.create(savepoint)));

        started = System.nanoTime();
        JobClient restored = pipeline(
                        deployment,
                        name,
                        communities,
                        settings,
                        checkpoints.resolve("restored"),
                        Map.of("execution.state-recovery.path", savepoint))
                .executeAsync("state bench " + days + " days, restored");
        // a savepoint is accepted only once every task runs, that is once every task has restored its
        // state: the restore ends at the start of the first attempt that is not refused
        double restoreSeconds;
        while (true) {
            double attempt = (System.nanoTime() - started) / 1e9;
            try {
                restored.triggerSavepoint(
                                savepoints.resolve("restored").toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
                restoreSeconds = attempt;
                break;
            } catch (java.util.concurrent.ExecutionException notYetRunning) {
                Thread.sleep(100);
            }
        }
        restored.cancel().get();
        return new Point(days, communityCount, events, bytes, savepointSeconds, restoreSeconds);
    }

    private static StreamExecutionEnvironment pipeline(
            Deployment deployment,
            String name,
            Communities communities,
            EventTimeSettings settings,
            Path checkpoints,
            Map<String, String> extra) {
        Map<String, String> conf = new HashMap<>(JobCounters.CONFIGURATION);
        conf.putAll(extra);
        StreamExecutionEnvironment env =
                JobSetup.environment(deployment.parallelism(), Duration.ofSeconds(30), checkpoints, false, false, conf);
        DataStream<Envelope> events = Sources.kafka(env, deployment, name, settings);
        PulsePipeline.attach(events, communities, settings, BenchCommand.DISCARD);
        return env;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    /** The table of points and the projection to 10,000 communities over a year. */
    static void print(List<Point> points) {
        System.out.printf(
                "%-6s %-12s %-10s %-14s %-16s %-20s %-14s %-12s%n",
                "days",
                "communities",
                "events",
                "state (MB)",
                "per community (KB)",
                "per community-day (KB)",
                "savepoint (s)",
                "restore (s)");
        for (Point p : points) {
            System.out.printf(
                    "%-6d %-12d %-10d %-14.1f %-18.1f %-22.2f %-14.1f %-12.1f%n",
                    p.days(),
                    p.communities(),
                    p.events(),
                    p.stateBytes() / 1e6,
                    p.bytesPerCommunity() / 1e3,
                    p.bytesPerCommunityDay() / 1e3,
                    p.savepointSeconds(),
                    p.restoreSeconds());
        }
        if (points.size() >= 2) {
            Point last = points.get(points.size() - 1);
            Point before = points.get(points.size() - 2);
            double growthPerCommunityDay =
                    (last.bytesPerCommunity() - before.bytesPerCommunity()) / (last.days() - before.days());
            double perCommunityYear =
                    last.bytesPerCommunity() + Math.max(0, growthPerCommunityDay) * (365 - last.days());
            System.out.printf(
                    "growth between the last two: %.2f KB per community-day (%s); projection for 10,000 communities over"
                            + " a year at this traffic per community: %.1f GB of state (canonical savepoint format)%n",
                    growthPerCommunityDay / 1e3,
                    growthPerCommunityDay <= 0.05 * last.bytesPerCommunityDay() ? "flat" : "still growing",
                    perCommunityYear * 10_000 / 1e9);
        }
    }
}
