package io.smmpulse.goals;

import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.escalation.CaseRow;
import io.smmpulse.firstresponse.QuestionRow;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * What one community's goals count, each thing with its time (docs/goals.md, the alert): the keyed state of
 * {@link GoalAlertFunction}, one entry per question, case, item, reaction, member and day, follow, click, proposal and
 * day, post, and conversion.
 */
final class GoalLedger {
    private final MapState<String, GoalItem> items;

    GoalLedger(MapState<String, GoalItem> items) {
        this.items = items;
    }

    /** The tally of the current key's items as of {@code at}, read from the keyed state. */
    GoalTally tally(CommunityConfig config, long at) throws Exception {
        GoalTally tally =
                new GoalTally(GoalTally.kindsOf(config.goals()), config.calendar(), config.helpfulWindowMillis(), at);
        for (Map.Entry<String, GoalItem> entry : items.entries()) {
            tally.put(entry.getKey(), entry.getValue());
        }
        return tally;
    }

    /** Lets go of what only periods that have ended counted. */
    void release(long horizon, GoalTally tally) throws Exception {
        for (String key : tally.release(horizon)) {
            items.remove(key);
        }
    }

    private void put(String key, GoalItem item, GoalTally tally) throws Exception {
        items.put(key, item);
        tally.put(key, item);
    }

    private void remove(String key, GoalTally tally) throws Exception {
        items.remove(key);
        tally.put(key, null);
    }

    /** Folds an input into what the goals count. */
    void remember(GoalInput input, CommunityConfig config, GoalTally tally) throws Exception {
        if (input.question != null) {
            QuestionRow q = input.question;
            GoalItem item = GoalItem.of(GoalItem.QUESTION, q.askedAt);
            item.deadline = q.deadlineAt;
            item.responded = q.respondedAt;
            item.spam = q.spam;
            put(Keys.of(GoalItem.QUESTION, q.platform, q.questionId), item, tally);
            return;
        }
        if (input.resolvedCase != null) {
            CaseRow c = input.resolvedCase;
            String key = Keys.of(GoalItem.CASE, c.caseId);
            if (c.withdrawn) {
                GoalItem known = tally.item(key);
                if (known != null && known.time == c.resolvedAt) {
                    remove(key, tally);
                }
                return;
            }
            GoalItem item = GoalItem.of(GoalItem.CASE, c.resolvedAt);
            item.flag = c.escalated;
            put(key, item, tally);
            return;
        }
        rememberEvent(input.event, config, tally);
    }

    private void rememberEvent(ClassifiedEvent c, CommunityConfig config, GoalTally tally) throws Exception {
        SocialEvent e = c.event;
        long time = e.getOccurredAt().toEpochMilli();
        String actor = e.getActorId();
        if (SpamTopology.isMemberItem(e)) {
            String key = Keys.of(GoalItem.UGC, e.getEventId());
            GoalItem known = tally.item(key);
            if (c.revision && known == null) {
                return;
            }
            GoalItem item = c.revision ? known.copy() : GoalItem.of(GoalItem.UGC, time);
            item.member = actor;
            item.ref = e.getContentId();
            item.flag = config.isNegative(e);
            item.comment = e.getEventType() == EventType.COMMENT;
            item.thread = e.getThreadId();
            item.spam = c.spam;
            put(key, item, tally);
            return;
        }
        boolean member = Roles.isMember(e.getActorRole());
        switch (e.getEventType()) {
            case POST -> {
                boolean brandPost = Roles.isBrandSide(e.getActorRole()) && e.getContentId() != null;
                if (brandPost && e.getNextStep() != null) {
                    GoalItem post = GoalItem.of(GoalItem.POST, time);
                    post.ref = e.getContentId();
                    post.step = e.getNextStep().name();
                    put(Keys.of(GoalItem.POST, e.getContentId()), post, tally);
                }
                return;
            }
            case FOLLOW, UNFOLLOW -> {
                GoalItem follow = GoalItem.of(GoalItem.FOLLOW, time);
                follow.sign = e.getEventType() == EventType.FOLLOW ? 1 : -1;
                put(Keys.of(GoalItem.FOLLOW, e.getEventId()), follow, tally);
                return;
            }
            case PROPOSAL_IMPLEMENTED -> {
                keepEarliest(
                        tally,
                        Keys.of(GoalItem.PROPOSAL, e.getProposalId(), day(config, time)),
                        GoalItem.PROPOSAL,
                        time,
                        null,
                        e.getProposalId());
                return;
            }
            default -> {}
        }
        if (e.getEventType() == EventType.LINK_CLICK && member) {
            put(Keys.of(GoalItem.CLICK, e.getEventId()), GoalItem.of(GoalItem.CLICK, time), tally);
        }
        if (EventRules.isHelpfulReaction(e) && e.getContentId() != null) {
            keepEarliest(
                    tally,
                    Keys.of(GoalItem.HELPFUL, e.getContentId(), actor),
                    GoalItem.HELPFUL,
                    time,
                    actor,
                    e.getContentId());
        }
        if (e.getContentId() != null
                && switch (e.getEventType()) {
                    case VOTE, FORM_SUBMIT, EVENT_SIGNUP, LINK_CLICK -> true;
                    default -> false;
                }) {
            String target = e.getLinkTarget() == null ? null : e.getLinkTarget().name();
            String key = Keys.of(
                    GoalItem.CONVERSION,
                    e.getContentId(),
                    actor,
                    e.getEventType().name(),
                    String.valueOf(target));
            GoalItem conversion = GoalItem.of(GoalItem.CONVERSION, time);
            conversion.member = actor;
            conversion.ref = e.getContentId();
            conversion.step = e.getEventType().name();
            conversion.linkTarget = target;
            keepEarliest(tally, key, conversion);
        }
        // members' items returned above: their activity is read from the item itself
        if (member && EventRules.ACTIVITY_TYPES.contains(e.getEventType())) {
            keepEarliest(tally, Keys.of(GoalItem.ACTIVE, actor, day(config, time)), GoalItem.ACTIVE, time, actor, null);
        }
    }

    private static String day(CommunityConfig config, long time) {
        return Long.toString(config.calendar().localDay(time).epochDay());
    }

    private void keepEarliest(GoalTally tally, String key, String kind, long time, String member, String ref)
            throws Exception {
        GoalItem item = GoalItem.of(kind, time);
        item.member = member;
        item.ref = ref;
        keepEarliest(tally, key, item);
    }

    /** Keeps {@code item} under {@code key} unless an item at the same time or earlier is there. */
    private void keepEarliest(GoalTally tally, String key, GoalItem item) throws Exception {
        GoalItem known = tally.item(key);
        if (known == null || item.time < known.time) {
            put(key, item, tally);
        }
    }
}
