package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Records written with an older and a newer version of the schema resolve against today's reader. */
class SchemaEvolutionTest {
    private static final long NOW = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();

    /** Version 0: no UTM tags, no text, no proposals. */
    private static final Schema OLDER = without(
            SocialEvent.getClassSchema(),
            java.util.Set.of("utm_source", "utm_medium", "utm_campaign", "utm_content", "proposal_id", "text"));

    /** A future version: a new event type and a new field with a default. */
    private static final Schema NEWER = schema(SocialEvent.getClassSchema()
            .toString()
            .replace("\"PROPOSAL_IMPLEMENTED\",", "\"PROPOSAL_IMPLEMENTED\",\"LIVESTREAM_JOIN\",")
            .replace("]}", ",{\"name\":\"language\",\"type\":\"string\",\"default\":\"en\"}]}"));

    private static Schema without(Schema schema, java.util.Set<String> dropped) {
        java.util.List<Schema.Field> fields = schema.getFields().stream()
                .filter(f -> !dropped.contains(f.name()))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }

    private static byte[] write(Schema writer, String type) throws Exception {
        GenericRecord record = io.smmpulse.core.TestEvents.genericEvent(writer, type, "p1");
        if (writer.getField("language") != null) {
            record.put("language", "de");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record, out);
        return out.toByteArray();
    }

    @Test
    void olderWriterResolvesWithDefaults() throws Exception {
        byte[] bytes = write(OLDER, "POST");
        assertThat(EventCodec.decode(bytes, "k", "kafka", NOW).rejected.reason).contains("unknown schema fingerprint");
        EventCodec.registerWriterSchema(OLDER);
        Envelope envelope = EventCodec.decode(bytes, "k", "kafka", NOW);
        assertThat(envelope.isAccepted()).isTrue();
        assertThat(envelope.event.getEventType()).isEqualTo(EventType.POST);
        assertThat(envelope.event.getText()).isNull();
        assertThat(EventRules.countsInKpis(envelope.event)).isTrue();
    }

    @Test
    void newerWriterKeepsTheEventButAnUnknownSymbolCountsInNoKpi() throws Exception {
        EventCodec.registerWriterSchema(NEWER);
        Envelope known = EventCodec.decode(write(NEWER, "VIEW"), "k", "kafka", NOW);
        assertThat(known.event.getEventType()).isEqualTo(EventType.VIEW);
        assertThat(EventRules.countsInKpis(known.event)).isTrue();
        Envelope unknown = EventCodec.decode(write(NEWER, "LIVESTREAM_JOIN"), "k", "kafka", NOW);
        assertThat(unknown.isAccepted()).isTrue();
        assertThat(unknown.event.getEventType()).isEqualTo(EventType.UNKNOWN);
        assertThat(EventRules.countsInKpis(unknown.event)).isFalse();
    }
}
