package io.smmpulse.risk;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.config.RiskConfig;
import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.core.metrics.AlertCounters;
import io.smmpulse.core.state.EventTimeTimers;
import io.smmpulse.core.state.Keys;
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
 * One risk signal of one community (key community + signal) over docs/kpis.md's sliding windows.
 *
 * <p>State, nothing per event: the signal's count per slide bucket for the span a late event can
 * still reach (window + allowed lateness), and the count of each decided window for the span the
 * baselines reach back ({@code baseline_hours}): at most baseline_hours·60 / slide window counts
 * (the "baseline_hours numbers per slide offset") and (window + lateness) / slide buckets
 * per key, entries only where there were events.
 * Windows are decided one after another, one timer per key at a time: from the first window end
 * after a new bucket, a slide at a time while windows hold events; when the input up to t has been read (the same clock as the SLA alerts: {@code watermark + bound + 1} live,
 * the watermark in a replay), the window's count is compared with the counts of the windows ending
 * t − 1 h … t − baseline_hours h that end after the community's earliest accepted event, the row
 * is emitted, and the alert decided. The first window without events decides the fall back to
 * {@code none}; then one release timer, once the last window has left every baseline and the
 * lateness, prunes the key that fell quiet: what stays of it is the community's earliest event time. A late event (inside the allowed lateness) updates the rows of the
 * windows already decided; alerts, decided in order as the windows close, stay as they were.
 */
public class RiskWindowFunction extends KeyedProcessFunction<String, RiskHit, RiskRow> {
    public static final OutputTag<SlaAlert> ALERTS = new OutputTag<>("risk-alerts") {};
    public static final String ALERT_NAME = "SmmPulseRiskSpike";
    private static final long HOUR = 3_600_000L;

    private final Communities communities;
    private final EventTimeSettings settings;
    private transient MapState<Long, Integer> buckets;
    private transient MapState<Long, Integer> windows;
    private transient ValueState<RiskKeyState> meta;
    private transient AlertCounters alertCounters;

    public RiskWindowFunction(Communities communities, EventTimeSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG, Types.INT));
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG, Types.INT));
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
        if (state.maxBucket == null || bucket > state.maxBucket) {
            state.maxBucket = bucket;
        }
        for (int k = 1; k <= perWindow; k++) {
            long end = (bucket + k) * slide;
            if (end <= state.decidedUpTo) {
                RiskRow row = evaluate(hit.communityId, hit.signal, end, risk, state)
                        .row; // a late event: the decided row changes
                keep(end, row.count);
                out.collect(row);
            }
        }
        // the next window to decide: from there on, windows are decided one slide after another (onTimer)
        long first = Math.max(
                (bucket + 1) * slide, state.decidedUpTo == Long.MIN_VALUE ? Long.MIN_VALUE : state.decidedUpTo + slide);
        if (state.nextTimer == null || settings.timerAt(first) < state.nextTimer) {
            state.nextTimer = EventTimeTimers.move(ctx.timerService(), state.nextTimer, settings.timerAt(first));
        }
        meta.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RiskRow> out) throws Exception {
        RiskKeyState state = meta.value();
        if (state == null) {
            return;
        }
        if (state.releaseTimer != null && timestamp == state.releaseTimer) {
            state.releaseTimer = null;
        }
        if (state.nextTimer != null && timestamp == state.nextTimer) {
            state.nextTimer = null;
        }
        long end = settings.instantOf(timestamp);
        if (end <= state.decidedUpTo) {
            meta.update(state);
            return;
        }
        String[] key = Keys.firstAndRest(ctx.getCurrentKey());
        RiskConfig risk = communities.forCommunity(key[0]).risk();
        long slide = risk.slideMillis();
        Evaluation evaluation = evaluate(key[0], key[1], end, risk, state);
        if (evaluation.row.count >= 1) {
            out.collect(evaluation.row);
        }
        decideAlerts(evaluation, risk, state, ctx);
        keep(end, evaluation.row.count);
        state.decidedUpTo = end;
        // buckets: for the windows a late event can still reach; window counts: for the baselines of those and of the
        // windows to come
        long bucketsFrom = Math.floorDiv(end - risk.windowMillis() - settings.latenessMillis(), slide) - 1;
        long windowsFrom = Math.floorDiv(
                end - risk.baselineHours() * HOUR - risk.windowMillis() - settings.latenessMillis(), slide);
        if (state.prunedTo == null || windowsFrom - state.prunedTo > risk.baselineHours() * HOUR / slide) {
            prune(buckets, bucketsFrom);
            prune(windows, windowsFrom * slide);
        } else {
            // windows close in order: only what fell out of reach since the last one goes, no scan of the rest
            for (long b = state.prunedTo - (windowsFrom - bucketsFrom); b < bucketsFrom; b++) {
                buckets.remove(b);
            }
            for (long w = state.prunedTo; w < windowsFrom; w++) {
                windows.remove(w * slide);
            }
        }
        state.prunedTo = windowsFrom;
        if (evaluation.row.count > 0 || (state.maxBucket != null && state.maxBucket >= end / slide)) {
            // the next window still holds events (or is the first without them, which decides the fall to none)
            state.nextTimer = EventTimeTimers.move(ctx.timerService(), state.nextTimer, settings.timerAt(end + slide));
        } else if (state.releaseTimer == null && !(buckets.isEmpty() && windows.isEmpty())) {
            // the key fell quiet: once its last window has left every baseline and the lateness, all of it goes
            long span = risk.windowMillis() + risk.baselineHours() * HOUR + settings.latenessMillis() + slide;
            state.releaseTimer = settings.timerAt(end + Math.floorDiv(span + slide - 1, slide) * slide);
            ctx.timerService().registerEventTimeTimer(state.releaseTimer);
        }
        meta.update(state);
    }

    private void keep(long end, long count) throws Exception {
        if (count == 0) {
            windows.remove(end);
        } else {
            windows.put(end, (int) count);
        }
    }

    private static void prune(MapState<Long, Integer> state, long keepFrom) throws Exception {
        java.util.Iterator<Map.Entry<Long, Integer>> it = state.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < keepFrom) {
                it.remove();
            }
        }
        if (state.isEmpty()) {
            state.clear();
        }
    }

    private record Evaluation(RiskRow row, RiskLevel level) {}

    /** The window's count from its buckets, its baseline from the counts kept of the windows ending 1, 2, … hours before. */
    private Evaluation evaluate(String communityId, String signal, long end, RiskConfig risk, RiskKeyState state)
            throws Exception {
        long slide = risk.slideMillis();
        long lastBucket = end / slide - 1;
        long count = 0;
        for (long b = lastBucket - risk.windowMinutes() / risk.slideMinutes() + 1; b <= lastBucket; b++) {
            Integer c = buckets.get(b);
            count += c == null ? 0 : c;
        }
        long n = 0;
        long sum = 0;
        long squares = 0;
        for (int k = 1; k <= risk.baselineHours(); k++) {
            if (end - k * HOUR <= state.earliest) {
                break;
            }
            Integer kept = windows.get(end - k * HOUR);
            long c = kept == null ? 0 : kept;
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

    /** docs/alerts.md: fires when the level first rises to warning (and again to critical), resolves when it falls below. */
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
        String summary = String.format(
                java.util.Locale.ROOT,
                "%s in %s: %d in the %d minutes to %s%s",
                row.signal,
                row.communityId,
                row.count,
                risk.windowMinutes(),
                Instant.ofEpochMilli(row.windowEnd),
                row.baselineMean == null
                        ? " (no baseline)"
                        : String.format(
                                java.util.Locale.ROOT, ", baseline %.2f ± %.2f", row.baselineMean, row.baselineStd));
        Instant starts = Instant.ofEpochMilli(since);
        ctx.output(
                ALERTS,
                AlertCodec.aboutCommunity(
                                row.communityId + "/risk/" + row.signal + "/" + severity + "/" + since + "/"
                                        + status.name(),
                                ALERT_NAME,
                                status,
                                row.communityId,
                                starts,
                                status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(row.windowEnd) : null,
                                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()))
                        .setSignal(row.signal)
                        .setSeverity(severity)
                        .setOwner(risk.owner(row.signal))
                        .setSummary(summary)
                        .build());
    }
}
