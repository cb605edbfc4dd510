package io.smmpulse.core.spam;

import io.smmpulse.core.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own checks of a serializer over every combination of the verdict's flags, with full and sparse events. */
class ClassifiedEventSerializerTest extends SerializerTestBase<ClassifiedEvent> {

    /** ClassifiedEvent has no equals of its own: equal when the events and both flags are. */
    ClassifiedEventSerializerTest() {
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (should, is) -> should instanceof ClassifiedEvent && is instanceof ClassifiedEvent,
                        (should, is, checker) -> {
                            ClassifiedEvent a = (ClassifiedEvent) should;
                            ClassifiedEvent b = (ClassifiedEvent) is;
                            return a.event.equals(b.event) && a.spam == b.spam && a.revision == b.revision;
                        }));
    }

    @Override
    protected TypeSerializer<ClassifiedEvent> createSerializer() {
        return ClassifiedEventSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ClassifiedEvent> getTypeClass() {
        return ClassifiedEvent.class;
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
