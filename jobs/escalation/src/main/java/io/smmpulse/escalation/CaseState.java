package io.smmpulse.escalation;

/** Keyed state of one case, kept for good: a case resolved again years later is still the same case. Flink POJO. */
public class CaseState {
    public String communityId;
    public String caseId;
    /** First CASE_RESOLVED and first CASE_ESCALATED seen so far, in event time; null when none. */
    public Long firstResolvedAt;

    public Long firstEscalatedAt;

    public CaseState() {}

    boolean escalatedByResolution() {
        return firstResolvedAt != null && firstEscalatedAt != null && firstEscalatedAt <= firstResolvedAt;
    }
}
