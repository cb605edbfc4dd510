package io.smmpulse.goals;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.config.Goal;
import io.smmpulse.schema.SocialEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * docs/goals.md: every period of each configured goal from the local period that holds the community's earliest
 * accepted event up to the clock, with its instants, target and direction, so that kpi_goals needs no time zone
 * arithmetic. Keyed by community. Live, a timer at the next period's start writes it as the clock reaches it; in a
 * bounded replay the clock is known, and every period up to it is written with the first event.
 */
public class GoalPeriodsFunction extends KeyedProcessFunction<String, SocialEvent, GoalPeriodRow> {
    private final Communities communities;
    private final EventTimeSettings settings;
    private transient ValueState<GoalCoverage> state;

    public GoalPeriodsFunction(Communities communities, EventTimeSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("goal-coverage", GoalCoverage.class));
    }

    @Override
    public void processElement(SocialEvent event, Context ctx, Collector<GoalPeriodRow> out) throws Exception {
        long time = event.getOccurredAt().toEpochMilli();
        long horizon = settings.replayClock() != null ? Math.max(time, settings.replayClock()) : time;
        cover(event.getCommunityId(), time, horizon, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GoalPeriodRow> out) throws Exception {
        GoalCoverage coverage = state.value();
        if (coverage != null) {
            cover(ctx.getCurrentKey(), coverage.firstAt, settings.instantOf(timestamp), ctx, out);
        }
    }

    private void cover(String community, long first, long horizon, Context ctx, Collector<GoalPeriodRow> out)
            throws Exception {
        CommunityConfig config = communities.forCommunity(community);
        GoalCoverage before = state.value();
        GoalCoverage now = new GoalCoverage();
        now.firstAt = before == null ? first : Math.min(before.firstAt, first);
        now.horizon = before == null ? horizon : Math.max(before.horizon, horizon);
        now.goals = signature(config.goals());
        boolean sameGoals = before != null && before.goals.equals(now.goals);
        if (sameGoals && before.firstAt == now.firstAt && before.horizon == now.horizon) {
            return;
        }
        BusinessCalendar calendar = config.calendar();
        for (Goal goal : config.goals()) {
            forEachPeriod(calendar, goal.period(), now.firstAt, now.horizon, row -> {
                boolean written = sameGoals
                        && row.startAt >= periodStartAt(calendar, goal.period(), before.firstAt)
                        && row.startAt <= before.horizon;
                if (!written) {
                    out.collect(fill(row, community, goal));
                }
            });
        }
        if (before != null && !sameGoals) {
            withdrawRemoved(community, config, before, calendar, out);
        }
        state.update(now);
        // live, the next period when the clock reaches it; none once the input has ended (a watermark at the end of
        // time would fire period after period for ever)
        if (settings.replayClock() == null && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(settings.timerAt(nextStart(calendar, config, now.horizon)));
        }
    }

    /** Rows of goals no longer configured (by metric and period), marked removed so that kpi_goals leaves them out. */
    private static void withdrawRemoved(
            String community,
            CommunityConfig config,
            GoalCoverage before,
            BusinessCalendar calendar,
            Collector<GoalPeriodRow> out) {
        List<String> kept = new ArrayList<>();
        for (Goal goal : config.goals()) {
            kept.add(goal.metric().sqlName() + "|" + goal.period().sqlName());
        }
        for (String written : before.goals) {
            String[] parts = written.split("\\|");
            if (kept.contains(parts[0] + "|" + parts[1])) {
                continue;
            }
            Goal goal = new Goal(
                    Goal.Metric.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                    Goal.Period.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT)),
                    Double.parseDouble(parts[2]));
            forEachPeriod(calendar, goal.period(), before.firstAt, before.horizon, row -> {
                GoalPeriodRow removed = fill(row, community, goal);
                removed.removed = true;
                out.collect(removed);
            });
        }
    }

    static List<String> signature(List<Goal> goals) {
        List<String> signature = new ArrayList<>();
        for (Goal goal : goals) {
            signature.add(goal.metric().sqlName() + "|" + goal.period().sqlName() + "|" + goal.target());
        }
        return signature;
    }

    private static GoalPeriodRow fill(GoalPeriodRow row, String community, Goal goal) {
        row.communityId = community;
        row.metric = goal.metric().sqlName();
        row.period = goal.period().sqlName();
        row.target = goal.target();
        row.direction = goal.metric().direction();
        return row;
    }

    /** The periods from the one holding {@code first} to the last one starting at or before {@code horizon}. */
    static void forEachPeriod(
            BusinessCalendar calendar, Goal.Period kind, long first, long horizon, Consumer<GoalPeriodRow> out) {
        LocalDate start = localStart(calendar, kind, first);
        while (true) {
            long startAt = calendar.startOf(start.toEpochDay());
            if (startAt > horizon) {
                return;
            }
            LocalDate next = kind.next(start);
            GoalPeriodRow row = new GoalPeriodRow();
            row.period = kind.sqlName();
            row.periodStart = start;
            row.startAt = startAt;
            row.endAt = calendar.startOf(next.toEpochDay());
            out.accept(row);
            start = next;
        }
    }

    private static LocalDate localStart(BusinessCalendar calendar, Goal.Period kind, long instant) {
        BusinessCalendar.LocalDay day = calendar.localDay(instant);
        return kind.startHolding(day);
    }

    private static long periodStartAt(BusinessCalendar calendar, Goal.Period kind, long instant) {
        return calendar.startOf(localStart(calendar, kind, instant).toEpochDay());
    }

    /** The earliest start of a week or month after {@code horizon}: when the next period must be written. */
    private static long nextStart(BusinessCalendar calendar, CommunityConfig config, long horizon) {
        LocalDate week = Goal.Period.WEEK.next(localStart(calendar, Goal.Period.WEEK, horizon));
        LocalDate month = Goal.Period.MONTH.next(localStart(calendar, Goal.Period.MONTH, horizon));
        boolean monthly = config.goals().stream().anyMatch(g -> g.period() == Goal.Period.MONTH);
        boolean weekly = config.goals().stream().anyMatch(g -> g.period() == Goal.Period.WEEK) || !monthly;
        long next = Long.MAX_VALUE;
        if (weekly) {
            next = Math.min(next, calendar.startOf(week.toEpochDay()));
        }
        if (monthly) {
            next = Math.min(next, calendar.startOf(month.toEpochDay()));
        }
        return next;
    }
}
