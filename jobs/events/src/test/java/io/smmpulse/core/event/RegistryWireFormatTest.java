package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Records in a schema registry's wire format (byte 0, 4-byte schema id, Avro binary). */
class RegistryWireFormatTest {
    private static final long NOW = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();
    private static final Schema FIRST_VERSION = SchemaHistory.socialEvent().get(0);
    private static final WriterSchemas REGISTRY = id -> switch (id) {
        case 7 -> FIRST_VERSION;
        case 8 -> SocialEvent.getClassSchema();
        case 9 ->
            throw new WriterSchemas.UnusableSchemaException(
                    "schema id 9 at the schema registry is a PROTOBUF schema, not Avro");
        default -> null;
    };

    private static byte[] avroBinary(Schema writer) throws IOException {
        GenericRecord record = io.smmpulse.core.TestEvents.genericEvent(writer, "COMMENT", "c1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Envelope decode(byte[] value, WriterSchemas registry) {
        return EventCodec.decode(value, "k", "kafka t:0:1", NOW, registry);
    }

    @Test
    void aRecordOfAnEarlierVersionResolvesWithTheWriterSchemaFromTheRegistry() throws Exception {
        Envelope envelope = decode(EventCodec.registryFormat(7, avroBinary(FIRST_VERSION)), REGISTRY);
        assertThat(envelope.rejected).isNull();
        assertThat(envelope.event.getEventId()).isEqualTo("e1");
        assertThat(envelope.event.getEventType()).isEqualTo(EventType.COMMENT);
        assertThat(envelope.event.getCommunityId()).isEqualTo("acme");
        Envelope current = decode(EventCodec.registryFormat(8, avroBinary(SocialEvent.getClassSchema())), REGISTRY);
        assertThat(current.isAccepted()).isTrue();
    }

    @Test
    void singleObjectEncodingStillDecodesBesideIt() {
        SocialEvent event = decode(EventCodec.registryFormat(8, avroBinaryOrFail()), REGISTRY).event;
        assertThat(decode(EventCodec.encode(event), REGISTRY).event).isEqualTo(event);
    }

    private static byte[] avroBinaryOrFail() {
        try {
            return avroBinary(SocialEvent.getClassSchema());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void whatCannotBeReadIsRejectedWithItsReason() throws Exception {
        byte[] current = avroBinary(SocialEvent.getClassSchema());
        assertThat(decode(EventCodec.registryFormat(99, current), REGISTRY).rejected.reason)
                .isEqualTo("unknown schema id 99 at the schema registry");
        assertThat(decode(EventCodec.registryFormat(9, current), REGISTRY).rejected.reason)
                .isEqualTo("schema id 9 at the schema registry is a PROTOBUF schema, not Avro");
        assertThat(decode(EventCodec.registryFormat(8, current), null).rejected.reason)
                .isEqualTo("schema registry wire format (byte 0, schema id 8) but no schema registry is set"
                        + " (PULSE_SCHEMA_REGISTRY_URL)");
        assertThat(decode(new byte[] {0, 0, 7}, REGISTRY).rejected.reason)
                .isEqualTo("a schema registry's wire format needs 5 header bytes, the record has 3");
        byte[] trailing = Arrays.copyOf(EventCodec.registryFormat(8, current), 5 + current.length + 3);
        assertThat(decode(trailing, REGISTRY).rejected.reason)
                .isEqualTo("bytes after the end of the Avro record (one event per Kafka record)");
        byte[] truncated = Arrays.copyOf(EventCodec.registryFormat(8, current), 9);
        assertThat(decode(truncated, REGISTRY).rejected.reason).startsWith("cannot decode the Avro record");
        Schema otherRecord = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
        assertThat(decode(EventCodec.registryFormat(1, new byte[] {2, 'x'}), id -> otherRecord).rejected.reason)
                .startsWith("the writer schema cannot be read as an event");
    }

    @Test
    void aRegistryThatCannotBeAskedLeavesTheRecordUndecided() throws Exception {
        WriterSchemas down = id -> {
            throw new IOException("connection refused");
        };
        byte[] record = EventCodec.registryFormat(8, avroBinary(SocialEvent.getClassSchema()));
        assertThatThrownBy(() -> decode(record, down))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("connection refused");
    }
}
