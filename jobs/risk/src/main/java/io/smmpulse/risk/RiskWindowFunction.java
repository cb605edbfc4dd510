package io.smmpulse.risk;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.PulseSettings;
import io.smmpulse.core.config.RiskConfig;
import io.smmpulse.core.metrics.AlertCounters;
import io.smmpulse.core.state.EventTimeTimers;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One risk signal of one community (key community + signal) over SPEC 6.2's sliding windows.
 *
 * <p>State: the signal's count per slide bucket (MapState, one entry per bucket with events) for
 * the span the baselines reach back, {@code baseline_hours} + the window + the allowed lateness,
 * and nothing per event: at most (baseline_hours·60 + window + lateness) / slide numbers per key.
 * Every window end t on the slide grid that can hold an event of a bucket gets a timer; when the
 * input up to t has been read (the same clock as the SLA alerts: {@code watermark + bound + 1} live,
 * the watermark in a replay), the window's count is compared with the counts of the windows ending
 * t − 1 h … t − baseline_hours h that end after the community's earliest accepted event, the row
 * is emitted, and the alert decided. One more window end after a bucket's last window decides the
 * fall back to {@code none}; one release timer per key, once its newest bucket has left every
 * baseline, prunes a key that fell quiet: what stays of it is the community's earliest event time. A late event (inside the allowed lateness) updates the rows of the
 * windows already decided; alerts, decided in order as the windows close, stay as they were.
 */
public class RiskWindowFunction extends KeyedProcessFunction<String, RiskHit, RiskRow> {
    public static final OutputTag<SlaAlert> ALERTS = new OutputTag<>("risk-alerts") {};
    public static final String ALERT_NAME = "SmmPulseRiskSpike";
    private static final long HOUR = 3_600_000L;

    private final Communities communities;
    private final PulseSettings settings;
    private transient MapState<Long, Integer> buckets;
    private transient ValueState<RiskKeyState> meta;
    private transient AlertCounters alertCounters;

    public RiskWindowFunction(Communities communities, PulseSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG, Types.INT));
        meta = getRuntimeContext().getState(new ValueStateDescriptor<>("risk", RiskKeyState.class));
        alertCounters = new AlertCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RiskHit hit, Context ctx, Collector<RiskRow> out) throws Exception {
        RiskKeyState state = meta.value();
        if (state == null) {
            state = new RiskKeyState();
        }
        if (hit.time < state.earliest) {
            state.earliest = hit.time;
            meta.update(state);
        }
        if (hit.delta == 0) {
            return;
        }
        RiskConfig risk = communities.forCommunity(hit.communityId).risk();
        long slide = risk.slideMillis();
        long bucket = Math.floorDiv(hit.time, slide);
        Integer before = buckets.get(bucket);
        buckets.put(bucket, (before == null ? 0 : before) + hit.delta);
        int perWindow = risk.windowMinutes() / risk.slideMinutes();
        for (int k = 1; k <= perWindow + 1; k++) {
            long end = (bucket + k) * slide;
            if (end <= state.decidedUpTo) {
                if (k <= perWindow) {
                    out.collect(evaluate(hit.communityId, hit.signal, end, risk, state).row); // a late event: the decided row changes
                }
            } else if (before == null) {
                ctx.timerService().registerEventTimeTimer(timerFor(end));
            }
        }
        if (before == null) {
            // one timer per key, at the first window end at which its newest bucket has left every baseline and
            // can take no late event: a key that falls quiet is pruned there (busy keys are pruned as windows close)
            long span = risk.windowMillis() + risk.baselineHours() * HOUR + settings.latenessMillis();
            long release = timerFor((bucket + 1) * slide + Math.floorDiv(span + slide - 1, slide) * slide);
            if (state.releaseTimer == null || release > state.releaseTimer) {
                state.releaseTimer = EventTimeTimers.move(ctx.timerService(), state.releaseTimer, release);
            }
        }
        meta.update(state);
    }

    /** The event-time timer that fires once the input up to window end {@code end} has been read. */
    private long timerFor(long end) {
        return settings.mode() == PulseSettings.Mode.LIVE ? end - settings.outOfOrderness().toMillis() - 1 : end - 1;
    }

    private long windowEndOf(long timer) {
        return settings.mode() == PulseSettings.Mode.LIVE ? timer + settings.outOfOrderness().toMillis() + 1 : timer + 1;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RiskRow> out) throws Exception {
        RiskKeyState state = meta.value();
        long end = windowEndOf(timestamp);
        if (state == null || end <= state.decidedUpTo) {
            return;
        }
        if (state.releaseTimer != null && timestamp == state.releaseTimer) {
            state.releaseTimer = null;
        }
        String[] key = ctx.getCurrentKey().split("\u0001", 2);
        RiskConfig risk = communities.forCommunity(key[0]).risk();
        Evaluation evaluation = evaluate(key[0], key[1], end, risk, state);
        if (evaluation.row.count >= 1) {
            out.collect(evaluation.row);
        }
        decideAlerts(evaluation, risk, state, ctx);
        state.decidedUpTo = end;
        long keepFrom = Math.floorDiv(end - risk.windowMillis() - risk.baselineHours() * HOUR - settings.latenessMillis(), risk.slideMillis());
        java.util.Iterator<Map.Entry<Long, Integer>> it = buckets.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < keepFrom) {
                it.remove();
            }
        }
        if (buckets.isEmpty()) {
            buckets.clear();
        }
        meta.update(state);
    }

    private record Evaluation(RiskRow row, RiskLevel level) {}

    private Evaluation evaluate(String communityId, String signal, long end, RiskConfig risk, RiskKeyState state) throws Exception {
        long slide = risk.slideMillis();
        int perWindow = risk.windowMinutes() / risk.slideMinutes();
        long lastBucket = end / slide - 1;
        long firstBucket = Math.floorDiv(end - risk.baselineHours() * HOUR - risk.windowMillis(), slide);
        long[] prefix = new long[(int) (lastBucket - firstBucket + 2)];
        for (Map.Entry<Long, Integer> entry : buckets.entries()) {
            long b = entry.getKey();
            if (b >= firstBucket && b <= lastBucket) {
                prefix[(int) (b - firstBucket) + 1] += entry.getValue();
            }
        }
        for (int i = 1; i < prefix.length; i++) {
            prefix[i] += prefix[i - 1];
        }
        int bucketsPerHour = (int) (HOUR / slide);
        int endIndex = prefix.length - 1;
        long count = prefix[endIndex] - prefix[endIndex - perWindow];
        long n = 0;
        long sum = 0;
        long squares = 0;
        for (int k = 1; k <= risk.baselineHours(); k++) {
            if (end - k * HOUR <= state.earliest) {
                break;
            }
            int at = endIndex - k * bucketsPerHour;
            long c = prefix[at] - prefix[at - perWindow];
            n++;
            sum += c;
            squares += c * c;
        }
        RiskRow row = new RiskRow();
        row.communityId = communityId;
        row.signal = signal;
        row.windowEnd = end;
        row.count = count;
        RiskLevel level = RiskLevel.NONE;
        if (n >= Math.max(1, risk.minHistoryHours())) {
            row.baselineMean = RiskLevel.mean(n, sum);
            row.baselineStd = RiskLevel.std(n, sum, squares);
            level = RiskLevel.of(count, n, sum, squares, risk.sigma(), risk.minCount());
        }
        row.level = level.sqlName();
        return new Evaluation(row, level);
    }

    /** SPEC 6.4: fires when the level first rises to warning (and again to critical), resolves when it falls below. */
    private void decideAlerts(Evaluation evaluation, RiskConfig risk, RiskKeyState state, Context ctx) {
        RiskRow row = evaluation.row;
        RiskLevel level = evaluation.level;
        if (level != RiskLevel.NONE && state.warningSince == null) {
            state.warningSince = row.windowEnd;
            emit(row, risk, "warning", state.warningSince, AlertStatus.FIRING, ctx);
        }
        if (level == RiskLevel.CRITICAL && state.criticalSince == null) {
            state.criticalSince = row.windowEnd;
            emit(row, risk, "critical", state.criticalSince, AlertStatus.FIRING, ctx);
        }
        if (level != RiskLevel.CRITICAL && state.criticalSince != null) {
            emit(row, risk, "critical", state.criticalSince, AlertStatus.RESOLVED, ctx);
            state.criticalSince = null;
        }
        if (level == RiskLevel.NONE && state.warningSince != null) {
            emit(row, risk, "warning", state.warningSince, AlertStatus.RESOLVED, ctx);
            state.warningSince = null;
        }
    }

    private void emit(RiskRow row, RiskConfig risk, String severity, long since, AlertStatus status, Context ctx) {
        alertCounters.count(status);
        String summary = String.format(java.util.Locale.ROOT, "%s in %s: %d in the %d minutes to %s%s", row.signal, row.communityId, row.count,
                risk.windowMinutes(), Instant.ofEpochMilli(row.windowEnd),
                row.baselineMean == null ? " (no baseline)" : String.format(java.util.Locale.ROOT, ", baseline %.2f ± %.2f", row.baselineMean, row.baselineStd));
        Instant starts = Instant.ofEpochMilli(since);
        ctx.output(ALERTS, SlaAlert.newBuilder()
                .setAlertId(row.communityId + "/risk/" + row.signal + "/" + severity + "/" + since + "/" + status.name())
                .setAlertName(ALERT_NAME)
                .setStatus(status)
                .setQuestionId("")
                .setCommunityId(row.communityId)
                .setPlatform("")
                .setChannel("")
                .setPriority("")
                .setAskedAt(starts)
                .setDeadlineAt(starts)
                .setStartsAt(starts)
                .setEndsAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(row.windowEnd) : null)
                .setDecidedAt(Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()))
                .setSignal(row.signal)
                .setSeverity(severity)
                .setOwner(risk.owner(row.signal))
                .setSummary(summary)
                .build());
    }
}
