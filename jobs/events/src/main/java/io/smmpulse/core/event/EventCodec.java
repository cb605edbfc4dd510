package io.smmpulse.core.event;

import io.smmpulse.schema.SocialEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Avro single-object encoding of {@link SocialEvent} for Kafka values (header C3 01, the writer
 * schema's 8-byte fingerprint, then Avro binary). Older and newer writer schemas resolve against
 * the reader schema: every published version ({@link SchemaHistory}) is registered, and others
 * can be with {@link #registerWriterSchema}.
 */
public final class EventCodec {
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    /** The first byte of a record in a schema registry's wire format (Confluent's, Apicurio's with 4-byte ids). */
    public static final byte REGISTRY_MAGIC = 0;

    /** Readers of each registry writer schema into the current event schema (as many as the registry's cache holds). */
    private static final Map<Schema, SpecificDatumReader<SocialEvent>> READERS = new ConcurrentHashMap<>();

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
     * Decodes one Kafka value in single-object encoding; a heartbeat of the alert clock becomes a
     * heartbeat, a record that is not a valid event a rejection with the reason.
     */
    public static Envelope decode(byte[] value, String rejectionId, String source, long wallClockMillis) {
        return decode(value, rejectionId, source, wallClockMillis, null);
    }

    /**
     * Decodes one Kafka value in either wire format of docs/events.md: single-object encoding, or a
     * schema registry's (byte 0, the writer schema's 4-byte id, Avro binary) with the writer schema
     * from {@code registry} (null: none is set, and such records are rejected with that reason).
     *
     * @throws UncheckedIOException the registry cannot be asked now; the record is not decided
     */
    public static Envelope decode(
            byte[] value, String rejectionId, String source, long wallClockMillis, WriterSchemas registry) {
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
                Decoded decoded = value.length > 0 && value[0] == REGISTRY_MAGIC
                        ? fromRegistryFormat(value, registry)
                        : fromSingleObject(value);
                problem = decoded.problem != null ? decoded.problem : EventRules.check(decoded.event, wallClockMillis);
                if (problem == null) {
                    return Envelope.accepted(decoded.event);
                }
            } catch (SystemLimitException | UnsupportedOperationException e) {
                problem = "the Avro record declares a value longer than the record limit: " + e.getMessage();
            } catch (MissingSchemaException e) {
                problem = "unknown schema fingerprint: the writer schema is not registered (" + e.getMessage() + ")";
            } catch (BadHeaderException e) {
                problem = "not Avro single-object encoding (nor a schema registry's wire format): " + e.getMessage();
            } catch (WriterSchemas.UnusableSchemaException e) {
                problem = e.getMessage();
            } catch (AvroTypeException e) {
                problem = "the writer schema cannot be read as an event: " + e.getMessage();
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NullPointerException e) {
                problem = "cannot decode the Avro record: " + e;
            }
        }
        return Envelope.rejected(
                RejectedEvent.of(rejectionId, source, value == null ? new byte[0] : value, problem, wallClockMillis));
    }

    /** Prefixes Avro binary of {@code event} with the registry wire format's magic byte and {@code schemaId}. */
    public static byte[] registryFormat(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(5 + avroBinary.length)
                .put(REGISTRY_MAGIC)
                .putInt(schemaId)
                .put(avroBinary)
                .array();
    }

    private record Decoded(SocialEvent event, String problem) {}

    private static Decoded fromSingleObject(byte[] value) throws IOException {
        SocialEvent current = CurrentSchemaReader.read(value);
        if (current != null) {
            return new Decoded(current, null);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(value);
        SocialEvent event = DECODER.decode(in, null);
        return in.available() > 0
                ? new Decoded(
                        null, in.available() + " bytes after the end of the Avro record (one event per Kafka record)")
                : new Decoded(event, null);
    }

    private static Decoded fromRegistryFormat(byte[] value, WriterSchemas registry) throws IOException {
        if (value.length < 5) {
            return new Decoded(
                    null, "a schema registry's wire format needs 5 header bytes, the record has " + value.length);
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        if (registry == null) {
            return new Decoded(
                    null,
                    "schema registry wire format (byte 0, schema id " + id
                            + ") but no schema registry is set (PULSE_SCHEMA_REGISTRY_URL)");
        }
        Schema writer;
        try {
            writer = registry.byId(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (writer == null) {
            return new Decoded(null, "unknown schema id " + id + " at the schema registry");
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
        SocialEvent event = READERS.computeIfAbsent(
                        writer, w -> new SpecificDatumReader<>(w, SocialEvent.getClassSchema()))
                .read(null, decoder);
        return decoder.isEnd()
                ? new Decoded(event, null)
                : new Decoded(null, "bytes after the end of the Avro record (one event per Kafka record)");
    }
}
