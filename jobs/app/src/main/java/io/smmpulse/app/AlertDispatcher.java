package io.smmpulse.app;

import io.smmpulse.core.clickhouse.ClickHouseBatch;
import io.smmpulse.core.clickhouse.ClickHouseClient;
import io.smmpulse.core.clickhouse.ClickHouseSettings;
import io.smmpulse.core.clickhouse.ClickHouseValues;
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
 * webhook, outside the Flink job: a slow or failing webhook never holds the pipeline back. Each
 * alert is retried with exponential backoff (0.5 s doubling up to 30 s, {@link #MAX_ATTEMPTS}
 * attempts by default); its outcome (delivered, or failed with the last error) is recorded in the
 * ClickHouse table alert_deliveries. The consumer offset moves past an alert only once its
 * outcome is final, so a restart resumes with the alerts still in flight.
 */
final class AlertDispatcher implements Runnable {
    static final int MAX_ATTEMPTS = 8;
    static final long FIRST_BACKOFF_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final String bootstrap;
    private final String topic;
    private final URI webhook;
    private final ClickHouseSettings clickHouse;
    private final Consumer<SlaAlert> listener;
    private final int maxAttempts;
    private final long firstBackoffMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static final class Delivery {
        final SlaAlert alert;
        final TopicPartition partition;
        final long offset;
        int attempts;
        long nextAttemptAt;
        CompletableFuture<HttpResponse<Void>> inFlight;
        String lastError = "";
        boolean finished;

        Delivery(SlaAlert alert, TopicPartition partition, long offset) {
            this.alert = alert;
            this.partition = partition;
            this.offset = offset;
        }
    }

    /** @param webhook null to only hand alerts to {@code listener} (the demo's live feed) */
    AlertDispatcher(String bootstrap, String topic, URI webhook, ClickHouseSettings clickHouse, Consumer<SlaAlert> listener) {
        this(bootstrap, topic, webhook, clickHouse, listener, MAX_ATTEMPTS, FIRST_BACKOFF_MILLIS);
    }

    AlertDispatcher(String bootstrap, String topic, URI webhook, ClickHouseSettings clickHouse, Consumer<SlaAlert> listener,
            int maxAttempts, long firstBackoffMillis) {
        this.maxAttempts = maxAttempts;
        this.firstBackoffMillis = firstBackoffMillis;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.webhook = webhook;
        this.clickHouse = clickHouse;
        this.listener = listener;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "smm-pulse-alerts-" + (webhook == null ? "feed" : Integer.toHexString(webhook.toString().hashCode())));
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", webhook == null ? "latest" : "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<TopicPartition, TreeMap<Long, Delivery>> pending = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    SlaAlert alert = decode(record.value());
                    if (alert == null) {
                        continue;
                    }
                    listener.accept(alert);
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Delivery delivery = new Delivery(alert, partition, record.offset());
                    delivery.finished = webhook == null;
                    pending.computeIfAbsent(partition, p -> new TreeMap<>()).put(record.offset(), delivery);
                }
                List<Delivery> outcomes = new ArrayList<>();
                long now = System.currentTimeMillis();
                for (TreeMap<Long, Delivery> deliveries : pending.values()) {
                    for (Delivery delivery : deliveries.values()) {
                        if (!delivery.finished && advance(delivery, now)) {
                            outcomes.add(delivery);
                        }
                    }
                }
                record(outcomes);
                commitFinished(consumer, pending);
            }
        } catch (RuntimeException e) {
            LOG.error("alert dispatcher stopped", e);
        }
    }

    /** Moves one delivery on; true when its outcome has just become final. */
    private boolean advance(Delivery delivery, long now) {
        if (delivery.inFlight != null) {
            if (!delivery.inFlight.isDone()) {
                return false;
            }
            try {
                int status = delivery.inFlight.join().statusCode();
                delivery.inFlight = null;
                if (status / 100 == 2) {
                    delivery.finished = true;
                    delivery.lastError = "";
                    return true;
                }
                delivery.lastError = "HTTP " + status;
            } catch (RuntimeException e) {
                delivery.inFlight = null;
                delivery.lastError = Pulse.rootMessage(e);
            }
            if (delivery.attempts >= maxAttempts) {
                delivery.finished = true;
                LOG.warn("alert {} not delivered to {} after {} attempts: {}", delivery.alert.getAlertId(), webhook, delivery.attempts, delivery.lastError);
                return true;
            }
            delivery.nextAttemptAt = now + Math.min(30_000L, firstBackoffMillis << (delivery.attempts - 1));
            return false;
        }
        if (now >= delivery.nextAttemptAt) {
            delivery.attempts++;
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayload.json(delivery.alert)))
                    .build();
            delivery.inFlight = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        }
        return false;
    }

    private void record(List<Delivery> outcomes) {
        if (outcomes.isEmpty() || clickHouse == null) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Delivery d : outcomes) {
            rows.add(new Object[] {d.alert.getAlertId(), webhook.toString(), d.lastError.isEmpty() ? "delivered" : "failed", d.attempts,
                d.lastError, ClickHouseValues.instant(System.currentTimeMillis())});
        }
        try (ClickHouseClient client = ClickHouseClient.connect(clickHouse)) {
            client.insert(new ClickHouseBatch("alert_deliveries", List.of("alert_id", "webhook", "status", "attempts", "last_error", "updated_at"),
                    System.currentTimeMillis(), rows));
        } catch (Exception e) {
            LOG.warn("cannot record {} alert deliveries in ClickHouse", rows.size(), e);
        }
    }

    private static void commitFinished(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, TreeMap<Long, Delivery>> pending) {
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
            return SlaAlert.getDecoder().decode(value);
        } catch (Exception e) {
            LOG.warn("skipping an undecodable record on the alert topic: {}", e.toString());
            return null;
        }
    }
}
