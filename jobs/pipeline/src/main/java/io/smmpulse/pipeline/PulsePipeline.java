package io.smmpulse.pipeline;

import io.smmpulse.clickhouse.ClickHouseSink;
import io.smmpulse.clickhouse.RowMapping;
import io.smmpulse.community.CommunityTopology;
import io.smmpulse.core.clock.JobClock;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.ingest.IngestTopology;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.engagement.FunnelTopology;
import io.smmpulse.escalation.CaseRow;
import io.smmpulse.escalation.EscalationTopology;
import io.smmpulse.firstresponse.FirstResponseTopology;
import io.smmpulse.goals.GoalTopology;
import io.smmpulse.pipeline.tables.CommunityTables;
import io.smmpulse.pipeline.tables.IngestRows;
import io.smmpulse.pipeline.tables.KpiEventRows;
import io.smmpulse.pipeline.tables.ResultTables;
import io.smmpulse.risk.RiskTopology;
import io.smmpulse.schema.SlaAlert;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Every KPI topology between a source of envelopes and the outputs; no I/O of its own. */
public final class PulsePipeline {
    private PulsePipeline() {}

    /** Where each result table goes; the real job writes them all to ClickHouse. */
    public interface Outputs {
        /** {@code part} names this stream of rows when several streams fill one table (operator names and uids). */
        <T> void write(DataStream<T> rows, RowMapping<T> mapping, String part);

        default <T> void write(DataStream<T> rows, RowMapping<T> mapping) {
            write(rows, mapping, mapping.table());
        }
    }

    /** What a caller may send further (the streaming job: dead letters and alerts to Kafka). */
    public record Results(IngestTopology.Streams ingest, DataStream<SlaAlert> alerts) {}

    public static Results attach(
            DataStream<Envelope> envelopes, Communities communities, EventTimeSettings settings, Outputs outputs) {
        return attach(envelopes, communities, settings, outputs, true);
    }

    /** @param riskSignals false leaves the risk signals out (the bench measures what they cost) */
    public static Results attach(
            DataStream<Envelope> envelopes,
            Communities communities,
            EventTimeSettings settings,
            Outputs outputs,
            boolean riskSignals) {
        IngestTopology.Streams ingest = IngestTopology.build(envelopes, settings);
        outputs.write(
                JobClock.of(envelopes, settings.mode().name().toLowerCase(java.util.Locale.ROOT), settings),
                ResultTables.JOB_CLOCK);
        outputs.write(ingest.accepted(), IngestRows.EVENTS);
        outputs.write(ingest.rejected(), IngestRows.REJECTED_EVENTS);
        outputs.write(ingest.late(), IngestRows.LATE_EVENTS);

        SpamTopology.Classified classified = SpamTopology.classify(ingest.kpiInput(), communities, settings);
        FirstResponseTopology.Streams firstResponse = FirstResponseTopology.build(classified, communities, settings);
        outputs.write(firstResponse.questions(), ResultTables.QUESTIONS);
        outputs.write(firstResponse.alerts(), ResultTables.SLA_ALERTS);
        DataStream<CaseRow> cases = EscalationTopology.build(classified, communities);
        outputs.write(cases, ResultTables.CASES);
        outputs.write(FunnelTopology.build(ingest.kpiInput(), communities, settings), ResultTables.FUNNEL_ENTRIES);
        RowMapping<ClassifiedEvent> facts = KpiEventRows.mapping(communities);
        outputs.write(classified.memberItems(), facts);
        outputs.write(classified.others(), facts, "kpi_events_others");
        CommunityTopology.Streams community = CommunityTopology.build(classified, communities, settings);
        for (CommunityTables.GroupTable table : CommunityTables.GROUP_TABLES) {
            outputs.write(community.of(table.kpi()), table.mapping());
        }
        outputs.write(community.posts(), CommunityTables.CONTENT_POSTS);
        GoalTopology.Streams goals = GoalTopology.build(
                ingest.accepted(), classified, firstResponse.questions(), cases, communities, settings);
        outputs.write(goals.periods(), ResultTables.GOAL_PERIODS);
        outputs.write(goals.alerts(), ResultTables.SLA_ALERTS, "sla_alerts_goals");
        if (!riskSignals) {
            return new Results(ingest, firstResponse.alerts().union(goals.alerts()));
        }
        RiskTopology.Streams risk = RiskTopology.build(ingest.accepted(), classified, communities, settings);
        outputs.write(risk.windows(), ResultTables.RISK_WINDOWS);
        outputs.write(risk.alerts(), ResultTables.SLA_ALERTS, "sla_alerts_risk");
        return new Results(ingest, firstResponse.alerts().union(goals.alerts(), risk.alerts()));
    }

    /**
     * How long a table's sink gathers the batches of several checkpoints into one insert. The raw
     * event tables get thousands of rows per checkpoint and are written as each completes (the
     * bench's end-to-end probe reads {@code events}); a result table gets a few rows per checkpoint
     * each, so its sink waits 4 s after a write: a table's insert every 5 s instead of every 2-s
     * checkpoint, per subtask, and fewer parts for ClickHouse to merge (docs/performance.md).
     */
    static Duration gatherFor(String table) {
        return RAW_TABLES.contains(table) ? Duration.ZERO : RESULTS_GATHER;
    }

    static final Duration RESULTS_GATHER = Duration.ofSeconds(4);

    private static final java.util.Set<String> RAW_TABLES = java.util.Set.of(
            IngestRows.EVENTS.table(),
            IngestRows.REJECTED_EVENTS.table(),
            IngestRows.LATE_EVENTS.table(),
            KpiEventRows.TABLE);

    /**
     * Every table into ClickHouse, exactly once in effect. Rows wait for their checkpoint in files
     * under {@code spool} (one folder per sink), which every TaskManager of the job must share, like
     * the checkpoints that name them.
     */
    public static Outputs clickHouse(ClickHouseSettings clickHouse, Path spool) {
        return clickHouse(clickHouse, spool, true);
    }

    /**
     * As above; without {@code kpiEvents} no row reaches the {@code kpi_events} sinks. They stay in
     * the job (with their state and uids), so that a job restores across a change of the setting.
     */
    public static Outputs clickHouse(ClickHouseSettings clickHouse, Path spool, boolean kpiEvents) {
        return new Outputs() {
            @Override
            public <T> void write(DataStream<T> rows, RowMapping<T> mapping, String part) {
                if (!kpiEvents && mapping.table().equals(KpiEventRows.TABLE)) {
                    rows = rows.filter(row -> false)
                            .name("Not written: " + part + " (PULSE_KPI_EVENTS)")
                            .uid("left-out-" + part.replace('_', '-'));
                }
                ClickHouseSink<T> sink;
                try {
                    sink = ClickHouseSink.create(clickHouse, mapping, spool.resolve(part), gatherFor(mapping.table()));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(
                            "cannot prepare the ClickHouse sink of " + mapping.table() + ": " + e.getMessage(), e);
                }
                rows.sinkTo(sink).name("ClickHouse " + part).uid("clickhouse-" + part.replace('_', '-'));
            }
        };
    }
}
