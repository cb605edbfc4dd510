package io.smmpulse.core.event;

import io.smmpulse.schema.SocialEvent;

/**
 * What a source yields for one record: an accepted event, its rejection, or a heartbeat of the
 * alert clock (the instant it was stamped with), exactly one of them.
 */
public class Envelope {
    public SocialEvent event;
    public RejectedEvent rejected;
    public Long heartbeatStampedAt;

    public Envelope() {}

    public static Envelope accepted(SocialEvent event) {
        Envelope envelope = new Envelope();
        event.setPlatform(SharedStrings.of(event.getPlatform()));
        event.setCommunityId(SharedStrings.of(event.getCommunityId()));
        envelope.event = event;
        return envelope;
    }

    public static Envelope rejected(RejectedEvent rejected) {
        Envelope envelope = new Envelope();
        envelope.rejected = rejected;
        return envelope;
    }

    public static Envelope heartbeat(long stampedAt) {
        Envelope envelope = new Envelope();
        envelope.heartbeatStampedAt = stampedAt;
        return envelope;
    }

    public boolean isHeartbeat() {
        return heartbeatStampedAt != null;
    }

    public boolean isAccepted() {
        return event != null;
    }

    /** Event time for watermarks; a rejection or a heartbeat has none and must not move the watermark. */
    public long eventTime() {
        return event != null ? event.getOccurredAt().toEpochMilli() : Long.MIN_VALUE;
    }
}
