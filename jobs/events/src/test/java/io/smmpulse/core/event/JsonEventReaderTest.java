package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.Priority;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonEventReaderTest {
    private static final long NOW = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();
    private static final String VALID =
            "{\"event_id\":\"e1\",\"event_type\":\"POST\",\"occurred_at\":\"2026-03-02T09:15:00Z\","
                    + "\"platform\":\"Telegram\",\"community_id\":\"acme\",\"actor_id\":\"u1\",\"actor_role\":\"MEMBER\",\"content_id\":\"p1\"}";

    private static Envelope read(String line) {
        return JsonEventReader.read(line, "file:t.jsonl:1", "file t.jsonl line 1", NOW);
    }

    @Test
    void readsAValidLineWithDefaults() {
        Envelope envelope = read(VALID);
        assertThat(envelope.isAccepted()).isTrue();
        assertThat(envelope.event.getEventType()).isEqualTo(EventType.POST);
        assertThat(envelope.event.getOccurredAt()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(envelope.event.getPlatform()).isEqualTo("telegram");
        assertThat(envelope.event.getChannel()).isEqualTo(Channel.PUBLIC);
        assertThat(envelope.event.getPriority()).isEqualTo(Priority.NORMAL);
        assertThat(envelope.event.getIsQuestion()).isFalse();
        assertThat(envelope.event.getParentId()).isNull();
    }

    @Test
    void acceptsOffsetsAndEpochMillis() {
        assertThat(read(VALID.replace("2026-03-02T09:15:00Z", "2026-03-02T10:15:00+01:00"))
                        .event
                        .getOccurredAt())
                .isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(read(VALID.replace("\"2026-03-02T09:15:00Z\"", "1772442900000"))
                        .event
                        .getOccurredAt())
                .isEqualTo(Instant.ofEpochMilli(1772442900000L));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json                                                  | not valid JSON",
                "[1, 2]                                                     | one JSON object",
                "'\"actor_id\":\"u1\",'>''                                  | missing required field actor_id",
                "'\"actor_id\":\"u1\"'>'\"actor_id\":null'                  | required field actor_id is null",
                "'\"POST\"'>'\"TELEPORT\"'                                  | event_type \"TELEPORT\" is not one of",
                "'\"MEMBER\"'>'\"member\"'                                  | actor_role \"member\" is not one of",
                "'\"2026-03-02T09:15:00Z\"'>'\"yesterday\"'                 | occurred_at \"yesterday\" is neither",
                "'\"2026-03-02T09:15:00Z\"'>'1.5'                           | occurred_at 1.5 is neither",
                "'\"2026-03-02T09:15:00Z\"'>'\"2026-03-11T00:00:01Z\"'      | more than 24 h after the wall clock",
                "',\"content_id\":\"p1\"'>''                                | POST without content_id",
                "'\"content_id\":\"p1\"'>'\"content_id\":7'                 | content_id must be a string",
                "'\"content_id\":\"p1\"'>'\"content_id\":\"p1\",\"is_question\":\"yes\"' | is_question must be true or false",
                "'\"content_id\":\"p1\"'>'\"content_id\":\"p1\",\"channel\":\"DM\"' | channel \"DM\" is not one of",
            })
    void rejectsWithAReasonAPersonCanActOn(String edit, String reason) {
        String line = edit;
        if (edit.startsWith("'")) {
            String[] parts = edit.split("'>'");
            line = VALID.replace(parts[0].substring(1), parts[1].substring(0, parts[1].length() - 1));
        }
        Envelope envelope = read(line);
        assertThat(envelope.isAccepted()).as(line).isFalse();
        assertThat(envelope.rejected.reason).contains(reason);
        assertThat(envelope.rejected.payload).isEqualTo(line);
        assertThat(envelope.rejected.rejectionId).isEqualTo("file:t.jsonl:1");
    }

    @Test
    void fieldsOverTheirLengthLimitsAreRejected() {
        String longId = "x".repeat(EventRules.MAX_ID_LENGTH + 1);
        assertThat(read(VALID.replace("\"u1\"", "\"" + longId + "\"")).rejected.reason)
                .isEqualTo("actor_id is longer than 256 characters");
        assertThat(read(VALID.replace("\"u1\"", "\"u\\u00011\"")).rejected.reason)
                .as("a key separator inside an id would split its keys wrongly")
                .isEqualTo("actor_id holds the control character U+0001, which no id may contain");
        String longText = "y".repeat(EventRules.MAX_TEXT_LENGTH + 1);
        assertThat(read(VALID.replace("\"content_id\":\"p1\"", "\"content_id\":\"p1\",\"text\":\"" + longText + "\""))
                        .rejected
                        .reason)
                .startsWith("text is longer than 65536 characters (payload kept: the first 65536 of ");
        assertThat(read(VALID.replace("\"u1\"", "\"" + "x".repeat(EventRules.MAX_ID_LENGTH) + "\""))
                        .isAccepted())
                .isTrue();
    }

    @Test
    void unknownSymbolFromTheSchemaIsKeptButCountsInNoKpi() {
        Envelope envelope = read(VALID.replace("\"POST\"", "\"UNKNOWN\""));
        assertThat(envelope.isAccepted()).isTrue();
        assertThat(EventRules.countsInKpis(envelope.event)).isFalse();
        assertThat(EventRules.countsInKpis(read(VALID).event)).isTrue();
    }

    @Test
    void avroRoundTripAndBadRecords() {
        Envelope original = read(VALID);
        byte[] bytes = EventCodec.encode(original.event);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        Envelope decoded = EventCodec.decode(bytes, "k", "kafka", NOW);
        assertThat(decoded.event).isEqualTo(original.event);

        assertThat(EventCodec.decode("garbage".getBytes(), "k", "kafka", NOW).rejected.reason)
                .contains("not Avro single-object encoding");
        byte[] unknownFingerprint = bytes.clone();
        unknownFingerprint[2] ^= 0x55;
        assertThat(EventCodec.decode(unknownFingerprint, "k", "kafka", NOW).rejected.reason)
                .contains("unknown schema fingerprint");
        assertThat(EventCodec.decode(new byte[EventCodec.MAX_RECORD_BYTES + 1], "k", "kafka", NOW).rejected.reason)
                .contains("over the limit");
        Envelope binary = EventCodec.decode(new byte[] {(byte) 0xC3, 0x01, (byte) 0xFF}, "k", "kafka", NOW);
        assertThat(binary.rejected.payloadEncoding).isEqualTo("base64");
    }
}
