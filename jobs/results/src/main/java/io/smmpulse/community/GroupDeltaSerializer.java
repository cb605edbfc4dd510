package io.smmpulse.community;

import io.smmpulse.core.event.InFlightStrings;
import io.smmpulse.core.event.InFlightType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Group deltas between tasks, field by field. As a Flink POJO each field would be read and written
 * by reflection and each string char by char, for every delta the group KPIs send to their
 * aggregator (docs/performance.md). Arrays are written with their lengths (-1 for none), each as it
 * is: a delta comes back exactly as it was sent.
 */
public final class GroupDeltaSerializer extends TypeSerializerSingleton<GroupDelta> {
    private static final long serialVersionUID = 1L;

    public static final GroupDeltaSerializer INSTANCE = new GroupDeltaSerializer();

    /** The type of the streams of group deltas. */
    public static final InFlightType<GroupDelta> TYPE = new InFlightType<>(GroupDelta.class, INSTANCE);

    private GroupDeltaSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

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
    public GroupDelta copy(GroupDelta from, GroupDelta reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(GroupDelta delta, DataOutputView out) throws IOException {
        InFlightStrings.write(delta.kpi, out);
        writeStrings(delta.dims, out);
        out.writeLong(delta.closeAt);
        if (delta.counts == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(delta.counts.length);
            for (long count : delta.counts) {
                out.writeLong(count);
            }
        }
        out.writeInt(delta.sets);
        writeInts(delta.memberSets, out);
        writeStrings(delta.memberNames, out);
        writeInts(delta.memberCounts, out);
        if (delta.memberLasting == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(delta.memberLasting.length);
            for (boolean lasting : delta.memberLasting) {
                out.writeBoolean(lasting);
            }
        }
    }

    @Override
    public GroupDelta deserialize(DataInputView in) throws IOException {
        GroupDelta delta = new GroupDelta();
        delta.kpi = InFlightStrings.read(in);
        delta.dims = readStrings(in);
        delta.closeAt = in.readLong();
        int counters = in.readInt();
        if (counters >= 0) {
            delta.counts = new long[counters];
            for (int i = 0; i < counters; i++) {
                delta.counts[i] = in.readLong();
            }
        } else {
            delta.counts = null;
        }
        delta.sets = in.readInt();
        delta.memberSets = readInts(in);
        delta.memberNames = readStrings(in);
        delta.memberCounts = readInts(in);
        int flags = in.readInt();
        if (flags >= 0) {
            delta.memberLasting = new boolean[flags];
            for (int i = 0; i < flags; i++) {
                delta.memberLasting[i] = in.readBoolean();
            }
        } else {
            delta.memberLasting = null;
        }
        return delta;
    }

    @Override
    public GroupDelta deserialize(GroupDelta reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeStrings(String[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (String value : values) {
            InFlightStrings.write(value, out);
        }
    }

    private static String[] readStrings(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = InFlightStrings.read(in);
        }
        return values;
    }

    private static void writeInts(int[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static int[] readInts(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readInt();
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
