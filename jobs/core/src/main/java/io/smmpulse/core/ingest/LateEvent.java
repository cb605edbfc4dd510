package io.smmpulse.core.ingest;

import io.smmpulse.schema.SocialEvent;

/** An event that arrived later than the allowed lateness behind the watermark: kept, counted, in no KPI. */
public class LateEvent {
    public SocialEvent event;
    public long watermark;

    public LateEvent() {}

    public LateEvent(SocialEvent event, long watermark) {
        this.event = event;
        this.watermark = watermark;
    }
}
