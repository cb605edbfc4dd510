package io.smmpulse.core.ingest;

import io.smmpulse.core.event.Envelope;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks (largest occurred_at seen, minus the bound) in which an event
 * counts at most {@code maxAheadMillis} after the wall clock. SPEC accepts events up to 24 h
 * ahead of the clock; one producer with a clock a day fast would otherwise move its partition's
 * watermark a day ahead and send every real event behind it to late_events for that day. Such an
 * event is still accepted and counted at its own occurred_at; it only cannot drag the watermark
 * further than the wall clock plus this margin. Rejections never move the watermark.
 */
public final class ClockBoundedWatermarks implements WatermarkGenerator<Envelope> {
    private final long boundMillis;
    private final long maxAheadMillis;
    private final LongSupplier wallClock;
    private long maxTimestamp = Long.MIN_VALUE;

    public ClockBoundedWatermarks(long boundMillis, long maxAheadMillis, LongSupplier wallClock) {
        this.boundMillis = boundMillis;
        this.maxAheadMillis = maxAheadMillis;
        this.wallClock = wallClock;
    }

    @Override
    public void onEvent(Envelope envelope, long timestamp, WatermarkOutput output) {
        if (!envelope.isAccepted()) {
            return;
        }
        long counted = Math.min(timestamp, wallClock.getAsLong() + maxAheadMillis);
        if (counted > maxTimestamp) {
            maxTimestamp = counted;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(maxTimestamp - boundMillis - 1));
        }
    }
}
