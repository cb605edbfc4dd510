package io.smmpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.cli.Launcher;
import io.smmpulse.core.cli.Progress;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.ingest.IngestTopology;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.JobSetup;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.PulsePipeline;
import io.smmpulse.pipeline.Sources;
import io.smmpulse.pipeline.StreamingJob;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/pulse bench [--events N]}: N generated events in Kafka, then in one run the floor
 * (read + decode + discard) and the full pipeline (every KPI, checkpoints every 10 s, ClickHouse
 * sinks), both bounded at the topic's end; prints a table and writes it as JSON under PULSE_HOME.
 */
@Command(
        name = "bench",
        description =
                "Throughput against the read-and-decode floor, latency and SLA alert delay at a fixed rate, memory.")
public final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--events",
            description = "events for the throughput phases (default ${DEFAULT-VALUE})",
            defaultValue = "2000000")
    long events;

    @Option(
            names = "--rate",
            description = "events per second in the live phase (default ${DEFAULT-VALUE})",
            defaultValue = "20000")
    long rate;

    @Option(
            names = "--live-duration",
            description = "length of the live phase (default ${DEFAULT-VALUE})",
            defaultValue = "120s")
    Duration liveDuration;

    @Option(
            names = "--outage",
            description = "the outage phase: this much traffic published while no job runs, then the job starts on it "
                    + "(default ${DEFAULT-VALUE}; 0s skips it)",
            defaultValue = "10m")
    Duration outage;

    @Option(
            names = "--queries",
            description =
                    "instead of the pipeline phases: time every view as the analyst, whole and one community over "
                            + "30 days, at --events over --span and twice as many over twice the span, --repeats times each")
    boolean queries;

    @Option(
            names = "--span",
            description =
                    "with --queries: the history --events spread over; twice as many over twice the span next (default ${DEFAULT-VALUE})",
            defaultValue = "45d")
    Duration span;

    @Option(
            names = "--repeats",
            description = "with --queries: runs of each query (default ${DEFAULT-VALUE})",
            defaultValue = "5")
    int repeats;

    @Option(
            names = "--outage-rate",
            description = "events per second of the outage phase (default ${DEFAULT-VALUE})",
            defaultValue = "1000")
    long outageRate;

    @Option(
            names = "--state",
            description = "instead of the pipeline phases: the job's state after --state-days of traffic of"
                    + " 4 × --state-batches communities, its savepoint size and restore time, and the projection to"
                    + " 10,000 communities (docs/state.md)")
    boolean state;

    @Option(
            names = "--state-batches",
            description = "with --state: copies of the generator's 4 communities (default ${DEFAULT-VALUE})",
            defaultValue = "5")
    int stateBatches;

    @Option(
            names = "--state-days",
            split = ",",
            description = "with --state: the days of traffic, one run each (default ${DEFAULT-VALUE})",
            defaultValue = "30,60,120")
    List<Integer> stateDays;

    @Option(
            names = "--state-per-day",
            description = "with --state: events per community and day (default ${DEFAULT-VALUE})",
            defaultValue = "150")
    long statePerDay;

    @Override
    public Integer call() throws Exception {
        Deployment configured = Deployment.fromEnv();
        if (state) {
            Launcher.positive("--state-batches", stateBatches);
            Launcher.positive("--state-per-day", statePerDay);
            for (int days : stateDays) {
                Launcher.positive("--state-days", days);
            }
            StateBench.print(StateBench.run(
                    configured, "bench_" + Instant.now().getEpochSecond(), stateBatches, stateDays, statePerDay));
            return 0;
        }
        Launcher.positive("--events", events);
        Launcher.positive("--rate", rate);
        String run = "bench_" + Instant.now().getEpochSecond();
        if (queries) {
            Launcher.positive("--repeats", repeats);
            printQueryTimings(
                    configured, run, QueryBench.run(configured, Communities.embedded(), events, span, repeats, run));
            return 0;
        }
        Deployment deployment = sandbox(configured, run);
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        ClickHouseSchema.apply(deployment.clickHouse());
        Communities communities = Communities.embedded();

        long produceStart = System.nanoTime();
        long produced = produce(deployment, communities, events);
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        System.out.printf("produced %d events to %s in %.1f s%n", produced, deployment.topic(), produceSeconds);

        CpuTime cpu = new CpuTime(deployment.home());
        Throughput throughput = throughput(deployment, run, communities, produced, cpu);
        LiveBench.Result liveResult = liveDuration.isZero() ? null : live(deployment, run);
        CpuTime.Used liveCpu = cpu.since();
        LiveBench.Outage outageResult = outage.isZero() ? null : outage(deployment, run, communities);

        ObjectNode result = new ObjectMapper()
                .createObjectNode()
                .put("events", produced)
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("parallelism", deployment.parallelism())
                .put("measured_at", Instant.now().toString());
        Table table = new Table(result);
        throughput.addRows(table);
        if (liveResult != null) {
            addLiveRows(table, liveResult, deployment);
        }
        if (outageResult != null) {
            addOutageRows(table, outageResult);
        }
        addResourceRows(table, result, cpu, Map.of("live", liveCpu), throughput);
        // after the peak RSS is read: the sample of events these figures hold would raise it
        StepFigures.measure(communities).addRows(table);
        System.out.println();
        System.out.print(table.render());
        Path out = deployment.home().resolve("bench").resolve(run + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, result.toPrettyString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out);
        for (String phase : List.of(
                "-floor",
                "-compute-1",
                "-compute-2",
                "-norisk-1",
                "-norisk-2",
                "-full",
                "-kpi-events",
                "-changelog",
                "-live",
                "-outage")) {
            JobSetup.deleteCheckpoints(deployment.home().resolve("checkpoints").resolve(run + phase));
        }
        return 0;
    }

    private static void printQueryTimings(Deployment configured, String run, List<QueryBench.Timing> timings)
            throws java.io.IOException {
        System.out.printf(
                "%n%-28s %-34s %18s %18s %10s%n", "view", "query", "p50 / p95 s", "reference layout", "ratio p50");
        com.fasterxml.jackson.databind.node.ArrayNode json = new ObjectMapper().createArrayNode();
        Map<String, QueryBench.Timing> reference = new java.util.HashMap<>();
        for (QueryBench.Timing t : timings) {
            if (t.layout() == QueryBench.Layout.REFERENCE) {
                reference.put(t.view() + '|' + t.shape() + '|' + t.events(), t);
            }
            json.addObject()
                    .put("view", t.view())
                    .put("events", t.events())
                    .put("query", t.shape())
                    .put("layout", t.layout().name().toLowerCase())
                    .put("p50_s", t.p50Seconds())
                    .put("p95_s", t.p95Seconds());
        }
        for (QueryBench.Timing t : timings) {
            QueryBench.Timing r = reference.get(t.view() + '|' + t.shape() + '|' + t.events());
            if (t.layout() == QueryBench.Layout.CURRENT && r != null) {
                System.out.printf(
                        "%-28s %-34s %18s %18s %9.2fx%n",
                        t.view(),
                        t.shape() + " @" + t.events(),
                        String.format("%.3f / %.3f", t.p50Seconds(), t.p95Seconds()),
                        String.format("%.3f / %.3f", r.p50Seconds(), r.p95Seconds()),
                        r.p50Seconds() / t.p50Seconds());
            }
        }
        Path out = configured.home().resolve("bench").resolve(run + "_queries.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.toPrettyString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out);
    }

    /**
     * Figures of single steps, measured in this JVM over the same generated events once the phases
     * are over: what the job's own choices cost against the usual ones.
     */
    private record StepFigures(
            RecordsInFlight.Result decoded,
            RecordsInFlight.Result inFlight,
            RecordsInFlight.Result deltas,
            RecordsInFlight.Result content,
            MembersHeld.Result held) {
        static StepFigures measure(Communities communities) throws IOException {
            List<SocialEvent> events = RecordsInFlight.generated(communities, 1_000_000);
            return new StepFigures(
                    RecordsInFlight.decoding(events),
                    RecordsInFlight.events(events),
                    RecordsInFlight.groupDeltas(events),
                    RecordsInFlight.contentEvents(events),
                    MembersHeld.measure(events));
        }

        void addRows(Table table) {
            table.row("(g) a Kafka record decoded, Avro's decoder, ns", "decode_avro_ns", decoded.usualNanos(), "%.0f");
            table.row("    the job's reader of its schema, ns", "decode_reader_ns", decoded.ownNanos(), "%.0f");
            table.row(
                    "    reader over Avro: time",
                    "decode_time_ratio",
                    decoded.ownNanos() / decoded.usualNanos(),
                    "%.3f",
                    String.format(java.util.Locale.ROOT, " (%.0f bytes a record)", decoded.usualBytes()));
            addComparison(table, "(g) an event between tasks", "Avro's serializer", "in_flight_event", inFlight);
            addComparison(table, "(g) a group delta between tasks", "POJO serializer", "in_flight_delta", deltas);
            addComparison(table, "(g) a content event between tasks", "POJO serializer", "in_flight_content", content);
            table.row("(h) an actor into held members, HashSet, ns", "held_hash_set_ns", held.hashSetNanos(), "%.0f");
            table.row("    the job's MemberSet, ns", "held_member_set_ns", held.memberSetNanos(), "%.0f");
            table.row(
                    "    MemberSet over HashSet: time",
                    "held_time_ratio",
                    held.memberSetNanos() / held.hashSetNanos(),
                    "%.3f",
                    String.format(java.util.Locale.ROOT, " (%,d members)", held.members()));
        }
    }

    /** A record's serializers side by side: the usual one's time, the job's, and the job's over the usual in time and bytes. */
    private static void addComparison(
            Table table, String record, String usual, String key, RecordsInFlight.Result measured) {
        table.row(record + ", " + usual + ", ns", key + "_usual_ns", measured.usualNanos(), "%.0f");
        table.row("    the job's own serializer, ns", key + "_own_ns", measured.ownNanos(), "%.0f");
        table.row("    own over usual: time", key + "_time_ratio", measured.ownNanos() / measured.usualNanos(), "%.3f");
        table.row(
                "    own over usual: bytes",
                key + "_bytes_ratio",
                measured.ownBytes() / measured.usualBytes(),
                "%.3f",
                String.format(java.util.Locale.ROOT, " (%.0f / %.0f)", measured.ownBytes(), measured.usualBytes()));
    }

    /** The bounded phases over the produced topic: rates, and the CPU each phase used. */
    private record Throughput(
            long events,
            double floorSeconds,
            double computeSeconds,
            double withoutRiskSeconds,
            double withoutGoalsSeconds,
            double fullSeconds,
            double changelogSeconds,
            double withKpiEventsSeconds,
            CpuTime.Used floorCpu,
            CpuTime.Used computeCpu,
            CpuTime.Used fullCpu,
            CpuTime.Used withKpiEventsCpu) {

        void addRows(Table table) {
            double floorRate = events / floorSeconds;
            double fullRate = events / fullSeconds;
            double computeRate = events / computeSeconds;
            double withoutRiskRate = events / withoutRiskSeconds;
            double changelogRate = events / changelogSeconds;
            table.row("(a) floor: read + decode + discard, events/s", "floor_events_per_s", floorRate, "%.0f");
            table.row(
                    "    every KPI, results discarded, events/s",
                    "kpis_without_sinks_events_per_s",
                    computeRate,
                    "%.0f");
            table.row(
                    "    the same without the risk signals, events/s",
                    "kpis_without_risk_events_per_s",
                    withoutRiskRate,
                    "%.0f");
            table.row(
                    "    with / without the risk signals (best of two each)",
                    "risk_signals_throughput_ratio",
                    computeRate / withoutRiskRate,
                    "%.3f");
            double withoutGoalsRate = events / withoutGoalsSeconds;
            table.row(
                    "    the same without goals (periods, alerts), events/s",
                    "kpis_without_goals_events_per_s",
                    withoutGoalsRate,
                    "%.0f");
            table.row(
                    "    with / without goals (best of two each)",
                    "goals_throughput_ratio",
                    computeRate / withoutGoalsRate,
                    "%.3f");
            table.row("(b) full pipeline into ClickHouse, events/s", "full_events_per_s", fullRate, "%.0f");
            table.row("(b)/(a)", "full_over_floor", fullRate / floorRate, "%.3f");
            table.row(
                    "    (b) with the streaming job's changelog, events/s",
                    "full_changelog_events_per_s",
                    changelogRate,
                    "%.0f");
            table.row("    that over (a)", "full_changelog_over_floor", changelogRate / floorRate, "%.3f");
            double withKpiEventsRate = events / withKpiEventsSeconds;
            table.row(
                    "    (b) with kpi_events written too, events/s",
                    "full_kpi_events_events_per_s",
                    withKpiEventsRate,
                    "%.0f");
            table.row("    (b) over that", "full_over_full_kpi_events", fullRate / withKpiEventsRate, "%.3f");
        }
    }

    private static Throughput throughput(
            Deployment deployment, String run, Communities communities, long produced, CpuTime cpu) throws Exception {
        EventTimeSettings settings = EventTimeSettings.live();
        DataStream<Envelope> floor = readTopic(deployment, run + "-floor", settings, false);
        floor.sinkTo(new DiscardingSink<Envelope>()).name("Discard").uid("discard");
        cpu.since();
        double floorSeconds = timed(() -> floor.getExecutionEnvironment().execute("bench floor"));
        CpuTime.Used floorCpu = cpu.since();

        // the same topology with every result discarded: what the KPI operators cost without the sinks; and the
        // same without the risk signals and without goals, to see what they cost. Each twice, alternating, the faster
        // run counts: the
        // JIT warms up over the first phases more than either topology differs
        double withoutRiskSeconds = Double.MAX_VALUE;
        double withoutGoalsSeconds = Double.MAX_VALUE;
        double computeSeconds = Double.MAX_VALUE;
        CpuTime.Used computeCpu = null;
        for (int round = 1; round <= 2; round++) {
            DataStream<Envelope> withoutRisk = readTopic(deployment, run + "-norisk-" + round, settings, false);
            PulsePipeline.attach(withoutRisk, communities, settings, DISCARD, false);
            withoutRiskSeconds = Math.min(
                    withoutRiskSeconds,
                    timed(() -> withoutRisk.getExecutionEnvironment().execute("bench KPIs without risk signals")));
            DataStream<Envelope> withoutGoals = readTopic(deployment, run + "-nogoals-" + round, settings, false);
            PulsePipeline.attach(withoutGoals, communities.withoutGoals(), settings, DISCARD);
            withoutGoalsSeconds = Math.min(
                    withoutGoalsSeconds,
                    timed(() -> withoutGoals.getExecutionEnvironment().execute("bench KPIs without goals")));
            cpu.since();
            DataStream<Envelope> compute = readTopic(deployment, run + "-compute-" + round, settings, false);
            PulsePipeline.attach(compute, communities, settings, DISCARD);
            computeSeconds = Math.min(
                    computeSeconds,
                    timed(() -> compute.getExecutionEnvironment().execute("bench KPIs without sinks")));
            computeCpu = cpu.since();
        }

        Deployment plain = deployment.withKpiEvents(false);
        double fullSeconds = timed(() ->
                fullPipeline(plain, run + "-full", communities, settings, false).execute("bench full pipeline"));
        CpuTime.Used fullCpu = cpu.since();
        // the same with the optional second row per event
        Deployment withKpiEvents = deployment
                .withKpiEvents(true)
                .withClickHouse(deployment.clickHouse().withDatabase(run + "_kpi_events"));
        ClickHouseSchema.apply(withKpiEvents.clickHouse());
        double withKpiEventsSeconds =
                timed(() -> fullPipeline(withKpiEvents, run + "-kpi-events", communities, settings, false)
                        .execute("bench full pipeline, kpi_events written"));
        CpuTime.Used withKpiEventsCpu = cpu.since();
        // the same with the streaming job's state backend (heap state checkpointed through a changelog)
        Deployment changelogEnv = plain.withClickHouse(deployment.clickHouse().withDatabase(run + "_changelog"));
        ClickHouseSchema.apply(changelogEnv.clickHouse());
        double changelogSeconds =
                timed(() -> fullPipeline(changelogEnv, run + "-changelog", communities, settings, true)
                        .execute("bench full pipeline, changelog"));
        cpu.since();
        return new Throughput(
                produced,
                floorSeconds,
                computeSeconds,
                withoutRiskSeconds,
                withoutGoalsSeconds,
                fullSeconds,
                changelogSeconds,
                withKpiEventsSeconds,
                floorCpu,
                computeCpu,
                fullCpu,
                withKpiEventsCpu);
    }

    /** A phase's own topics ({@code name} with dashes) and database ({@code name}), so that phases never mix. */
    private static Deployment sandbox(Deployment deployment, String name) {
        String topic = name.replace('_', '-');
        return deployment
                .withTopics(topic, topic + "-dlq", topic + "-alerts")
                .withClickHouse(deployment.clickHouse().withDatabase(name));
    }

    private LiveBench.Result live(Deployment deployment, String run) throws Exception {
        Deployment liveDeployment = sandbox(deployment, run + "_live");
        System.out.printf(
                "live: %d events/s for %d s through the streaming job (checkpoints every %d s)%n",
                rate, liveDuration.toSeconds(), StreamingJob.CHECKPOINT_INTERVAL.toSeconds());
        return LiveBench.run(
                liveDeployment,
                LiveBench.liveCommunities(),
                rate,
                liveDuration,
                deployment.home().resolve("checkpoints").resolve(run + "-live"));
    }

    private LiveBench.Outage outage(Deployment deployment, String run, Communities communities) throws Exception {
        Launcher.positive("--outage-rate", outageRate);
        Deployment outageDeployment = sandbox(deployment, run + "_outage");
        System.out.printf(
                "outage: %d s of traffic at %d events/s published while no job runs, then the job starts on it%n",
                outage.toSeconds(), outageRate);
        return LiveBench.outage(
                outageDeployment,
                communities,
                outageRate,
                outage,
                Duration.ofSeconds(90),
                deployment.home().resolve("checkpoints").resolve(run + "-outage"));
    }

    private void addLiveRows(Table table, LiveBench.Result liveResult, Deployment deployment) {
        table.row(
                "(c) live: events/s sent (target " + rate + ")",
                "live_events_per_s",
                liveResult.sentPerSecond(),
                "%.0f");
        table.row("(c) end-to-end latency p50, s", "latency_p50_s", seconds(liveResult.latencyP50()), "%.2f");
        table.row("(c) end-to-end latency p99, s", "latency_p99_s", seconds(liveResult.latencyP99()), "%.2f");
        table.row("(c) end-to-end latency max, s", "latency_max_s", seconds(liveResult.latencyMax()), "%.2f");
        table.row("    probes seen / sent", "probes_seen", liveResult.probesSeen(), "%.0f", "/" + liveResult.probes());
        table.row(
                "    probe polls: time in ClickHouse, s / polls",
                "probe_poll_s",
                liveResult.probePollSeconds(),
                "%.1f",
                "/" + liveResult.probePolls());
        table.row(
                "(d) max_ingest_delay (alerts wait for it), s",
                "max_ingest_delay_s",
                deployment.maxIngestDelay().toMillis() / 1000.0,
                "%.2f");
        table.row("(d) SLA alert delay p50, s", "alert_delay_p50_s", seconds(liveResult.alertP50()), "%.2f");
        table.row("(d) SLA alert delay p99, s", "alert_delay_p99_s", seconds(liveResult.alertP99()), "%.2f");
        table.row("(d) SLA alert delay max, s", "alert_delay_max_s", seconds(liveResult.alertMax()), "%.2f");
        table.row(
                "    alerts received / firing in sla_alerts",
                "alerts_received",
                liveResult.alertsReceived(),
                "%.0f",
                "/" + liveResult.alertsInClickHouse());
        table.row("(d) at-risk warning delay p50, s", "warning_delay_p50_s", seconds(liveResult.warningP50()), "%.2f");
        table.row("(d) at-risk warning delay p99, s", "warning_delay_p99_s", seconds(liveResult.warningP99()), "%.2f");
        table.row("(d) at-risk warning delay max, s", "warning_delay_max_s", seconds(liveResult.warningMax()), "%.2f");
        table.row("    warnings received", "warnings_received", liveResult.warningsReceived(), "%.0f");
        table.row(
                "(d) risk spike delay after the window end p50, s",
                "spike_delay_p50_s",
                seconds(liveResult.spikeP50()),
                "%.2f");
        table.row(
                "(d) risk spike delay after the window end p99, s",
                "spike_delay_p99_s",
                seconds(liveResult.spikeP99()),
                "%.2f");
        table.row(
                "(d) risk spike delay after the window end max, s",
                "spike_delay_max_s",
                seconds(liveResult.spikeMax()),
                "%.2f");
        table.row("    spike alerts received", "spikes_received", liveResult.spikesReceived(), "%.0f");
    }

    private void addOutageRows(Table table, LiveBench.Outage outageResult) {
        table.row(
                "(f) outage of " + outage.toSeconds() + " s: backlog records",
                "outage_backlog_records",
                outageResult.backlogRecords(),
                "%.0f");
        table.row(
                "(f) backlog read (90 % in events) after, s",
                "outage_catch_up_s", outageResult.catchUpSeconds(), "%.1f");
        table.row(
                "(f) breaches fired / for questions answered in time",
                "outage_false_breaches",
                outageResult.falseBreaches(),
                "%.0f",
                " of " + outageResult.breachesFired());
        table.row(
                "(f) warnings fired / for questions answered before the warning",
                "outage_false_warnings",
                outageResult.falseWarnings(),
                "%.0f",
                " of " + outageResult.warningsFired());
    }

    private static void addResourceRows(
            Table table, ObjectNode result, CpuTime cpu, Map<String, CpuTime.Used> other, Throughput throughput) {
        table.row(
                "(e) peak RSS of the job JVM, MB",
                "job_peak_rss_mb",
                peakRssKb(ProcessHandle.current().pid()) / 1024.0,
                "%.0f");
        table.row(
                "(e) peak RSS of the stack (Kafka + ClickHouse), MB",
                "stack_peak_rss_mb",
                (peakRssKb(cpu.kafkaPid) + peakRssKb(cpu.clickHousePid)) / 1024.0,
                "%.0f");
        double millions = throughput.events() / 1e6;
        for (var phase : List.of(
                Map.entry("floor", throughput.floorCpu()),
                Map.entry("kpis", throughput.computeCpu()),
                Map.entry("full", throughput.fullCpu()),
                Map.entry("full_kpi_events", throughput.withKpiEventsCpu()))) {
            CpuTime.Used used = phase.getValue();
            table.row(
                    "    CPU s per 1M events in " + phase.getKey() + ": job / Kafka / ClickHouse",
                    "cpu_per_million_" + phase.getKey() + "_job_s",
                    used.job() / millions,
                    "%.1f",
                    String.format(" / %.1f / %.1f", used.kafka() / millions, used.clickHouse() / millions));
            result.put("cpu_per_million_" + phase.getKey() + "_kafka_s", used.kafka() / millions)
                    .put("cpu_per_million_" + phase.getKey() + "_clickhouse_s", used.clickHouse() / millions);
        }
        CpuTime.Used live = other.get("live");
        table.row(
                "    CPU s in live: job / Kafka / ClickHouse",
                "cpu_live_job_s",
                live.job(),
                "%.1f",
                String.format(" / %.1f / %.1f", live.kafka(), live.clickHouse()));
        result.put("cpu_live_kafka_s", live.kafka()).put("cpu_live_clickhouse_s", live.clickHouse());
    }

    static final PulsePipeline.Outputs DISCARD = new PulsePipeline.Outputs() {
        @Override
        public <T> void write(DataStream<T> rows, io.smmpulse.clickhouse.RowMapping<T> mapping, String part) {
            rows.sinkTo(new DiscardingSink<T>()).name("Discard " + part).uid("discard-" + part.replace('_', '-'));
        }
    };

    /** The generator's realistic mix, malformed records included (the job rejects those). */
    private static long produce(Deployment deployment, Communities communities, long events) throws Exception {
        AtomicLong produced = new AtomicLong();
        Progress progress = Progress.onStandardError("produce to " + deployment.topic(), "events", events);
        try (KafkaPublisher publisher = new KafkaPublisher(
                        deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic());
                AutoCloseable shown = progress.watch(produced::get)) {
            GeneratedTraffic.history(communities, events, Duration.ofDays(30), 7, record -> {
                publisher.publish(record);
                produced.incrementAndGet();
            });
            publisher.flush();
        }
        return produced.get();
    }

    /** The bench topic read to its end, in a job of its own that checkpoints every 10 s into PULSE_HOME/checkpoints/NAME. */
    private static DataStream<Envelope> readTopic(
            Deployment deployment, String name, EventTimeSettings settings, boolean changelog) {
        StreamExecutionEnvironment env = JobSetup.environment(
                deployment.parallelism(),
                Duration.ofSeconds(10),
                deployment.home().resolve("checkpoints").resolve(name),
                false,
                changelog);
        return Sources.kafkaToItsEnd(env, deployment, name, IngestTopology.watermarks(settings));
    }

    /** Every KPI into ClickHouse. */
    private static StreamExecutionEnvironment fullPipeline(
            Deployment deployment,
            String name,
            Communities communities,
            EventTimeSettings settings,
            boolean changelog) {
        DataStream<Envelope> input = readTopic(deployment, name, settings, changelog);
        PulsePipeline.attach(
                input,
                communities,
                settings,
                PulsePipeline.clickHouse(
                        deployment.clickHouse(),
                        deployment.home().resolve("checkpoints").resolve(name).resolve("clickhouse-spool"),
                        deployment.kpiEvents()));
        return input.getExecutionEnvironment();
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }

    /** The printed table and the JSON document, filled row by row. */
    private static final class Table {
        private final ObjectNode json;
        private final StringBuilder text = new StringBuilder(String.format("%-56s %14s%n", "figure", "value"));

        Table(ObjectNode json) {
            this.json = json;
        }

        void row(String label, String key, Number value, String format) {
            row(label, key, value, format, "");
        }

        void row(String label, String key, Number value, String format, String suffix) {
            if (value == null) {
                json.putNull(key);
                text.append(String.format("%-56s %14s%n", label, "none"));
                return;
            }
            double number = value.doubleValue();
            json.put(key, Double.parseDouble(String.format(java.util.Locale.ROOT, format, number)));
            text.append(String.format(
                    java.util.Locale.ROOT,
                    "%-56s %14s%n",
                    label,
                    String.format(java.util.Locale.ROOT, format, number) + suffix));
        }

        String render() {
            return text.toString();
        }
    }

    /** CPU time (user + system) of the job's JVM, the Kafka broker and the ClickHouse engine, phase by phase (Linux). */
    private static final class CpuTime {
        record Used(double job, double kafka, double clickHouse) {}

        final long kafkaPid;
        final long clickHousePid;
        private double[] last;

        CpuTime(Path home) throws IOException {
            kafkaPid = pid(home.resolve("kafka/kafka.pid"));
            clickHousePid = pid(home.resolve("clickhouse/clickhouse.pid"));
            last = now();
        }

        Used since() {
            double[] current = now();
            Used used = new Used(current[0] - last[0], current[1] - last[1], current[2] - last[2]);
            last = current;
            return used;
        }

        private double[] now() {
            return new double[] {seconds(ProcessHandle.current().pid()), seconds(kafkaPid), seconds(clickHousePid)};
        }

        /** Fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s; 0 when the process is not there. */
        private static double seconds(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
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
