package io.smmpulse.pipeline;

import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.Heartbeats;
import io.smmpulse.core.kafka.KafkaClientSettings;
import io.smmpulse.core.metrics.PulseMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the job that provides A of the alert clock (docs/alerts.md): once a second it appends a
 * heartbeat, stamped with the wall clock just before it is handed to Kafka, to every partition of the
 * events topic. Reading it proves the partition has been read up to the stamp.
 *
 * <p>It never fails the job: a heartbeat that cannot be appended (broker down, no write permission
 * on the topic) is logged and counted ({@value PulseMetrics#HEARTBEAT_FAILURES}), the clock then
 * follows the events alone, alerts wait, none fires early, and {@code SmmPulseAlertClockLagging} tells
 * operators.
 */
public final class ClockHeartbeats {
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private ClockHeartbeats() {}

    public static void attach(StreamExecutionEnvironment env, Deployment deployment, String writer) {
        DataGeneratorSource<Long> ticks = new DataGeneratorSource<>(
                tick -> tick, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1000.0 / INTERVAL.toMillis()), Types.LONG);
        env.fromSource(ticks, WatermarkStrategy.noWatermarks(), "Alert clock ticks")
                .uid("alert-clock-ticks")
                .setParallelism(1)
                .sinkTo(new HeartbeatSink(deployment.kafkaBootstrap(), deployment.topic(), writer))
                .name("Alert clock heartbeats to " + deployment.topic())
                .uid("alert-clock-heartbeats")
                .setParallelism(1);
    }

    static final class HeartbeatSink implements Sink<Long> {
        private final String bootstrap;
        private final String topic;
        private final String writer;

        HeartbeatSink(String bootstrap, String topic, String writer) {
            this.bootstrap = bootstrap;
            this.topic = topic;
            this.writer = writer;
        }

        @Override
        public SinkWriter<Long> createWriter(WriterInitContext context) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            // a heartbeat that waits longer than its interval is worthless: the next one replaces it
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
            properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
            properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            properties.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "30000");
            Counter failures = PulseMetrics.of(context.metricGroup()).counter(PulseMetrics.HEARTBEAT_FAILURES);
            return new Writer(new KafkaProducer<>(KafkaClientSettings.with(properties)), topic, writer, failures);
        }
    }

    private static final class Writer implements SinkWriter<Long> {
        private static final Logger LOG = LoggerFactory.getLogger(ClockHeartbeats.class);
        private static final long LOG_EVERY_MILLIS = 60_000;
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final String writer;
        private final Counter failures;
        private long loggedAt = Long.MIN_VALUE;

        Writer(KafkaProducer<byte[], byte[]> producer, String topic, String writer, Counter failures) {
            this.producer = producer;
            this.topic = topic;
            this.writer = writer;
            this.failures = failures;
        }

        @Override
        public void write(Long tick, Context context) {
            List<PartitionInfo> partitions;
            try {
                partitions = producer.partitionsFor(topic);
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            for (PartitionInfo partition : partitions) {
                // stamped before the append: every record appended before the stamp precedes the heartbeat
                byte[] heartbeat = Heartbeats.encode(System.currentTimeMillis(), writer);
                try {
                    producer.send(
                            new ProducerRecord<>(topic, partition.partition(), null, heartbeat), (metadata, error) -> {
                                if (error != null) {
                                    failed(error);
                                }
                            });
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }

        private synchronized void failed(Throwable error) {
            failures.inc();
            long now = System.currentTimeMillis();
            if (now - loggedAt >= LOG_EVERY_MILLIS) {
                loggedAt = now;
                LOG.warn(
                        "cannot append alert-clock heartbeats to {}: {} (the alert clock follows the events alone until they flow again)",
                        topic,
                        error.toString());
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
