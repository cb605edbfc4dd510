package io.smmpulse.firstresponse;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.metrics.AlertCounters;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.state.EventTimeTimers;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Matches a question with its first brand-side reply, whichever arrives first, and tracks its SLA.
 *
 * <p>Keyed by community, platform and the question's content_id (a reply's parent_id). Breaches
 * and warnings are decided on event time (docs/alerts.md), never on the wall clock alone, so a backlog
 * never pages for a question whose reply is further down the topic. In live mode the clock is the
 * alert clock of docs/alerts.md ({@code PartitionClock}: the instant up to which every partition has
 * been read, less the producers' ingest delay), so a quiet stream still fires within seconds of
 * max_ingest_delay. In a replay the clock is the watermark, and at the end of the input
 * the replay clock, the largest occurred_at of the input. A question that turns out to be spam (the rate rule of docs/kpis.md, decided by
 * {@code SpamClassifier}) is withdrawn: its row is marked spam, which the views leave out. State is released once the row can no longer change: when the
 * watermark is past the first reply plus the allowed lateness (no earlier reply can still be
 * accepted), or, for a question nobody answers, past the response horizon after it was asked.
 */
public class FirstResponseFunction extends KeyedProcessFunction<String, ClassifiedEvent, QuestionRow> {
    /** Alert transitions (FIRING, RESOLVED) of breaches and warnings, exactly one of each per question and alert. */
    public static final OutputTag<SlaAlert> ALERTS = new OutputTag<>("sla-alerts") {};

    public static final String BREACHED = "SmmPulseSlaBreached";
    public static final String AT_RISK = "SmmPulseSlaAtRisk";

    private final Communities communities;
    private final EventTimeSettings settings;
    private transient ValueState<QuestionState> state;
    private transient AlertCounters alertCounters;

    public FirstResponseFunction(Communities communities, EventTimeSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("question", QuestionState.class));
        alertCounters = new AlertCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ClassifiedEvent classified, Context ctx, Collector<QuestionRow> out) throws Exception {
        SocialEvent event = classified.event;
        boolean isQuestion = EventRules.isQuestion(event);
        if (!isQuestion && !FirstResponseTopology.isBrandReply(event)) {
            return; // bots and members never give a first response
        }
        if (isQuestion && classified.spam && !classified.revision) {
            return; // spam is never a question
        }
        QuestionState question = state.value();
        if (question == null) {
            question = new QuestionState();
        }
        if (isQuestion && classified.revision) {
            // an out-of-order item of the same actor made this question spam after all
            if (question.asked && !question.spam) {
                question.spam = true;
                emitIfChanged(question, ctx, out);
                state.update(question);
            }
            return;
        }
        long time = event.getOccurredAt().toEpochMilli();
        if (isQuestion) {
            if (question.asked) {
                return;
            }
            ask(question, event, time, ctx);
        } else {
            if (!isEarlierReply(question, time, event.getEventId())) {
                return;
            }
            question.firstResponseAt = time;
            question.responderId = event.getActorId();
            question.firstResponseEventId = event.getEventId();
        }
        scheduleCleanup(question, ctx);
        emitIfChanged(question, ctx, out);
        state.update(question);
    }

    /** docs/kpis.md: of two brand replies at the same millisecond, the one with the smaller event_id is first. */
    static boolean isEarlierReply(QuestionState question, long time, String eventId) {
        if (question.firstResponseAt == null || time < question.firstResponseAt) {
            return true;
        }
        return time == question.firstResponseAt && eventId.compareTo(question.firstResponseEventId) < 0;
    }

    private void ask(QuestionState question, SocialEvent event, long time, Context ctx) {
        question.asked = true;
        question.communityId = event.getCommunityId();
        question.platform = event.getPlatform();
        question.questionId = event.getContentId();
        question.channel = event.getChannel().name();
        question.priority = event.getPriority().name();
        question.askedAt = time;
        CommunityConfig config = communities.forCommunity(event.getCommunityId());
        Optional<Long> deadline = config.deadline(time, event.getChannel(), event.getPriority());
        question.deadline = deadline.orElse(null);
        question.warningAt =
                config.warning(time, event.getChannel(), event.getPriority()).orElse(null);
        if (question.deadline != null) {
            question.breachTimer = settings.timerAt(question.deadline + 1);
            ctx.timerService().registerEventTimeTimer(question.breachTimer);
        }
        if (question.warningAt != null) {
            question.warningTimer = settings.timerAt(question.warningAt);
            ctx.timerService().registerEventTimeTimer(question.warningTimer);
        }
    }

    private void scheduleCleanup(QuestionState question, Context ctx) {
        long releaseAt = question.firstResponseAt != null
                ? question.firstResponseAt + settings.latenessMillis() + 1
                : question.askedAt + settings.responseHorizon().toMillis();
        question.cleanupTimer = EventTimeTimers.move(ctx.timerService(), question.cleanupTimer, releaseAt);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QuestionRow> out) throws Exception {
        QuestionState question = state.value();
        if (question == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean endOfInput = watermark == Long.MAX_VALUE;
        long clock;
        if (endOfInput) {
            clock = settings.replayClock() != null ? settings.replayClock() : Long.MIN_VALUE;
        } else {
            clock = settings.instantOf(watermark);
        }
        if (question.deadline != null && clock > question.deadline) {
            question.clockPastDeadline = true;
        }
        if (question.warningAt != null && clock >= question.warningAt) {
            question.clockPastWarning = true;
        }
        emitIfChanged(question, ctx, out);
        boolean released = endOfInput || (question.cleanupTimer != null && timestamp >= question.cleanupTimer);
        if (released
                && !endOfInput
                && question.firstResponseAt == null
                && question.alertFired
                && !question.alertResolved) {
            // nobody answered within the response horizon: the breach ends here rather than firing for ever
            question.alertResolved = true;
            long expiredAt = question.askedAt + settings.responseHorizon().toMillis();
            emit(
                    question,
                    BREACHED,
                    AlertStatus.RESOLVED,
                    question.deadline,
                    ctx,
                    Math.max(expiredAt, question.deadline),
                    "Expired: still unanswered " + settings.responseHorizon().toDays()
                            + " days after it was asked; the question is no longer "
                            + "followed (a later reply counts nowhere).");
        }
        if (released) {
            release(question, ctx);
        } else {
            state.update(question);
        }
    }

    private void release(QuestionState question, OnTimerContext ctx) {
        for (Long timer : new Long[] {question.breachTimer, question.warningTimer, question.cleanupTimer}) {
            if (timer != null) {
                ctx.timerService().deleteEventTimeTimer(timer);
            }
        }
        state.clear();
    }

    static QuestionStatus status(QuestionState question) {
        if (question.deadline == null) {
            return QuestionStatus.PENDING;
        }
        if (question.firstResponseAt != null) {
            return question.firstResponseAt <= question.deadline ? QuestionStatus.WITHIN : QuestionStatus.BREACHED;
        }
        return question.clockPastDeadline ? QuestionStatus.BREACHED : QuestionStatus.PENDING;
    }

    private void emitIfChanged(QuestionState question, Context ctx, Collector<QuestionRow> out) {
        if (!question.asked) {
            return;
        }
        QuestionStatus status = status(question);
        emitAlertTransitions(question, status, ctx);
        String signature = status + "|" + question.firstResponseAt + "|" + question.responderId + "|" + question.spam;
        if (signature.equals(question.lastEmitted)) {
            return;
        }
        question.lastEmitted = signature;
        CommunityConfig config = communities.forCommunity(question.communityId);
        QuestionRow row = new QuestionRow();
        row.communityId = question.communityId;
        row.platform = question.platform;
        row.questionId = question.questionId;
        row.channel = question.channel;
        row.priority = question.priority;
        row.day = config.calendar().localDate(question.askedAt);
        row.askedAt = question.askedAt;
        row.deadlineAt = question.deadline;
        row.warningAt = question.warningAt;
        row.respondedAt = question.firstResponseAt;
        if (question.firstResponseAt != null) {
            row.frtMillis = question.firstResponseAt - question.askedAt;
            row.businessFrtMillis = config.calendar().businessMillisBetween(question.askedAt, question.firstResponseAt);
            row.responderId = question.responderId;
            row.respondedDay = config.calendar().localDate(question.firstResponseAt);
        }
        row.status = status;
        row.spam = question.spam;
        out.collect(row);
    }

    /**
     * docs/alerts.md, once each per question, whatever order the events and timers come in:
     * SmmPulseSlaAtRisk fires at the warning instant of a question still open then (not answered,
     * not breached, not spam) and resolves at its response, its breach or its withdrawal as spam;
     * SmmPulseSlaBreached fires when it breaches and resolves when it is answered after all (or a
     * late reply shows it was answered in time, or it turns out to be spam). The flags live in
     * keyed state, so a restart from a checkpoint neither repeats nor loses a transition.
     */
    private void emitAlertTransitions(QuestionState question, QuestionStatus status, Context ctx) {
        boolean open = question.firstResponseAt == null && status == QuestionStatus.PENDING && !question.spam;
        if (!question.atRiskFired && open && question.clockPastWarning) {
            question.atRiskFired = true;
            emit(question, AT_RISK, AlertStatus.FIRING, question.warningAt, ctx);
        }
        if (question.atRiskFired && !question.atRiskResolved && !open) {
            question.atRiskResolved = true;
            long end = question.firstResponseAt != null && question.firstResponseAt <= question.deadline
                    ? question.firstResponseAt
                    : question.deadline;
            emit(question, AT_RISK, AlertStatus.RESOLVED, question.warningAt, ctx, Math.max(end, question.warningAt));
        }
        if (!question.alertFired && status == QuestionStatus.BREACHED && !question.spam) {
            question.alertFired = true;
            emit(question, BREACHED, AlertStatus.FIRING, question.deadline, ctx);
        }
        if (question.alertFired
                && !question.alertResolved
                && (question.firstResponseAt != null || status != QuestionStatus.BREACHED || question.spam)) {
            question.alertResolved = true;
            long end = question.firstResponseAt != null
                    ? question.firstResponseAt
                    : ctx.timerService().currentProcessingTime();
            emit(
                    question,
                    BREACHED,
                    AlertStatus.RESOLVED,
                    question.deadline,
                    ctx,
                    Math.max(end, question.deadline),
                    contradiction(question));
        }
    }

    /**
     * Why a breach resolves at once when a reply in time is read after the breach was decided (its
     * record was appended later than the deployment's max_ingest_delay); null for any other end.
     */
    static String contradiction(QuestionState question) {
        if (question.firstResponseAt == null || question.firstResponseAt > question.deadline) {
            return null;
        }
        return "Withdrawn: the first brand reply at " + Instant.ofEpochMilli(question.firstResponseAt)
                + " was in time (deadline "
                + Instant.ofEpochMilli(question.deadline)
                + "); it reached the events topic later than max_ingest_delay allows, "
                + "after the breach had been decided.";
    }

    private void emit(QuestionState question, String name, AlertStatus status, long startsAt, Context ctx) {
        emit(question, name, status, startsAt, ctx, null, null);
    }

    private void emit(
            QuestionState question, String name, AlertStatus status, long startsAt, Context ctx, Long endsAt) {
        emit(question, name, status, startsAt, ctx, endsAt, null);
    }

    private void emit(
            QuestionState question,
            String name,
            AlertStatus status,
            long startsAt,
            Context ctx,
            Long endsAt,
            String summary) {
        alertCounters.count(status);
        String prefix = question.communityId + "/" + question.platform + "/" + question.questionId + "/";
        ctx.output(
                ALERTS,
                SlaAlert.newBuilder()
                        .setAlertId(prefix + (name.equals(AT_RISK) ? "at-risk/" : "") + status.name())
                        .setAlertName(name)
                        .setStatus(status)
                        .setQuestionId(question.questionId)
                        .setCommunityId(question.communityId)
                        .setPlatform(question.platform)
                        .setChannel(question.channel)
                        .setPriority(question.priority)
                        .setAskedAt(Instant.ofEpochMilli(question.askedAt))
                        .setDeadlineAt(Instant.ofEpochMilli(question.deadline))
                        .setWarningAt(question.warningAt == null ? null : Instant.ofEpochMilli(question.warningAt))
                        .setRespondedAt(
                                question.firstResponseAt == null
                                        ? null
                                        : Instant.ofEpochMilli(question.firstResponseAt))
                        .setStartsAt(Instant.ofEpochMilli(startsAt))
                        .setEndsAt(endsAt == null ? null : Instant.ofEpochMilli(endsAt))
                        .setDecidedAt(Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()))
                        .setSummary(summary)
                        .build());
    }
}
