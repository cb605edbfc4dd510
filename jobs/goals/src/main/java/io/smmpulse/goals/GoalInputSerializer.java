package io.smmpulse.goals;

import io.smmpulse.core.event.InFlightSerializer;
import io.smmpulse.core.event.InFlightStrings;
import io.smmpulse.core.event.InFlightType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Goal inputs between tasks, with their item, field by field. As Flink POJOs (an input, and its item
 * inside) each field would be read and written by reflection and each string char by char, for every
 * change the goal alerts' ledger receives (docs/performance.md). The ledger keeps its items with the
 * serializer Flink picks for {@link GoalItem}: this one is for the network only.
 */
public final class GoalInputSerializer extends InFlightSerializer<GoalInput> {
    private static final long serialVersionUID = 1L;

    public static final GoalInputSerializer INSTANCE = new GoalInputSerializer();

    /** The type of the streams into the goal alerts. */
    public static final InFlightType<GoalInput> TYPE = new InFlightType<>(GoalInput.class, INSTANCE);

    private static final GoalInput.Rule[] RULES = GoalInput.Rule.values();

    private static final int EARLIEST_ONLY = 1;
    private static final int HAS_ITEM = 2;

    private static final int FLAG = 1;
    private static final int COMMENT = 2;
    private static final int SPAM = 4;
    private static final int HAS_DEADLINE = 8;
    private static final int HAS_RESPONDED = 16;

    private GoalInputSerializer() {}

    @Override
    public GoalInput createInstance() {
        return new GoalInput();
    }

    @Override
    public GoalInput copy(GoalInput from) {
        GoalInput copy = new GoalInput();
        copy.community = from.community;
        copy.time = from.time;
        copy.earliestOnly = from.earliestOnly;
        copy.key = from.key;
        copy.item = from.item == null ? null : copy(from.item);
        copy.rule = from.rule;
        return copy;
    }

    private static GoalItem copy(GoalItem from) {
        GoalItem copy = new GoalItem();
        copy.kind = from.kind;
        copy.time = from.time;
        copy.member = from.member;
        copy.ref = from.ref;
        copy.step = from.step;
        copy.linkTarget = from.linkTarget;
        copy.thread = from.thread;
        copy.deadline = from.deadline;
        copy.responded = from.responded;
        copy.flag = from.flag;
        copy.comment = from.comment;
        copy.spam = from.spam;
        copy.sign = from.sign;
        return copy;
    }

    @Override
    public void serialize(GoalInput input, DataOutputView out) throws IOException {
        InFlightStrings.write(input.community, out);
        out.writeLong(input.time);
        out.writeByte((input.earliestOnly ? EARLIEST_ONLY : 0) | (input.item != null ? HAS_ITEM : 0));
        InFlightStrings.write(input.key, out);
        out.writeByte(input.rule == null ? -1 : input.rule.ordinal());
        if (input.item != null) {
            serialize(input.item, out);
        }
    }

    private static void serialize(GoalItem item, DataOutputView out) throws IOException {
        InFlightStrings.write(item.kind, out);
        out.writeLong(item.time);
        InFlightStrings.write(item.member, out);
        InFlightStrings.write(item.ref, out);
        InFlightStrings.write(item.step, out);
        InFlightStrings.write(item.linkTarget, out);
        InFlightStrings.write(item.thread, out);
        out.writeByte((item.flag ? FLAG : 0)
                | (item.comment ? COMMENT : 0)
                | (item.spam ? SPAM : 0)
                | (item.deadline != null ? HAS_DEADLINE : 0)
                | (item.responded != null ? HAS_RESPONDED : 0));
        if (item.deadline != null) {
            out.writeLong(item.deadline);
        }
        if (item.responded != null) {
            out.writeLong(item.responded);
        }
        out.writeInt(item.sign);
    }

    @Override
    public GoalInput deserialize(DataInputView in) throws IOException {
        GoalInput input = new GoalInput();
        input.community = InFlightStrings.readShared(in);
        input.time = in.readLong();
        int flags = in.readUnsignedByte();
        input.earliestOnly = (flags & EARLIEST_ONLY) != 0;
        input.key = InFlightStrings.read(in);
        int rule = in.readByte();
        input.rule = rule < 0 ? null : RULES[rule];
        if ((flags & HAS_ITEM) != 0) {
            input.item = deserializeItem(in);
        }
        return input;
    }

    private static GoalItem deserializeItem(DataInputView in) throws IOException {
        GoalItem item = new GoalItem();
        item.kind = InFlightStrings.readShared(in);
        item.time = in.readLong();
        item.member = InFlightStrings.read(in);
        item.ref = InFlightStrings.read(in);
        item.step = InFlightStrings.readShared(in);
        item.linkTarget = InFlightStrings.readShared(in);
        item.thread = InFlightStrings.read(in);
        int flags = in.readUnsignedByte();
        item.flag = (flags & FLAG) != 0;
        item.comment = (flags & COMMENT) != 0;
        item.spam = (flags & SPAM) != 0;
        item.deadline = (flags & HAS_DEADLINE) != 0 ? in.readLong() : null;
        item.responded = (flags & HAS_RESPONDED) != 0 ? in.readLong() : null;
        item.sign = in.readInt();
        return item;
    }

    @Override
    public TypeSerializerSnapshot<GoalInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Goal inputs reach a snapshot only in flight, in an unaligned checkpoint; there is one format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GoalInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
