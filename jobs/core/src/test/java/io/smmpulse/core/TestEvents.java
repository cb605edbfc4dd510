package io.smmpulse.core;

import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;

/** Hand-made events for tests: short builders for the shapes the KPIs care about. */
public final class TestEvents {
    private TestEvents() {}

    public static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    public static SocialEvent.Builder event(String id, EventType type, String occurredAt, String community, String platform, String actor, ActorRole role) {
        return SocialEvent.newBuilder()
                .setEventId(id).setEventType(type).setOccurredAt(Instant.parse(occurredAt))
                .setPlatform(platform).setCommunityId(community).setActorId(actor).setActorRole(role);
    }

    public static SocialEvent question(String id, String contentId, String occurredAt, String community, String platform, Channel channel, Priority priority) {
        return event(id, EventType.POST, occurredAt, community, platform, "member-1", ActorRole.MEMBER)
                .setContentId(contentId).setThreadId(contentId).setIsQuestion(true).setChannel(channel).setPriority(priority).build();
    }

    public static SocialEvent reply(String id, String questionId, String occurredAt, String community, String platform, ActorRole role) {
        return event(id, EventType.COMMENT, occurredAt, community, platform, role.name().toLowerCase() + "-1", role)
                .setContentId("r-" + id).setParentId(questionId).setThreadId(questionId).build();
    }
}
