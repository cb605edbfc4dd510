package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.TestEvents;
import io.smmpulse.schema.SocialEvent;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The current schema's reader reads what Avro's decoder reads, and leaves to it every record it would read otherwise. */
class CurrentSchemaReaderTest {

    static {
        EventCodec.registerWriterSchema(SocialEvent.getClassSchema()); // Avro's limits in force, as in the job
    }

    /** Avro's own decoder of the generated class: the event, or null when it throws or leaves bytes unread. */
    private static SocialEvent avro(byte[] value) {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(value);
            SocialEvent event = SocialEvent.getDecoder().decode(in);
            return in.available() == 0 ? event : null;
        } catch (Exception | OutOfMemoryError e) {
            return null;
        }
    }

    private static List<SocialEvent> events() {
        Random random = new Random(7);
        List<SocialEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SocialEvent e = TestEvents.everyFieldDrawn(random);
            for (Schema.Field field : SocialEvent.getClassSchema().getFields()) {
                if (field.schema().getType() == Schema.Type.UNION && random.nextBoolean()) {
                    e.put(field.pos(), null);
                }
            }
            events.add(e);
        }
        events.add(TestEvents.requiredFieldsOnly());
        SocialEvent wide = TestEvents.everyFieldDrawn(random);
        wide.setText("ünïcødé 🙂 " + "x".repeat(70_000));
        wide.setOccurredAt(Instant.ofEpochMilli(-1_234_567_890_123L));
        wide.setEventId("");
        events.add(wide);
        return events;
    }

    @Test
    void readsEveryEventAsAvroDoes() {
        for (SocialEvent event : events()) {
            byte[] value = EventCodec.encode(event);
            SocialEvent read = CurrentSchemaReader.read(value);
            assertThat(read).isEqualTo(event).isEqualTo(avro(value));
        }
    }

    @Test
    void aDamagedRecordIsReadOnlyWhenAvroReadsItTheSame() {
        Random random = new Random(11);
        int read = 0;
        int leftToAvro = 0;
        List<SocialEvent> events = events();
        for (int i = 0; i < 20_000; i++) {
            byte[] value = EventCodec.encode(events.get(random.nextInt(events.size())));
            byte[] damaged = damage(value, random);
            SocialEvent fast = CurrentSchemaReader.read(damaged);
            if (fast == null) {
                leftToAvro++;
            } else {
                read++;
                assertThat(fast).as("record %s", Arrays.toString(damaged)).isEqualTo(avro(damaged));
            }
        }
        assertThat(read).as("damaged records still read").isGreaterThan(1_000);
        assertThat(leftToAvro).as("damaged records left to Avro").isGreaterThan(1_000);
    }

    /** One or two bytes after the header replaced, or the record cut short or lengthened. */
    private static byte[] damage(byte[] value, Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return Arrays.copyOf(value, 10 + random.nextInt(value.length - 10));
            case 1:
                return Arrays.copyOf(value, value.length + 1 + random.nextInt(3));
            default:
                byte[] damaged = value.clone();
                for (int n = 0; n < 1 + random.nextInt(2); n++) {
                    int at = 10 + random.nextInt(value.length - 10);
                    damaged[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (damaged[at] ^ 0x80);
                }
                return damaged;
        }
    }

    @Test
    void recordsOfAnotherWriterSchemaAreLeftToAvro() {
        SocialEvent event = TestEvents.requiredFieldsOnly();
        assertThat(CurrentSchemaReader.read(TestEvents.encodedWithSchemaVersion(1, event)))
                .isNull();
        byte[] otherFingerprint = EventCodec.encode(event);
        otherFingerprint[5] ^= 1;
        assertThat(CurrentSchemaReader.read(otherFingerprint)).isNull();
        assertThat(CurrentSchemaReader.read(new byte[] {(byte) 0xC3, 0x01})).isNull();
    }

    @Test
    void bytesAfterTheRecordAreLeftToAvro() {
        byte[] value = EventCodec.encode(TestEvents.requiredFieldsOnly());
        assertThat(CurrentSchemaReader.read(value)).isNotNull();
        assertThat(CurrentSchemaReader.read(Arrays.copyOf(value, value.length + 1)))
                .isNull();
    }
}
