package io.smmpulse.goals;

import io.smmpulse.core.config.Goal;
import io.smmpulse.core.event.NextSteps;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docs/goals.md, the metrics, as they stood at an instant, counted afresh from their definitions: over the items placed
 * in a period, counting only what had happened by then (an answer, a breach, a helpful reaction, a conversion). Shares
 * and averages are null without a denominator. The reference the job's {@link GoalTally} is held to.
 */
final class GoalMetrics {
    private static final long WEEK_MILLIS = 7L * 86_400_000;

    private final Map<Goal.Metric, Double> values = new HashMap<>();

    private GoalMetrics() {}

    Double value(Goal.Metric metric) {
        return values.get(metric);
    }

    private static boolean inWeek(GoalItem post, long time) {
        return time >= post.time && time < post.time + WEEK_MILLIS;
    }

    /** The metrics of the period [start, end) from what had happened by {@code at}. */
    static GoalMetrics at(Iterable<GoalItem> items, long start, long end, long at, long helpfulWindowMillis) {
        long within = 0, breached = 0, answered = 0, frtTotal = 0, ugc = 0, negative = 0, follows = 0, clicks = 0;
        long resolved = 0, withoutEscalation = 0;
        Map<String, List<GoalItem>> ugcItems = new HashMap<>();
        Map<String, GoalItem> posts = new HashMap<>();
        List<GoalItem> reactions = new java.util.ArrayList<>();
        List<GoalItem> conversions = new java.util.ArrayList<>();
        List<GoalItem> threadComments = new java.util.ArrayList<>();
        Set<String> active = new HashSet<>();
        Set<String> proposals = new HashSet<>();
        for (GoalItem item : items) {
            if (item.time > at) {
                continue;
            }
            switch (item.kind) {
                case GoalItem.HELPFUL -> reactions.add(item);
                case GoalItem.CONVERSION -> conversions.add(item);
                case GoalItem.POST -> {
                    if (item.time >= start && item.time < end) {
                        posts.put(item.ref, item);
                    }
                }
                case GoalItem.UGC -> {
                    if (!item.spam && item.comment) {
                        threadComments.add(item);
                    }
                }
                default -> {}
            }
            if (item.time < start || item.time >= end) {
                continue;
            }
            switch (item.kind) {
                case GoalItem.QUESTION -> {
                    if (item.spam) {
                        break;
                    }
                    boolean inTime = item.responded != null && item.deadline != null && item.responded <= item.deadline;
                    if (item.responded != null && item.responded <= at) {
                        answered++;
                        frtTotal += item.responded - item.time;
                        within += inTime ? 1 : 0;
                    }
                    if (item.deadline != null && item.deadline < at && !inTime) {
                        breached++;
                    }
                }
                case GoalItem.CASE -> {
                    resolved++;
                    withoutEscalation += item.flag ? 0 : 1;
                }
                case GoalItem.UGC -> {
                    if (!item.spam) {
                        ugc++;
                        negative += item.flag ? 1 : 0;
                        ugcItems.computeIfAbsent(item.ref, k -> new java.util.ArrayList<>(1))
                                .add(item);
                        active.add(item.member);
                    }
                }
                case GoalItem.ACTIVE -> active.add(item.member);
                case GoalItem.FOLLOW -> follows += item.sign;
                case GoalItem.CLICK -> clicks++;
                case GoalItem.PROPOSAL -> proposals.add(item.ref);
                default -> {}
            }
        }
        Set<String> helpful = new HashSet<>();
        for (GoalItem reaction : reactions) {
            for (GoalItem item : ugcItems.getOrDefault(reaction.ref, List.of())) {
                if (!reaction.member.equals(item.member)
                        && reaction.time >= item.time
                        && reaction.time < item.time + helpfulWindowMillis) {
                    helpful.add(reaction.ref);
                }
            }
        }
        Set<String> converters = new HashSet<>();
        for (GoalItem conversion : conversions) {
            GoalItem post = posts.get(conversion.ref);
            if (post != null
                    && inWeek(post, conversion.time)
                    && NextSteps.takes(post.step, conversion.step, conversion.linkTarget)) {
                converters.add(conversion.ref + "\u0001" + conversion.member);
            }
        }
        for (GoalItem comment : threadComments) {
            GoalItem post = posts.get(comment.thread);
            if (post != null && "THREAD".equals(post.step) && inWeek(post, comment.time)) {
                converters.add(comment.thread + "\u0001" + comment.member);
            }
        }
        GoalMetrics m = new GoalMetrics();
        m.values.put(Goal.Metric.SLA_SHARE, within + breached == 0 ? null : within / (double) (within + breached));
        m.values.put(Goal.Metric.FRT_AVG_S, answered == 0 ? null : frtTotal / (double) answered / 1000);
        m.values.put(Goal.Metric.UGC_ITEMS, (double) ugc);
        m.values.put(Goal.Metric.HELPFUL_SHARE, ugc == 0 ? null : helpful.size() / (double) ugc);
        m.values.put(Goal.Metric.ACTIVE_MEMBERS, (double) active.size());
        m.values.put(Goal.Metric.NET_FOLLOWS, (double) follows);
        m.values.put(Goal.Metric.LINK_CLICKS, (double) clicks);
        m.values.put(Goal.Metric.CONVERTERS_7D, (double) converters.size());
        m.values.put(
                Goal.Metric.RESOLVED_WITHOUT_ESCALATION_SHARE,
                resolved == 0 ? null : withoutEscalation / (double) resolved);
        m.values.put(Goal.Metric.PROPOSALS_IMPLEMENTED, (double) proposals.size());
        m.values.put(Goal.Metric.NEGATIVE_SHARE, ugc == 0 ? null : negative / (double) ugc);
        return m;
    }
}
