package io.smmpulse.goals;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/** docs/goals.md: the periods of every community's goals (table goal_periods), from which the view kpi_goals is computed. */
public final class GoalTopology {
    private GoalTopology() {}

    /** {@code accepted}: every accepted event (the earliest one starts a community's first period). */
    public static DataStream<GoalPeriodRow> periods(
            DataStream<SocialEvent> accepted, Communities communities, EventTimeSettings settings) {
        return accepted.filter(new PeriodChanges(communities))
                .name("Events that move goal periods")
                .uid("goal-period-changes")
                .keyBy(SocialEvent::getCommunityId)
                .process(new GoalPeriodsFunction(communities, settings))
                .name("Goal periods")
                .uid("goal-periods");
    }
}
