package io.smmpulse.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GroupAggregatorTest {
    private static final long CLOSE = 1_000_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, GroupDelta, GroupRow> harness(
            OperatorSubtaskState snapshot) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new GroupAggregator(), GroupDelta::key, Types.STRING);
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        return h;
    }

    /** A week of UGC: counters ugc_items, spam_items, helpful_items; set contributors. */
    private static GroupDelta ugc(String week, int sign, String contributor, int... counters) {
        GroupDelta delta = new GroupDelta("ugc", new String[] {"acme", week}, CLOSE, 3, 1, sign);
        for (int counter : counters) {
            delta.count(counter);
        }
        return contributor == null ? delta : delta.member(0, contributor);
    }

    private static List<String> rows(KeyedOneInputStreamOperatorTestHarness<String, GroupDelta, GroupRow> h) {
        List<String> rows =
                h.extractOutputValues().stream().map(GroupRow::toString).toList();
        h.getOutput().clear();
        return rows;
    }

    @Test
    void aGroupIsWrittenOncePerCheckpointWithItsCurrentTotals() throws Exception {
        var h = harness(null);
        h.processElement(ugc("w1", 1, "ann", 0), 10);
        h.processElement(ugc("w1", 1, "ann", 0), 11);
        h.processElement(ugc("w1", 1, "bob", 0), 12);
        h.processElement(ugc("w2", 1, "ann", 0), 13);
        assertThat(rows(h)).as("nothing before the checkpoint").isEmpty();

        h.prepareSnapshotPreBarrier(1);
        assertThat(rows(h)).containsExactly("ugc[acme, w1] [3, 0, 0] [2]", "ugc[acme, w2] [1, 0, 0] [1]");
        h.prepareSnapshotPreBarrier(2);
        assertThat(rows(h)).as("unchanged groups are not written again").isEmpty();
        h.close();
    }

    @Test
    void aTakenBackItemRemovesItsAuthorOnlyWithTheirLastItem() throws Exception {
        var h = harness(null);
        h.processElement(ugc("w1", 1, "ann", 0), 10);
        h.processElement(ugc("w1", 1, "ann", 0), 11);
        // one of ann's items turns spam: taken back as UGC, counted as spam
        h.processElement(ugc("w1", -1, "ann", 0), 12);
        h.processElement(ugc("w1", 1, null, 1), 12);
        h.prepareSnapshotPreBarrier(1);
        assertThat(rows(h)).containsExactly("ugc[acme, w1] [1, 1, 0] [1]");
        h.processElement(ugc("w1", -1, "ann", 0), 13);
        h.processElement(ugc("w1", 1, null, 1), 13);
        h.endInput();
        assertThat(rows(h)).containsExactly("ugc[acme, w1] [0, 2, 0] [0]");
        h.close();
    }

    @Test
    void aMemberWithAnAdditionThatCannotBeTakenBackStaysWhenAllTheirItemsTurnSpam() throws Exception {
        var h = harness(null);
        h.processElement(ugc("w1", 1, "ann", 0), 10);
        GroupDelta vote = ugc("w1", 1, "ann");
        vote.memberLasting = new boolean[] {true};
        h.processElement(vote, 11);
        h.processElement(ugc("w1", 1, "bob", 0), 12);
        h.processElement(ugc("w1", -1, "ann", 0), 13);
        h.processElement(ugc("w1", -1, "bob", 0), 13);
        h.prepareSnapshotPreBarrier(1);
        assertThat(rows(h)).containsExactly("ugc[acme, w1] [0, 0, 0] [1]");
        h.close();
    }

    @Test
    void membersAreReleasedWhenTheGroupClosesAndItsCountersStillChange() throws Exception {
        var h = harness(null);
        h.processElement(ugc("w1", 1, "ann", 0), 10);
        assertThat(h.numKeyedStateEntries()).as("totals and members").isEqualTo(2);
        h.processWatermark(CLOSE - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        h.processWatermark(CLOSE + 60_000);
        assertThat(h.numKeyedStateEntries()).as("the totals stay").isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();

        // a helpful reaction weeks later still counts
        h.processElement(ugc("w1", 1, null, 2), CLOSE * 10);
        h.prepareSnapshotPreBarrier(1);
        assertThat(rows(h)).containsExactly("ugc[acme, w1] [1, 0, 1] [1]");
        h.close();
    }

    @Test
    void afterARestoreSetsStillCountEachMemberOnceAndStillClose() throws Exception {
        var h = harness(null);
        h.processElement(ugc("w1", 1, "ann", 0), 10);
        h.prepareSnapshotPreBarrier(1);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = harness(snapshot);
        restored.processElement(ugc("w1", 1, "ann", 0), 11);
        restored.processElement(ugc("w1", 1, "cy", 0), 12);
        restored.prepareSnapshotPreBarrier(2);
        assertThat(rows(restored)).containsExactly("ugc[acme, w1] [3, 0, 0] [2]");
        restored.processWatermark(CLOSE + 60_000);
        assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
        restored.close();
    }
}
