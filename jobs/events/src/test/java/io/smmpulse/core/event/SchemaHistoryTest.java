package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.TestEvents;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.Sentiment;
import io.smmpulse.schema.SocialEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build's check of the schema history: every published version is kept, each reads every
 * earlier one and is read by it (new symbols become UNKNOWN), the newest is the schema the classes
 * are generated from, and the job resolves every version without being told.
 */
class SchemaHistoryTest {
    private static final long NOW = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();
    private static final List<Schema> HISTORY = SchemaHistory.socialEvent();

    @ParameterizedTest
    @ValueSource(strings = {"social_event", "sla_alert"})
    void everyVersionReadsEveryOtherBothWays(String name) {
        List<Schema> history = history(name);
        assertThat(history).hasSizeGreaterThanOrEqualTo(2);
        for (int older = 0; older < history.size(); older++) {
            for (int newer = older + 1; newer < history.size(); newer++) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(history.get(newer), history.get(older))
                                .getType())
                        .as("%s v%d reads v%d", name, newer + 1, older + 1)
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(history.get(older), history.get(newer))
                                .getType())
                        .as("%s v%d reads v%d", name, older + 1, newer + 1)
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"social_event", "sla_alert"})
    void theNewestVersionIsTheSchemaOfTheCode(String name) throws Exception {
        Path current = null;
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null && current == null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("schemas/" + name + ".avsc"))) {
                current = dir.resolve("schemas/" + name + ".avsc");
            }
        }
        assertThat(current)
                .as("schemas/%s.avsc above the working directory", name)
                .isNotNull();
        List<Schema> history = history(name);
        assertThat(new Schema.Parser().parse(current.toFile())).isEqualTo(history.get(history.size() - 1));
    }

    private static List<Schema> history(String name) {
        return name.equals("social_event") ? SchemaHistory.socialEvent() : SchemaHistory.slaAlert();
    }

    @Test
    void aV1AlertIsReadAsABreach() throws Exception {
        Schema v1 = SchemaHistory.slaAlert().get(0);
        GenericData.Record old = new GenericData.Record(v1);
        old.put("alert_id", "acme/x/q1/FIRING");
        old.put("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "FIRING"));
        for (String field : List.of("question_id", "community_id", "platform", "channel", "priority")) {
            old.put(field, "v");
        }
        old.put("asked_at", NOW);
        old.put("deadline_at", NOW + 60_000);
        old.put("decided_at", NOW + 61_000);
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(old)
                .array();

        io.smmpulse.schema.SlaAlert alert = AlertCodec.decode(bytes);
        assertThat(alert.getAlertName()).isEqualTo("SmmPulseSlaBreached");
        assertThat(alert.getStartsAt()).isNull();
        assertThat(alert.getDeadlineAt().toEpochMilli()).isEqualTo(NOW + 60_000);
    }

    @Test
    void aV1RecordIsAcceptedWithoutRegisteringAnything() {
        SocialEvent comment = TestEvents.event(
                        "e1", EventType.COMMENT, "2026-03-02T09:00:00Z", "acme", "x", "u1", ActorRole.MEMBER)
                .setContentId("c1")
                .build();
        byte[] v1 = TestEvents.encodedWithSchemaVersion(1, comment);
        assertThat(v1).isNotEqualTo(EventCodec.encode(comment));

        Envelope envelope = EventCodec.decode(v1, "k", "kafka", NOW);
        assertThat(envelope.isAccepted()).as(String.valueOf(envelope.rejected)).isTrue();
        assertThat(envelope.event).isEqualTo(comment);
        assertThat(EventRules.countsInKpis(envelope.event)).isTrue();
    }

    @Test
    void aV1ReaderSeesTheNewSymbolsOfV2AsUnknown() throws Exception {
        SocialEvent follow = TestEvents.event(
                        "e2", EventType.FOLLOW, "2026-03-02T09:00:00Z", "acme", "x", "u1", ActorRole.MEMBER)
                .setSentiment(Sentiment.NEGATIVE)
                .build();
        byte[] bytes = EventCodec.encode(follow);
        assertThat(EventCodec.decode(bytes, "k", "kafka", NOW).event).isEqualTo(follow);

        BinaryMessageDecoder<GenericRecord> v1Reader = new BinaryMessageDecoder<>(GenericData.get(), HISTORY.get(0));
        v1Reader.addSchema(SocialEvent.getClassSchema());
        assertThat(v1Reader.decode(bytes).get("event_type").toString()).isEqualTo("UNKNOWN");
    }
}
