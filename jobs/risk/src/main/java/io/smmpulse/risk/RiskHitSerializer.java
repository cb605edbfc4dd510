package io.smmpulse.risk;

import io.smmpulse.core.event.InFlightSerializer;
import io.smmpulse.core.event.InFlightStrings;
import io.smmpulse.core.event.InFlightType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Risk hits between tasks, field by field; the community and the signal arrive as shared strings
 * (a handful of values). As a Flink POJO each field would be read and written by reflection and each
 * string char by char, for every member's item (docs/performance.md).
 */
public final class RiskHitSerializer extends InFlightSerializer<RiskHit> {
    private static final long serialVersionUID = 1L;

    public static final RiskHitSerializer INSTANCE = new RiskHitSerializer();

    /** The type of the streams into the risk windows. */
    public static final InFlightType<RiskHit> TYPE = new InFlightType<>(RiskHit.class, INSTANCE);

    private RiskHitSerializer() {}

    @Override
    public RiskHit createInstance() {
        return new RiskHit();
    }

    @Override
    public RiskHit copy(RiskHit from) {
        return new RiskHit(from.communityId, from.signal, from.time, from.delta);
    }

    @Override
    public void serialize(RiskHit hit, DataOutputView out) throws IOException {
        InFlightStrings.write(hit.communityId, out);
        InFlightStrings.write(hit.signal, out);
        out.writeLong(hit.time);
        out.writeInt(hit.delta);
    }

    @Override
    public RiskHit deserialize(DataInputView in) throws IOException {
        return new RiskHit(InFlightStrings.readShared(in), InFlightStrings.readShared(in), in.readLong(), in.readInt());
    }

    @Override
    public TypeSerializerSnapshot<RiskHit> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Risk hits reach a snapshot only in flight, in an unaligned checkpoint; there is one format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RiskHit> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
