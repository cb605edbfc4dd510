package io.smmpulse.core.spam;

import io.smmpulse.core.event.InFlightType;
import io.smmpulse.core.event.SocialEventSerializer;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Classified events between tasks: the verdict's two flags in a byte, then the event
 * ({@link SocialEventSerializer}). As a Flink POJO the event would take Avro's generic path at every
 * hop to the tasks that are not chained to the classifier (retention, campaigns, first response,
 * cases).
 */
public final class ClassifiedEventSerializer extends TypeSerializer<ClassifiedEvent> {
    private static final long serialVersionUID = 1L;

    public static final ClassifiedEventSerializer INSTANCE =
            new ClassifiedEventSerializer(SocialEventSerializer.INSTANCE);

    /** The type of the classifier's output. */
    public static final InFlightType<ClassifiedEvent> TYPE = new InFlightType<>(ClassifiedEvent.class, INSTANCE);

    private static final int SPAM = 1;
    private static final int REVISION = 2;

    private final TypeSerializer<SocialEvent> events;

    private ClassifiedEventSerializer(TypeSerializer<SocialEvent> events) {
        this.events = events;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ClassifiedEvent> duplicate() {
        return this;
    }

    @Override
    public ClassifiedEvent createInstance() {
        return new ClassifiedEvent();
    }

    @Override
    public ClassifiedEvent copy(ClassifiedEvent from) {
        return new ClassifiedEvent(events.copy(from.event), from.spam, from.revision);
    }

    @Override
    public ClassifiedEvent copy(ClassifiedEvent from, ClassifiedEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ClassifiedEvent record, DataOutputView out) throws IOException {
        out.writeByte((record.spam ? SPAM : 0) | (record.revision ? REVISION : 0));
        events.serialize(record.event, out);
    }

    @Override
    public ClassifiedEvent deserialize(DataInputView in) throws IOException {
        int flags = in.readByte();
        return new ClassifiedEvent(events.deserialize(in), (flags & SPAM) != 0, (flags & REVISION) != 0);
    }

    @Override
    public ClassifiedEvent deserialize(ClassifiedEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeByte(source.readByte());
        events.copy(source, target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassifiedEventSerializer that && events.equals(that.events);
    }

    @Override
    public int hashCode() {
        return events.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<ClassifiedEvent> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The event's serializer decides what the records in flight of an unaligned checkpoint can be read with. */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<ClassifiedEvent, ClassifiedEventSerializer> {
        public Snapshot() {}

        Snapshot(ClassifiedEventSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(ClassifiedEventSerializer outer) {
            return new TypeSerializer<?>[] {outer.events};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected ClassifiedEventSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new ClassifiedEventSerializer((TypeSerializer<SocialEvent>) nested[0]);
        }
    }
}
