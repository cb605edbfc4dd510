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
import java.util.ArrayList;
import java.util.List;
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

    Iterable<GoalItem> items() throws Exception {
        return items.values();
    }

    /** Lets go of what only periods that have ended counted. */
    void release(long horizon) throws Exception {
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, GoalItem> entry : items.entries()) {
            if (entry.getValue().time < horizon) {
                gone.add(entry.getKey());
            }
        }
        for (String key : gone) {
            items.remove(key);
        }
    }

    /** Folds an input into what the goals count. */
    void remember(GoalInput input, CommunityConfig config) throws Exception {
        if (input.question != null) {
            QuestionRow q = input.question;
            GoalItem item = GoalItem.of(GoalItem.QUESTION, q.askedAt);
            item.deadline = q.deadlineAt;
            item.responded = q.respondedAt;
            item.spam = q.spam;
            items.put(Keys.of(GoalItem.QUESTION, q.platform, q.questionId), item);
            return;
        }
        if (input.resolvedCase != null) {
            CaseRow c = input.resolvedCase;
            String key = Keys.of(GoalItem.CASE, c.caseId);
            if (c.withdrawn) {
                GoalItem known = items.get(key);
                if (known != null && known.time == c.resolvedAt) {
                    items.remove(key);
                }
                return;
            }
            GoalItem item = GoalItem.of(GoalItem.CASE, c.resolvedAt);
            item.flag = c.escalated;
            items.put(key, item);
            return;
        }
        rememberEvent(input.event, config);
    }

    private void rememberEvent(ClassifiedEvent c, CommunityConfig config) throws Exception {
        SocialEvent e = c.event;
        long time = e.getOccurredAt().toEpochMilli();
        String actor = e.getActorId();
        if (SpamTopology.isMemberItem(e)) {
            String key = Keys.of(GoalItem.UGC, e.getEventId());
            GoalItem item = c.revision ? items.get(key) : GoalItem.of(GoalItem.UGC, time);
            if (item == null) {
                return;
            }
            item.member = actor;
            item.ref = e.getContentId();
            item.flag = config.isNegative(e);
            item.comment = e.getEventType() == EventType.COMMENT;
            item.thread = e.getThreadId();
            item.spam = c.spam;
            items.put(key, item);
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
                    items.put(Keys.of(GoalItem.POST, e.getContentId()), post);
                }
                return;
            }
            case FOLLOW, UNFOLLOW -> {
                GoalItem follow = GoalItem.of(GoalItem.FOLLOW, time);
                follow.sign = e.getEventType() == EventType.FOLLOW ? 1 : -1;
                items.put(Keys.of(GoalItem.FOLLOW, e.getEventId()), follow);
                return;
            }
            case PROPOSAL_IMPLEMENTED -> {
                keepEarliest(
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
            items.put(Keys.of(GoalItem.CLICK, e.getEventId()), GoalItem.of(GoalItem.CLICK, time));
        }
        if (EventRules.isHelpfulReaction(e) && e.getContentId() != null) {
            keepEarliest(
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
            GoalItem conversion = keepEarliest(key, GoalItem.CONVERSION, time, actor, e.getContentId());
            conversion.step = e.getEventType().name();
            conversion.linkTarget = target;
            items.put(key, conversion);
        }
        // members' items returned above: their activity is read from the item itself
        if (member && EventRules.ACTIVITY_TYPES.contains(e.getEventType())) {
            keepEarliest(Keys.of(GoalItem.ACTIVE, actor, day(config, time)), GoalItem.ACTIVE, time, actor, null);
        }
    }

    private static String day(CommunityConfig config, long time) {
        return Long.toString(config.calendar().localDay(time).epochDay());
    }

    private GoalItem keepEarliest(String key, String kind, long time, String member, String ref) throws Exception {
        GoalItem known = items.get(key);
        if (known != null && known.time <= time) {
            return known;
        }
        GoalItem item = GoalItem.of(kind, time);
        item.member = member;
        item.ref = ref;
        items.put(key, item);
        return item;
    }
}
