package io.smmpulse.bench;

import io.smmpulse.community.MemberSet;
import io.smmpulse.schema.SocialEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
            hashSetBest = Math.min(hashSetBest, addAll(events, community -> {
                HashSet<String> set = hashSets.computeIfAbsent(community, c -> new HashSet<>());
                return set::add;
            }));
            Map<String, MemberSet> memberSets = new HashMap<>();
            memberSetBest = Math.min(memberSetBest, addAll(events, community -> {
                MemberSet set = memberSets.computeIfAbsent(community, c -> new MemberSet());
                return set::add;
            }));
            long inHashSets =
                    hashSets.values().stream().mapToLong(HashSet::size).sum();
            members = memberSets.values().stream().mapToLong(MemberSet::size).sum();
            if (members != inHashSets) {
                throw new IllegalStateException("the sets disagree: " + members + " against " + inHashSets);
            }
        }
        return new Result(hashSetBest, memberSetBest, members);
    }

    /** Nanoseconds per event. */
    private static double addAll(
            List<SocialEvent> events, java.util.function.Function<String, Predicate<String>> setOf) {
        Map<String, Predicate<String>> sets = new HashMap<>();
        long start = System.nanoTime();
        for (SocialEvent event : events) {
            sets.computeIfAbsent(event.getCommunityId(), setOf).test(event.getActorId());
        }
        return (System.nanoTime() - start) / (double) events.size();
    }
}
