package io.smmpulse.firstresponse;

import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.metrics.PulseMetrics;
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
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Matches a question with its first brand-side reply, whichever arrives first, and tracks its SLA.
 *
 * <p>Keyed by community, platform and the question's content_id (a reply's parent_id). The
 * breach clock is the wall clock in live mode (a processing-time timer at the deadline) and the
 * watermark in a replay, where the end of input stands for the replay clock, the largest
 * occurred_at of the input. A question that turns out to be spam (SPEC rate rule, decided by
 * {@code SpamClassifier}) is withdrawn: its row is marked spam, which the views leave out. State is released once the row can no longer change: when the
 * watermark is past the first reply plus the allowed lateness (no earlier reply can still be
 * accepted), or, for a question nobody answers, past the response horizon after it was asked.
 */
public class FirstResponseFunction extends KeyedProcessFunction<String, ClassifiedEvent, QuestionRow> {
    /** SLA alert transitions (FIRING, RESOLVED), exactly one of each per question. */
    public static final OutputTag<SlaAlert> ALERTS = new OutputTag<>("sla-alerts") {};

    private final Communities communities;
    private final PulseSettings settings;
    private transient ValueState<QuestionState> state;
    private transient Counter alertsFired;
    private transient Counter alertsResolved;

    public FirstResponseFunction(Communities communities, PulseSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("question", QuestionState.class));
        MetricGroup metrics = PulseMetrics.of(getRuntimeContext().getMetricGroup());
        alertsFired = metrics.counter(PulseMetrics.ALERTS_FIRED);
        alertsResolved = metrics.counter(PulseMetrics.ALERTS_RESOLVED);
    }

    @Override
    public void processElement(ClassifiedEvent classified, Context ctx, Collector<QuestionRow> out) throws Exception {
        SocialEvent event = classified.event;
        boolean isQuestion = FirstResponseTopology.isQuestion(event);
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

    /** SPEC 6.2: of two brand replies at the same millisecond, the one with the smaller event_id is first. */
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
        question.warningAt = config.warning(time, event.getChannel(), event.getPriority()).orElse(null);
        if (question.deadline != null) {
            question.breachTimer = question.deadline + 1;
            if (settings.mode() == PulseSettings.Mode.LIVE) {
                ctx.timerService().registerProcessingTimeTimer(question.breachTimer);
            } else {
                ctx.timerService().registerEventTimeTimer(question.breachTimer);
            }
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
        boolean endOfInput = ctx.timeDomain() == TimeDomain.EVENT_TIME && watermark == Long.MAX_VALUE;
        long clock;
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            clock = timestamp;
        } else if (endOfInput && settings.replayClock() != null) {
            clock = settings.replayClock();
        } else {
            clock = settings.mode() == PulseSettings.Mode.REPLAY ? watermark : Long.MIN_VALUE;
        }
        if (question.deadline != null && clock > question.deadline) {
            question.clockPastDeadline = true;
        }
        emitIfChanged(question, ctx, out);
        boolean released = ctx.timeDomain() == TimeDomain.EVENT_TIME
                && (endOfInput || (question.cleanupTimer != null && timestamp >= question.cleanupTimer));
        if (released) {
            release(question, ctx);
        } else {
            state.update(question);
        }
    }

    private void release(QuestionState question, OnTimerContext ctx) {
        if (question.breachTimer != null) {
            if (settings.mode() == PulseSettings.Mode.LIVE) {
                ctx.timerService().deleteProcessingTimeTimer(question.breachTimer);
            } else {
                ctx.timerService().deleteEventTimeTimer(question.breachTimer);
            }
        }
        if (question.cleanupTimer != null) {
            ctx.timerService().deleteEventTimeTimer(question.cleanupTimer);
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
        emitAlertTransition(question, row, ctx);
    }

    /**
     * One FIRING alert when a question breaches, one RESOLVED when it is answered after all (or a
     * late reply shows it was answered in time, or it turns out to be spam). The flags live in
     * keyed state, so a restart from a checkpoint neither repeats nor loses a transition.
     */
    private void emitAlertTransition(QuestionState question, QuestionRow row, Context ctx) {
        if (!question.alertFired && row.status == QuestionStatus.BREACHED && !question.spam) {
            question.alertFired = true;
            alertsFired.inc();
            ctx.output(ALERTS, alert(row, AlertStatus.FIRING, ctx));
        }
        if (question.alertFired && !question.alertResolved
                && (row.respondedAt != null || row.status != QuestionStatus.BREACHED || question.spam)) {
            question.alertResolved = true;
            alertsResolved.inc();
            ctx.output(ALERTS, alert(row, AlertStatus.RESOLVED, ctx));
        }
    }

    private static SlaAlert alert(QuestionRow row, AlertStatus status, Context ctx) {
        return SlaAlert.newBuilder()
                .setAlertId(row.communityId + "/" + row.platform + "/" + row.questionId + "/" + status.name())
                .setStatus(status)
                .setQuestionId(row.questionId)
                .setCommunityId(row.communityId)
                .setPlatform(row.platform)
                .setChannel(row.channel)
                .setPriority(row.priority)
                .setAskedAt(Instant.ofEpochMilli(row.askedAt))
                .setDeadlineAt(Instant.ofEpochMilli(row.deadlineAt))
                .setRespondedAt(row.respondedAt == null ? null : Instant.ofEpochMilli(row.respondedAt))
                .setDecidedAt(Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()))
                .build();
    }
}
