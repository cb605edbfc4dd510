package io.smmpulse.bench;

import io.smmpulse.community.MemberSet;
import io.smmpulse.schema.SocialEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * What the group contributions pay to remember a member held for good: each event's actor added to
 * its community's set, as a {@code HashSet} and as the job's {@link MemberSet}, over the same
 * generated events in one JVM (docs/performance.md).
 */
final class MembersHeld {
    private static final int ROUNDS = 5;

    record Result(double hashSetNanos, double memberSetNanos, long members) {}

    private MembersHeld() {}

    static Result measure(List<SocialEvent> events) {
        double hashSetBest = Double.MAX_VALUE;
        double memberSetBest = Double.MAX_VALUE;
        long members = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, HashSet<String>> hashSets = new HashMap<>();
            hashSetBest = Math.min(hashSetBest, addAll(events, hashSets, HashSet::new, HashSet::add));
            Map<String, MemberSet> memberSets = new HashMap<>();
            memberSetBest = Math.min(memberSetBest, addAll(events, memberSets, MemberSet::new, MemberSet::add));
            long inHashSets =
                    hashSets.values().stream().mapToLong(HashSet::size).sum();
            members = memberSets.values().stream().mapToLong(MemberSet::size).sum();
            if (members != inHashSets) {
                throw new IllegalStateException("the sets disagree: " + members + " against " + inHashSets);
            }
        }
        return new Result(hashSetBest, memberSetBest, members);
    }

    /** Each event's actor into its community's set in {@code sets}; nanoseconds per event. */
    private static <S> double addAll(
            List<SocialEvent> events, Map<String, S> sets, Supplier<S> newSet, BiPredicate<S, String> add) {
        long start = System.nanoTime();
        for (SocialEvent event : events) {
            add.test(sets.computeIfAbsent(event.getCommunityId(), community -> newSet.get()), event.getActorId());
        }
        return (System.nanoTime() - start) / (double) events.size();
    }
}
