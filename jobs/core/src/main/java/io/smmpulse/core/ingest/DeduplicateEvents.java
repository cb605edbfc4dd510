package io.smmpulse.core.ingest;

import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by event_id: passes the first copy of each event, counts the others as duplicates, and
 * sends events later than the allowed lateness to {@link #LATE}. The seen-flag of an event is
 * released once the watermark is past its time plus the lateness: from then on any copy of it
 * is late anyway.
 */
public class DeduplicateEvents extends KeyedProcessFunction<String, SocialEvent, SocialEvent> {
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events") {};
    public static final String DUPLICATES = "duplicates";
    public static final String LATE_COUNT = "late";
    public static final String ACCEPTED = "accepted";

    private final long allowedLatenessMillis;
    private transient ValueState<Boolean> seen;
    private transient LongCounter duplicates;
    private transient LongCounter late;
    private transient LongCounter accepted;

    public DeduplicateEvents(long allowedLatenessMillis) {
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
        late = getRuntimeContext().getLongCounter(LATE_COUNT);
        accepted = getRuntimeContext().getLongCounter(ACCEPTED);
    }

    @Override
    public void processElement(SocialEvent event, Context ctx, Collector<SocialEvent> out) throws Exception {
        long time = event.getOccurredAt().toEpochMilli();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && time < watermark - allowedLatenessMillis) {
            late.add(1);
            ctx.output(LATE, new LateEvent(event, watermark));
            return;
        }
        if (seen.value() != null) {
            duplicates.add(1);
            return;
        }
        seen.update(true);
        ctx.timerService().registerEventTimeTimer(time + allowedLatenessMillis + 1);
        accepted.add(1);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SocialEvent> out) {
        seen.clear();
    }
}
