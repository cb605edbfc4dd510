package io.smmpulse.core.ingest;

import io.smmpulse.core.metrics.PulseMetrics;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends events more than the allowed lateness behind the watermark to {@link #LATE} and passes the
 * rest, chained to the source (the watermark is the source subtask's own).
 *
 * <p>Duplicates pass too, on purpose: every consumer absorbs them by key, so no shuffle of every
 * event by event_id is needed. The tables keep one row per key (ReplacingMergeTree by event_id,
 * read FINAL by the views), the spam classifier keeps one item per event_id, first response keeps
 * the first question and the earliest reply, escalation the earliest times. A copy that comes
 * later than the allowed lateness is late, as any other event.
 */
public class SplitLateEvents extends ProcessFunction<SocialEvent, SocialEvent> {
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events") {};

    private final long allowedLatenessMillis;
    private transient Counter passed;
    private transient Counter late;

    public SplitLateEvents(long allowedLatenessMillis) {
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = PulseMetrics.of(getRuntimeContext().getMetricGroup());
        passed = metrics.counter(PulseMetrics.EVENTS_PASSED);
        late = metrics.counter(PulseMetrics.EVENTS_LATE);
    }

    @Override
    public void processElement(SocialEvent event, Context ctx, Collector<SocialEvent> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (isLate(event.getOccurredAt().toEpochMilli(), watermark, allowedLatenessMillis)) {
            late.inc();
            ctx.output(LATE, new LateEvent(event, watermark));
            return;
        }
        passed.inc();
        out.collect(event);
    }

    /** The one lateness rule (the replay's pre-scan counts with it too). */
    public static boolean isLate(long occurredAt, long watermark, long allowedLatenessMillis) {
        return watermark != Long.MIN_VALUE && occurredAt < watermark - allowedLatenessMillis;
    }
}
