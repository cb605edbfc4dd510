package io.smmpulse.community;

import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.SocialEvent;

/**
 * The few fields of an event that the per-post and per-item functions read, sent to them instead
 * of the whole event (a fifth of its bytes on the wire), with a serializer of its own ({@link ContentEventSerializer}).
 */
public class ContentEvent {
    public String community;
    /** The post or item the event concerns (the function's key with the community). */
    public String target;

    public String type;
    public String actor;
    public long time;
    public String linkTarget;
    public String nextStep;
    public boolean brandPost;
    public boolean memberItem;
    public boolean spam;
    public boolean revision;

    public ContentEvent() {}

    public static ContentEvent of(ClassifiedEvent c, String target) {
        SocialEvent e = c.event;
        ContentEvent slim = new ContentEvent();
        slim.community = e.getCommunityId();
        slim.target = target;
        slim.type = e.getEventType().name();
        slim.actor = e.getActorId();
        slim.time = e.getOccurredAt().toEpochMilli();
        slim.linkTarget = e.getLinkTarget() == null ? null : e.getLinkTarget().name();
        slim.nextStep = e.getNextStep() == null ? null : e.getNextStep().name();
        slim.brandPost = PostResults.isBrandPost(e);
        slim.memberItem = SpamTopology.isMemberItem(e);
        slim.spam = c.spam;
        slim.revision = c.revision;
        return slim;
    }

    public String key() {
        return Keys.of(community, target);
    }
}
