package io.smmpulse.bench;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.SocialEventSerializer;
import io.smmpulse.generator.EventGenerator;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What an event costs to cross the network between two tasks, written and read back, with the
 * serializer Flink would pick for the Avro record and with the job's own ({@link SocialEventSerializer}),
 * over the same generated events in one JVM: the keyed exchange into the spam classifier carries
 * every KPI event this way (docs/performance.md).
 */
final class RecordsInFlight {
    private static final int EVENTS = 200_000;
    private static final int ROUNDS = 5;

    record Result(double avroNanos, double ownNanos, double avroBytes, double ownBytes) {}

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

    static Result measure(List<SocialEvent> generated) throws IOException {
        List<SocialEvent> events = generated.subList(0, Math.min(EVENTS, generated.size()));
        TypeSerializer<SocialEvent> avro =
                TypeInformation.of(SocialEvent.class).createSerializer(new SerializerConfigImpl());
        TypeSerializer<SocialEvent> own = SocialEventSerializer.INSTANCE;
        double[] avroBest = {Double.MAX_VALUE, 0};
        double[] ownBest = {Double.MAX_VALUE, 0};
        // alternating rounds, best of each: the same JIT and heap conditions for both
        for (int round = 0; round < ROUNDS; round++) {
            keepBest(avroBest, roundTrip(avro, events));
            keepBest(ownBest, roundTrip(own, events));
        }
        return new Result(avroBest[0], ownBest[0], avroBest[1], ownBest[1]);
    }

    private static void keepBest(double[] best, double[] measured) {
        if (measured[0] < best[0]) {
            best[0] = measured[0];
            best[1] = measured[1];
        }
    }

    /** Nanoseconds and bytes per event, each written and read back. */
    private static double[] roundTrip(TypeSerializer<SocialEvent> serializer, List<SocialEvent> events)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 * 1024);
        DataInputDeserializer in = new DataInputDeserializer();
        long bytes = 0;
        long start = System.nanoTime();
        for (SocialEvent event : events) {
            out.clear();
            serializer.serialize(event, out);
            bytes += out.length();
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            if (!serializer.deserialize(in).getEventId().equals(event.getEventId())) {
                throw new IllegalStateException("an event did not come back as written: " + event.getEventId());
            }
        }
        return new double[] {(System.nanoTime() - start) / (double) events.size(), bytes / (double) events.size()};
    }
}
