package io.smmpulse.core.spam;

import io.smmpulse.core.TestEvents;
import io.smmpulse.core.event.InFlightSerializerTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Flink's own checks of a serializer over every combination of the verdict's flags, with full and sparse events. */
class ClassifiedEventSerializerTest extends InFlightSerializerTestBase<ClassifiedEvent> {

    /** ClassifiedEvent has no equals of its own: equal when the events and both flags are. */
    ClassifiedEventSerializerTest() {
        super(
                ClassifiedEventSerializer.INSTANCE,
                ClassifiedEvent.class,
                (a, b) -> a.event.equals(b.event) && a.spam == b.spam && a.revision == b.revision);
    }

    @Override
    protected ClassifiedEvent[] getTestData() {
        Random random = new Random(11);
        List<ClassifiedEvent> events = new ArrayList<>();
        for (boolean spam : new boolean[] {false, true}) {
            for (boolean revision : new boolean[] {false, true}) {
                events.add(new ClassifiedEvent(TestEvents.everyFieldDrawn(random), spam, revision));
                events.add(new ClassifiedEvent(TestEvents.requiredFieldsOnly(), spam, revision));
            }
        }
        return events.toArray(ClassifiedEvent[]::new);
    }
}
