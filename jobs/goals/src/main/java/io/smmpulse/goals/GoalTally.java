package io.smmpulse.goals;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.Goal;
import io.smmpulse.core.event.NextSteps;
import io.smmpulse.core.state.Keys;
import io.smmpulse.goals.GoalAlertFunction.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one community's goal items amount to in each period, as of one instant, kept in step with the ledger: the
 * hourly judgement reads its sums instead of going over every item of the period (docs/goals.md, the alert). It
 * gives exactly what counting the metrics' definitions afresh over the same items at that instant gives
 * (GoalTallyTest).
 *
 * <p>Every item's part is a function of the instant: nothing before its own time, and a question's changes at its
 * answer and just past its deadline. An item is folded in with its part at the current instant and listed under the
 * later instants at which its part changes; moving the instant on takes its part at the old instant out and puts its
 * part at the new one in. A changed item takes its old part out first, so nothing here is ever changed in place.
 * Distinct things (members, proposals, helpful items, converters) are counted with how many items name them, so that
 * taking one out is exact. Not checkpointed: rebuilt from the ledger when a job is restored.
 */
final class GoalTally {
    private static final long WEEK_MILLIS = 7L * 86_400_000;
    private static final long HOUR = 3_600_000;

    private final List<Goal.Period> kinds;
    private final BusinessCalendar calendar;
    private final long helpfulWindowMillis;
    private long at;
    /** Items before this are let go. */
    private long released = Long.MIN_VALUE;

    private final Map<String, GoalItem> items = new HashMap<>();
    /**
     * The later changes by the hour they fall in ((h - 1 h, h]): the clock moves a whole hour at a time, so a bucket is
     * taken whole, with no ordering among its changes (a heap of every item read ahead of the clock cost a tenth of
     * the alert's time).
     */
    private final java.util.TreeMap<Long, List<Change>> changes = new java.util.TreeMap<>();

    private final Map<Period, Sums> sums = new HashMap<>();
    /** The counted items the joins look up: UGC items and reactions by item, posts, conversions and comments by post. */
    private final Map<String, List<GoalItem>> itemsByRef = new HashMap<>();

    private final Map<String, List<GoalItem>> reactionsByRef = new HashMap<>();
    private final Map<String, GoalItem> postsByRef = new HashMap<>();
    private final Map<String, List<GoalItem>> conversionsByRef = new HashMap<>();
    private final Map<String, List<GoalItem>> commentsByThread = new HashMap<>();

    /** The periods last looked up, and the instants all of them hold. */
    private List<Period> shared = List.of();

    private long sharedFrom = Long.MAX_VALUE;
    private long sharedTo = Long.MIN_VALUE;

    private record Change(long instant, String key, GoalItem item) {}

    /** What a period's items amount to. */
    private static final class Sums {
        long within, breached, answered, frtTotal, ugc, negative, follows, clicks, resolved, withoutEscalation;
        final Map<String, Integer> active = new HashMap<>();
        final Map<String, Integer> proposals = new HashMap<>();
        /** Per UGC item: the helpful reactions to it. */
        final Map<String, Integer> helpful = new HashMap<>();
        /** Per post and member: what makes the member a converter on the post. */
        final Map<String, Integer> converters = new HashMap<>();
    }

    /**
     * @param kinds the periods the community's goals are judged over
     * @param at the instant the sums stand at
     */
    GoalTally(List<Goal.Period> kinds, BusinessCalendar calendar, long helpfulWindowMillis, long at) {
        this.kinds = List.copyOf(kinds);
        this.calendar = calendar;
        this.helpfulWindowMillis = helpfulWindowMillis;
        this.at = at;
    }

    /** An empty tally of a community's goals, standing at {@code at}. */
    static GoalTally forCommunity(CommunityConfig config, long at) {
        return new GoalTally(kindsOf(config.goals()), config.calendar(), config.helpfulWindowMillis(), at);
    }

    /** The same items summed afresh as of {@code instant}; this tally stays as it is. */
    GoalTally countedAt(long instant) {
        GoalTally other = new GoalTally(kinds, calendar, helpfulWindowMillis, instant);
        items.forEach(other::put);
        return other;
    }

    /** The instant the sums stand at. */
    long at() {
        return at;
    }

    GoalItem item(String key) {
        return items.get(key);
    }

    Iterable<GoalItem> items() {
        return items.values();
    }

    /** The ledger's item under {@code key} is now {@code item} (null: gone). */
    void put(String key, GoalItem item) {
        GoalItem old = item == null ? items.remove(key) : items.put(key, item);
        if (old != null) {
            apply(old, -1);
        }
        if (item != null) {
            apply(item, 1);
            for (long instant : changesOf(item)) {
                if (instant > at) {
                    changes.computeIfAbsent(hourHolding(instant), h -> new ArrayList<>())
                            .add(new Change(instant, key, item));
                }
            }
        }
    }

    /** The instants at which an item's part changes: its own time, and a question's answer and deadline. */
    private static long[] changesOf(GoalItem item) {
        if (!GoalItem.QUESTION.equals(item.kind)) {
            return new long[] {item.time};
        }
        return new long[] {
            item.time,
            item.responded == null ? Long.MIN_VALUE : item.responded,
            item.deadline == null ? Long.MIN_VALUE : item.deadline + 1
        };
    }

    /** Moves the sums to {@code instant}. */
    void advance(long instant) {
        if (instant < at) {
            rebuild(instant); // an earlier first event moved the hours back: rare
            return;
        }
        Map<String, GoalItem> changed = new HashMap<>();
        while (!changes.isEmpty() && changes.firstKey() - HOUR < instant) {
            Map.Entry<Long, List<Change>> bucket = changes.pollFirstEntry();
            List<Change> later = new ArrayList<>();
            for (Change change : bucket.getValue()) {
                if (change.instant() > instant) {
                    later.add(change); // the clock stopped inside this hour
                } else if (items.get(change.key()) == change.item()) {
                    changed.put(change.key(), change.item());
                }
            }
            if (!later.isEmpty()) {
                changes.put(bucket.getKey(), later);
                break;
            }
        }
        for (GoalItem item : changed.values()) {
            apply(item, -1);
        }
        at = instant;
        for (GoalItem item : changed.values()) {
            apply(item, 1);
        }
    }

    private void rebuild(long instant) {
        Map<String, GoalItem> all = new HashMap<>(items);
        items.clear();
        changes.clear();
        sums.clear();
        itemsByRef.clear();
        reactionsByRef.clear();
        postsByRef.clear();
        conversionsByRef.clear();
        commentsByThread.clear();
        at = instant;
        all.forEach(this::put);
    }

    /**
     * Lets go of the items before {@code horizon} and of the periods that ended by then, once per horizon.
     *
     * @return the keys of the items let go
     */
    List<String> release(long horizon) {
        if (horizon <= released) {
            return List.of();
        }
        released = horizon;
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, GoalItem> entry : items.entrySet()) {
            if (entry.getValue().time < horizon) {
                gone.add(entry.getKey());
            }
        }
        for (String key : gone) {
            put(key, null);
        }
        sums.keySet().removeIf(period -> period.endAt() <= horizon);
        return gone;
    }

    /** A metric of {@code period} at the current instant; shares and averages are null without a denominator. */
    Double value(Goal.Metric metric, Period period) {
        Sums s = sums.getOrDefault(period, new Sums());
        return switch (metric) {
            case SLA_SHARE -> s.within + s.breached == 0 ? null : s.within / (double) (s.within + s.breached);
            case FRT_AVG_S -> s.answered == 0 ? null : s.frtTotal / (double) s.answered / 1000;
            case UGC_ITEMS -> (double) s.ugc;
            case HELPFUL_SHARE -> s.ugc == 0 ? null : s.helpful.size() / (double) s.ugc;
            case ACTIVE_MEMBERS -> (double) s.active.size();
            case NET_FOLLOWS -> (double) s.follows;
            case LINK_CLICKS -> (double) s.clicks;
            case CONVERTERS_7D -> (double) s.converters.size();
            case RESOLVED_WITHOUT_ESCALATION_SHARE ->
                s.resolved == 0 ? null : s.withoutEscalation / (double) s.resolved;
            case PROPOSALS_IMPLEMENTED -> (double) s.proposals.size();
            case NEGATIVE_SHARE -> s.ugc == 0 ? null : s.negative / (double) s.ugc;
        };
    }

    /** Puts an item's part at the current instant in ({@code sign} 1) or takes it out (-1). */
    private void apply(GoalItem item, int sign) {
        if (item.time > at) {
            return;
        }
        switch (item.kind) {
            case GoalItem.QUESTION -> {
                if (item.spam) {
                    return;
                }
                boolean inTime = item.responded != null && item.deadline != null && item.responded <= item.deadline;
                boolean answered = item.responded != null && item.responded <= at;
                boolean breached = item.deadline != null && item.deadline < at && !inTime;
                for (Sums s : sumsOf(item.time)) {
                    if (answered) {
                        s.answered += sign;
                        s.frtTotal += sign * (item.responded - item.time);
                        s.within += inTime ? sign : 0;
                    }
                    s.breached += breached ? sign : 0;
                }
            }
            case GoalItem.CASE -> {
                for (Sums s : sumsOf(item.time)) {
                    s.resolved += sign;
                    s.withoutEscalation += item.flag ? 0 : sign;
                }
            }
            case GoalItem.UGC -> applyUgc(item, sign);
            case GoalItem.ACTIVE -> sumsOf(item.time).forEach(s -> count(s.active, item.member, sign));
            case GoalItem.FOLLOW -> sumsOf(item.time).forEach(s -> s.follows += sign * item.sign);
            case GoalItem.CLICK -> sumsOf(item.time).forEach(s -> s.clicks += sign);
            case GoalItem.PROPOSAL -> sumsOf(item.time).forEach(s -> count(s.proposals, item.ref, sign));
            case GoalItem.HELPFUL -> {
                for (GoalItem ugc : itemsByRef.getOrDefault(item.ref, List.of())) {
                    if (helps(item, ugc)) {
                        sumsOf(ugc.time).forEach(s -> count(s.helpful, item.ref, sign));
                    }
                }
                index(reactionsByRef, item.ref, item, sign);
            }
            case GoalItem.POST -> applyPost(item, sign);
            case GoalItem.CONVERSION -> {
                GoalItem post = postsByRef.get(item.ref);
                if (post != null && converts(post, item)) {
                    sumsOf(post.time).forEach(s -> count(s.converters, converter(item.ref, item.member), sign));
                }
                index(conversionsByRef, item.ref, item, sign);
            }
            default -> {}
        }
    }

    private void applyUgc(GoalItem item, int sign) {
        if (item.spam) {
            return;
        }
        for (Sums s : sumsOf(item.time)) {
            s.ugc += sign;
            s.negative += item.flag ? sign : 0;
            count(s.active, item.member, sign);
        }
        long helpfulReactions = reactionsByRef.getOrDefault(item.ref, List.of()).stream()
                .filter(reaction -> helps(reaction, item))
                .count();
        if (helpfulReactions > 0) {
            sumsOf(item.time).forEach(s -> count(s.helpful, item.ref, (int) (sign * helpfulReactions)));
        }
        index(itemsByRef, item.ref, item, sign);
        if (item.comment) {
            GoalItem post = postsByRef.get(item.thread);
            if (post != null && joinsThread(post, item)) {
                sumsOf(post.time).forEach(s -> count(s.converters, converter(item.thread, item.member), sign));
            }
            index(commentsByThread, item.thread, item, sign);
        }
    }

    private void applyPost(GoalItem post, int sign) {
        for (GoalItem conversion : conversionsByRef.getOrDefault(post.ref, List.of())) {
            if (converts(post, conversion)) {
                sumsOf(post.time).forEach(s -> count(s.converters, converter(post.ref, conversion.member), sign));
            }
        }
        for (GoalItem comment : commentsByThread.getOrDefault(post.ref, List.of())) {
            if (joinsThread(post, comment)) {
                sumsOf(post.time).forEach(s -> count(s.converters, converter(post.ref, comment.member), sign));
            }
        }
        if (sign > 0) {
            postsByRef.put(post.ref, post);
        } else {
            postsByRef.remove(post.ref, post);
        }
    }

    private boolean helps(GoalItem reaction, GoalItem ugc) {
        return !reaction.member.equals(ugc.member)
                && reaction.time >= ugc.time
                && reaction.time < ugc.time + helpfulWindowMillis;
    }

    private static boolean converts(GoalItem post, GoalItem conversion) {
        return inWeek(post, conversion.time) && NextSteps.takes(post.step, conversion.step, conversion.linkTarget);
    }

    private static boolean joinsThread(GoalItem post, GoalItem comment) {
        return "THREAD".equals(post.step) && inWeek(post, comment.time);
    }

    private static boolean inWeek(GoalItem post, long time) {
        return time >= post.time && time < post.time + WEEK_MILLIS;
    }

    private static String converter(String post, String member) {
        return Keys.of(post, member);
    }

    /** The sums of the periods holding {@code time}, one per kind of period the goals use. */
    private List<Sums> sumsOf(long time) {
        if (time < sharedFrom || time >= sharedTo) {
            // things come mostly in time order: the periods last looked up hold most of them
            List<Period> periods = new ArrayList<>(kinds.size());
            long from = Long.MIN_VALUE;
            long to = Long.MAX_VALUE;
            for (Goal.Period kind : kinds) {
                Period period = Period.holding(calendar, kind, time);
                periods.add(period);
                from = Math.max(from, period.startAt());
                to = Math.min(to, period.endAt());
            }
            shared = periods;
            sharedFrom = from;
            sharedTo = to;
        }
        List<Sums> of = new ArrayList<>(shared.size());
        for (Period period : shared) {
            of.add(sums.computeIfAbsent(period, p -> new Sums()));
        }
        return of;
    }

    private static void count(Map<String, Integer> counts, String key, int delta) {
        counts.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    private static void index(Map<String, List<GoalItem>> index, String key, GoalItem item, int sign) {
        if (sign > 0) {
            index.computeIfAbsent(key, k -> new ArrayList<>(2)).add(item);
            return;
        }
        List<GoalItem> list = index.get(key);
        if (list != null) {
            list.remove(item);
            if (list.isEmpty()) {
                index.remove(key);
            }
        }
    }

    /** The number of periods with sums (for tests: released with their items). */
    int periods() {
        return sums.size();
    }

    /** How many later changes are listed (for tests). */
    int pendingChanges() {
        return changes.values().stream().mapToInt(List::size).sum();
    }

    private static long hourHolding(long instant) {
        return Math.floorDiv(instant - 1, HOUR) * HOUR + HOUR;
    }

    /** The kinds of period a community's goals use, each once. */
    private static List<Goal.Period> kindsOf(List<Goal> goals) {
        return goals.stream().map(Goal::period).distinct().toList();
    }
}
