package io.smmpulse.core.spam;

import io.smmpulse.schema.SocialEvent;

/** One POST/COMMENT of an actor, kept while a later or earlier item may still count it. Flink POJO. */
public class SpamItem {
    public long time;
    public String eventId;
    public boolean spam;
    public SocialEvent event;

    public SpamItem() {}

    SpamItem(SocialEvent event, boolean spam) {
        this.time = event.getOccurredAt().toEpochMilli();
        this.eventId = event.getEventId();
        this.spam = spam;
        this.event = event;
    }

    /** The spam rule's order: by occurred_at, equal times by event_id (string order). */
    int compareTo(SpamItem other) {
        int byTime = Long.compare(time, other.time);
        return byTime != 0 ? byTime : eventId.compareTo(other.eventId);
    }
}
