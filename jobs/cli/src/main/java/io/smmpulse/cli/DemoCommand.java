package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.JobRecord;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.Errors;
import io.smmpulse.core.cli.Launcher;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.dashboard.DashboardServer;
import io.smmpulse.dashboard.Dashboards;
import io.smmpulse.dashboard.KpiSummary;
import io.smmpulse.dispatcher.AlertDispatcher;
import io.smmpulse.dispatcher.DispatchCommand;
import io.smmpulse.generator.DemoCommunities;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.pipeline.StreamingJob;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/pulse demo}: the generator (two days of history, then live traffic) and the
 * streaming job side by side, with a KPI summary refreshed from ClickHouse every few seconds.
 */
@Command(
        name = "demo",
        description =
                "Stack, generator and the streaming job on the Flink cluster in a clean sandbox, with a live KPI summary.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_DATABASE = "pulse_demo";

    @Option(
            names = "--duration",
            description = "stop after this long, e.g. 60s (default: until Ctrl-C)",
            defaultValue = "3650d")
    Duration duration;

    @Option(
            names = "--rate",
            description = "live activities per second (default ${DEFAULT-VALUE})",
            defaultValue = "50")
    long rate;

    @Option(
            names = "--backfill",
            description = "history streamed first (default ${DEFAULT-VALUE})",
            defaultValue = "2d")
    Duration backfill;

    @Option(
            names = "--refresh",
            description = "how often the summary is printed (default ${DEFAULT-VALUE})",
            defaultValue = "10s")
    Duration refresh;

    @Mixin
    CommunitiesOption communitiesOption;

    @Option(
            names = "--crisis-at",
            paramLabel = "DURATION",
            description = "when the generated crisis begins (negative mentions of acme, a spam wave "
                    + "in globex), e.g. 10m (default ${DEFAULT-VALUE})",
            defaultValue = "10s")
    Duration crisisAt;

    @Option(names = "--no-crisis", description = "quiet traffic only: no risk alert should fire")
    boolean noCrisis;

    @Option(
            names = "--alert-webhook",
            paramLabel = "URL",
            description = "also post SLA alerts there (a secret; PULSE_ALERT_WEBHOOK works too)")
    String alertWebhook;

    private static int crisisItems(Communities communities) {
        return 3 * communities.forCommunity("acme").risk().minCount();
    }

    static final java.time.Duration DEMO_INGEST_DELAY = java.time.Duration.ofSeconds(2);

    @Override
    public Integer call() throws Exception {
        Deployment configured = Deployment.fromEnv();
        Launcher.positive("--rate", rate);
        java.nio.file.Path communitiesFile = communitiesOption.file != null
                ? communitiesOption.file
                : DemoCommunities.demoCommunities(configured.home(), rate);
        Communities communities = Communities.load(communitiesFile);
        Deployment deployment = sandbox(configured);
        URI webhook = DispatchCommand.webhook(alertWebhook);
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        cluster.requireReachable();
        Optional<FlinkCluster.Job> previous = cluster.active(StreamingJob.jobName(deployment));
        if (previous.isPresent()) {
            cluster.cancel(previous.get().id());
        }
        JobRecord.of(deployment).forget();
        AlertFeed feed = new AlertFeed();
        AlertDispatcher dispatcher = new AlertDispatcher(
                deployment.kafkaBootstrap(), deployment.alertTopic(), webhook, deployment.clickHouse(), feed);
        Thread alerts = new Thread(dispatcher, "demo-alerts");
        alerts.setDaemon(true);
        alerts.start();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            try {
                stopped.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        DashboardServer dashboard = startDashboard(deployment);
        long started = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        CountDownLatch historyWritten = new CountDownLatch(1);
        Thread generator = startGenerator(deployment, communities, started, running, sent, historyWritten);
        // the job starts on the history as its backlog: started before, its live clock would make the history late
        if (!historyWritten.await(5, TimeUnit.MINUTES)) {
            System.err.println("pulse: the generator did not write its history within 5 minutes");
            return 1;
        }
        StreamingJobs.Submitted job =
                StreamingJobs.submit(cluster, deployment, communitiesFile, StreamingJobs.Start.FRESH);
        announce(cluster, job, deployment, webhook, communities);
        int status;
        try {
            status = showSummaries(cluster, job, deployment, communities, started, running, sent, feed);
        } finally {
            running.set(false);
            dispatcher.stop();
            if (dashboard != null) {
                dashboard.close();
            }
            generator.join(10_000);
            cluster.cancel(job.id());
            stopped.countDown();
        }
        if (status != 0) {
            return status;
        }
        System.out.println("demo stopped; its KPIs stay queryable in the database " + DEMO_DATABASE + ":");
        System.out.println("  PULSE_CLICKHOUSE_DATABASE=" + DEMO_DATABASE
                + " bin/pulse sql 'SELECT * FROM kpi_first_response_daily ORDER BY day DESC LIMIT 10'");
        return 0;
    }

    /** A sandbox that starts clean each time: replayed history must not land behind the last run's live events. */
    private static Deployment sandbox(Deployment configured) throws Exception {
        // the generator appends each event as it occurs: a short ingest delay keeps the alerts live
        Deployment deployment = configured
                .withTopics("demo-events", "demo-events-dlq", "demo-sla-alerts")
                .withClickHouse(configured.clickHouse().withDatabase(DEMO_DATABASE))
                .withMaxIngestDelay(
                        System.getenv("PULSE_MAX_INGEST_DELAY") == null
                                ? DEMO_INGEST_DELAY
                                : configured.maxIngestDelay());
        KafkaTopics.recreate(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        try (ClickHouseClient admin = ClickHouseClient.connect(deployment.clickHouse(), "default")) {
            admin.execute("DROP DATABASE IF EXISTS " + DEMO_DATABASE);
        }
        io.smmpulse.clickhouse.ClickHouseSchema.apply(
                deployment.clickHouse()); // for the dashboard and the alert feed before the job runs
        return deployment;
    }

    private Thread startGenerator(
            Deployment deployment,
            Communities communities,
            long started,
            AtomicBoolean running,
            AtomicLong sent,
            CountDownLatch historyWritten) {
        Thread generator = new Thread(
                () -> {
                    try (KafkaPublisher publisher = new KafkaPublisher(
                            deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic())) {
                        GeneratedTraffic.toKafka(
                                publisher,
                                communities,
                                rate,
                                duration,
                                backfill,
                                noCrisis ? null : crisisAt,
                                crisisItems(communities),
                                started,
                                running,
                                sent,
                                historyWritten::countDown);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "demo-generator");
        generator.setDaemon(true);
        generator.start();
        return generator;
    }

    private void announce(
            FlinkCluster cluster,
            StreamingJobs.Submitted job,
            Deployment deployment,
            URI webhook,
            Communities communities) {
        System.out.println("the demo job " + job.id() + " runs on the Flink cluster: " + cluster.url()
                + "/#/job/running/" + job.id() + "; alerts are decided "
                + deployment.maxIngestDelay().toMillis() / 1000.0 + " s after their instant (max_ingest_delay)");
        if (webhook != null) {
            System.out.println("SLA alerts are posted to " + AlertDispatcher.describe(webhook));
        }
        System.out.println("smm-pulse demo: " + backfill.toHours() + " h of history, then " + rate
                + " events/s live; KPIs refresh every " + refresh.toSeconds() + " s (Ctrl-C stops)");
        if (!noCrisis) {
            System.out.println("a crisis begins " + crisisAt.toSeconds() + " s in: " + crisisItems(communities)
                    + " negative mentions of acme and as many spam " + "comments in globex within "
                    + GeneratedTraffic.CRISIS_LENGTH.toSeconds() + " s; risk alerts come when the next window closes");
        }
    }

    /** The KPI summary every --refresh until --duration (or the crisis's alerts) or Ctrl-C; 1 if the job stopped. */
    private int showSummaries(
            FlinkCluster cluster,
            StreamingJobs.Submitted job,
            Deployment deployment,
            Communities communities,
            long started,
            AtomicBoolean running,
            AtomicLong sent,
            AlertFeed feed)
            throws Exception {
        try (ClickHouseClient client = SqlCommand.connect(deployment.clickHouse())) {
            long deadline =
                    noCrisis ? started + duration.toNanos() : untilTheCrisisIsShown(started, communities, deployment);
            while (running.get() && System.nanoTime() < deadline) {
                long sleep = Math.min(refresh.toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
                Thread.sleep(sleep);
                String state = cluster.state(job.id());
                if (List.of("FINISHED", "CANCELED", "FAILED").contains(state)) {
                    System.err.println("pulse: the job stopped (" + state + "): " + cluster.failure(job.id()));
                    return 1;
                }
                System.out.printf(
                        "%n== %s  (%d records sent)%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), sent.get());
                System.out.print(KpiSummary.render(client));
                System.out.print(feed.drain());
            }
        }
        return 0;
    }

    /**
     * The end of the run: its duration, or later if the crisis's risk window would close after it
     * (the first window end once half of the crisis has been sent, then the ingest delay, a
     * checkpoint and a refresh), so that a short demo still shows the risk alerts it promises.
     */
    private long untilTheCrisisIsShown(long started, Communities communities, Deployment deployment) {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        long slide = communities.forCommunity("acme").risk().slideMillis();
        long halfSent = nowMillis
                + (started + crisisAt.toNanos() + GeneratedTraffic.CRISIS_LENGTH.toNanos() / 2 - nowNanos) / 1_000_000;
        long windowEnd = (Math.floorDiv(halfSent, slide) + 1) * slide;
        long shownMillis = windowEnd
                + deployment.maxIngestDelay().toMillis()
                + StreamingJob.CHECKPOINT_INTERVAL.toMillis()
                + refresh.toMillis();
        long byDuration = started + duration.toNanos();
        long byCrisis = nowNanos + (shownMillis - nowMillis) * 1_000_000;
        if (byCrisis > byDuration) {
            System.out.println(
                    "(the demo runs " + (byCrisis - byDuration) / 1_000_000_000 + " s past --duration: the crisis's"
                            + " risk window closes at " + java.time.Instant.ofEpochMilli(windowEnd) + ")");
        }
        return Math.max(byDuration, byCrisis);
    }

    /** The live dashboard beside the demo (PULSE_DASHBOARD_PORT, default 8088); the demo goes on without it if the port is taken. */
    private static DashboardServer startDashboard(Deployment deployment) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PULSE_DASHBOARD_PORT", "8088"));
        try {
            DashboardServer server = new DashboardServer(
                    DashboardServer.analyst(deployment), Dashboards.load(Dashboards.locate()), port);
            System.out.println("live dashboard: http://127.0.0.1:" + server.port() + "/  (open it in a browser)");
            return server;
        } catch (Exception e) {
            System.out.println("(no live dashboard: " + Errors.firstLine(Errors.rootMessage(e)) + ")");
            return null;
        }
    }
}
