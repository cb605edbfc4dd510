package io.smmpulse.goals;

import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.escalation.CaseRow;
import io.smmpulse.firstresponse.QuestionRow;

/**
 * One input of the goal alerts: a classified event, a question's current row, or a resolved case's row (exactly one
 * is set). {@code earliest} marks an accepted event that only tells the community's earliest time. Flink POJO.
 */
public class GoalInput {
    public ClassifiedEvent event;
    public QuestionRow question;
    public CaseRow resolvedCase;
    public boolean earliestOnly;

    public GoalInput() {}

    public String community() {
        if (event != null) {
            return event.event.getCommunityId();
        }
        return question != null ? question.communityId : resolvedCase.communityId;
    }

    long time() {
        if (event != null) {
            return event.event.getOccurredAt().toEpochMilli();
        }
        return question != null ? question.askedAt : resolvedCase.resolvedAt;
    }
}
