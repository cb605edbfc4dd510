package io.smmpulse.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.junit.jupiter.api.Test;

class MultisetsTest {
    /** A map state in memory that counts its writes. */
    private static final class CountingMapState implements MapState<String, Integer> {
        final Map<String, Integer> map = new HashMap<>();
        int writes;

        @Override
        public Integer get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, Integer value) {
            writes++;
            map.put(key, value);
        }

        @Override
        public void putAll(Map<String, Integer> values) {
            writes += values.size();
            map.putAll(values);
        }

        @Override
        public void remove(String key) {
            writes++;
            map.remove(key);
        }

        @Override
        public boolean contains(String key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<String, Integer>> entries() {
            return map.entrySet();
        }

        @Override
        public Iterable<String> keys() {
            return map.keySet();
        }

        @Override
        public Iterable<Integer> values() {
            return map.values();
        }

        @Override
        public Iterator<Map.Entry<String, Integer>> iterator() {
            return map.entrySet().iterator();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public void clear() {
            map.clear();
        }
    }

    @Test
    void aMemberWithOnlyAdditionsThatCanBeTakenBackLeavesWithTheLastOfThem() throws Exception {
        CountingMapState set = new CountingMapState();
        assertThat(Multisets.add(set, "ann", 1, false)).isEqualTo(1);
        assertThat(Multisets.add(set, "ann", 1, false)).isZero();
        assertThat(Multisets.add(set, "ann", -1, false)).isZero();
        assertThat(Multisets.add(set, "ann", -1, false)).isEqualTo(-1);
        assertThat(set.map).isEmpty();
    }

    @Test
    void aMemberHeldForGoodStaysThroughTakeBacksAndIsWrittenOnce() throws Exception {
        CountingMapState set = new CountingMapState();
        assertThat(Multisets.add(set, "ann", 1, false)).as("an item").isEqualTo(1);
        assertThat(Multisets.add(set, "ann", 1, true))
                .as("a vote: held for good")
                .isZero();
        int writes = set.writes;
        for (int i = 0; i < 5; i++) {
            assertThat(Multisets.add(set, "ann", 1, i % 2 == 0)).isZero();
        }
        assertThat(Multisets.add(set, "ann", -1, false))
                .as("the item turns spam: ann still voted")
                .isZero();
        assertThat(set.writes).as("nothing written after the mark").isEqualTo(writes);
        assertThat(set.map).containsEntry("ann", Multisets.LASTING);

        assertThat(Multisets.add(set, "bob", 1, true))
                .as("joins for good at once")
                .isEqualTo(1);
        assertThat(Multisets.add(set, "bob", -1, false)).isZero();
        assertThat(set.map).containsKey("bob");
    }
}
