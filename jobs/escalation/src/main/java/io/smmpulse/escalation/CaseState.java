package io.smmpulse.escalation;

/**
 * Keyed state of one case, kept for good: a case resolved again years later is still the same case. Flink POJO
 * (a field added here is restored as null from an earlier release's savepoint).
 */
public class CaseState {
    public String communityId;
    public String caseId;
    /** First CASE_RESOLVED and first CASE_ESCALATED seen so far, in event time; null when none. */
    public Long firstResolvedAt;

    public Long firstEscalatedAt;

    /** Asked time of the earliest question (not spam) whose content_id is the case's id; null when none. */
    public Long questionAskedAt;

    public CaseState() {}

    boolean escalatedByResolution() {
        return firstResolvedAt != null && firstEscalatedAt != null && firstEscalatedAt <= firstResolvedAt;
    }

    /** The earliest case event: the first resolution or the first escalation, whichever came first. */
    private long firstCaseEventAt() {
        return firstEscalatedAt == null ? firstResolvedAt : Math.min(firstEscalatedAt, firstResolvedAt);
    }

    /** docs/kpis.md, resolution time: the question's asked time or the first case event, whichever is earlier. */
    long startedAt() {
        long first = firstCaseEventAt();
        return questionAskedAt == null ? first : Math.min(questionAskedAt, first);
    }

    /** A tie between the question and the first case event counts as starting from the question. */
    boolean startedWithQuestion() {
        return questionAskedAt != null && questionAskedAt <= firstCaseEventAt();
    }
}
