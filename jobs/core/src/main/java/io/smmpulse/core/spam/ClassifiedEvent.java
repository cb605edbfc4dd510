package io.smmpulse.core.spam;

import io.smmpulse.schema.SocialEvent;

/**
 * An event with its spam verdict. {@code revision} marks a correction: an item that was passed
 * as not spam is spam after all, because an earlier item of the same actor arrived out of order
 * and pushed it over the rate limit. Verdicts only ever move from "not spam" to "spam".
 */
public class ClassifiedEvent {
    public SocialEvent event;
    public boolean spam;
    public boolean revision;

    public ClassifiedEvent() {}

    public ClassifiedEvent(SocialEvent event, boolean spam, boolean revision) {
        this.event = event;
        this.spam = spam;
        this.revision = revision;
    }

    public static ClassifiedEvent notSpam(SocialEvent event) {
        return new ClassifiedEvent(event, false, false);
    }

    @Override
    public String toString() {
        return event.getEventId() + (spam ? " spam" : " ok") + (revision ? " (revision)" : "");
    }
}
