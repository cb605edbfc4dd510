package io.smmpulse.pipeline.tables;

import io.smmpulse.clickhouse.RowMapping;
import io.smmpulse.clickhouse.RowWriter;
import io.smmpulse.core.clock.ClockRow;
import io.smmpulse.engagement.FunnelEntry;
import io.smmpulse.escalation.CaseRow;
import io.smmpulse.firstresponse.QuestionRow;
import io.smmpulse.goals.GoalPeriodRow;
import io.smmpulse.risk.RiskRow;
import io.smmpulse.schema.SlaAlert;
import java.util.List;

/** Row mappings of the KPI modules' result tables (sql/020, sql/030, sql/060, sql/070) and the job's clock: the KPI modules know nothing of the sink. */
public final class ResultTables {
    private ResultTables() {}

    private static Long millis(java.time.Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    public static final RowMapping<SlaAlert> SLA_ALERTS = new RowMapping<>() {
        @Override
        public String table() {
            return "sla_alerts";
        }

        @Override
        public List<String> columns() {
            return List.of(
                    "alert_id",
                    "status",
                    "question_id",
                    "community_id",
                    "platform",
                    "channel",
                    "priority",
                    "asked_at",
                    "deadline_at",
                    "responded_at",
                    "decided_at",
                    "alert_name",
                    "warning_at",
                    "starts_at",
                    "ends_at",
                    "signal",
                    "severity",
                    "owner",
                    "metric",
                    "period",
                    "period_start");
        }

        @Override
        public void write(SlaAlert a, RowWriter out) {
            out.string(a.getAlertId())
                    .symbol(a.getStatus())
                    .string(a.getQuestionId())
                    .string(a.getCommunityId())
                    .string(a.getPlatform())
                    .string(a.getChannel())
                    .string(a.getPriority())
                    .number(a.getAskedAt().toEpochMilli())
                    .number(a.getDeadlineAt().toEpochMilli())
                    .nullableNumber(millis(a.getRespondedAt()))
                    .number(a.getDecidedAt().toEpochMilli())
                    .string(a.getAlertName())
                    .nullableNumber(millis(a.getWarningAt()))
                    .nullableNumber(millis(a.getStartsAt()))
                    .nullableNumber(millis(a.getEndsAt()))
                    .string(a.getSignal() == null ? "" : a.getSignal())
                    .string(a.getSeverity() == null ? "" : a.getSeverity())
                    .string(a.getOwner() == null ? "" : a.getOwner())
                    .string(a.getMetric() == null ? "" : a.getMetric())
                    .string(a.getPeriod() == null ? "" : a.getPeriod())
                    .string(a.getPeriodStart() == null ? "" : a.getPeriodStart());
        }
    };

    public static final RowMapping<RiskRow> RISK_WINDOWS = new RowMapping<>() {
        @Override
        public String table() {
            return "risk_windows";
        }

        @Override
        public List<String> columns() {
            return List.of("community_id", "signal", "window_end", "count", "baseline_mean", "baseline_std", "level");
        }

        @Override
        public void write(RiskRow r, RowWriter out) {
            out.string(r.communityId)
                    .string(r.signal)
                    .number(r.windowEnd)
                    .number(r.count)
                    .nullableReal(r.baselineMean)
                    .nullableReal(r.baselineStd)
                    .string(r.level);
        }
    };

    public static final RowMapping<QuestionRow> QUESTIONS = new RowMapping<>() {
        @Override
        public String table() {
            return "fr_questions";
        }

        @Override
        public List<String> columns() {
            return List.of(
                    "community_id",
                    "platform",
                    "question_id",
                    "channel",
                    "priority",
                    "day",
                    "asked_at",
                    "deadline_at",
                    "responded_at",
                    "frt_ms",
                    "bfrt_ms",
                    "status",
                    "is_spam",
                    "responder",
                    "responded_day",
                    "warning_at");
        }

        @Override
        public void write(QuestionRow r, RowWriter out) {
            out.string(r.communityId)
                    .string(r.platform)
                    .string(r.questionId)
                    .string(r.channel)
                    .string(r.priority)
                    .day(r.day.toEpochDay())
                    .number(r.askedAt)
                    .nullableNumber(r.deadlineAt)
                    .nullableNumber(r.respondedAt)
                    .nullableNumber(r.frtMillis)
                    .nullableNumber(r.businessFrtMillis)
                    .string(r.status.sqlName())
                    .flag(r.spam)
                    .string(r.responderId)
                    .nullableNumber(r.respondedDay == null ? null : r.respondedDay.toEpochDay())
                    .nullableNumber(r.warningAt);
        }
    };
    /** Keyed by the resolution too: a row withdrawn for an earlier resolution stays in its own month's partition. */
    public static final RowMapping<CaseRow> CASES = new RowMapping<>() {
        @Override
        public String table() {
            return "escalation_cases";
        }

        @Override
        public List<String> columns() {
            return List.of(
                    "community_id",
                    "case_id",
                    "resolved_at",
                    "day",
                    "escalated",
                    "withdrawn",
                    "started_at",
                    "with_question",
                    "bres_ms");
        }

        @Override
        public void write(CaseRow r, RowWriter out) {
            out.string(r.communityId)
                    .string(r.caseId)
                    .number(r.resolvedAt)
                    .day(r.day.toEpochDay())
                    .flag(r.escalated)
                    .flag(r.withdrawn)
                    .number(r.startedAt)
                    .flag(r.withQuestion)
                    .number(r.businessMillis);
        }
    };

    public static final RowMapping<GoalPeriodRow> GOAL_PERIODS = new RowMapping<>() {
        @Override
        public String table() {
            return "goal_periods";
        }

        @Override
        public List<String> columns() {
            return List.of(
                    "community_id",
                    "metric",
                    "period",
                    "period_start",
                    "start_at",
                    "end_at",
                    "target",
                    "direction",
                    "removed");
        }

        @Override
        public void write(GoalPeriodRow r, RowWriter out) {
            out.string(r.communityId)
                    .string(r.metric)
                    .string(r.period)
                    .day(r.periodStart.toEpochDay())
                    .number(r.startAt)
                    .number(r.endAt)
                    .nullableReal(r.target)
                    .string(r.direction)
                    .flag(r.removed);
        }
    };

    public static final RowMapping<FunnelEntry> FUNNEL_ENTRIES = new RowMapping<>() {
        @Override
        public String table() {
            return "funnel_entries";
        }

        @Override
        public List<String> columns() {
            return List.of("community_id", "funnel", "entry_event_id", "actor_id", "week_start", "level", "steps");
        }

        @Override
        public void write(FunnelEntry e, RowWriter out) {
            out.string(e.communityId)
                    .string(e.funnel)
                    .string(e.entryEventId)
                    .string(e.actorId)
                    .day(e.weekStart)
                    .number(e.level)
                    .number(e.steps);
        }
    };

    public static final RowMapping<ClockRow> JOB_CLOCK = new RowMapping<>() {
        @Override
        public String table() {
            return "job_clock";
        }

        @Override
        public List<String> columns() {
            return List.of("job", "clock", "written_at");
        }

        @Override
        public void write(ClockRow r, RowWriter out) {
            out.string(r.job).number(r.clock).number(r.writtenAt);
        }
    };
}
