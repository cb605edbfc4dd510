package io.smmpulse.core.clock;

import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.metrics.PulseMetrics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The job's clock C (docs/alerts.md): the minimum of every partition's clock, which is the watermark
 * an operator behind all source subtasks sees. It is written where the views can read it (one row
 * before each checkpoint in which it moved) and reported as the metrics {@value PulseMetrics#ALERT_CLOCK}
 * and {@value PulseMetrics#ALERT_CLOCK_LAG} (wall clock − C), which {@code SmmPulseAlertClockLagging} watches.
 */
public final class JobClock<T> extends AbstractStreamOperator<ClockRow> implements OneInputStreamOperator<T, ClockRow> {
    private final String job;
    private final EventTimeSettings settings;
    private long clock = Long.MIN_VALUE;
    private long written = Long.MIN_VALUE;
    private transient long openedAt;

    JobClock(String job, EventTimeSettings settings) {
        this.job = job;
        this.settings = settings;
    }

    /**
     * Rows of the clock that {@code stream}'s watermarks stand for; nothing of the records themselves
     * crosses the network.
     */
    public static <T> DataStream<ClockRow> of(DataStream<T> stream, String job, EventTimeSettings settings) {
        return stream.filter(record -> false)
                .name("Watermarks only")
                .uid("alert-clock-watermarks")
                .setParallelism(stream.getParallelism())
                .global()
                .transform("Alert clock", TypeInformation.of(ClockRow.class), new JobClock<T>(job, settings))
                .uid("alert-clock")
                .setParallelism(1);
    }

    @Override
    public void open() throws Exception {
        super.open();
        openedAt = getProcessingTimeService().getCurrentProcessingTime();
        MetricGroup metrics = PulseMetrics.of(getMetricGroup());
        metrics.gauge(PulseMetrics.ALERT_CLOCK, () -> clock);
        metrics.gauge(
                PulseMetrics.ALERT_CLOCK_LAG,
                () -> getProcessingTimeService().getCurrentProcessingTime()
                        - (clock == Long.MIN_VALUE ? openedAt : clock));
    }

    @Override
    public void processElement(StreamRecord<T> element) {}

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        clock = mark.getTimestamp() == Long.MAX_VALUE && settings.replayClock() != null
                ? settings.replayClock()
                : Math.max(clock, settings.clockOf(mark.getTimestamp()));
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            writeIfMoved();
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        writeIfMoved();
    }

    private void writeIfMoved() {
        if (clock != written && clock != Long.MIN_VALUE && clock != Long.MAX_VALUE) {
            written = clock;
            output.collect(new StreamRecord<>(
                    new ClockRow(job, clock, getProcessingTimeService().getCurrentProcessingTime())));
        }
    }
}
