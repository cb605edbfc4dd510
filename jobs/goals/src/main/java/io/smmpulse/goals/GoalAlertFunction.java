package io.smmpulse.goals;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.config.Goal;
import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SlaAlert;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * docs/goals.md, SmmPulseGoalOffTrack: on every whole UTC hour h of the job's clock after the community's earliest
 * event, each goal's open period is judged from what had happened by h; a goal that is off track once
 * {@code goal_alert_after} of its period has passed fires, and resolves at the first later hour on track or at the
 * period's end (with its status there, met or missed). At most one firing per goal and period. Keyed by community; it
 * keeps what the open periods count, released once they have ended.
 */
public class GoalAlertFunction extends KeyedProcessFunction<String, GoalInput, SlaAlert> {
    public static final String ALERT_NAME = "SmmPulseGoalOffTrack";
    private static final long HOUR = 3_600_000;
    private static final String FIRING = "firing@";
    private static final String DONE = "done";

    private final Communities communities;
    private final EventTimeSettings settings;
    private transient GoalLedger ledger;
    /** Per goal and period ("metric|period|start"): "firing@" and the hour it fired, or "done". */
    private transient MapState<String, String> alerts;
    /** The community's earliest event and the next hour to decide. */
    private transient ValueState<long[]> clock;
    /** Per community of this task: its ledger summed per period, built from the ledger on first use. */
    private transient Map<String, GoalTally> tallies;

    public GoalAlertFunction(Communities communities, EventTimeSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ledger = new GoalLedger(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("goal-items", String.class, GoalItem.class)));
        alerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("goal-alerts", String.class, String.class));
        clock = getRuntimeContext().getState(new ValueStateDescriptor<>("goal-hours", long[].class));
        tallies = new java.util.HashMap<>();
    }

    /** The current key's tally; after a restore, summed from the ledger at the last hour decided. */
    private GoalTally tally(String community, CommunityConfig config) throws Exception {
        GoalTally tally = tallies.get(community);
        if (tally == null) {
            long[] hours = clock.value();
            tally = ledger.tally(config, hours == null ? Long.MIN_VALUE : hours[1] - HOUR);
            tallies.put(community, tally);
        }
        return tally;
    }

    /**
     * What the classified events that some goal of their community counts change in the ledger: only those changes, a
     * key and a thing each, cross the network for the alerts.
     */
    static final class EventChanges implements FlatMapFunction<ClassifiedEvent, GoalInput> {
        private final Communities communities;
        private transient Map<String, java.util.Set<EventType>> byCommunity;

        EventChanges(Communities communities) {
            this.communities = communities;
        }

        @Override
        public void flatMap(ClassifiedEvent c, Collector<GoalInput> out) {
            if (byCommunity == null) {
                byCommunity = new java.util.HashMap<>();
            }
            String community = c.event.getCommunityId();
            java.util.Set<EventType> types = byCommunity.get(community);
            if (types == null) {
                types = needed(communities.forCommunity(community));
                byCommunity.put(community, types);
            }
            if (types.contains(c.event.getEventType())) {
                GoalLedger.changesOf(c, communities.forCommunity(community), out::collect);
            }
        }
    }

    /** Whether a community's goals count questions (SLA share, reply time). */
    public static boolean countsQuestions(CommunityConfig config) {
        return config.goals().stream()
                .anyMatch(g -> g.metric() == Goal.Metric.SLA_SHARE || g.metric() == Goal.Metric.FRT_AVG_S);
    }

    /** Whether a community's goals count resolved cases. */
    public static boolean countsCases(CommunityConfig config) {
        return config.goals().stream().anyMatch(g -> g.metric() == Goal.Metric.RESOLVED_WITHOUT_ESCALATION_SHARE);
    }

    /** The event types a community's goals count. */
    static java.util.Set<EventType> needed(CommunityConfig config) {
        java.util.EnumSet<EventType> types = java.util.EnumSet.noneOf(EventType.class);
        for (Goal goal : config.goals()) {
            switch (goal.metric()) {
                case UGC_ITEMS, NEGATIVE_SHARE -> types.addAll(List.of(EventType.POST, EventType.COMMENT));
                case HELPFUL_SHARE -> types.addAll(List.of(EventType.POST, EventType.COMMENT, EventType.REACTION));
                case ACTIVE_MEMBERS -> types.addAll(io.smmpulse.core.event.EventRules.ACTIVITY_TYPES);
                case NET_FOLLOWS -> types.addAll(List.of(EventType.FOLLOW, EventType.UNFOLLOW));
                case LINK_CLICKS -> types.add(EventType.LINK_CLICK);
                case CONVERTERS_7D ->
                    types.addAll(List.of(
                            EventType.POST,
                            EventType.COMMENT,
                            EventType.VOTE,
                            EventType.FORM_SUBMIT,
                            EventType.EVENT_SIGNUP,
                            EventType.LINK_CLICK));
                case PROPOSALS_IMPLEMENTED -> types.add(EventType.PROPOSAL_IMPLEMENTED);
                default -> {}
            }
        }
        return types;
    }

    @Override
    public void processElement(GoalInput input, Context ctx, Collector<SlaAlert> out) throws Exception {
        CommunityConfig config = communities.forCommunity(input.community());
        if (config.goals().isEmpty()) {
            return;
        }
        long time = input.time();
        long[] hours = clock.value();
        if (hours == null || time < hours[0]) {
            long earliest = hours == null ? time : Math.min(hours[0], time);
            long next = hours == null ? firstHourAfter(earliest) : Math.min(hours[1], firstHourAfter(earliest));
            hours = new long[] {earliest, next};
            clock.update(hours);
            schedule(ctx, next);
        }
        if (!input.earliestOnly) {
            ledger.remember(input, tally(input.community(), config));
        }
    }

    private static long firstHourAfter(long instant) {
        return Math.floorDiv(instant, HOUR) * HOUR + HOUR;
    }

    /**
     * The next hour's timer, unless no hour can come: past a replay's clock, or once the input has ended (a watermark
     * at the end of time would fire hour after hour for ever).
     */
    private void schedule(Context ctx, long hour) {
        boolean ended = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (!ended && (settings.replayClock() == null || hour <= settings.replayClock())) {
            ctx.timerService().registerEventTimeTimer(settings.timerAt(hour));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        long[] hours = clock.value();
        long hour = settings.instantOf(timestamp);
        if (hours == null || hour != hours[1]) {
            return; // a timer of an hour decided already (an earlier event moved the first hour)
        }
        CommunityConfig config = communities.forCommunity(ctx.getCurrentKey());
        decide(ctx.getCurrentKey(), config, hour, out);
        hours[1] = hour + HOUR;
        clock.update(hours);
        schedule(ctx, hours[1]);
    }

    private void decide(String community, CommunityConfig config, long hour, Collector<SlaAlert> out) throws Exception {
        BusinessCalendar calendar = config.calendar();
        long horizon = Long.MAX_VALUE;
        GoalTally tally = tally(community, config);
        tally.advance(hour);
        for (Goal goal : config.goals()) {
            Period period = Period.holding(calendar, goal.period(), hour);
            horizon = Math.min(horizon, period.startAt);
            endFiredAlerts(community, config, goal, period, tally, out);
            String key = key(goal, period);
            String state = alerts.get(key);
            if (DONE.equals(state)) {
                continue;
            }
            double elapsed = (hour - period.startAt) / (double) (period.endAt - period.startAt);
            if (state == null && elapsed < config.goalAlertAfter()) {
                continue;
            }
            Double actual = tally.value(goal.metric(), period);
            if (actual == null) {
                continue;
            }
            double projected = goal.metric().isCount() ? actual / elapsed : actual;
            boolean onTrack = elapsed == 0 || goal.satisfiedBy(projected);
            if (state == null && !onTrack && elapsed >= config.goalAlertAfter()) {
                alerts.put(key, FIRING + hour);
                out.collect(alert(
                        community, config, goal, period, AlertStatus.FIRING, hour, hour, actual, projected, null));
            } else if (state != null && onTrack) {
                alerts.put(key, DONE);
                out.collect(alert(
                        community,
                        config,
                        goal,
                        period,
                        AlertStatus.RESOLVED,
                        firedAt(state),
                        hour,
                        actual,
                        projected,
                        "on track again"));
            }
        }
        ledger.release(horizon, tally);
    }

    /** Resolves the alerts still firing for periods of {@code goal} that ended before {@code current}. */
    private void endFiredAlerts(
            String community,
            CommunityConfig config,
            Goal goal,
            Period current,
            GoalTally tally,
            Collector<SlaAlert> out)
            throws Exception {
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, String> entry : alerts.entries()) {
            String[] parts = entry.getKey().split("\\|");
            if (!parts[0].equals(goal.metric().sqlName())
                    || !parts[1].equals(goal.period().sqlName())) {
                continue;
            }
            LocalDate start = LocalDate.parse(parts[2]);
            if (!start.isBefore(current.start)) {
                continue;
            }
            ended.add(entry.getKey());
            if (entry.getValue().startsWith(FIRING)) {
                Period period = Period.of(config.calendar(), goal.period(), start);
                // judged at the period's end: the tally stands there unless no hour fell on the end (a
                // half-hour time zone), and then the things are summed afresh at the end, once
                GoalTally atEnd = tally.at() == period.endAt ? tally : tally.countedAt(period.endAt);
                Double actual = atEnd.value(goal.metric(), period);
                String status = actual != null && goal.satisfiedBy(actual) ? "met" : "missed";
                out.collect(alert(
                        community,
                        config,
                        goal,
                        period,
                        AlertStatus.RESOLVED,
                        firedAt(entry.getValue()),
                        period.endAt,
                        actual,
                        actual,
                        "period ended: " + status));
            }
        }
        for (String key : ended) {
            alerts.remove(key);
        }
    }

    private static long firedAt(String state) {
        return Long.parseLong(state.substring(FIRING.length()));
    }

    private static String key(Goal goal, Period period) {
        return goal.metric().sqlName() + "|" + goal.period().sqlName() + "|" + period.start;
    }

    private SlaAlert alert(
            String community,
            CommunityConfig config,
            Goal goal,
            Period period,
            AlertStatus status,
            long startsAt,
            long at,
            Double actual,
            Double projected,
            String note) {
        String summary = String.format(
                java.util.Locale.ROOT,
                "%s %s of %s: %s %s against a target %s %s%s",
                goal.metric().sqlName(),
                goal.period().sqlName(),
                period.start,
                status == AlertStatus.FIRING ? "projected" : "at",
                projected == null ? "no data" : String.format(java.util.Locale.ROOT, "%.4g", projected),
                goal.metric().direction().equals("at_most") ? "<=" : ">=",
                String.format(java.util.Locale.ROOT, "%.4g", goal.target()),
                note == null ? "" : " (" + note + ")");
        Instant starts = Instant.ofEpochMilli(startsAt);
        return AlertCodec.aboutCommunity(
                        community + "/goal/" + goal.metric().sqlName() + "/"
                                + goal.period().sqlName() + "/" + period.start + "/" + status,
                        ALERT_NAME,
                        status,
                        community,
                        starts,
                        status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(at) : null,
                        Instant.now())
                .setSeverity("warning")
                .setOwner(config.goalOwner())
                .setSummary(summary)
                .setMetric(goal.metric().sqlName())
                .setPeriod(goal.period().sqlName())
                .setPeriodStart(period.start.toString())
                .build();
    }

    /** A goal's local week or month and its instants. */
    record Period(LocalDate start, long startAt, long endAt) {
        static Period of(BusinessCalendar calendar, Goal.Period kind, LocalDate start) {
            LocalDate end = kind.next(start);
            return new Period(start, calendar.startOf(start.toEpochDay()), calendar.startOf(end.toEpochDay()));
        }

        static Period holding(BusinessCalendar calendar, Goal.Period kind, long instant) {
            BusinessCalendar.LocalDay day = calendar.localDay(instant);
            return of(calendar, kind, kind.startHolding(day));
        }
    }
}
