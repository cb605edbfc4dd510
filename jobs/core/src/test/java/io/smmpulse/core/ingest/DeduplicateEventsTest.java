package io.smmpulse.core.ingest;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest {
    private static final long LATENESS = 3_600_000L;

    private static SocialEvent view(String id, String at) {
        return event(id, EventType.VIEW, at, "acme", "x", "u1", ActorRole.MEMBER).setContentId("p1").build();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, SocialEvent> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new DeduplicateEvents(LATENESS), SocialEvent::getEventId, Types.STRING);
    }

    @Test
    void passesTheFirstCopySplitsLateEventsAndReleasesState() throws Exception {
        var h = harness();
        h.open();
        SocialEvent first = view("e1", "2026-03-02T10:00:00Z");
        h.processElement(first, at("2026-03-02T10:00:00Z"));
        h.processElement(first, at("2026-03-02T10:00:00Z"));
        h.processWatermark(at("2026-03-02T12:00:00Z"));
        // 10:59:59 is more than an hour behind the 12:00 watermark: late; 11:00:00 is not
        h.processElement(view("e2", "2026-03-02T10:59:59Z"), at("2026-03-02T10:59:59Z"));
        h.processElement(view("e3", "2026-03-02T11:00:00Z"), at("2026-03-02T11:00:00Z"));
        h.processElement(view("e3", "2026-03-02T11:00:00Z"), at("2026-03-02T11:00:00Z"));

        assertThat(h.extractOutputValues()).extracting(SocialEvent::getEventId).containsExactly("e1", "e3");
        assertThat(h.getSideOutput(DeduplicateEvents.LATE)).extracting(r -> r.getValue().event.getEventId()).containsExactly("e2");
        assertThat(h.numKeyedStateEntries()).as("e1 released at the 12:00 watermark, e3 kept").isEqualTo(1);
        // e3's copies are late from 12:00:00.001 on; its mark goes with the minute that ends at 12:01
        h.processWatermark(at("2026-03-02T12:00:59.999Z"));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(at("2026-03-02T12:01:00Z"));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void afterARestoreCopiesAreStillDuplicatesAndMarksAreStillReleased() throws Exception {
        var h = harness();
        h.open();
        h.processElement(view("e1", "2026-03-02T10:00:00Z"), at("2026-03-02T10:00:00Z"));
        h.processElement(view("e2", "2026-03-02T10:30:00Z"), at("2026-03-02T10:30:00Z"));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = harness();
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(view("e1", "2026-03-02T10:00:00Z"), at("2026-03-02T10:00:00Z"));
        restored.processElement(view("e3", "2026-03-02T10:40:00Z"), at("2026-03-02T10:40:00Z"));
        assertThat(restored.extractOutputValues()).extracting(SocialEvent::getEventId).containsExactly("e3");
        assertThat(restored.numKeyedStateEntries()).isEqualTo(3);
        restored.processWatermark(at("2026-03-02T11:31:00Z"));
        assertThat(restored.numKeyedStateEntries()).as("e1 and e2 released, e3 kept").isEqualTo(1);
        restored.processWatermark(at("2026-03-02T11:41:00Z"));
        assertThat(restored.numKeyedStateEntries()).isZero();
        restored.close();
    }
}
