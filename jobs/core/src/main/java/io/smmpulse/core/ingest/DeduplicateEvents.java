package io.smmpulse.core.ingest;

import io.smmpulse.schema.SocialEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by event_id: passes the first copy of each event, counts the others as duplicates, and
 * sends events later than the allowed lateness to {@link #LATE}. The seen-mark of an event is
 * released once the watermark is past its time plus the lateness: from then on any copy of it
 * is late anyway.
 *
 * <p>Why an operator and not a KeyedProcessFunction with a timer per event: every event would
 * put one timer into the priority queue and take it out again, which cost about half of this
 * operator's time. Instead the marks to release are listed by the minute they fall due, and a
 * watermark releases whole minutes at once. The list is not checkpointed: it is rebuilt from the
 * marks in keyed state when the job is restored (also after rescaling).
 */
public class DeduplicateEvents extends AbstractStreamOperator<SocialEvent> implements OneInputStreamOperator<SocialEvent, SocialEvent> {
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events") {};
    public static final String DUPLICATES = "duplicates";
    public static final String LATE_COUNT = "late";
    public static final String ACCEPTED = "accepted";
    private static final String SEEN = "seen";
    private static final long MINUTE = 60_000;

    private final long allowedLatenessMillis;
    /** Per event_id: when its mark may go (occurred_at + lateness); present = seen. */
    private transient ValueState<Long> releaseAt;
    /** The keys whose marks fall due in each minute (release time / 1 minute, rounded up). */
    private transient TreeMap<Long, List<String>> dueByMinute;
    private transient long watermark;
    private transient LongCounter duplicates;
    private transient LongCounter late;
    private transient LongCounter accepted;

    public DeduplicateEvents(long allowedLatenessMillis) {
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        releaseAt = getPartitionedState(new ValueStateDescriptor<>(SEEN, Long.class));
        duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
        late = getRuntimeContext().getLongCounter(LATE_COUNT);
        accepted = getRuntimeContext().getLongCounter(ACCEPTED);
        watermark = Long.MIN_VALUE;
        dueByMinute = new TreeMap<>();
        List<String> restored = getKeyedStateBackend().<VoidNamespace>getKeys(SEEN, VoidNamespace.INSTANCE).map(String.class::cast).toList();
        for (String key : restored) {
            setCurrentKey(key);
            Long due = releaseAt.value();
            if (due != null) {
                listDue(key, due);
            }
        }
    }

    @Override
    public void processElement(StreamRecord<SocialEvent> record) throws Exception {
        SocialEvent event = record.getValue();
        long time = event.getOccurredAt().toEpochMilli();
        if (watermark != Long.MIN_VALUE && time < watermark - allowedLatenessMillis) {
            late.add(1);
            output.collect(LATE, new StreamRecord<>(new LateEvent(event, watermark), record.getTimestamp()));
            return;
        }
        if (releaseAt.value() != null) {
            duplicates.add(1);
            return;
        }
        long due = time + allowedLatenessMillis;
        releaseAt.update(due);
        listDue(event.getEventId(), due);
        accepted.add(1);
        output.collect(record);
    }

    private void listDue(String key, long due) {
        dueByMinute.computeIfAbsent(Math.floorDiv(due, MINUTE) + 1, minute -> new ArrayList<>()).add(key);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        release();
        super.processWatermark(mark);
    }

    /** Drops the marks whose events are late by now (release time before the watermark), minute by minute. */
    private void release() throws Exception {
        Iterator<Map.Entry<Long, List<String>>> minutes = dueByMinute.entrySet().iterator();
        while (minutes.hasNext()) {
            Map.Entry<Long, List<String>> minute = minutes.next();
            if (minute.getKey() * MINUTE > watermark) {
                return;
            }
            for (String key : minute.getValue()) {
                setCurrentKey(key);
                releaseAt.clear();
            }
            minutes.remove();
        }
    }
}
