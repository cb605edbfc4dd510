package io.smmpulse.generator;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.ConfigException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Generated traffic delivered somewhere: a history to a file or a consumer, or history then live traffic to Kafka. */
public final class GeneratedTraffic {
    private GeneratedTraffic() {}

    /** A file of {@code events} records spread over {@code span} of simulated time ending an hour ago. */
    public static long toFile(Path output, Communities communities, long events, Duration span, long seed)
            throws IOException {
        return toFile(output, communities, events, span, seed, new AtomicLong());
    }

    /** The same, counting each record written in {@code written} as it goes. */
    public static long toFile(
            Path output, Communities communities, long events, Duration span, long seed, AtomicLong written)
            throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            return history(communities, events, span, seed, record -> {
                try {
                    writer.write(record.event() != null ? JsonEventWriter.toJson(record.event()) : record.malformed());
                    writer.write('\n');
                    written.incrementAndGet();
                } catch (IOException e) {
                    throw new ConfigException("--output: cannot write " + output + ": " + e.getMessage());
                }
            });
        }
    }

    /**
     * Exactly {@code records} generated records (events and the generator's trickle of malformed
     * ones), spread over {@code span} of simulated time ending an hour ago, in delivery order.
     */
    public static long history(
            Communities communities, long records, Duration span, long seed, Consumer<EventGenerator.Generated> out) {
        long end = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        double rate = records / (double) span.toSeconds() * 0.72;
        EventGenerator generator = new EventGenerator(communities, seed, rate, end - span.toMillis());
        long[] delivered = {0};
        long step = Math.max(1000, span.toMillis() / 10_000);
        for (long t = end - span.toMillis(); delivered[0] < records; t += step) {
            generator.advanceTo(t, record -> {
                if (delivered[0] < records) {
                    out.accept(record);
                    delivered[0]++;
                }
            });
        }
        return delivered[0];
    }

    /**
     * Backfills {@code backfill} of history as fast as Kafka takes it (so that the KPIs have days
     * to show), then sends at {@code rate} events per second in real time until {@code duration}
     * has passed or {@code running} turns false.
     */
    public static void toKafka(
            KafkaPublisher publisher,
            Communities communities,
            long rate,
            Duration duration,
            Duration backfill,
            long startedNanos,
            AtomicBoolean running,
            AtomicLong sent)
            throws InterruptedException {
        toKafka(publisher, communities, rate, duration, backfill, null, 0, startedNanos, running, sent, () -> {});
    }

    /**
     * @param crisisAt when (after now) the live traffic gets a crisis episode of {@code crisisItems} items, or null
     * @param historyWritten runs once the history is on the topic, before the live traffic: a job started then reads
     *     the history as its backlog (started earlier, its live clock would make the history late)
     */
    public static void toKafka(
            KafkaPublisher publisher,
            Communities communities,
            long rate,
            Duration duration,
            Duration backfill,
            Duration crisisAt,
            int crisisItems,
            long startedNanos,
            AtomicBoolean running,
            AtomicLong sent,
            Runnable historyWritten)
            throws InterruptedException {
        long now = System.currentTimeMillis();
        EventGenerator history =
                new EventGenerator(communities, now, Math.max(0.05, rate / 200.0), now - backfill.toMillis());
        // with history, live traffic starts two minutes back: deadlines of its first questions fall into the first
        // minutes
        long liveStart = backfill.isZero() ? now : now - Duration.ofMinutes(2).toMillis();
        EventGenerator live = new EventGenerator(communities, now + 1, rate, liveStart);
        if (crisisAt != null) {
            live.crisis(now + crisisAt.toMillis(), CRISIS_LENGTH.toMillis(), crisisItems);
        }
        if (!backfill.isZero()) {
            history.advanceTo(now, record -> send(publisher, record, sent));
            publisher.flush();
        }
        historyWritten.run();
        long deadline = startedNanos + duration.toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            long wall = System.currentTimeMillis();
            history.advanceTo(wall, record -> send(publisher, record, sent));
            live.advanceTo(wall, record -> send(publisher, record, sent));
            Thread.sleep(50);
        }
        publisher.flush();
    }

    public static final Duration CRISIS_LENGTH = Duration.ofSeconds(45);

    private static void send(KafkaPublisher publisher, EventGenerator.Generated record, AtomicLong sent) {
        publisher.publish(record);
        sent.incrementAndGet();
    }
}
