package io.smmpulse.core.event;

import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.NextStep;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.Sentiment;
import io.smmpulse.schema.SocialEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The rules of docs/events.md that apply to a decoded event whatever its encoding (JSON Lines or Avro). */
public final class EventRules {
    public static final Duration MAX_AHEAD_OF_WALL_CLOCK = Duration.ofHours(24);
    public static final int MAX_ID_LENGTH = 256;
    public static final int MAX_TEXT_LENGTH = 64 * 1024;

    /** Ids and tags: every string field but text. */
    private static final String[] BOUNDED_FIELDS = {
        "event_id",
        "platform",
        "community_id",
        "actor_id",
        "content_id",
        "parent_id",
        "thread_id",
        "case_id",
        "proposal_id",
        "reaction",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_content"
    };

    /** The fields' positions in the record, looked up once rather than by name for every event. */
    private static final int[] BOUNDED_POSITIONS = java.util.Arrays.stream(BOUNDED_FIELDS)
            .mapToInt(field -> SocialEvent.getClassSchema().getField(field).pos())
            .toArray();

    private EventRules() {}

    /** Normalises what the spec allows to vary and returns the reason the event is invalid, or null. */
    public static String check(SocialEvent event, long wallClockMillis) {
        event.setPlatform(event.getPlatform().toLowerCase(Locale.ROOT));
        if (event.getEventId().isEmpty()) {
            return "event_id is empty";
        }
        for (int i = 0; i < BOUNDED_FIELDS.length; i++) {
            String field = BOUNDED_FIELDS[i];
            Object value = event.get(BOUNDED_POSITIONS[i]);
            if (value != null && value.toString().length() > MAX_ID_LENGTH) {
                return field + " is longer than " + MAX_ID_LENGTH + " characters";
            }
            if (value != null && !Keys.fits(value.toString())) {
                return field + " holds the control character U+0001, which no id may contain";
            }
        }
        if (event.getText() != null && event.getText().length() > MAX_TEXT_LENGTH) {
            return "text is longer than " + MAX_TEXT_LENGTH + " characters";
        }
        EventType type = event.getEventType();
        if ((type == EventType.POST || type == EventType.COMMENT)
                && (event.getContentId() == null || event.getContentId().isEmpty())) {
            return type + " without content_id";
        }
        Instant limit = Instant.ofEpochMilli(wallClockMillis).plus(MAX_AHEAD_OF_WALL_CLOCK);
        if (event.getOccurredAt().isAfter(limit)) {
            return "occurred_at " + event.getOccurredAt() + " is more than 24 h after the wall clock ("
                    + Instant.ofEpochMilli(wallClockMillis) + ")";
        }
        return null;
    }

    /** docs/kpis.md, activity share: the event types that make a member active (spam items aside). */
    public static final java.util.Set<EventType> ACTIVITY_TYPES =
            java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
                    EventType.POST,
                    EventType.COMMENT,
                    EventType.REACTION,
                    EventType.VOTE,
                    EventType.SHARE,
                    EventType.SAVE,
                    EventType.VIEW,
                    EventType.LINK_CLICK,
                    EventType.FORM_SUBMIT,
                    EventType.EVENT_SIGNUP));

    /** docs/kpis.md, UGC: a REACTION {@code helpful}, compared case-insensitively. */
    public static boolean isHelpfulReaction(SocialEvent e) {
        return e.getEventType() == EventType.REACTION
                && e.getReaction() != null
                && e.getReaction().equalsIgnoreCase("helpful");
    }

    /** A member's POST or COMMENT that asks the brand something (spam aside, which the classified stream says). */
    public static boolean isQuestion(SocialEvent e) {
        return (e.getEventType() == EventType.POST || e.getEventType() == EventType.COMMENT)
                && e.getIsQuestion()
                && Roles.isMember(e.getActorRole())
                && e.getContentId() != null;
    }

    /** docs/events.md: an event with an UNKNOWN symbol (from a newer writer schema) is kept in events and counts in no KPI. */
    public static boolean countsInKpis(SocialEvent event) {
        return event.getEventType() != EventType.UNKNOWN
                && event.getActorRole() != ActorRole.UNKNOWN
                && event.getChannel() != Channel.UNKNOWN
                && event.getPriority() != Priority.UNKNOWN
                && event.getNextStep() != NextStep.UNKNOWN
                && event.getLinkTarget() != LinkTarget.UNKNOWN
                && event.getSentiment() != Sentiment.UNKNOWN;
    }
}
