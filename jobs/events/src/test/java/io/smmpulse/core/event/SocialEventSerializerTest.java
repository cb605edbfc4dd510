package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.TestEvents;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own checks of a serializer (copies, snapshots, duplicates, concurrent use) over events
 * in which every field varies on its own: a field written in the wrong place or not at all makes
 * some event come back different.
 */
class SocialEventSerializerTest extends InFlightSerializerTestBase<SocialEvent> {

    SocialEventSerializerTest() {
        super(SocialEventSerializer.INSTANCE, SocialEvent.class);
    }

    @Override
    protected SocialEvent[] getTestData() {
        List<SocialEvent> events = new ArrayList<>();
        events.add(TestEvents.everyFieldDrawn(new Random(1)));
        events.add(TestEvents.requiredFieldsOnly());
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            SocialEvent e = TestEvents.everyFieldDrawn(random);
            for (Schema.Field field : SocialEvent.getClassSchema().getFields()) {
                if (isNullable(field) && random.nextBoolean()) {
                    e.put(field.pos(), null);
                }
            }
            events.add(e);
        }
        return events.toArray(SocialEvent[]::new);
    }

    @Test
    void isWrittenForTheSchemaOfTheBuild() {
        assertThat(SchemaNormalization.parsingFingerprint64(SocialEvent.getClassSchema()))
                .isEqualTo(CurrentSchema.FINGERPRINT);
    }

    @Test
    void carriesLongAndNonAsciiTextAndTheTimestampToTheMillisecond() throws Exception {
        SocialEvent event = TestEvents.everyFieldDrawn(new Random(3));
        event.setText("ünïcødé 🙂 ".repeat(3_000));
        event.setOccurredAt(Instant.parse("2026-03-02T09:00:00.123Z"));
        SocialEvent back = roundTrip(event);
        assertThat(back).isEqualTo(event);
        assertThat(back.getText()).hasSize(event.getText().length());
    }

    @Test
    void sharesTheInstanceOfPlatformAndCommunityAcrossEvents() throws Exception {
        SocialEvent event = TestEvents.everyFieldDrawn(new Random(5));
        SocialEvent first = roundTrip(event);
        SocialEvent second = roundTrip(event);
        assertThat(second.getCommunityId()).isSameAs(first.getCommunityId());
        assertThat(second.getPlatform()).isSameAs(first.getPlatform());
        assertThat(second.getActorId()).isNotSameAs(first.getActorId());
    }

    @Test
    void aSnapshotOfAnotherSchemaCannotReadTheRecords() throws Exception {
        SocialEventSerializer.Snapshot current = new SocialEventSerializer.Snapshot();
        SocialEventSerializer.Snapshot older = new SocialEventSerializer.Snapshot();
        DataOutputSerializer out = new DataOutputSerializer(64);
        InFlightStrings.write("{\"type\":\"record\",\"name\":\"Older\",\"fields\":[]}", out);
        older.readSnapshot(
                1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(current.resolveSchemaCompatibility(older).isIncompatible()).isTrue();
        assertThat(current.resolveSchemaCompatibility(new SocialEventSerializer.Snapshot())
                        .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void aSnapshotWithTextBeyondAsciiInItsSchemaReadsBackAsWritten() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        InFlightStrings.write("{\"type\":\"record\",\"name\":\"E\",\"doc\":\"ünïcødé – 🙂\",\"fields\":[]}", out);
        SocialEventSerializer.Snapshot written = new SocialEventSerializer.Snapshot();
        written.readSnapshot(
                1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        DataOutputSerializer again = new DataOutputSerializer(64);
        written.writeSnapshot(again);
        SocialEventSerializer.Snapshot read = new SocialEventSerializer.Snapshot();
        read.readSnapshot(
                1,
                new DataInputDeserializer(again.getCopyOfBuffer()),
                getClass().getClassLoader());

        assertThat(read.resolveSchemaCompatibility(written).isCompatibleAsIs()).isTrue();
    }

    private static SocialEvent roundTrip(SocialEvent event) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SocialEventSerializer.INSTANCE.serialize(event, out);
        return SocialEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static boolean isNullable(Schema.Field field) {
        return field.schema().getType() == Schema.Type.UNION;
    }
}
