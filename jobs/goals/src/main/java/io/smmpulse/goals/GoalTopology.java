package io.smmpulse.goals;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.escalation.CaseRow;
import io.smmpulse.firstresponse.QuestionRow;
import io.smmpulse.schema.SlaAlert;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * docs/goals.md: the periods of every community's goals (table goal_periods, from which the view kpi_goals is
 * computed) and the alert SmmPulseGoalOffTrack.
 */
public final class GoalTopology {
    private GoalTopology() {}

    public record Streams(DataStream<GoalPeriodRow> periods, DataStream<SlaAlert> alerts) {}

    /**
     * {@code accepted}: every accepted event (the earliest one starts a community's first period); {@code classified},
     * {@code questions} and {@code cases}: what the goal metrics count.
     */
    public static Streams build(
            DataStream<SocialEvent> accepted,
            SpamTopology.Classified classified,
            DataStream<QuestionRow> questions,
            DataStream<CaseRow> cases,
            Communities communities,
            EventTimeSettings settings) {
        DataStream<SocialEvent> periodChanges = accepted.filter(new PeriodChanges(communities))
                .name("Events that move goal periods")
                .uid("goal-period-changes");
        DataStream<GoalPeriodRow> periods = periodChanges
                .keyBy(SocialEvent::getCommunityId)
                .process(new GoalPeriodsFunction(communities, settings))
                .name("Goal periods")
                .uid("goal-periods");

        DataStream<GoalInput> earliest = periodChanges
                .map(e ->
                        GoalInput.earliest(e.getCommunityId(), e.getOccurredAt().toEpochMilli()))
                .returns(GoalInputSerializer.TYPE)
                .name("Earliest events for goal alerts")
                .uid("goal-alert-earliest");
        // on each branch, chained to the classifier: a union in front would cost every event a hop
        GoalAlertFunction.EventChanges changes = new GoalAlertFunction.EventChanges(communities);
        DataStream<GoalInput> counted = classified
                .memberItems()
                .flatMap(changes)
                .returns(GoalInputSerializer.TYPE)
                .name("Goal inputs (members' items)")
                .uid("goal-alert-event-inputs-items")
                .union(classified
                        .others()
                        .flatMap(changes)
                        .returns(GoalInputSerializer.TYPE)
                        .name("Goal inputs (other events)")
                        .uid("goal-alert-event-inputs-others"));
        DataStream<GoalInput> questionInputs = questions
                .filter(q -> GoalAlertFunction.countsQuestions(communities.forCommunity(q.communityId)))
                .name("Questions of communities with goals")
                .uid("goal-alert-questions")
                .map(GoalLedger::changeOf)
                .returns(GoalInputSerializer.TYPE)
                .name("Goal inputs (questions)")
                .uid("goal-alert-question-inputs");
        DataStream<GoalInput> caseInputs = cases.filter(
                        c -> !communities.forCommunity(c.communityId).goals().isEmpty())
                .name("Cases of communities with goals")
                .uid("goal-alert-cases")
                .map(GoalLedger::changeOf)
                .returns(GoalInputSerializer.TYPE)
                .name("Goal inputs (cases)")
                .uid("goal-alert-case-inputs");
        DataStream<SlaAlert> alerts = earliest.union(counted, questionInputs, caseInputs)
                .keyBy(GoalInput::community)
                .process(new GoalAlertFunction(communities, settings))
                .name("Goals off track")
                .uid("goal-alerts");
        return new Streams(periods, alerts);
    }
}
