package io.smmpulse.core.event;

import io.smmpulse.schema.ActorRole;

/** docs/events.md, roles: members are MEMBER and EXPERT; the brand side is STAFF and MODERATOR; BOT is neither. */
public final class Roles {
    private Roles() {}

    public static boolean isMember(ActorRole role) {
        return role == ActorRole.MEMBER || role == ActorRole.EXPERT;
    }

    public static boolean isBrandSide(ActorRole role) {
        return role == ActorRole.STAFF || role == ActorRole.MODERATOR;
    }
}
