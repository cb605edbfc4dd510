package io.smmpulse.core.ingest;

import static io.smmpulse.core.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.TestEvents;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * A producer with a clock a day fast must not make the events behind it late; a backlog must not
 * move the watermark with the clock; a caught-up quiet partition must.
 */
class LiveWatermarksTest {
    private static final PulseSettings SETTINGS = PulseSettings.live();
    private static final long NOW = at("2026-03-02T12:00:00Z");

    private final List<Long> watermarks = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override public void emitWatermark(Watermark watermark) { watermarks.add(watermark.getTimestamp()); }
        @Override public void markIdle() { statuses.add("idle"); }
        @Override public void markActive() { statuses.add("active"); }
    };
    private long clock = NOW;
    private final LiveWatermarks generator = new LiveWatermarks(SETTINGS, () -> clock);

    private void event(long occurredAt) {
        Envelope envelope = Envelope.accepted(TestEvents.event("e" + occurredAt, EventType.VIEW, Instant.ofEpochMilli(occurredAt).toString(),
                "acme", "x", "u1", ActorRole.MEMBER).setContentId("p1").build());
        generator.onEvent(envelope, envelope.eventTime(), output);
    }

    private long emitted() {
        generator.onPeriodicEmit(output);
        return watermarks.get(watermarks.size() - 1);
    }

    @Test
    void anEventADayAheadMovesTheWatermarkOnlyTheMarginPastTheWallClock() {
        event(NOW - 5_000);
        assertThat(emitted()).isEqualTo(NOW - 5_000 - 30_000 - 1);

        event(NOW + 24 * 3_600_000L - 1);
        long watermark = emitted();
        assertThat(watermark).isEqualTo(NOW + 60_000 - 30_000 - 1);

        long realEventBehindIt = NOW - 10_000;
        assertThat(SplitLateEvents.isLate(realEventBehindIt, watermark, SETTINGS.latenessMillis())).isFalse();
        // what the plain bounded-out-of-orderness watermark would have done to it
        assertThat(SplitLateEvents.isLate(realEventBehindIt, NOW + 24 * 3_600_000L - 30_001, SETTINGS.latenessMillis())).isTrue();
    }

    @Test
    void aClampedEventIsNotCountedAgainAsTheClockMoves() {
        event(NOW + 3_600_000);
        assertThat(emitted()).isEqualTo(NOW + 30_000 - 1);
        clock = NOW + 500;
        assertThat(emitted()).isEqualTo(NOW + 30_000 - 1);
        event(NOW + 590_000);
        assertThat(emitted()).isEqualTo(NOW + 60_500 - 30_000 - 1);
    }

    @Test
    void aCaughtUpQuietPartitionFollowsTheWallClock() {
        event(NOW - 2_000);
        clock = NOW + 999;
        assertThat(emitted()).as("not quiet yet").isEqualTo(NOW - 2_000 - 30_001);
        clock = NOW + 1_000;
        assertThat(emitted()).as("quiet for 1 s after a live record").isEqualTo(NOW - 30_001);
        clock = NOW + 3_600_000;
        assertThat(emitted()).isEqualTo(NOW + 3_600_000 - 1_000 - 30_001);
        assertThat(statuses).isEmpty();
    }

    @Test
    void aBacklogDoesNotMoveTheWatermarkWithTheClockEvenWhenTheReaderPauses() {
        event(NOW - 600_000);
        clock = NOW + 9_999;
        assertThat(emitted()).isEqualTo(NOW - 600_000 - 30_001);
        event(clock - 5_001);
        clock = NOW + 9_999 + 9_999;
        assertThat(emitted()).as("the last record was 5,001 ms behind the clock when read: not live").isEqualTo(NOW + 9_999 - 5_001 - 30_001);
        assertThat(statuses).isEmpty();
        clock = NOW + 9_999 + 10_000;
        int emittedBefore = watermarks.size();
        generator.onPeriodicEmit(output);
        assertThat(watermarks).as("idle after 10 s: no clock-driven watermark").hasSize(emittedBefore);
        assertThat(statuses).containsExactly("idle");
        event(NOW + 15_000);
        assertThat(statuses).containsExactly("idle", "active");
    }

    @Test
    void aPartitionThatDeliversNothingIsIdleAfterTheIdleness() {
        clock = NOW + 9_999;
        generator.onPeriodicEmit(output);
        assertThat(statuses).isEmpty();
        clock = NOW + 10_000;
        generator.onPeriodicEmit(output);
        generator.onPeriodicEmit(output);
        assertThat(statuses).containsExactly("idle");
        assertThat(watermarks).isEmpty();
    }

    @Test
    void rejectionsNeverMoveTheWatermark() {
        generator.onEvent(Envelope.rejected(RejectedEvent.of("r", "s", new byte[0], "bad", NOW)), Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);
        assertThat(watermarks).isEmpty();
        event(NOW);
        assertThat(emitted()).isEqualTo(NOW - 30_001);
    }
}
