package io.smmpulse.bench;

import io.smmpulse.community.ContentEvent;
import io.smmpulse.community.ContentEventSerializer;
import io.smmpulse.community.GroupDelta;
import io.smmpulse.community.GroupDeltaSerializer;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.CurrentSchemaReader;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.SocialEventSerializer;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.generator.EventGenerator;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What a record costs to cross the network between two tasks, written and read back, with the
 * serializer Flink would pick for it and with the job's own, over the same generated events in one
 * JVM: events ({@link SocialEventSerializer}; the keyed exchange into the spam classifier carries
 * every KPI event), group deltas ({@link GroupDeltaSerializer}) and slim content events
 * ({@link ContentEventSerializer}); and what a Kafka record costs to decode, with Avro's decoder and
 * with the job's reader of its own schema ({@link CurrentSchemaReader}; docs/performance.md).
 */
final class RecordsInFlight {
    private static final int EVENTS = 200_000;
    private static final int ROUNDS = 5;

    record Result(double usualNanos, double ownNanos, double usualBytes, double ownBytes) {}

    private RecordsInFlight() {}

    /** The first {@code count} well-formed events of the generator's traffic at 12,000 events/s. */
    static List<SocialEvent> generated(Communities communities, int count) {
        List<SocialEvent> events = new ArrayList<>(count);
        EventGenerator generator = new EventGenerator(communities, 11, 12_000, 0);
        for (long until = 1_000; events.size() < count; until += 1_000) {
            generator.advanceTo(until, generated -> {
                if (generated.event() != null && events.size() < count) {
                    events.add(generated.event());
                }
            });
        }
        return events;
    }

    /** Events, with the serializer Flink picks for the Avro record and with the job's. */
    static Result events(List<SocialEvent> generated) throws IOException {
        List<SocialEvent> events = generated.subList(0, Math.min(EVENTS, generated.size()));
        return compare(
                events,
                TypeInformation.of(SocialEvent.class).createSerializer(new SerializerConfigImpl()),
                SocialEventSerializer.INSTANCE,
                SocialEvent::getEventId);
    }

    /**
     * Group deltas of one event each (a community, platform and day; four counters; the actor as a
     * member of one set), with Flink's POJO serializer and with the job's.
     */
    static Result groupDeltas(List<SocialEvent> generated) throws IOException {
        List<GroupDelta> deltas = new ArrayList<>(EVENTS);
        for (SocialEvent e : generated.subList(0, Math.min(EVENTS, generated.size()))) {
            String day = e.getOccurredAt().toString().substring(0, 10);
            deltas.add(new GroupDelta(
                            "community_daily",
                            new String[] {e.getCommunityId(), e.getPlatform(), day},
                            e.getOccurredAt().toEpochMilli(),
                            4,
                            4,
                            1)
                    .count(e.getEventType().ordinal() % 4)
                    .member(e.getEventType().ordinal() % 4, e.getActorId()));
        }
        return compare(
                deltas,
                TypeInformation.of(GroupDelta.class).createSerializer(new SerializerConfigImpl()),
                GroupDeltaSerializer.INSTANCE,
                d -> d.memberNames[0]);
    }

    /** Slim content events of the post each event names, with Flink's POJO serializer and with the job's. */
    static Result contentEvents(List<SocialEvent> generated) throws IOException {
        List<ContentEvent> slim = new ArrayList<>(EVENTS);
        for (SocialEvent e : generated.subList(0, Math.min(EVENTS, generated.size()))) {
            String post = e.getContentId() != null ? e.getContentId() : e.getEventId();
            slim.add(ContentEvent.of(ClassifiedEvent.notSpam(e), post));
        }
        return compare(
                slim,
                TypeInformation.of(ContentEvent.class).createSerializer(new SerializerConfigImpl()),
                ContentEventSerializer.INSTANCE,
                c -> c.target);
    }

    /** Kafka records decoded by Avro's decoder of the generated class and by the job's reader; bytes are the record's. */
    static Result decoding(List<SocialEvent> generated) throws IOException {
        List<byte[]> records = new ArrayList<>(EVENTS);
        long bytes = 0;
        for (SocialEvent e : generated.subList(0, Math.min(EVENTS, generated.size()))) {
            byte[] record = EventCodec.encode(e);
            records.add(record);
            bytes += record.length;
        }
        var avro = SocialEvent.getDecoder();
        double avroBest = Double.MAX_VALUE;
        double readerBest = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                check(avro.decode(records.get(i)), generated.get(i));
            }
            avroBest = Math.min(avroBest, (System.nanoTime() - start) / (double) records.size());
            start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                check(CurrentSchemaReader.read(records.get(i)), generated.get(i));
            }
            readerBest = Math.min(readerBest, (System.nanoTime() - start) / (double) records.size());
        }
        double perRecord = bytes / (double) records.size();
        return new Result(avroBest, readerBest, perRecord, perRecord);
    }

    private static void check(SocialEvent decoded, SocialEvent encoded) {
        if (decoded == null || !decoded.getEventId().equals(encoded.getEventId())) {
            throw new IllegalStateException("a record was not decoded as encoded: " + encoded.getEventId());
        }
    }

    private static <T> Result compare(
            List<T> records, TypeSerializer<T> usual, TypeSerializer<T> own, Function<T, Object> identity)
            throws IOException {
        double[] usualBest = {Double.MAX_VALUE, 0};
        double[] ownBest = {Double.MAX_VALUE, 0};
        // alternating rounds, best of each: the same JIT and heap conditions for both
        for (int round = 0; round < ROUNDS; round++) {
            keepBest(usualBest, roundTrip(usual, records, identity));
            keepBest(ownBest, roundTrip(own, records, identity));
        }
        return new Result(usualBest[0], ownBest[0], usualBest[1], ownBest[1]);
    }

    private static void keepBest(double[] best, double[] measured) {
        if (measured[0] < best[0]) {
            best[0] = measured[0];
            best[1] = measured[1];
        }
    }

    /** Nanoseconds and bytes per record, each written and read back. */
    private static <T> double[] roundTrip(TypeSerializer<T> serializer, List<T> records, Function<T, Object> identity)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 * 1024);
        DataInputDeserializer in = new DataInputDeserializer();
        long bytes = 0;
        long start = System.nanoTime();
        for (T record : records) {
            out.clear();
            serializer.serialize(record, out);
            bytes += out.length();
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            if (!identity.apply(serializer.deserialize(in)).equals(identity.apply(record))) {
                throw new IllegalStateException("a record did not come back as written: " + identity.apply(record));
            }
        }
        return new double[] {(System.nanoTime() - start) / (double) records.size(), bytes / (double) records.size()};
    }
}
