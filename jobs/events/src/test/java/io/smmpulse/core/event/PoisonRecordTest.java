package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records built to hurt the reader: each one is rejected with its reason, none takes the task down. */
class PoisonRecordTest {
    private static final long NOW = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();
    private static final String VALID =
            "{\"event_id\":\"e1\",\"event_type\":\"LINK_CLICK\",\"occurred_at\":\"2026-03-02T09:15:00Z\","
                    + "\"platform\":\"x\",\"community_id\":\"acme\",\"actor_id\":\"u1\",\"actor_role\":\"MEMBER\",\"content_id\":\"p1\","
                    + "\"reaction\":\"like\",\"utm_campaign\":\"spring\"}";
    private static final int HEADER = 10;

    private static byte[] validRecord() {
        return EventCodec.encode(JsonEventReader.read(VALID, "", "", NOW).event);
    }

    /** The current schema's header and fingerprint, then event_id's length field saying about 2^31 bytes. */
    @ParameterizedTest
    @ValueSource(longs = {(1L << 31) - 16, 1L << 31, Long.MAX_VALUE >> 1})
    void aStringLengthOfTwoGigabytesIsRejectedWithoutAllocatingIt(long length) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(validRecord(), 0, HEADER);
        long zigZag = length << 1;
        while ((zigZag & ~0x7FL) != 0) {
            record.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        record.write((int) zigZag);
        record.writeBytes("e1".getBytes());
        Envelope envelope = EventCodec.decode(record.toByteArray(), "kafka:t:0:7", "kafka t:0:7", NOW);
        assertThat(envelope.isAccepted()).isFalse();
        assertThat(envelope.rejected.reason)
                .startsWith("the Avro record declares a value longer than the record limit");
        assertThat(envelope.rejected.payloadEncoding).isEqualTo("base64");
    }

    @Test
    void bytesAfterAValidRecordAreRejected() {
        byte[] valid = validRecord();
        assertThat(EventCodec.decode(valid, "k", "kafka", NOW).isAccepted()).isTrue();
        byte[] trailing = Arrays.copyOf(valid, valid.length + 2);
        assertThat(EventCodec.decode(trailing, "k", "kafka", NOW).rejected.reason)
                .isEqualTo("2 bytes after the end of the Avro record (one event per Kafka record)");
    }

    @Test
    void aJsonLineOverTheLimitIsRejectedAndOnlyItsHeadIsKept() {
        String huge = VALID.replace("\"like\"", "\"" + "l".repeat(JsonEventReader.MAX_LINE_CHARS) + "\"");
        Envelope envelope = JsonEventReader.read(huge, "file:f:1", "file f line 1", NOW);
        assertThat(envelope.rejected.reason)
                .startsWith("line of more than 1048576 characters is over the limit")
                .contains("(payload kept: the first 65536 of " + huge.length() + " bytes, sha256 ");
        assertThat(envelope.rejected.payload)
                .hasSize(RejectedEvent.MAX_KEPT_PAYLOAD_BYTES)
                .isEqualTo(huge.substring(0, 65536));
    }

    @Test
    void overLongReactionAndUtmTagsAreRejected() {
        String tooLong = "t".repeat(EventRules.MAX_ID_LENGTH + 1);
        assertThat(JsonEventReader.read(VALID.replace("\"like\"", "\"" + tooLong + "\""), "", "", NOW).rejected.reason)
                .isEqualTo("reaction is longer than 256 characters");
        assertThat(JsonEventReader.read(VALID.replace("\"spring\"", "\"" + tooLong + "\""), "", "", NOW)
                        .rejected
                        .reason)
                .isEqualTo("utm_campaign is longer than 256 characters");
        assertThat(JsonEventReader.read(VALID.replace("\"spring\"", "\"" + tooLong.substring(1) + "\""), "", "", NOW)
                        .isAccepted())
                .isTrue();
    }

    @Test
    void aHugeLineIsReadCutToJustOverTheLimitAndTheNextLineIsIntact() throws Exception {
        String input = "a".repeat(100) + "\r\n" + "b".repeat(3_000_000) + "\n" + "c\r\n" + "d";
        try (BoundedLineReader reader = new BoundedLineReader(bytes(input), 50)) {
            assertThat(reader.next().text()).isEqualTo("a".repeat(50));
            assertThat(reader.next().text()).isEqualTo("b".repeat(50));
            assertThat(reader.next().text()).isEqualTo("c");
            assertThat(reader.next().text()).isEqualTo("d");
            assertThat(reader.next()).isNull();
        }
        try (BoundedLineReader reader = new BoundedLineReader(bytes("\u00e9".repeat(3_000_000) + "\nnext\n"))) {
            String cut = reader.next().text();
            assertThat(cut.length())
                    .isGreaterThan(JsonEventReader.MAX_LINE_CHARS)
                    .isLessThan(3_000_000);
            assertThat(JsonEventReader.read(cut, "", "", NOW).rejected.reason)
                    .startsWith("line of more than 1048576 characters is over the limit");
            assertThat(reader.next().text()).isEqualTo("next");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedWithItsBytesAndTheNextLineIsRead() throws Exception {
        byte[] bad = VALID.getBytes(StandardCharsets.UTF_8);
        bad[10] = (byte) 0xC3; // a two-byte sequence's first byte, followed by an ASCII byte
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        input.write(bad);
        input.write('\n');
        input.write(VALID.getBytes(StandardCharsets.UTF_8));
        input.write('\n');
        try (BoundedLineReader reader = new BoundedLineReader(new java.io.ByteArrayInputStream(input.toByteArray()))) {
            BoundedLineReader.Line first = reader.next();
            assertThat(first.text()).isNull();
            Envelope rejected = JsonEventReader.read(first, "file:x:1", "file x line 1", NOW);
            assertThat(rejected.rejected.reason)
                    .isEqualTo("line is not UTF-8: a malformed byte sequence at byte 10 of the line");
            assertThat(rejected.rejected.payloadEncoding).isEqualTo("base64");
            assertThat(java.util.Base64.getDecoder().decode(rejected.rejected.payload))
                    .isEqualTo(bad);
            assertThat(JsonEventReader.read(reader.next(), "file:x:2", "file x line 2", NOW)
                            .isAccepted())
                    .isTrue();
            assertThat(reader.next()).isNull();
        }
    }

    private static java.io.InputStream bytes(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
