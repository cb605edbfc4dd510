package io.smmpulse.community;

import io.smmpulse.core.event.InFlightSerializer;
import io.smmpulse.core.event.InFlightStrings;
import io.smmpulse.core.event.InFlightType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Slim content events between tasks, field by field, the four flags in a byte. As a Flink POJO each
 * field would be read and written by reflection and each string char by char, for every event the
 * per-post and per-item functions read (docs/performance.md). The community and the enum names
 * arrive as shared strings: a handful of values, looked up by value downstream.
 */
public final class ContentEventSerializer extends InFlightSerializer<ContentEvent> {
    private static final long serialVersionUID = 1L;

    public static final ContentEventSerializer INSTANCE = new ContentEventSerializer();

    /** The type of the streams of slim content events. */
    public static final InFlightType<ContentEvent> TYPE = new InFlightType<>(ContentEvent.class, INSTANCE);

    private static final int BRAND_POST = 1;
    private static final int MEMBER_ITEM = 2;
    private static final int SPAM = 4;
    private static final int REVISION = 8;

    private ContentEventSerializer() {}

    @Override
    public ContentEvent createInstance() {
        return new ContentEvent();
    }

    @Override
    public ContentEvent copy(ContentEvent from) {
        ContentEvent copy = new ContentEvent();
        copy.community = from.community;
        copy.target = from.target;
        copy.type = from.type;
        copy.actor = from.actor;
        copy.time = from.time;
        copy.linkTarget = from.linkTarget;
        copy.nextStep = from.nextStep;
        copy.brandPost = from.brandPost;
        copy.memberItem = from.memberItem;
        copy.spam = from.spam;
        copy.revision = from.revision;
        return copy;
    }

    @Override
    public void serialize(ContentEvent e, DataOutputView out) throws IOException {
        InFlightStrings.write(e.community, out);
        InFlightStrings.write(e.target, out);
        InFlightStrings.write(e.type, out);
        InFlightStrings.write(e.actor, out);
        out.writeLong(e.time);
        InFlightStrings.write(e.linkTarget, out);
        InFlightStrings.write(e.nextStep, out);
        out.writeByte((e.brandPost ? BRAND_POST : 0)
                | (e.memberItem ? MEMBER_ITEM : 0)
                | (e.spam ? SPAM : 0)
                | (e.revision ? REVISION : 0));
    }

    @Override
    public ContentEvent deserialize(DataInputView in) throws IOException {
        ContentEvent e = new ContentEvent();
        e.community = InFlightStrings.readShared(in);
        e.target = InFlightStrings.read(in);
        e.type = InFlightStrings.readShared(in);
        e.actor = InFlightStrings.read(in);
        e.time = in.readLong();
        e.linkTarget = InFlightStrings.readShared(in);
        e.nextStep = InFlightStrings.readShared(in);
        int flags = in.readUnsignedByte();
        e.brandPost = (flags & BRAND_POST) != 0;
        e.memberItem = (flags & MEMBER_ITEM) != 0;
        e.spam = (flags & SPAM) != 0;
        e.revision = (flags & REVISION) != 0;
        return e;
    }

    @Override
    public TypeSerializerSnapshot<ContentEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Content events reach a snapshot only in flight, in an unaligned checkpoint; there is one format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ContentEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
