package io.smmpulse.core.event;

import io.smmpulse.schema.SocialEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.SystemLimitException;

/**
 * Reads an event in single-object encoding written with the schema this job was built with, field by
 * field in the schema's order. Avro's decoder takes its generic path for this record (its timestamp's
 * logical type keeps Avro from generating coders): a union resolved, a conversion looked up, an enum
 * built per field, 4 % of the live job's samples (docs/performance.md).
 *
 * <p>Only the records it reads exactly as Avro would: another writer schema, a union or enum index
 * out of range, a boolean byte other than 0 or 1, a length past the record or over Avro's limits,
 * bytes after the record: for any of them it answers null and Avro's decoder decides (and gives the
 * reason of a rejection). Written for the schema of {@link CurrentSchema},
 * which fails to load for any other.
 */
public final class CurrentSchemaReader {
    private final byte[] bytes;
    private int position;

    private CurrentSchemaReader(byte[] bytes) {
        this.bytes = bytes;
        this.position = CurrentSchema.HEADER_BYTES;
    }

    /** The event, or null when Avro's decoder is to decide (see the class comment). */
    public static SocialEvent read(byte[] value) {
        if (!CurrentSchema.writtenWith(value)) {
            return null;
        }
        try {
            CurrentSchemaReader in = new CurrentSchemaReader(value);
            SocialEvent event = in.event();
            return in.position == value.length ? event : null;
        } catch (NotAsAvroReads | ArrayIndexOutOfBoundsException | SystemLimitException e) {
            return null;
        }
    }

    private SocialEvent event() {
        SocialEvent e = new SocialEvent();
        e.setEventId(string());
        e.setEventType(symbol(CurrentSchema.EVENT_TYPES));
        e.setOccurredAt(Instant.ofEpochMilli(varLong()));
        e.setPlatform(string());
        e.setCommunityId(string());
        e.setActorId(string());
        e.setActorRole(symbol(CurrentSchema.ROLES));
        e.setContentId(optionalString());
        e.setParentId(optionalString());
        e.setThreadId(optionalString());
        e.setChannel(symbol(CurrentSchema.CHANNELS));
        e.setIsQuestion(bool());
        e.setPriority(symbol(CurrentSchema.PRIORITIES));
        e.setNextStep(present() ? symbol(CurrentSchema.NEXT_STEPS) : null);
        e.setReaction(optionalString());
        e.setLinkTarget(present() ? symbol(CurrentSchema.LINK_TARGETS) : null);
        e.setUtmSource(optionalString());
        e.setUtmMedium(optionalString());
        e.setUtmCampaign(optionalString());
        e.setUtmContent(optionalString());
        e.setCaseId(optionalString());
        e.setProposalId(optionalString());
        e.setText(optionalString());
        e.setSentiment(present() ? symbol(CurrentSchema.SENTIMENTS) : null);
        return e;
    }

    /** An enum's symbol by its index. */
    private <E> E symbol(E[] symbols) {
        return symbols[index(symbols.length)];
    }

    /** A union of null and a value, null first: whether the value follows. */
    private boolean present() {
        return index(2) == 1;
    }

    private String optionalString() {
        return present() ? string() : null;
    }

    private String string() {
        int length = varInt();
        if (length < 0 || length > bytes.length - position) {
            throw new NotAsAvroReads();
        }
        SystemLimitException.checkMaxStringLength(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    private boolean bool() {
        int b = bytes[position++];
        if (b != 0 && b != 1) {
            throw new NotAsAvroReads();
        }
        return b == 1;
    }

    /** An enum symbol's or union branch's index below {@code count}. */
    private int index(int count) {
        int index = varInt();
        if (index < 0 || index >= count) {
            throw new NotAsAvroReads();
        }
        return index;
    }

    /** A zig-zag variable-length int in at most five bytes, none of its bits beyond 32 set. */
    private int varInt() {
        long raw = varint(5);
        if (raw >>> 32 != 0) {
            throw new NotAsAvroReads();
        }
        return (int) (raw >>> 1) ^ -(int) (raw & 1);
    }

    /** A zig-zag variable-length long in at most ten bytes, none of its bits beyond 64 set. */
    private long varLong() {
        long raw = varint(10);
        return (raw >>> 1) ^ -(raw & 1);
    }

    private long varint(int maxBytes) {
        long raw = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = bytes[position++] & 0xFF;
            int shift = 7 * i;
            if (shift == 63 && b > 1) {
                throw new NotAsAvroReads();
            }
            raw |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return raw;
            }
        }
        throw new NotAsAvroReads();
    }

    /** The record holds something Avro's decoder reads otherwise or rejects: it decides. */
    private static final class NotAsAvroReads extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAsAvroReads() {
            super(null, null, false, false);
        }
    }
}
