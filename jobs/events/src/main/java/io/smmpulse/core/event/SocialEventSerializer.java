package io.smmpulse.core.event;

import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Events between tasks, field by field in the schema's order. Flink's Avro serializer goes through
 * Avro's generic path for this record (its timestamp's logical type keeps Avro from generating
 * coders of its own): a union resolved, a conversion looked up and an enum symbol found by name
 * per field. The job's keyed exchanges carry every KPI event this way (docs/performance.md).
 *
 * <p>Only for records in flight: state keeps Avro, whose snapshot can follow the schema's evolution.
 * Written for one version of the schema ({@link CurrentSchema}); any other stops the class
 * from loading, in the build's tests first.
 */
public final class SocialEventSerializer extends InFlightSerializer<SocialEvent> {
    private static final long serialVersionUID = 1L;

    public static final SocialEventSerializer INSTANCE = new SocialEventSerializer();

    /** The type of event streams that cross the network. */
    public static final InFlightType<SocialEvent> TYPE = new InFlightType<>(SocialEvent.class, INSTANCE);

    private SocialEventSerializer() {}

    @Override
    public SocialEvent createInstance() {
        return new SocialEvent();
    }

    @Override
    public SocialEvent copy(SocialEvent from) {
        return SocialEvent.newBuilder(from).build();
    }

    @Override
    public void serialize(SocialEvent e, DataOutputView out) throws IOException {
        InFlightStrings.write(e.getEventId(), out);
        out.writeByte(e.getEventType().ordinal());
        out.writeLong(e.getOccurredAt().toEpochMilli());
        InFlightStrings.write(e.getPlatform(), out);
        InFlightStrings.write(e.getCommunityId(), out);
        InFlightStrings.write(e.getActorId(), out);
        out.writeByte(e.getActorRole().ordinal());
        InFlightStrings.write(e.getContentId(), out);
        InFlightStrings.write(e.getParentId(), out);
        InFlightStrings.write(e.getThreadId(), out);
        out.writeByte(e.getChannel().ordinal());
        out.writeBoolean(e.getIsQuestion());
        out.writeByte(e.getPriority().ordinal());
        writeNullable(e.getNextStep(), out);
        InFlightStrings.write(e.getReaction(), out);
        writeNullable(e.getLinkTarget(), out);
        InFlightStrings.write(e.getUtmSource(), out);
        InFlightStrings.write(e.getUtmMedium(), out);
        InFlightStrings.write(e.getUtmCampaign(), out);
        InFlightStrings.write(e.getUtmContent(), out);
        InFlightStrings.write(e.getCaseId(), out);
        InFlightStrings.write(e.getProposalId(), out);
        InFlightStrings.write(e.getText(), out);
        writeNullable(e.getSentiment(), out);
    }

    @Override
    public SocialEvent deserialize(DataInputView in) throws IOException {
        SocialEvent e = new SocialEvent();
        e.setEventId(InFlightStrings.read(in));
        e.setEventType(CurrentSchema.EVENT_TYPES[in.readByte()]);
        e.setOccurredAt(Instant.ofEpochMilli(in.readLong()));
        e.setPlatform(InFlightStrings.readShared(in));
        e.setCommunityId(InFlightStrings.readShared(in));
        e.setActorId(InFlightStrings.read(in));
        e.setActorRole(CurrentSchema.ROLES[in.readByte()]);
        e.setContentId(InFlightStrings.read(in));
        e.setParentId(InFlightStrings.read(in));
        e.setThreadId(InFlightStrings.read(in));
        e.setChannel(CurrentSchema.CHANNELS[in.readByte()]);
        e.setIsQuestion(in.readBoolean());
        e.setPriority(CurrentSchema.PRIORITIES[in.readByte()]);
        e.setNextStep(readNullable(CurrentSchema.NEXT_STEPS, in));
        e.setReaction(InFlightStrings.read(in));
        e.setLinkTarget(readNullable(CurrentSchema.LINK_TARGETS, in));
        e.setUtmSource(InFlightStrings.read(in));
        e.setUtmMedium(InFlightStrings.read(in));
        e.setUtmCampaign(InFlightStrings.read(in));
        e.setUtmContent(InFlightStrings.read(in));
        e.setCaseId(InFlightStrings.read(in));
        e.setProposalId(InFlightStrings.read(in));
        e.setText(InFlightStrings.read(in));
        e.setSentiment(readNullable(CurrentSchema.SENTIMENTS, in));
        return e;
    }

    private static void writeNullable(Enum<?> symbol, DataOutputView out) throws IOException {
        out.writeByte(symbol == null ? 0 : symbol.ordinal() + 1);
    }

    private static <E extends Enum<E>> E readNullable(E[] symbols, DataInputView in) throws IOException {
        int code = in.readByte();
        return code == 0 ? null : symbols[code - 1];
    }

    @Override
    public TypeSerializerSnapshot<SocialEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Records in flight reach a snapshot only in an unaligned checkpoint; the snapshot holds the
     * schema they were written with, and only the same schema reads them.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SocialEvent> {
        private String schema = SocialEvent.getClassSchema().toString();

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            InFlightStrings.write(schema, out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            schema = InFlightStrings.read(in);
        }

        @Override
        public TypeSerializer<SocialEvent> restoreSerializer() {
            return INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<SocialEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SocialEvent> oldSnapshot) {
            return oldSnapshot instanceof Snapshot old && old.schema.equals(schema)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
