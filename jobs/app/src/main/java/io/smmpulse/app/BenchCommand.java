package io.smmpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.ingest.IngestTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code bin/pulse bench [--events N]}: N generated events in Kafka, then in one run the floor
 * (read + decode + discard) and the full pipeline (every KPI, checkpoints every 10 s, ClickHouse
 * sinks), both bounded at the topic's end; prints a table and writes it as JSON under PULSE_HOME.
 */
final class BenchCommand {
    private BenchCommand() {}

    static int run(List<String> args, PulseEnvironment configured) throws Exception {
        Options options = Options.parse("bench", args, Set.of("events"));
        long events = options.positiveLong("events", 2_000_000);
        String run = "bench_" + Instant.now().getEpochSecond();
        PulseEnvironment env = configured.withTopics(run.replace('_', '-'), run.replace('_', '-') + "-dlq", run.replace('_', '-') + "-alerts")
                .withClickHouse(configured.clickHouse().withDatabase(run));
        KafkaTopics.ensure(env.kafkaBootstrap(), List.of(env.topic(), env.deadLetterTopic(), env.alertTopic()));
        SqlCommand.applySchema(env.clickHouse());
        Communities communities = Communities.embedded();

        long produceStart = System.nanoTime();
        long produced = produce(env, communities, events);
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        System.out.printf("produced %d events to %s in %.1f s%n", produced, env.topic(), produceSeconds);

        PulseSettings settings = PulseSettings.live();
        StreamExecutionEnvironment floor = JobSetup.environment(env.parallelism(), Duration.ofSeconds(10), env.home().resolve("checkpoints").resolve(run + "-floor"), false);
        Sources.kafka(floor, env.kafkaBootstrap(), env.topic(), run + "-floor", IngestTopology.watermarks(settings), true)
                .sinkTo(new DiscardingSink<Envelope>()).name("Discard").uid("discard");
        double floorSeconds = timed(() -> floor.execute("bench floor"));

        // the same topology with every result discarded: what the KPI operators cost without the sinks
        StreamExecutionEnvironment compute = JobSetup.environment(env.parallelism(), Duration.ofSeconds(10), env.home().resolve("checkpoints").resolve(run + "-compute"), false);
        PulsePipeline.attach(Sources.kafka(compute, env.kafkaBootstrap(), env.topic(), run + "-compute", IngestTopology.watermarks(settings), true),
                communities, settings, new PulsePipeline.Outputs() {
                    @Override
                    public <T> void write(org.apache.flink.streaming.api.datastream.DataStream<T> rows, io.smmpulse.core.clickhouse.RowMapping<T> mapping) {
                        rows.sinkTo(new DiscardingSink<T>()).name("Discard " + mapping.table()).uid("discard-" + mapping.table().replace('_', '-'));
                    }
                });
        double computeSeconds = timed(() -> compute.execute("bench KPIs without sinks"));

        StreamExecutionEnvironment full = JobSetup.environment(env.parallelism(), Duration.ofSeconds(10), env.home().resolve("checkpoints").resolve(run + "-full"), false);
        PulsePipeline.attach(Sources.kafka(full, env.kafkaBootstrap(), env.topic(), run + "-full", IngestTopology.watermarks(settings), true),
                communities, settings, PulsePipeline.clickHouse(env.clickHouse()));
        double fullSeconds = timed(() -> full.execute("bench full pipeline"));

        double floorRate = produced / floorSeconds;
        double fullRate = produced / fullSeconds;
        double computeRate = produced / computeSeconds;
        long jobPeakKb = peakRssKb(ProcessHandle.current().pid());
        long stackPeakKb = peakRssKb(pid(env.home().resolve("kafka/kafka.pid"))) + peakRssKb(pid(env.home().resolve("clickhouse/clickhouse.pid")));
        ObjectNode result = new ObjectMapper().createObjectNode()
                .put("events", produced).put("cores", Runtime.getRuntime().availableProcessors()).put("parallelism", env.parallelism())
                .put("floor_events_per_s", Math.round(floorRate)).put("kpis_without_sinks_events_per_s", Math.round(computeRate)).put("full_events_per_s", Math.round(fullRate))
                .put("full_over_floor", Math.round(fullRate / floorRate * 1000) / 1000.0)
                .put("job_peak_rss_mb", jobPeakKb / 1024).put("stack_peak_rss_mb", stackPeakKb / 1024)
                .put("measured_at", Instant.now().toString());
        System.out.println();
        System.out.printf("%-48s %12s%n", "figure", "value");
        System.out.printf("%-48s %12d%n", "(a) floor: read + decode + discard, events/s", Math.round(floorRate));
        System.out.printf("%-48s %12d%n", "    every KPI, results discarded, events/s", Math.round(computeRate));
        System.out.printf("%-48s %12d%n", "(b) full pipeline to ClickHouse, events/s", Math.round(fullRate));
        System.out.printf("%-48s %12.3f%n", "(b)/(a)", fullRate / floorRate);
        System.out.printf("%-48s %12d%n", "(e) peak RSS of the job JVM, MB", jobPeakKb / 1024);
        System.out.printf("%-48s %12d%n", "(e) peak RSS of the stack (Kafka + ClickHouse), MB", stackPeakKb / 1024);
        Path out = env.home().resolve("bench").resolve(run + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, result.toPrettyString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out);
        return 0;
    }

    /** The generator's realistic mix, malformed records included (the job rejects those). */
    private static long produce(PulseEnvironment env, Communities communities, long events) {
        try (KafkaPublisher publisher = new KafkaPublisher(env.kafkaBootstrap(), env.topic(), env.deadLetterTopic())) {
            long produced = GenerateCommand.history(communities, events, Duration.ofDays(30), 7, publisher::publish);
            publisher.flush();
            return produced;
        }
    }

    private interface Job {
        void run() throws Exception;
    }

    private static double timed(Job job) throws Exception {
        long started = System.nanoTime();
        job.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static long pid(Path file) throws IOException {
        return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
    }

    /** VmHWM: the peak resident set of a process (Linux). */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
