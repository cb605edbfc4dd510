package io.smmpulse.core.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.EventTimeSettings;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The job's clock is written once per checkpoint in which it moved; a replay ends at its replay clock. */
class JobClockTest {
    private static List<Long> written(OneInputStreamOperatorTestHarness<Object, ClockRow> h) {
        return h.extractOutputValues().stream().map(row -> row.clock).toList();
    }

    @Test
    void liveTheClockIsTheWatermarkPlusOneWrittenBeforeEachCheckpointItMovedIn() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<Object, ClockRow>(
                new JobClock<>("live", EventTimeSettings.live()))) {
            h.open();
            h.prepareSnapshotPreBarrier(1);
            assertThat(written(h)).as("no clock before any watermark").isEmpty();
            h.processWatermark(new Watermark(999));
            h.processWatermark(new Watermark(1_999));
            h.prepareSnapshotPreBarrier(2);
            h.prepareSnapshotPreBarrier(3);
            assertThat(written(h)).containsExactly(2_000L);
            h.processWatermark(new Watermark(4_999));
            h.prepareSnapshotPreBarrier(4);
            assertThat(written(h)).containsExactly(2_000L, 5_000L);
            assertThat(h.extractOutputValues()).extracting(row -> row.job).containsOnly("live");
        }
    }

    @Test
    void aReplayEndsAtItsReplayClock() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<Object, ClockRow>(
                new JobClock<>("replay", EventTimeSettings.replay(42_000)))) {
            h.open();
            h.processWatermark(new Watermark(10_000));
            h.prepareSnapshotPreBarrier(1);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(written(h)).containsExactly(10_000L, 42_000L);
        }
    }
}
