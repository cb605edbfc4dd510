package io.smmpulse.engagement;

import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keyed state of one actor in one community: their funnel-step events still in some window. Flink POJO. */
public class FunnelState {
    /** Ordered by time, then event_id. */
    public List<StepEvent> events = new ArrayList<>();
    /** The level last emitted per funnel and step-1 event (key: funnel, event_id). */
    public Map<String, Integer> emitted = new HashMap<>();

    public Long releaseTimer;

    public FunnelState() {}

    /** What a funnel needs of an event. Flink POJO. */
    public static class StepEvent {
        public long at;
        public String eventId;
        public EventType eventType;
        public LinkTarget linkTarget;
        public boolean byMember;

        public StepEvent() {}
    }
}
