package io.smmpulse.risk;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.config.RiskConfig;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SlaAlert;
import io.smmpulse.schema.SocialEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * docs/kpis.md risk signals: per community, {@code questions}, {@code negative} (negative UGC items),
 * {@code spam} (spam items), {@code escalations} (CASE_ESCALATED events) and {@code mentions} (UGC
 * items on the MENTION channel), counted by occurred_at in sliding windows against their baseline
 * ({@link RiskWindowFunction}). Members' items come classified and without copies; an item that
 * turns out to be spam later moves from its signals to {@code spam}. Escalations are deduplicated
 * by event_id for the allowed lateness. The community's earliest accepted event reaches every
 * signal's key as a hit with delta 0, sent by each source task when it lowers what that task has seen.
 */
public final class RiskTopology {

    private RiskTopology() {}

    public record Streams(DataStream<RiskRow> windows, DataStream<SlaAlert> alerts) {}

    public static Streams build(
            DataStream<SocialEvent> accepted,
            SpamTopology.Classified classified,
            Communities communities,
            EventTimeSettings settings) {
        DataStream<RiskHit> items = classified
                .memberItems()
                .flatMap((ClassifiedEvent c, Collector<RiskHit> out) ->
                        itemHits(c, communities.forCommunity(c.event.getCommunityId()), out))
                .returns(RiskHitSerializer.TYPE)
                .name("Risk signals of members' items")
                .uid("risk-item-hits");
        DataStream<RiskHit> escalations = classified
                .others()
                .filter(c -> c.event.getEventType() == EventType.CASE_ESCALATED)
                .name("Escalations")
                .uid("risk-escalations")
                .keyBy(c -> Keys.of(c.event.getCommunityId(), c.event.getEventId()))
                .process(new FirstCopy(settings.latenessMillis()))
                .returns(RiskHitSerializer.TYPE)
                .name("Escalations, each event once")
                .uid("risk-escalations-once");
        DataStream<RiskHit> earliest = accepted.flatMap(new EarliestEvents())
                .returns(RiskHitSerializer.TYPE)
                .name("Earliest event per community")
                .uid("risk-earliest")
                .setParallelism(accepted.getParallelism());
        SingleOutputStreamOperator<RiskRow> windows = items.union(escalations, earliest)
                .keyBy(RiskHit::key)
                .process(new RiskWindowFunction(communities, settings))
                .name("Risk signal windows")
                .uid("risk-windows");
        return new Streams(windows, windows.getSideOutput(RiskWindowFunction.ALERTS));
    }

    static void itemHits(ClassifiedEvent c, CommunityConfig config, Collector<RiskHit> out) {
        SocialEvent e = c.event;
        long time = e.getOccurredAt().toEpochMilli();
        if (c.spam) {
            out.collect(new RiskHit(e.getCommunityId(), RiskConfig.SPAM, time, 1));
            if (!c.revision) {
                return;
            }
        }
        int delta = c.revision ? -1 : 1; // a revision takes back what the item counted as not spam
        if (EventRules.isQuestion(e)) {
            out.collect(new RiskHit(e.getCommunityId(), RiskConfig.QUESTIONS, time, delta));
        }
        if (config.isNegative(e)) {
            out.collect(new RiskHit(e.getCommunityId(), RiskConfig.NEGATIVE, time, delta));
        }
        if (e.getChannel() == Channel.MENTION) {
            out.collect(new RiskHit(e.getCommunityId(), RiskConfig.MENTIONS, time, delta));
        }
    }

    /** Passes the first copy of each escalation event; the key is released after the allowed lateness. */
    static final class FirstCopy extends KeyedProcessFunction<String, ClassifiedEvent, RiskHit> {
        private final long latenessMillis;
        private transient ValueState<Boolean> seen;

        FirstCopy(long latenessMillis) {
            this.latenessMillis = latenessMillis;
        }

        @Override
        public void open(OpenContext openContext) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
        }

        @Override
        public void processElement(ClassifiedEvent c, Context ctx, Collector<RiskHit> out) throws Exception {
            if (seen.value() != null) {
                return;
            }
            seen.update(true);
            long time = c.event.getOccurredAt().toEpochMilli();
            ctx.timerService().registerEventTimeTimer(time + latenessMillis + 1);
            out.collect(new RiskHit(c.event.getCommunityId(), RiskConfig.ESCALATIONS, time, 1));
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<RiskHit> out) {
            seen.clear();
        }
    }

    /** Per source task, the earliest occurred_at seen of each community, sent to all its signals when it moves earlier. */
    static final class EarliestEvents extends RichFlatMapFunction<SocialEvent, RiskHit> {
        private transient Map<String, Long> earliest;

        @Override
        public void open(OpenContext openContext) {
            earliest = new HashMap<>();
        }

        @Override
        public void flatMap(SocialEvent e, Collector<RiskHit> out) {
            long time = e.getOccurredAt().toEpochMilli();
            Long known = earliest.get(e.getCommunityId());
            if (known != null && known <= time) {
                return;
            }
            earliest.put(e.getCommunityId(), time);
            for (String signal : RiskConfig.SIGNALS) {
                out.collect(new RiskHit(e.getCommunityId(), signal, time, 0));
            }
        }
    }
}
