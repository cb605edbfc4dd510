package io.smmpulse.core.ingest;

import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.event.Envelope;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The watermark of one Kafka partition in live mode: bounded out-of-orderness (largest occurred_at
 * read, minus the bound) while records flow, and the wall clock once the partition is caught up
 * and quiet. Alerts are decided on this watermark ({@code watermark + bound} is the instant up to
 * which the input has been read), so:
 *
 * <ul>
 *   <li><b>A backlog never pages.</b> While a partition delivers records, its watermark follows the
 *       records, not the clock: a deadline is passed only once the records up to it have been read.
 *   <li><b>A quiet live stream still fires.</b> A partition counts as caught up when the last record
 *       it delivered was live (its occurred_at at most {@code liveLag} behind the wall clock when read)
 *       and nothing has arrived for {@code quietAfter}; from then on its watermark stands at
 *       {@code now − quietAfter − bound}, as if a record of {@code now − quietAfter} had just been read.
 *       A reader that stalls (backpressure) right at the head of the topic can therefore decide at most
 *       {@code liveLag} too early; the early decision is corrected when the record arrives.
 *   <li><b>A partition that delivers nothing</b> (empty, or its records stopped while still behind)
 *       is marked idle after {@code idleness}, so it does not hold the others back.
 *   <li><b>A producer with a wrong clock</b>: an event counts at most {@code maxAhead} after the wall
 *       clock (SPEC accepts events 24 h ahead; one such event must not make every real event behind it
 *       late). Rejections never move the watermark.
 * </ul>
 */
public final class LiveWatermarks implements WatermarkGenerator<Envelope> {
    private final long boundMillis;
    private final long maxAheadMillis;
    private final long liveLagMillis;
    private final long quietAfterMillis;
    private final long idlenessMillis;
    private final LongSupplier wallClock;
    private final long startedAt;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastReadAt = Long.MIN_VALUE;
    private boolean lastReadLive;
    private boolean idle;

    public LiveWatermarks(PulseSettings settings, LongSupplier wallClock) {
        this.boundMillis = settings.outOfOrderness().toMillis();
        this.maxAheadMillis = settings.watermarkMaxAhead().toMillis();
        this.liveLagMillis = settings.liveLag().toMillis();
        this.quietAfterMillis = settings.quietAfter().toMillis();
        this.idlenessMillis = settings.idleness().toMillis();
        this.wallClock = wallClock;
        this.startedAt = wallClock.getAsLong();
    }

    @Override
    public void onEvent(Envelope envelope, long timestamp, WatermarkOutput output) {
        long now = wallClock.getAsLong();
        lastReadAt = now;
        if (!envelope.isAccepted()) {
            return;
        }
        lastReadLive = now - timestamp <= liveLagMillis;
        long counted = Math.min(timestamp, now + maxAheadMillis);
        if (counted > maxTimestamp) {
            maxTimestamp = counted;
        }
        if (idle) {
            idle = false;
            output.markActive();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = wallClock.getAsLong();
        long quietFor = now - (lastReadAt == Long.MIN_VALUE ? startedAt : lastReadAt);
        long readUpTo = maxTimestamp;
        if (lastReadLive && quietFor >= quietAfterMillis) {
            readUpTo = Math.max(readUpTo, now - quietAfterMillis);
        } else if (quietFor >= idlenessMillis) {
            if (!idle) {
                idle = true;
                output.markIdle();
            }
            return;
        }
        if (readUpTo != Long.MIN_VALUE) {
            idle = false;
            output.emitWatermark(new Watermark(readUpTo - boundMillis - 1));
        }
    }
}
