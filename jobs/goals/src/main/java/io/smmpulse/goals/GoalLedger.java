package io.smmpulse.goals;

import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.escalation.CaseRow;
import io.smmpulse.firstresponse.QuestionRow;
import io.smmpulse.goals.GoalInput.Rule;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.util.Map;
import java.util.function.Consumer;
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
        GoalTally tally = GoalTally.forCommunity(config, at);
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

    /** Folds a change into what the goals count. */
    void remember(GoalInput input, GoalTally tally) throws Exception {
        GoalItem known = tally.item(input.key);
        switch (input.rule) {
            case PUT -> put(input.key, input.item, tally);
            case IF_KEPT -> {
                if (known != null) {
                    put(input.key, input.item, tally);
                }
            }
            case EARLIEST -> {
                if (known == null || input.item.time < known.time) {
                    put(input.key, input.item, tally);
                }
            }
            case WITHDRAW -> {
                if (known != null && known.time == input.item.time) {
                    remove(input.key, tally);
                }
            }
        }
    }

    /** What a question's current row changes. */
    static GoalInput changeOf(QuestionRow q) {
        GoalItem item = GoalItem.of(GoalItem.QUESTION, q.askedAt);
        item.deadline = q.deadlineAt;
        item.responded = q.respondedAt;
        item.spam = q.spam;
        return GoalInput.of(q.communityId, Keys.of(GoalItem.QUESTION, q.platform, q.questionId), item, Rule.PUT);
    }

    /** What a case's resolution (or its withdrawal) changes. */
    static GoalInput changeOf(CaseRow c) {
        GoalItem item = GoalItem.of(GoalItem.CASE, c.resolvedAt);
        item.flag = c.escalated;
        return GoalInput.of(
                c.communityId, Keys.of(GoalItem.CASE, c.caseId), item, c.withdrawn ? Rule.WITHDRAW : Rule.PUT);
    }

    /**
     * What a classified event changes, made where the event is (before the network), so that only keys and things
     * cross it.
     */
    static void changesOf(ClassifiedEvent c, CommunityConfig config, Consumer<GoalInput> out) {
        SocialEvent e = c.event;
        String community = e.getCommunityId();
        long time = e.getOccurredAt().toEpochMilli();
        String actor = e.getActorId();
        if (SpamTopology.isMemberItem(e)) {
            GoalItem item = GoalItem.of(GoalItem.UGC, time);
            item.member = actor;
            item.ref = e.getContentId();
            item.flag = config.isNegative(e);
            item.comment = e.getEventType() == EventType.COMMENT;
            item.thread = e.getThreadId();
            item.spam = c.spam;
            out.accept(GoalInput.of(
                    community, Keys.of(GoalItem.UGC, e.getEventId()), item, c.revision ? Rule.IF_KEPT : Rule.PUT));
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
                    out.accept(GoalInput.of(community, Keys.of(GoalItem.POST, e.getContentId()), post, Rule.PUT));
                }
                return;
            }
            case FOLLOW, UNFOLLOW -> {
                GoalItem follow = GoalItem.of(GoalItem.FOLLOW, time);
                follow.sign = e.getEventType() == EventType.FOLLOW ? 1 : -1;
                out.accept(GoalInput.of(community, Keys.of(GoalItem.FOLLOW, e.getEventId()), follow, Rule.PUT));
                return;
            }
            case PROPOSAL_IMPLEMENTED -> {
                earliest(
                        out,
                        community,
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
            out.accept(GoalInput.of(
                    community, Keys.of(GoalItem.CLICK, e.getEventId()), GoalItem.of(GoalItem.CLICK, time), Rule.PUT));
        }
        if (EventRules.isHelpfulReaction(e) && e.getContentId() != null) {
            earliest(
                    out,
                    community,
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
            out.accept(GoalInput.of(community, key, conversion, Rule.EARLIEST));
        }
        // members' items returned above: their activity is read from the item itself
        if (member && EventRules.ACTIVITY_TYPES.contains(e.getEventType())) {
            earliest(
                    out,
                    community,
                    Keys.of(GoalItem.ACTIVE, actor, day(config, time)),
                    GoalItem.ACTIVE,
                    time,
                    actor,
                    null);
        }
    }

    private static String day(CommunityConfig config, long time) {
        return config.calendar().localDay(time).epochDayText();
    }

    private static void earliest(
            Consumer<GoalInput> out, String community, String key, String kind, long time, String member, String ref) {
        GoalItem item = GoalItem.of(kind, time);
        item.member = member;
        item.ref = ref;
        out.accept(GoalInput.of(community, key, item, Rule.EARLIEST));
    }
}
