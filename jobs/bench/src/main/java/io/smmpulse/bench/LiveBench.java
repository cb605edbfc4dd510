package io.smmpulse.bench;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.control.AlertReceiver;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.state.Keys;
import io.smmpulse.dispatcher.AlertDispatcher;
import io.smmpulse.generator.DemoCommunities;
import io.smmpulse.generator.EventGenerator;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.JobSetup;
import io.smmpulse.pipeline.StreamingJob;
import io.smmpulse.schema.SocialEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Parts (c) and (d) of {@code bin/pulse bench}: the streaming job exactly as {@code run} builds
 * it (checkpoints every 2 s, ClickHouse sinks, alerts to Kafka and a webhook), fed live events at
 * a fixed rate. Every 250 ms one event that counts in the KPIs is a probe: its latency runs from
 * the broker's acknowledgement of its append to the first poll (every 250 ms) that finds it in
 * the events table, written by the same checkpoint as every result. SLA alerts are received
 * by a local webhook; their delay runs from the question's deadline to the receipt.
 */
public final class LiveBench {
    /**
     * Each poll reads a granule of {@code events} per probe still pending, and the local engine runs one statement at a
     * time: probes and polls this often cost the database a tenth of a core, where ten polls a second of a probe every
     * 100 ms took half a core from the job's two (docs/performance.md).
     */
    private static final long PROBE_EVERY_MILLIS = 250;

    private static final long POLL_EVERY_MILLIS = 250;
    /** The live traffic is planned in steps of this much time, as a producer polling its clock would send it. */
    private static final long PLAN_STEP_MILLIS = 10;

    private static final long PLAN_MARGIN_MILLIS = 3_000;
    /** After the job has caught up, for the alerts decided from what it read last (max_ingest_delay + a checkpoint). */
    private static final Duration SETTLE = Duration.ofSeconds(20);
    /**
     * How long a job that has fallen behind gets to catch up with the phase's traffic: every probe's latency counts, and
     * the firing alerts in {@code sla_alerts} are read only once the job has read what decides them.
     */
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    record Result(
            double sentPerSecond,
            int probes,
            int probesSeen,
            int probePolls,
            double probePollSeconds,
            Long latencyP50,
            Long latencyP99,
            Long latencyMax,
            int alertsReceived,
            long alertsInClickHouse,
            Long alertP50,
            Long alertP99,
            Long alertMax,
            int warningsReceived,
            Long warningP50,
            Long warningP99,
            Long warningMax,
            int spikesReceived,
            Long spikeP50,
            Long spikeP99,
            Long spikeMax) {}

    /**
     * The live phase's risk windows: 10 minutes closing every minute against a 2-hour baseline, fed by
     * 75 minutes of thin history published before the live traffic, so that the live windows rise
     * (min_count 1) and every key's spike alert fires when a window closes: their delay after the
     * window end is the spike-to-alert delay.
     */
    static Communities liveCommunities() throws java.io.IOException {
        return Communities.parse(DemoCommunities.embeddedWithRisk(10, 1, 2, 1, 1), "bench live communities");
    }

    /**
     * The outage phase: alerts fired for questions answered in time (breaches) or before their
     * warning instant (warnings) after the job starts on a backlog; both must be 0.
     */
    record Outage(
            long backlogRecords,
            double catchUpSeconds,
            long breachesFired,
            long falseBreaches,
            long warningsFired,
            long falseWarnings) {}

    private LiveBench() {}

    static Result run(Deployment deployment, Communities communities, long rate, Duration duration, Path checkpoints)
            throws Exception {
        JobSetup.deleteCheckpoints(checkpoints);
        StreamingJob.prepare(deployment, communities, checkpoints, true); // topics and tables before the history
        // the risk baselines' history goes to the topic before the job starts: once it runs, its clock is live
        // and records 75 minutes old would be late
        publishHistory(deployment, communities, rate);
        JobClient job =
                StreamingJob.prepare(deployment, communities, checkpoints, true).executeAsync("bench live");
        List<AlertReceiver.Received> firing = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> probeAcked = new ConcurrentHashMap<>();
        Map<String, Long> probeSeen = new ConcurrentHashMap<>();
        ProbePolls polls = new ProbePolls();
        long productionEnded;
        AtomicLong sent = new AtomicLong();
        long started;
        try (AlertReceiver receiver = new AlertReceiver(0, alert -> {
                    if ("firing".equals(alert.status()) && !alert.refresh()) {
                        firing.add(alert);
                    }
                });
                KafkaPublisher publisher = new KafkaPublisher(
                        deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic());
                ClickHouseClient clickHouse = ClickHouseClient.connect(deployment.clickHouse())) {
            AlertDispatcher dispatcher = new AlertDispatcher(
                    deployment.kafkaBootstrap(),
                    deployment.alertTopic(),
                    receiver.url(),
                    deployment.clickHouse(),
                    alert -> {});
            Thread alerts = new Thread(dispatcher, "bench-alerts");
            alerts.setDaemon(true);
            alerts.start();
            awaitRunning(job);

            // planned to start once planning is surely done (it runs at about 150k records/s here)
            long planned = System.currentTimeMillis() + PLAN_MARGIN_MILLIS + rate * duration.toSeconds() / 100;
            List<Planned> traffic = plan(communities, rate, duration, planned);
            long late = System.currentTimeMillis() - planned;
            if (late > 0) {
                System.out.printf("live: planning the traffic ended %.1f s after its start%n", late / 1000.0);
            }
            Thread.sleep(Math.max(0, planned - System.currentTimeMillis()));
            started = planned;
            send(traffic, publisher, clickHouse, sent, probeAcked, probeSeen, polls);
            publisher.flush();
            productionEnded = System.currentTimeMillis();
            long catchUpUntil = productionEnded + CATCH_UP.toMillis();
            while (System.currentTimeMillis() < catchUpUntil && probeSeen.size() < probeAcked.size()) {
                polls.poll(clickHouse, probeAcked, probeSeen);
                Thread.sleep(POLL_EVERY_MILLIS);
            }
            // alerts whose deadline passed while events were produced: once caught up with the probes, the job
            // decides the last of them when it has read max_ingest_delay past them
            Thread.sleep(SETTLE.toMillis());
            dispatcher.stop();
            long alertsInClickHouse = firingInClickHouse(clickHouse, started, productionEnded);
            List<Long> latencies = probeSeen.entrySet().stream()
                    .map(seen -> seen.getValue() - probeAcked.get(seen.getKey()))
                    .collect(Collectors.toList());
            List<Long> delays = delays(firing, AlertReceiver.Received::isBreach, started, productionEnded);
            List<Long> warningDelays =
                    delays(firing, alert -> alert.id().startsWith("SmmPulseSlaAtRisk/"), started, productionEnded);
            List<Long> spikeDelays =
                    delays(firing, alert -> alert.id().startsWith("SmmPulseRiskSpike/"), started, productionEnded);
            double seconds = (productionEnded - started) / 1000.0;
            return new Result(
                    sent.get() / seconds,
                    probeAcked.size(),
                    probeSeen.size(),
                    polls.count,
                    polls.nanos / 1e9,
                    AlertReceiver.percentile(latencies, 0.5),
                    AlertReceiver.percentile(latencies, 0.99),
                    AlertReceiver.percentile(latencies, 1.0),
                    delays.size(),
                    alertsInClickHouse,
                    AlertReceiver.percentile(delays, 0.5),
                    AlertReceiver.percentile(delays, 0.99),
                    AlertReceiver.percentile(delays, 1.0),
                    warningDelays.size(),
                    AlertReceiver.percentile(warningDelays, 0.5),
                    AlertReceiver.percentile(warningDelays, 0.99),
                    AlertReceiver.percentile(warningDelays, 1.0),
                    spikeDelays.size(),
                    AlertReceiver.percentile(spikeDelays, 0.5),
                    AlertReceiver.percentile(spikeDelays, 0.99),
                    AlertReceiver.percentile(spikeDelays, 1.0));
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The risk baselines' history goes to the topic before the job starts: once it runs, its clock is
     * live and records 75 minutes old would be late.
     */
    private static void publishHistory(Deployment deployment, Communities communities, long rate) {
        try (KafkaPublisher history =
                new KafkaPublisher(deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic())) {
            long historyFrom =
                    System.currentTimeMillis() - Duration.ofMinutes(75).toMillis();
            new EventGenerator(communities, 3, Math.max(1, rate / 2000.0), historyFrom)
                    .advanceTo(System.currentTimeMillis() - 1, history::publish);
            history.flush();
        }
    }

    /** One record of the live traffic, encoded: when it goes, its key and value, and its id if it is a probe. */
    private record Planned(long at, byte[] key, byte[] value, String probeId) {}

    /**
     * The phase's traffic, generated and encoded before the phase so that during it the producer only sends: the
     * traffic stands for producers elsewhere, and generating it in the job's JVM took a quarter of the samples of the
     * two cores the job has (docs/performance.md). A probe is the first copy of an event that counts in the KPIs,
     * one every PROBE_EVERY_MILLIS.
     */
    private static List<Planned> plan(Communities communities, long rate, Duration duration, long start) {
        double recordsPerActivity = recordsPerActivity(communities, duration);
        EventGenerator generator = new EventGenerator(communities, start, rate / recordsPerActivity, start);
        long expected = rate * duration.toSeconds();
        Set<String> generatedIds = new HashSet<>((int) Math.min(1 << 30, expected * 5 / 3));
        List<Planned> planned = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, expected * 11 / 10));
        Map<String, byte[]> keys = new java.util.HashMap<>();
        long[] nextProbe = {start};
        long end = start + duration.toMillis();
        for (long step = start; step < end; step += PLAN_STEP_MILLIS) {
            long at = step;
            generator.advanceTo(at, record -> {
                SocialEvent event = record.event();
                if (event == null) {
                    planned.add(new Planned(at, null, record.malformed().getBytes(StandardCharsets.UTF_8), null));
                    return;
                }
                boolean probe =
                        generatedIds.add(event.getEventId()) && at >= nextProbe[0] && EventRules.countsInKpis(event);
                if (probe) {
                    nextProbe[0] = at + PROBE_EVERY_MILLIS;
                }
                byte[] key = keys.computeIfAbsent(
                        event.getCommunityId(), community -> community.getBytes(StandardCharsets.UTF_8));
                planned.add(new Planned(
                        at,
                        key,
                        EventCodec.encode(event),
                        probe ? Keys.of(event.getCommunityId(), event.getEventId()) : null));
            });
        }
        return planned;
    }

    /** Sends the planned traffic at its instants, and polls for the probes meanwhile. */
    private static void send(
            List<Planned> planned,
            KafkaPublisher publisher,
            ClickHouseClient clickHouse,
            AtomicLong sent,
            Map<String, Long> probeAcked,
            Map<String, Long> probeSeen,
            ProbePolls polls)
            throws Exception {
        int next = 0;
        long nextPoll = 0;
        while (next < planned.size()) {
            long now = System.currentTimeMillis();
            for (; next < planned.size() && planned.get(next).at() <= now; next++) {
                Planned record = planned.get(next);
                String probe = record.probeId();
                publisher.publishEncoded(
                        record.key(),
                        record.value(),
                        probe == null
                                ? null
                                : (metadata, error) -> {
                                    if (error == null) {
                                        probeAcked.put(probe, System.currentTimeMillis());
                                    }
                                });
                sent.incrementAndGet();
                planned.set(next, null); // sent: its bytes may go
            }
            if (now >= nextPoll) {
                nextPoll = now + POLL_EVERY_MILLIS;
                polls.poll(clickHouse, probeAcked, probeSeen);
            }
            long wait = next < planned.size() ? planned.get(next).at() - System.currentTimeMillis() : 0;
            Thread.sleep(Math.max(1, Math.min(nextPoll - System.currentTimeMillis(), wait)));
        }
    }

    private static long firingInClickHouse(ClickHouseClient clickHouse, long started, long ended) throws Exception {
        return Long.parseLong(clickHouse
                .query(
                        "SELECT count() FROM sla_alerts FINAL WHERE status = 'FIRING' AND alert_name = 'SmmPulseSlaBreached' "
                                + "AND deadline_at >= fromUnixTimestamp64Milli({started:Int64}) AND deadline_at <= fromUnixTimestamp64Milli({ended:Int64})",
                        java.util.Map.of("started", started, "ended", ended))
                .get(1)
                .get(0));
    }

    /** Delays of the first firing posts of the chosen alerts whose instant lies in [started, ended]. */
    private static List<Long> delays(
            List<AlertReceiver.Received> firing,
            java.util.function.Predicate<AlertReceiver.Received> chosen,
            long started,
            long ended) {
        synchronized (firing) {
            return firing.stream()
                    .filter(alert ->
                            chosen.test(alert) && alert.startsMillis() >= started && alert.startsMillis() <= ended)
                    .map(AlertReceiver.Received::delayMillis)
                    .toList();
        }
    }

    /**
     * An outage with a backlog: {@code outage} of generated traffic at {@code rate} is published while
     * no job runs (its replies come minutes after their questions, as live), then the job starts on it
     * and traffic goes on live for {@code liveAfter}. Counts the alerts for questions that were answered
     * in time: an alert decided before the reply further down the topic was read.
     */
    static Outage outage(
            Deployment deployment,
            Communities communities,
            long rate,
            Duration outage,
            Duration liveAfter,
            Path checkpoints)
            throws Exception {
        JobSetup.deleteCheckpoints(checkpoints);
        long backlogStart = System.currentTimeMillis() - outage.toMillis();
        EventGenerator generator =
                new EventGenerator(communities, 11, rate / recordsPerActivity(communities, outage), backlogStart);
        long[] records = {0};
        try (KafkaPublisher publisher = new KafkaPublisher(
                        deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic());
                ClickHouseClient clickHouse = ClickHouseClient.connect(deployment.clickHouse())) {
            StreamingJob.prepare(deployment, communities, checkpoints, true); // topics and tables before the backlog
            generator.advanceTo(System.currentTimeMillis(), record -> {
                publisher.publish(record);
                records[0]++;
            });
            publisher.flush();
            long backlogRecords = records[0];
            JobClient job = StreamingJob.prepare(deployment, communities, checkpoints, true)
                    .executeAsync("bench outage");
            long started = System.currentTimeMillis();
            long caughtUpAt = 0;
            try {
                long end = started + liveAfter.toMillis();
                while (System.currentTimeMillis() < end) {
                    generator.advanceTo(System.currentTimeMillis(), publisher::publish);
                    if (caughtUpAt == 0
                            && Long.parseLong(clickHouse
                                            .query("SELECT count() FROM events")
                                            .get(1)
                                            .get(0))
                                    >= backlogRecords * 9 / 10) {
                        caughtUpAt = System.currentTimeMillis();
                    }
                    Thread.sleep(POLL_EVERY_MILLIS);
                }
                publisher.flush();
                Thread.sleep(SETTLE.toMillis());
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            String firing =
                    "SELECT community_id, platform, question_id FROM sla_alerts FINAL WHERE status = 'FIRING' AND alert_name = ";
            String answered =
                    " INNER JOIN (SELECT community_id, platform, question_id FROM fr_questions FINAL WHERE is_spam = 0 AND responded_at IS NOT NULL AND ";
            long breaches = count(clickHouse, "SELECT count() FROM (" + firing + "'SmmPulseSlaBreached')");
            long falseBreaches = count(
                    clickHouse,
                    "SELECT count() FROM (" + firing + "'SmmPulseSlaBreached') AS a" + answered
                            + "responded_at <= deadline_at) AS q USING (community_id, platform, question_id)");
            long warnings = count(clickHouse, "SELECT count() FROM (" + firing + "'SmmPulseSlaAtRisk')");
            long falseWarnings = count(
                    clickHouse,
                    "SELECT count() FROM (" + firing + "'SmmPulseSlaAtRisk') AS a" + answered
                            + "responded_at < warning_at) AS q USING (community_id, platform, question_id)");
            return new Outage(
                    backlogRecords,
                    caughtUpAt == 0 ? Double.NaN : (caughtUpAt - started) / 1000.0,
                    breaches,
                    falseBreaches,
                    warnings,
                    falseWarnings);
        }
    }

    private static long count(ClickHouseClient clickHouse, String sql) throws Exception {
        return Long.parseLong(clickHouse.query(sql).get(1).get(0));
    }

    /**
     * Records the first poll time at which each acknowledged probe (community and event id) is in the events table,
     * and what the polls cost: they share the database with the job's inserts. The probes are looked up by the table's
     * key, (community_id, event_id): by event_id alone every poll read the whole column.
     */
    private static final class ProbePolls {
        private int count;
        private long nanos;

        void poll(ClickHouseClient clickHouse, Map<String, Long> acked, Map<String, Long> seen) throws Exception {
            List<String> pending =
                    acked.keySet().stream().filter(id -> !seen.containsKey(id)).toList();
            if (pending.isEmpty()) {
                return;
            }
            long polledAt = System.currentTimeMillis();
            String keys = pending.stream()
                    .map(Keys::firstAndRest)
                    .map(parts -> "(" + ClickHouseClient.stringLiteral(parts[0]) + ","
                            + ClickHouseClient.stringLiteral(parts[1]) + ")")
                    .collect(Collectors.joining(","));
            long start = System.nanoTime();
            List<List<String>> rows = clickHouse.query(
                    "SELECT community_id, event_id FROM events WHERE (community_id, event_id) IN (" + keys + ")");
            nanos += System.nanoTime() - start;
            count++;
            for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                seen.putIfAbsent(Keys.of(row.get(0), row.get(1)), polledAt);
            }
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            if (System.currentTimeMillis() > deadline
                    || job.getJobStatus().get().isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "the live job did not start: " + job.getJobStatus().get());
            }
            Thread.sleep(200);
        }
        // the sources need a moment after RUNNING to fetch their partitions
        Thread.sleep(3_000);
    }

    /**
     * The generator's records per activity (replies, reactions, duplicates, malformed lines) in
     * the first {@code duration} of its run, to pace it in records: replies come minutes later, so
     * a short run has fewer per activity than a long one.
     */
    private static double recordsPerActivity(Communities communities, Duration duration) {
        double activitiesPerSecond = 100;
        long span = duration.toMillis();
        EventGenerator sample = new EventGenerator(communities, 1, activitiesPerSecond, 0);
        long[] records = {0};
        sample.advanceTo(span, record -> records[0]++);
        return records[0] / (activitiesPerSecond * span / 1000.0);
    }
}
