package io.smmpulse.core.clock;

import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The alert clock of one Kafka partition (docs/alerts.md): the partition is complete up to
 * {@code C = max(R − bound, A − maxIngestDelay)}, where R is the largest occurred_at of the accepted
 * events read from it and A the stamp of the last heartbeat read from it (every record appended
 * before A has been read). The watermark is {@code C − 1}; Flink takes the minimum over partitions
 * and subtasks, so a partition whose reader stalls, falls behind or sees nothing but rejections
 * holds the clock back for everyone, and nothing is decided on its behalf.
 *
 * <p>The wall clock moves nothing here: without heartbeats (their writer down) the clock follows
 * the events alone, which only delays decisions. An event counts at most {@code watermarkMaxAhead}
 * after the wall clock: one event from a producer whose clock is a day fast must not make every
 * real event behind it late. A partition is never marked idle.
 */
public final class PartitionClock implements WatermarkGenerator<Envelope> {
    private final long boundMillis;
    private final long maxAheadMillis;
    private final long maxIngestDelayMillis;
    private final LongSupplier wallClock;
    private long largestOccurredAt = Long.MIN_VALUE;
    private long caughtUpAt = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public PartitionClock(EventTimeSettings settings, LongSupplier wallClock) {
        this.boundMillis = settings.outOfOrderness().toMillis();
        this.maxAheadMillis = settings.watermarkMaxAhead().toMillis();
        this.maxIngestDelayMillis = settings.maxIngestDelay().toMillis();
        this.wallClock = wallClock;
    }

    @Override
    public void onEvent(Envelope envelope, long timestamp, WatermarkOutput output) {
        if (envelope.isHeartbeat()) {
            caughtUpAt = Math.max(caughtUpAt, envelope.heartbeatStampedAt);
        } else if (envelope.isAccepted()) {
            largestOccurredAt =
                    Math.max(largestOccurredAt, Math.min(timestamp, wallClock.getAsLong() + maxAheadMillis));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long complete = completeUpTo();
        if (complete != Long.MIN_VALUE && complete > emitted) {
            emitted = complete;
            output.emitWatermark(new Watermark(complete - 1));
        }
    }

    /** C of this partition; Long.MIN_VALUE before its first event or heartbeat. */
    long completeUpTo() {
        long byEvents = largestOccurredAt == Long.MIN_VALUE ? Long.MIN_VALUE : largestOccurredAt - boundMillis;
        long byHeartbeats = caughtUpAt == Long.MIN_VALUE ? Long.MIN_VALUE : caughtUpAt - maxIngestDelayMillis;
        return Math.max(byEvents, byHeartbeats);
    }
}
