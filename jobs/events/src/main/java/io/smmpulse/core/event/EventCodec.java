package io.smmpulse.core.event;

import io.smmpulse.schema.SocialEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;

/**
 * Avro single-object encoding of {@link SocialEvent} for Kafka values (header C3 01, the writer
 * schema's 8-byte fingerprint, then Avro binary). Older and newer writer schemas resolve against
 * the reader schema: every published version ({@link SchemaHistory}) is registered, and others
 * can be with {@link #registerWriterSchema}.
 */
public final class EventCodec {
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    static {
        AvroLimits.apply(MAX_RECORD_BYTES);
    }

    private static final SchemaStore.Cache WRITER_SCHEMAS = new SchemaStore.Cache();
    private static final BinaryMessageDecoder<SocialEvent> DECODER =
            new BinaryMessageDecoder<>(SpecificData.get(), SocialEvent.getClassSchema(), WRITER_SCHEMAS);

    static {
        SchemaHistory.socialEvent().forEach(EventCodec::registerWriterSchema);
    }

    private EventCodec() {}

    /** Lets the decoder resolve records written with another (older or newer) version of the schema. */
    public static void registerWriterSchema(Schema writer) {
        WRITER_SCHEMAS.addSchema(writer);
        DECODER.addSchema(writer);
    }

    public static byte[] encode(SocialEvent event) {
        return singleObject(SocialEvent.getEncoder(), event);
    }

    /** Any generated record in single-object encoding, with the generated class's encoder. */
    public static <T> byte[] singleObject(BinaryMessageEncoder<T> encoder, T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + record, e);
        }
    }

    /**
     * Decodes one Kafka value; a heartbeat of the alert clock becomes a heartbeat, a record that is not
     * a valid event a rejection with the reason.
     */
    public static Envelope decode(byte[] value, String rejectionId, String source, long wallClockMillis) {
        String problem;
        Long heartbeat = Heartbeats.isHeartbeat(value) ? Heartbeats.stampedAt(value) : null;
        if (heartbeat != null) {
            return Envelope.heartbeat(heartbeat);
        }
        if (value == null) {
            problem = "empty record (null value)";
        } else if (value.length > MAX_RECORD_BYTES) {
            problem = "record of " + value.length + " bytes is over the limit of " + MAX_RECORD_BYTES + " bytes";
        } else {
            try {
                ByteArrayInputStream in = new ByteArrayInputStream(value);
                SocialEvent event = DECODER.decode(in, null);
                problem = in.available() > 0
                        ? in.available() + " bytes after the end of the Avro record (one event per Kafka record)"
                        : EventRules.check(event, wallClockMillis);
                if (problem == null) {
                    return Envelope.accepted(event);
                }
            } catch (SystemLimitException | UnsupportedOperationException e) {
                problem = "the Avro record declares a value longer than the record limit: " + e.getMessage();
            } catch (MissingSchemaException e) {
                problem = "unknown schema fingerprint: the writer schema is not registered (" + e.getMessage() + ")";
            } catch (BadHeaderException e) {
                problem = "not Avro single-object encoding: " + e.getMessage();
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NullPointerException e) {
                problem = "cannot decode the Avro record: " + e;
            }
        }
        return Envelope.rejected(
                RejectedEvent.of(rejectionId, source, value == null ? new byte[0] : value, problem, wallClockMillis));
    }
}
