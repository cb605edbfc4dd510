package io.smmpulse.community;

import io.smmpulse.core.event.InFlightSerializer;
import io.smmpulse.core.event.InFlightStrings;
import io.smmpulse.core.event.InFlightType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.array.BooleanPrimitiveArraySerializer;
import org.apache.flink.api.common.typeutils.base.array.IntPrimitiveArraySerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Group deltas between tasks, field by field. As a Flink POJO each field would be read and written
 * by reflection and each string char by char, for every delta the group KPIs send to their
 * aggregator (docs/performance.md). Arrays are written as they are (none, or their lengths and
 * values): a delta comes back exactly as it was sent.
 */
public final class GroupDeltaSerializer extends InFlightSerializer<GroupDelta> {
    private static final long serialVersionUID = 1L;

    public static final GroupDeltaSerializer INSTANCE = new GroupDeltaSerializer();

    /** The type of the streams of group deltas. */
    public static final InFlightType<GroupDelta> TYPE = new InFlightType<>(GroupDelta.class, INSTANCE);

    private GroupDeltaSerializer() {}

    @Override
    public GroupDelta createInstance() {
        return new GroupDelta();
    }

    @Override
    public GroupDelta copy(GroupDelta from) {
        GroupDelta copy = new GroupDelta();
        copy.kpi = from.kpi;
        copy.dims = from.dims == null ? null : from.dims.clone();
        copy.closeAt = from.closeAt;
        copy.counts = from.counts == null ? null : from.counts.clone();
        copy.sets = from.sets;
        copy.memberSets = from.memberSets == null ? null : from.memberSets.clone();
        copy.memberNames = from.memberNames == null ? null : from.memberNames.clone();
        copy.memberCounts = from.memberCounts == null ? null : from.memberCounts.clone();
        copy.memberLasting = from.memberLasting == null ? null : from.memberLasting.clone();
        return copy;
    }

    @Override
    public void serialize(GroupDelta delta, DataOutputView out) throws IOException {
        InFlightStrings.write(delta.kpi, out);
        writeStrings(delta.dims, out);
        out.writeLong(delta.closeAt);
        writeArray(delta.counts, LongPrimitiveArraySerializer.INSTANCE, out);
        out.writeInt(delta.sets);
        writeArray(delta.memberSets, IntPrimitiveArraySerializer.INSTANCE, out);
        writeStrings(delta.memberNames, out);
        writeArray(delta.memberCounts, IntPrimitiveArraySerializer.INSTANCE, out);
        writeArray(delta.memberLasting, BooleanPrimitiveArraySerializer.INSTANCE, out);
    }

    @Override
    public GroupDelta deserialize(DataInputView in) throws IOException {
        GroupDelta delta = new GroupDelta();
        delta.kpi = InFlightStrings.read(in);
        delta.dims = readStrings(in);
        delta.closeAt = in.readLong();
        delta.counts = readArray(LongPrimitiveArraySerializer.INSTANCE, in);
        delta.sets = in.readInt();
        delta.memberSets = readArray(IntPrimitiveArraySerializer.INSTANCE, in);
        delta.memberNames = readStrings(in);
        delta.memberCounts = readArray(IntPrimitiveArraySerializer.INSTANCE, in);
        delta.memberLasting = readArray(BooleanPrimitiveArraySerializer.INSTANCE, in);
        return delta;
    }

    /** Whether there is an array, then the array by Flink's serializer of it (its length, its values). */
    private static <A> void writeArray(A values, TypeSerializer<A> array, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            array.serialize(values, out);
        }
    }

    private static <A> A readArray(TypeSerializer<A> array, DataInputView in) throws IOException {
        return in.readBoolean() ? array.deserialize(in) : null;
    }

    /** As {@link #writeArray}, each string as {@link InFlightStrings} writes it. */
    private static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            out.writeInt(values.length);
            for (String value : values) {
                InFlightStrings.write(value, out);
            }
        }
    }

    private static String[] readStrings(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String[] values = new String[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = InFlightStrings.read(in);
        }
        return values;
    }

    @Override
    public TypeSerializerSnapshot<GroupDelta> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Group deltas reach a snapshot only in flight, in an unaligned checkpoint; there is one format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupDelta> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
