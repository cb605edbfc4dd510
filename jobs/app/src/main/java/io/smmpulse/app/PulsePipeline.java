package io.smmpulse.app;

import io.smmpulse.core.clickhouse.ClickHouseSettings;
import io.smmpulse.core.clickhouse.ClickHouseSink;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.core.ingest.IngestRows;
import io.smmpulse.core.ingest.IngestTopology;
import io.smmpulse.core.ingest.LateEvent;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.firstresponse.FirstResponseTopology;
import io.smmpulse.firstresponse.QuestionRow;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Every KPI topology between a source of envelopes and the outputs; no I/O of its own. */
public final class PulsePipeline {
    private PulsePipeline() {}

    /** Where results go; the real job writes all of them to ClickHouse, tests may collect them. */
    public interface Outputs {
        void events(DataStream<SocialEvent> events);

        void rejected(DataStream<RejectedEvent> rejected);

        void late(DataStream<LateEvent> late);

        void questions(DataStream<QuestionRow> questions);
    }

    public static IngestTopology.Streams attach(DataStream<Envelope> envelopes, Communities communities, PulseSettings settings, Outputs outputs) {
        IngestTopology.Streams streams = IngestTopology.build(envelopes, settings);
        outputs.events(streams.accepted());
        outputs.rejected(streams.rejected());
        outputs.late(streams.late());
        DataStream<ClassifiedEvent> classified = SpamTopology.classify(streams.kpiInput(), communities, settings);
        outputs.questions(FirstResponseTopology.build(classified, communities, settings));
        return streams;
    }

    public static Outputs clickHouse(ClickHouseSettings clickHouse) {
        return new Outputs() {
            @Override
            public void events(DataStream<SocialEvent> events) {
                events.sinkTo(new ClickHouseSink<>(clickHouse, IngestRows.EVENTS)).name("ClickHouse events").uid("clickhouse-events");
            }

            @Override
            public void rejected(DataStream<RejectedEvent> rejected) {
                rejected.sinkTo(new ClickHouseSink<>(clickHouse, IngestRows.REJECTED_EVENTS)).name("ClickHouse rejected_events").uid("clickhouse-rejected-events");
            }

            @Override
            public void late(DataStream<LateEvent> late) {
                late.sinkTo(new ClickHouseSink<>(clickHouse, IngestRows.LATE_EVENTS)).name("ClickHouse late_events").uid("clickhouse-late-events");
            }

            @Override
            public void questions(DataStream<QuestionRow> questions) {
                questions.sinkTo(new ClickHouseSink<>(clickHouse, FirstResponseTopology.QUESTIONS)).name("ClickHouse fr_questions").uid("clickhouse-fr-questions");
            }
        };
    }
}
