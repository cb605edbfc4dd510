package io.smmpulse.core.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;

/** Releases part of the current key's list or map state: what can no longer change goes, the rest stays. */
public final class Prune {
    private Prune() {}

    /**
     * Keeps the elements {@code keep} accepts and returns them. The state is rewritten only when an
     * element went (a rewrite logs the whole list in the changelog), and cleared when none is left.
     */
    public static <T> List<T> list(ListState<T> state, Predicate<T> keep) throws Exception {
        List<T> kept = new ArrayList<>();
        int before = 0;
        for (T element : state.get()) {
            before++;
            if (keep.test(element)) {
                kept.add(element);
            }
        }
        if (kept.isEmpty()) {
            state.clear();
        } else if (kept.size() < before) {
            state.update(kept);
        }
        return kept;
    }

    /** Removes the entries {@code keep} rejects, and the key's map when none is left (an empty map still holds the key). */
    public static <K, V> void map(MapState<K, V> state, Predicate<Map.Entry<K, V>> keep) throws Exception {
        Iterator<Map.Entry<K, V>> entries = state.iterator();
        while (entries.hasNext()) {
            if (!keep.test(entries.next())) {
                entries.remove();
            }
        }
        if (state.isEmpty()) {
            state.clear();
        }
    }
}
