package io.smmpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.SchemaRegistryClient;
import io.smmpulse.core.event.WriterSchemas;
import io.smmpulse.core.kafka.KafkaClientSettings;
import io.smmpulse.generator.JsonEventWriter;
import io.smmpulse.pipeline.DeadLetterSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/pulse tail events|alerts|dlq}: a topic decoded for a human, one JSON object per line. */
@Command(
        name = "tail",
        description = {
            "Print a topic's records as JSON lines: events in their JSON Lines form, alerts with every field,",
            "dead letters with their reason; the alert clock's heartbeats are left out."
        })
final class TailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_SHOWN = 1_000;

    enum Topic {
        events,
        alerts,
        dlq
    }

    @Parameters(
            paramLabel = "TOPIC",
            description = "events, alerts or dlq: the topics PULSE_TOPIC, PULSE_ALERT_TOPIC, PULSE_DLQ_TOPIC name")
    Topic topic;

    @Option(names = "--from-beginning", description = "from the oldest record kept (default: only new records)")
    boolean fromBeginning;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "stop after N records (default: until Ctrl-C)",
            defaultValue = "0")
    long limit;

    Deployment deployment;

    /** Writer schemas of records in the schema registry's wire format, when PULSE_SCHEMA_REGISTRY_URL is set. */
    private WriterSchemas writerSchemas;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new ConfigException("--limit must be 0 (no limit) or more, got " + limit);
        }
        Deployment settings = deployment != null ? deployment : Deployment.fromEnv();
        writerSchemas = SchemaRegistryClient.atOrNone(settings.schemaRegistry(), Duration.ofSeconds(30));
        String name = switch (topic) {
            case events -> settings.topic();
            case alerts -> settings.alertTopic();
            case dlq -> settings.deadLetterTopic();
        };
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings)) {
            List<TopicPartition> partitions = partitions(consumer, name);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long shown = 0;
            while (limit == 0 || shown < limit) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String line = render(record);
                    if (line != null && (limit == 0 || shown < limit)) {
                        out.println(line);
                        shown++;
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Deployment settings) {
        Properties properties = KafkaClientSettings.with(new Properties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String name) {
        var infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new ConfigException("tail: the topic " + name + " does not exist");
        }
        return infos.stream()
                .map(info -> new TopicPartition(name, info.partition()))
                .toList();
    }

    /** The record as one JSON line, or null for a heartbeat of the alert clock. */
    String render(ConsumerRecord<byte[], byte[]> record) {
        return switch (topic) {
            case events -> event(record);
            case alerts -> alert(record);
            case dlq -> deadLetter(record);
        };
    }

    private String event(ConsumerRecord<byte[], byte[]> record) {
        Envelope envelope = EventCodec.decode(record.value(), "", "", System.currentTimeMillis(), writerSchemas);
        if (envelope.isHeartbeat()) {
            return null;
        }
        if (envelope.isAccepted()) {
            return JsonEventWriter.toJson(envelope.event);
        }
        return placed(record).put("rejected", envelope.rejected.reason).toString();
    }

    private static String alert(ConsumerRecord<byte[], byte[]> record) {
        try {
            return AlertCodec.decode(record.value()).toString();
        } catch (IOException | RuntimeException e) {
            return placed(record).put("unreadable", e.getMessage()).toString();
        }
    }

    private static String deadLetter(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = placed(record)
                .put("reason", header(record, DeadLetterSerializer.REASON_HEADER))
                .put("source", header(record, DeadLetterSerializer.SOURCE_HEADER));
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String payload = new String(value, StandardCharsets.UTF_8);
        node.put("payload_bytes", value.length)
                .put("payload", payload.length() > PAYLOAD_SHOWN ? payload.substring(0, PAYLOAD_SHOWN) + "…" : payload);
        return node.toString();
    }

    private static ObjectNode placed(ConsumerRecord<byte[], byte[]> record) {
        return JSON.createObjectNode().put("partition", record.partition()).put("offset", record.offset());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
