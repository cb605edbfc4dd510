package io.smmpulse.core.ingest;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SplitLateEventsTest {
    private static final long LATENESS = 3_600_000L;

    private static SocialEvent view(String id, String at) {
        return event(id, EventType.VIEW, at, "acme", "x", "u1", ActorRole.MEMBER)
                .setContentId("p1")
                .build();
    }

    @Test
    void eventsMoreThanTheLatenessBehindTheWatermarkGoToTheLateOutput() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new SplitLateEvents(LATENESS)));
        h.open();
        // before any watermark nothing is late
        h.processElement(view("e0", "2020-01-01T00:00:00Z"), at("2020-01-01T00:00:00Z"));
        h.processWatermark(at("2026-03-02T12:00:00Z"));
        // 10:59:59.999 is more than an hour behind the 12:00 watermark; 11:00:00 is exactly an hour
        h.processElement(view("e1", "2026-03-02T10:59:59.999Z"), at("2026-03-02T10:59:59.999Z"));
        h.processElement(view("e2", "2026-03-02T11:00:00Z"), at("2026-03-02T11:00:00Z"));
        // a copy passes (its consumers absorb it by key)
        h.processElement(view("e2", "2026-03-02T11:00:00Z"), at("2026-03-02T11:00:00Z"));

        assertThat(h.extractOutputValues()).extracting(SocialEvent::getEventId).containsExactly("e0", "e2", "e2");
        assertThat(h.getSideOutput(SplitLateEvents.LATE)).singleElement().satisfies(late -> {
            assertThat(late.getValue().event.getEventId()).isEqualTo("e1");
            assertThat(late.getValue().watermark).isEqualTo(at("2026-03-02T12:00:00Z"));
        });
        h.close();
    }
}
