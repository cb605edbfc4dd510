package io.smmpulse.core.event;

import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.NextStep;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.Sentiment;
import io.smmpulse.schema.SocialEvent;
import org.apache.avro.SchemaNormalization;

/**
 * The version of the event schema that the job's hand-written codecs follow ({@link SocialEventSerializer} between
 * tasks, {@link CurrentSchemaReader} at the source), and its enums' symbols by index. A new version of the schema
 * stops this class, and with it both codecs, from loading until their fields follow it and {@link #FINGERPRINT} is
 * brought in step (docs/events.md).
 */
final class CurrentSchema {
    /** The parsing fingerprint (names, types, field order and enum symbols; not docs or defaults). */
    static final long FINGERPRINT = -6196567629983780980L;

    /** C3 01 and the writer schema's 8-byte fingerprint before the Avro binary. */
    static final int HEADER_BYTES = 10;

    static final EventType[] EVENT_TYPES = EventType.values();
    static final ActorRole[] ROLES = ActorRole.values();
    static final Channel[] CHANNELS = Channel.values();
    static final Priority[] PRIORITIES = Priority.values();
    static final NextStep[] NEXT_STEPS = NextStep.values();
    static final LinkTarget[] LINK_TARGETS = LinkTarget.values();
    static final Sentiment[] SENTIMENTS = Sentiment.values();

    static {
        long fingerprint = SchemaNormalization.parsingFingerprint64(SocialEvent.getClassSchema());
        if (fingerprint != FINGERPRINT) {
            throw new IllegalStateException("the event schema has changed (parsing fingerprint " + fingerprint
                    + "): follow it in SocialEventSerializer and CurrentSchemaReader, then set CurrentSchema.FINGERPRINT"
                    + " to it");
        }
    }

    private CurrentSchema() {}

    /** Whether the record's single-object header (C3 01, the fingerprint little-endian) names this version. */
    static boolean writtenWith(byte[] value) {
        if (value.length < HEADER_BYTES || value[0] != (byte) 0xC3 || value[1] != 0x01) {
            return false;
        }
        long fingerprint = 0;
        for (int i = HEADER_BYTES - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (value[i] & 0xFF);
        }
        return fingerprint == FINGERPRINT;
    }
}
