package io.smmpulse.core.clock;

import static io.smmpulse.core.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.TestEvents;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.Heartbeats;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.core.ingest.SplitLateEvents;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * One partition's clock, C = max(R − bound, A − max_ingest_delay), as its watermark C − 1: the wall
 * clock never moves it, heartbeats do, rejections never, and a producer a day fast moves it only
 * the margin past the wall clock.
 */
class PartitionClockTest {
    private static final EventTimeSettings SETTINGS = EventTimeSettings.live(Duration.ofSeconds(10));
    private static final long NOW = at("2026-03-02T12:00:00Z");

    private final List<Long> watermarks = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            statuses.add("idle");
        }

        @Override
        public void markActive() {
            statuses.add("active");
        }
    };
    private long wallClock = NOW;
    private final PartitionClock clock = new PartitionClock(SETTINGS, () -> wallClock);

    private void event(long occurredAt) {
        Envelope envelope = Envelope.accepted(TestEvents.event(
                        "e" + occurredAt,
                        EventType.VIEW,
                        Instant.ofEpochMilli(occurredAt).toString(),
                        "acme",
                        "x",
                        "u1",
                        ActorRole.MEMBER)
                .setContentId("p1")
                .build());
        clock.onEvent(envelope, envelope.eventTime(), output);
    }

    private void heartbeat(long stampedAt) {
        Envelope envelope = EventCodec.decode(Heartbeats.encode(stampedAt, "test"), "r", "s", wallClock);
        assertThat(envelope.isHeartbeat()).isTrue();
        clock.onEvent(envelope, envelope.eventTime(), output);
    }

    /** The clock C the partition reports now (its watermark + 1), or null when it has reported none. */
    private Long reported() {
        clock.onPeriodicEmit(output);
        return watermarks.isEmpty() ? null : watermarks.get(watermarks.size() - 1) + 1;
    }

    @Test
    void eventsAloneMoveTheClockToTheLargestOccurredAtLessTheBound() {
        event(NOW - 5_000);
        assertThat(reported()).isEqualTo(NOW - 5_000 - 30_000);
        event(NOW - 60_000);
        assertThat(reported()).as("an older event never moves it back").isEqualTo(NOW - 5_000 - 30_000);
    }

    @Test
    void aHeartbeatMovesTheClockToItsStampLessTheIngestDelayWhateverTheEvents() {
        event(NOW - 3_600_000);
        heartbeat(NOW - 1_000);
        assertThat(reported()).isEqualTo(NOW - 1_000 - 10_000);
        event(NOW - 2_000);
        assertThat(reported())
                .as("an event ahead of the heartbeat's bound counts when it is later")
                .isEqualTo(NOW - 1_000 - 10_000);
        event(NOW + 30_000);
        assertThat(reported()).isEqualTo(NOW);
    }

    @Test
    void theWallClockAloneNeverMovesIt() {
        assertThat(reported()).as("nothing read yet").isNull();
        event(NOW - 2_000);
        wallClock = NOW + 3_600_000;
        assertThat(reported())
                .as("an hour of silence without heartbeats: the reader may be stalled")
                .isEqualTo(NOW - 2_000 - 30_000);
        assertThat(statuses)
                .as("a partition is never idle: it holds the clock back")
                .isEmpty();
    }

    @Test
    void rejectionsMoveNothingButAHeartbeatBehindThemDoes() {
        for (int i = 0; i < 100; i++) {
            clock.onEvent(
                    Envelope.rejected(RejectedEvent.of("r" + i, "s", new byte[] {1}, "bad", NOW)),
                    Long.MIN_VALUE,
                    output);
        }
        assertThat(reported()).isNull();
        heartbeat(NOW);
        assertThat(reported()).isEqualTo(NOW - 10_000);
    }

    @Test
    void anEventADayAheadMovesTheClockOnlyTheMarginPastTheWallClock() {
        event(NOW - 5_000);
        assertThat(reported()).isEqualTo(NOW - 5_000 - 30_000);
        event(NOW + 24 * 3_600_000L - 1);
        long watermark = reported() - 1;
        assertThat(watermark).isEqualTo(NOW + 60_000 - 30_000 - 1);
        long realEventBehindIt = NOW - 10_000;
        assertThat(SplitLateEvents.isLate(realEventBehindIt, watermark, SETTINGS.latenessMillis()))
                .isFalse();
        assertThat(SplitLateEvents.isLate(realEventBehindIt, NOW + 24 * 3_600_000L - 30_001, SETTINGS.latenessMillis()))
                .as("what the plain bounded-out-of-orderness watermark would have done to it")
                .isTrue();
    }

    @Test
    void aClampedEventIsNotCountedAgainAsTheWallClockMoves() {
        event(NOW + 3_600_000);
        assertThat(reported()).isEqualTo(NOW + 30_000);
        wallClock = NOW + 500;
        assertThat(reported()).isEqualTo(NOW + 30_000);
        event(NOW + 590_000);
        assertThat(reported()).isEqualTo(NOW + 60_500 - 30_000);
    }

    @Test
    void aRecordThatLooksLikeAHeartbeatButIsNotOneIsRejected() {
        byte[] heartbeat = Heartbeats.encode(NOW, "test");
        byte[] broken = java.util.Arrays.copyOf(heartbeat, 11);
        assertThat(Heartbeats.isHeartbeat(broken)).isTrue();
        Envelope envelope = EventCodec.decode(broken, "r", "s", NOW);
        assertThat(envelope.isHeartbeat()).isFalse();
        assertThat(envelope.isAccepted()).isFalse();
        assertThat(envelope.rejected.reason).contains("unknown schema fingerprint");
    }
}
