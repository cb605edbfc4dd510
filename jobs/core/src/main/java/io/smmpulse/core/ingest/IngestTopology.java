package io.smmpulse.core.ingest;

import io.smmpulse.core.clock.PartitionClock;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.core.event.SocialEventSerializer;
import io.smmpulse.core.metrics.PulseMetrics;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * From decoded records to the event stream every KPI reads: rejections and late events split off,
 * and events with UNKNOWN symbols kept for {@code events} only; all of it chained to the source.
 * Copies of an event pass: their consumers absorb them by key ({@link SplitLateEvents}). Events
 * leave it typed for the network ({@link SocialEventSerializer}): the keyed steps after it carry every
 * KPI event.
 */
public final class IngestTopology {
    public static final OutputTag<RejectedEvent> REJECTED = new OutputTag<>("rejected-events") {};

    /** The outputs: accepted events (for the events table), KPI input, rejections and late events. */
    public record Streams(
            DataStream<SocialEvent> accepted,
            DataStream<SocialEvent> kpiInput,
            DataStream<RejectedEvent> rejected,
            DataStream<LateEvent> late) {}

    private IngestTopology() {}

    /** The alert clock of each Kafka partition as its watermark ({@link PartitionClock}, docs/alerts.md). */
    public static WatermarkStrategy<Envelope> watermarks(EventTimeSettings settings) {
        return WatermarkStrategy.<Envelope>forGenerator(
                        context -> new PartitionClock(settings, System::currentTimeMillis))
                .withTimestampAssigner((envelope, recordTimestamp) -> envelope.eventTime());
    }

    /**
     * For a bounded replay: the watermark moves with every record that raises it, so whether an
     * event is late depends on the order of the input alone, not on how fast it was read.
     */
    public static WatermarkStrategy<Envelope> replayWatermarks(EventTimeSettings settings) {
        long bound = settings.outOfOrderness().toMillis();
        return WatermarkStrategy.<Envelope>forGenerator(context -> new WatermarkGenerator<>() {
                    private long maxTimestamp = Long.MIN_VALUE;

                    @Override
                    public void onEvent(Envelope envelope, long timestamp, WatermarkOutput output) {
                        if (envelope.isAccepted() && timestamp > maxTimestamp) {
                            maxTimestamp = timestamp;
                            output.emitWatermark(new Watermark(maxTimestamp - bound - 1));
                        }
                    }

                    @Override
                    public void onPeriodicEmit(WatermarkOutput output) {}
                })
                .withTimestampAssigner((envelope, recordTimestamp) -> envelope.eventTime());
    }

    /** {@code envelopes} must already carry timestamps and watermarks ({@link #watermarks}). */
    public static Streams build(DataStream<Envelope> envelopes, EventTimeSettings settings) {
        SingleOutputStreamOperator<SocialEvent> decoded = envelopes
                .process(new SplitRejected())
                .returns(SocialEventSerializer.TYPE)
                .name("Split rejected records")
                .uid("split-rejected")
                // chained to the source: a rebalance here would make lateness depend on thread timing
                .setParallelism(envelopes.getParallelism());
        SingleOutputStreamOperator<SocialEvent> accepted = decoded.process(
                        new SplitLateEvents(settings.latenessMillis()))
                .returns(SocialEventSerializer.TYPE)
                .name("Split late events")
                .uid("split-late-events")
                .setParallelism(envelopes.getParallelism());
        DataStream<SocialEvent> kpiInput = accepted.filter(EventRules::countsInKpis)
                .name("Drop events with UNKNOWN symbols from KPIs")
                .uid("kpi-events");
        return new Streams(
                accepted, kpiInput, decoded.getSideOutput(REJECTED), accepted.getSideOutput(SplitLateEvents.LATE));
    }

    static final class SplitRejected extends ProcessFunction<Envelope, SocialEvent> {
        private transient Counter read;
        private transient Counter rejected;

        @Override
        public void open(OpenContext openContext) {
            MetricGroup metrics = PulseMetrics.of(getRuntimeContext().getMetricGroup());
            read = metrics.counter(PulseMetrics.EVENTS_READ);
            rejected = metrics.counter(PulseMetrics.EVENTS_REJECTED);
        }

        @Override
        public void processElement(Envelope envelope, Context ctx, Collector<SocialEvent> out) {
            if (envelope.isHeartbeat()) {
                return; // it has moved its partition's clock, and is nothing else
            }
            read.inc();
            if (envelope.isAccepted()) {
                out.collect(envelope.event);
            } else {
                rejected.inc();
                ctx.output(REJECTED, envelope.rejected);
            }
        }
    }
}
