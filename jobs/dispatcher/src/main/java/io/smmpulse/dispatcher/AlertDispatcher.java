package io.smmpulse.dispatcher;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.Errors;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.core.kafka.KafkaClientSettings;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the committed alerts of the sla-alerts topic (read_committed, so each alert once) to a
 * webhook in the shape of Alertmanager's {@code POST /api/v2/alerts}, outside the Flink job: a slow
 * or failing webhook never holds the pipeline back.
 *
 * <p>A firing alert is posted with an {@code endsAt} of {@code 4 × refresh} ahead and re-posted every
 * {@code refresh} until its resolution arrives, so Alertmanager keeps it active however long that
 * takes, and lets it lapse only if the dispatcher is gone for several refreshes. The alerts still
 * firing are rebuilt from the topic when the dispatcher starts. Transitions of one alert share a Kafka
 * key (its identity) and so a partition; a transition is posted only after the earlier ones of the
 * same alert are settled, no refresh is posted while a transition is pending, and no transition while a
 * refresh of its alert is in flight, so Alertmanager never sees a firing alert after its resolution. Each
 * alert is retried with exponential backoff (0.5 s doubling up to 30 s, {@link #MAX_ATTEMPTS}
 * attempts by default); its outcome (delivered, or failed with the last error) is recorded in the
 * ClickHouse table alert_deliveries. Alerts travel in batches of up to {@link #BATCH_SIZE} per
 * request, at most {@link #MAX_IN_FLIGHT} requests at a time. The consumer offset moves past an alert only once its
 * outcome is final, so a restart resumes with the alerts still in flight.
 */
public final class AlertDispatcher implements Runnable {
    public static final int MAX_ATTEMPTS = 8;
    /** How long a stopping dispatcher waits for its requests in flight. */
    static final long STOP_GRACE_MILLIS = 5_000;

    static final long FIRST_BACKOFF_MILLIS = 500;
    /** Requests in flight at once: a backlog of alerts must not open a connection each. */
    static final int MAX_IN_FLIGHT = 4;

    static final int BATCH_SIZE = 64;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final String bootstrap;
    private final String topic;
    private final URI webhook;
    private String authorization;
    private long refreshMillis = 60_000;
    private String dashboardUrl = DEFAULT_DASHBOARD_URL;

    /** Grafana as docker-compose publishes it, opened from the browser of whoever gets the alert. */
    public static final String DEFAULT_DASHBOARD_URL = "http://localhost:3000";

    private String group;
    /** Alerts firing now, by identity (alert_id without its status). */
    private final Map<String, SlaAlert> active = new HashMap<>();

    private final List<Delivery> refreshes = new ArrayList<>();
    private long nextRefreshAt;
    private final ClickHouseSettings clickHouse;
    private final Consumer<SlaAlert> listener;
    private final int maxAttempts;
    private final long firstBackoffMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean ended;
    private DispatcherMetrics metrics = DispatcherMetrics.serve(null);
    /** Used by the delivery-log thread only; kept open between batches of outcomes, reopened after a failure. */
    private ClickHouseClient deliveryLog;

    private final java.util.concurrent.ExecutorService deliveryLogWriter =
            java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "alert-delivery-log");
                thread.setDaemon(true);
                return thread;
            });
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static final class Delivery {
        final SlaAlert alert;
        final String identity;
        /** A re-post of a firing alert: tried once, recorded nowhere, the next refresh tries again. */
        boolean refresh;

        int attempts;
        long nextAttemptAt;
        boolean inFlight;
        String lastError = "";
        boolean finished;

        Delivery(SlaAlert alert) {
            this.alert = alert;
            this.identity = AlertCodec.identity(alert);
        }
    }

    /** One POST of up to {@link #BATCH_SIZE} alerts (Alertmanager takes an array). */
    private record Request(List<Delivery> deliveries, CompletableFuture<HttpResponse<Void>> response) {}

    /**
     * How a webhook appears in logs, tables and output: its scheme, host and port, and a digest of
     * the whole URL that tells webhooks apart. Its path, query and user info often hold the
     * token that lets anyone post to it, so they never appear.
     */
    public static String describe(URI webhook) {
        String digest;
        try {
            digest = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(webhook.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            0,
                            4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return webhook.getScheme() + "://" + webhook.getHost() + (webhook.getPort() > 0 ? ":" + webhook.getPort() : "")
                + "/… #" + digest;
    }

    /** @param webhook null to only hand alerts to {@code listener} (the demo's live feed) */
    public AlertDispatcher(
            String bootstrap, String topic, URI webhook, ClickHouseSettings clickHouse, Consumer<SlaAlert> listener) {
        this(bootstrap, topic, webhook, clickHouse, listener, MAX_ATTEMPTS, FIRST_BACKOFF_MILLIS);
    }

    public AlertDispatcher(
            String bootstrap,
            String topic,
            URI webhook,
            ClickHouseSettings clickHouse,
            Consumer<SlaAlert> listener,
            int maxAttempts,
            long firstBackoffMillis) {
        this.maxAttempts = maxAttempts;
        this.firstBackoffMillis = firstBackoffMillis;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.webhook = webhook;
        this.clickHouse = clickHouse;
        this.listener = listener;
        this.group = defaultGroup(topic, webhook);
    }

    /**
     * The consumer group of a dispatcher: one per alert topic, whatever the webhook's URL, so that a
     * new URL (a rotated token, a moved Alertmanager) goes on where the last one stopped instead of
     * posting the whole topic again. A second dispatcher to another receiver names its own group.
     */
    public static String defaultGroup(String topic, URI webhook) {
        return (webhook == null ? "smm-pulse-feed-" : "smm-pulse-dispatcher-") + topic;
    }

    /** A consumer group of one's own (PULSE_DISPATCHER_GROUP): for a second dispatcher that posts the same alerts elsewhere. */
    public AlertDispatcher group(String group) {
        if (group != null && !group.isBlank()) {
            this.group = group;
        }
        return this;
    }

    public void stop() {
        running.set(false);
    }

    /** False once {@link #run()} has returned (its consumer closed, its offsets committed). */
    public boolean isRunning() {
        return !ended;
    }

    /** How often firing alerts are posted again; they are posted to end {@code 4 × refresh} later. */
    public AlertDispatcher refreshEvery(Duration refresh) {
        this.refreshMillis = refresh.toMillis();
        return this;
    }

    /** Where an alert's link (Alertmanager's generatorURL) points: the Grafana that shows the KPI dashboards. */
    public AlertDispatcher linkTo(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
        return this;
    }

    /** The Authorization header value for the webhook, or null. */
    public AlertDispatcher authorization(String authorization) {
        this.authorization = authorization;
        return this;
    }

    /** The alerts firing now (after the start-up scan and what was read since), for tests. */
    public AlertDispatcher reportTo(DispatcherMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    public synchronized java.util.Set<String> activeAlerts() {
        return java.util.Set.copyOf(active.keySet());
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", group);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<TopicPartition, TreeMap<Long, Delivery>> pending = new HashMap<>();
        List<Request> requests = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientSettings.with(props))) {
            if (webhook != null) {
                restoreActive(props);
            }
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                metrics.heartbeatMillis.set(System.currentTimeMillis());
                boolean busy = pending.values().stream().anyMatch(d -> !d.isEmpty());
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(busy ? 5 : 100))) {
                    accept(record, pending);
                }
                long now = System.currentTimeMillis();
                List<Delivery> outcomes = new ArrayList<>();
                requests.removeIf(request -> request.response().isDone() && settle(request, now, outcomes));
                queueRefreshes(now);
                send(pending, requests, now);
                record(outcomes);
                commitFinished(consumer, pending);
            }
            settleInFlight(requests);
            commitFinished(consumer, pending);
        } catch (RuntimeException e) {
            LOG.error("alert dispatcher stopped", e);
        } finally {
            ended = true;
            deliveryLogWriter.execute(this::closeDeliveryLog);
            deliveryLogWriter.shutdown();
            try {
                deliveryLogWriter.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A record read: its alert to the listener and, to be posted, to the deliveries of its partition. */
    private void accept(ConsumerRecord<byte[], byte[]> record, Map<TopicPartition, TreeMap<Long, Delivery>> pending) {
        SlaAlert alert = decode(record.value());
        if (alert == null) {
            return;
        }
        listener.accept(alert);
        metrics.read.incrementAndGet();
        Delivery delivery = new Delivery(alert);
        delivery.finished = webhook == null;
        if (webhook != null) {
            track(alert);
        }
        pending.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new TreeMap<>())
                .put(record.offset(), delivery);
    }

    /** Every refresh interval, each active alert is posted again, so that Alertmanager keeps it firing. */
    private void queueRefreshes(long now) {
        if (webhook == null || now < nextRefreshAt || !refreshes.isEmpty()) {
            return;
        }
        nextRefreshAt = now + refreshMillis;
        synchronized (this) {
            active.values().forEach(alert -> {
                Delivery refresh = new Delivery(alert);
                refresh.refresh = true;
                refreshes.add(refresh);
            });
        }
    }

    /**
     * Starts requests for due alerts, oldest first, while fewer than {@link #MAX_IN_FLIGHT} are open.
     * A transition waits while an earlier one of the same alert is unsettled; a refresh waits for any.
     */
    private void send(Map<TopicPartition, TreeMap<Long, Delivery>> pending, List<Request> requests, long now) {
        List<Delivery> due = new ArrayList<>();
        java.util.Set<String> blocked = new java.util.HashSet<>();
        // a refresh in flight holds back the alert's next transition: posted now, its RESOLVED could land before the
        // refresh
        for (Delivery refresh : refreshes) {
            if (refresh.inFlight) {
                blocked.add(refresh.identity);
            }
        }
        for (TreeMap<Long, Delivery> deliveries : pending.values()) {
            for (Delivery d : deliveries.values()) {
                if (d.finished) {
                    continue;
                }
                if (!blocked.contains(d.identity) && !d.inFlight && d.nextAttemptAt <= now) {
                    due.add(d);
                }
                blocked.add(d.identity);
            }
        }
        refreshes.removeIf(d -> d.finished);
        for (Delivery d : refreshes) {
            if (!d.inFlight && !blocked.contains(d.identity) && isActive(d)) {
                due.add(d);
            } else if (!d.inFlight) {
                d.finished = true;
            }
        }
        for (int from = 0; from < due.size() && requests.size() < MAX_IN_FLIGHT; from += BATCH_SIZE) {
            List<Delivery> batch = due.subList(from, Math.min(due.size(), from + BATCH_SIZE));
            StringBuilder body = new StringBuilder("[");
            for (Delivery d : batch) {
                d.attempts++;
                d.inFlight = true;
                body.append(body.length() > 1 ? "," : "")
                        .append(AlertmanagerPayload.json(d.alert, now, 4 * refreshMillis, dashboardUrl));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(webhook)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString()));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            requests.add(new Request(
                    List.copyOf(batch), http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())));
        }
    }

    /**
     * On stop: the requests in flight are awaited for a few seconds and their outcomes committed, so
     * that the next dispatcher (another URL, a restart) does not post them again.
     */
    private void settleInFlight(List<Request> requests) {
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        while (!requests.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                CompletableFuture.anyOf(requests.stream().map(Request::response).toArray(CompletableFuture[]::new))
                        .get(
                                Math.max(1, deadline - System.currentTimeMillis()),
                                java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // settled below, or left for the next dispatcher
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = System.currentTimeMillis();
            List<Delivery> outcomes = new ArrayList<>();
            requests.removeIf(request -> request.response().isDone() && settle(request, now, outcomes));
            record(outcomes);
        }
    }

    private synchronized boolean isActive(Delivery refresh) {
        return active.get(refresh.identity) == refresh.alert;
    }

    /** Keeps the set of firing alerts: a FIRING enters it, its RESOLVED takes it out. */
    private synchronized void track(SlaAlert alert) {
        if (alert.getStatus() == AlertStatus.FIRING) {
            active.put(AlertCodec.identity(alert), alert);
        } else {
            active.remove(AlertCodec.identity(alert));
        }
    }

    /**
     * The alerts firing when the dispatcher starts: every committed transition on the topic, read
     * from the beginning to the current end. They are posted again at once, so an alert that lapsed
     * in Alertmanager while no dispatcher ran is active again.
     */
    private void restoreActive(Properties props) {
        Properties scan = new Properties();
        scan.putAll(props);
        scan.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientSettings.with(scan))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running.get() && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    SlaAlert alert = decode(record.value());
                    if (alert != null) {
                        track(alert);
                    }
                }
            }
        }
        LOG.info("{} alerts firing on {} at start", active.size(), topic);
    }

    /** Applies a finished request to its alerts; those whose outcome is now final go to {@code outcomes}. */
    private boolean settle(Request request, long now, List<Delivery> outcomes) {
        String error;
        try {
            int status = request.response().join().statusCode();
            error = status / 100 == 2 ? "" : "HTTP " + status;
        } catch (RuntimeException e) {
            error = Errors.rootMessage(e);
        }
        for (Delivery d : request.deliveries()) {
            d.inFlight = false;
            d.lastError = error;
            if (d.refresh) {
                d.finished = true;
            } else if (error.isEmpty() || d.attempts >= maxAttempts) {
                d.finished = true;
                outcomes.add(d);
                (error.isEmpty() ? metrics.delivered : metrics.failed).incrementAndGet();
                if (!error.isEmpty()) {
                    LOG.warn(
                            "alert {} not delivered to {} after {} attempts: {}",
                            d.alert.getAlertId(),
                            describe(webhook),
                            d.attempts,
                            error);
                }
            } else {
                d.nextAttemptAt = now + Math.min(30_000L, firstBackoffMillis << (d.attempts - 1));
            }
        }
        return true;
    }

    /**
     * Hands the outcomes to the delivery-log thread: an insert waits for the database, which must
     * not hold back the next alerts (the local engine runs one statement at a time, behind the
     * job's own inserts).
     */
    private void record(List<Delivery> outcomes) {
        if (outcomes.isEmpty() || clickHouse == null) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Delivery d : outcomes) {
            rows.add(new Object[] {
                d.alert.getAlertId(),
                describe(webhook),
                d.lastError.isEmpty() ? "delivered" : "failed",
                d.attempts,
                d.lastError,
                System.currentTimeMillis()
            });
        }
        deliveryLogWriter.execute(() -> writeDeliveries(rows));
    }

    private void writeDeliveries(List<Object[]> rows) {
        try {
            if (deliveryLog == null) {
                deliveryLog = ClickHouseClient.connect(clickHouse);
            }
            deliveryLog.insert(
                    "alert_deliveries",
                    List.of("alert_id", "webhook", "status", "attempts", "last_error", "updated_at"),
                    rows,
                    System.currentTimeMillis());
        } catch (Exception e) {
            LOG.warn("cannot record {} alert deliveries in ClickHouse", rows.size(), e);
            closeDeliveryLog();
        }
    }

    private void closeDeliveryLog() {
        ClickHouseClient.closeQuietly(deliveryLog);
        deliveryLog = null;
    }

    private static void commitFinished(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, TreeMap<Long, Delivery>> pending) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (Map.Entry<TopicPartition, TreeMap<Long, Delivery>> entry : pending.entrySet()) {
            TreeMap<Long, Delivery> deliveries = entry.getValue();
            Long next = null;
            while (!deliveries.isEmpty() && deliveries.firstEntry().getValue().finished) {
                next = deliveries.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                commits.put(entry.getKey(), new OffsetAndMetadata(next));
            }
        }
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
    }

    private static SlaAlert decode(byte[] value) {
        try {
            return AlertCodec.decode(value);
        } catch (Exception e) {
            LOG.warn("skipping an undecodable record on the alert topic: {}", e.toString());
            return null;
        }
    }
}
