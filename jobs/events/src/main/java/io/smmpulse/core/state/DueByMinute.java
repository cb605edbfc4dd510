package io.smmpulse.core.state;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keys listed by the minute in which they fall due, and handed back a whole minute at a time once
 * the watermark reaches the minute's end: what a timer per key would do, without a timer queue
 * entry (added, deduplicated, sifted, polled) for every key. A key is handed back no earlier than
 * its due time, at most a minute later, and once per minute it was listed in.
 */
public final class DueByMinute<K> {
    private static final long MINUTE = 60_000;

    /** What to do with a key that has fallen due. */
    @FunctionalInterface
    public interface Release<K, E extends Exception> {
        void accept(K key) throws E;
    }

    private final TreeMap<Long, Set<K>> keysByMinute = new TreeMap<>();
    /** The minute listed into last and its keys: most keys of a task fall due in the same minute as the one before. */
    private long lastMinute = Long.MIN_VALUE;

    private Set<K> lastKeys;

    /** Lists {@code key} under the first minute boundary at or after {@code due} (epoch millis). */
    public void add(K key, long due) {
        long minute = Math.floorDiv(due - 1, MINUTE) + 1;
        if (minute != lastMinute) {
            lastKeys = keysByMinute.computeIfAbsent(minute, m -> new HashSet<>());
            lastMinute = minute;
        }
        lastKeys.add(key);
    }

    /** Hands every key of the minutes that end at or before {@code watermark} to {@code release}, and forgets them. */
    public <E extends Exception> void release(long watermark, Release<K, E> release) throws E {
        while (!keysByMinute.isEmpty() && keysByMinute.firstKey() * MINUTE <= watermark) {
            if (keysByMinute.firstKey() == lastMinute) {
                lastMinute = Long.MIN_VALUE;
                lastKeys = null;
            }
            for (K key : keysByMinute.pollFirstEntry().getValue()) {
                release.accept(key);
            }
        }
    }
}
