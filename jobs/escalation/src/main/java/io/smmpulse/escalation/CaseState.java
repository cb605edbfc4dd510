package io.smmpulse.escalation;

/** Keyed state of one case. Flink POJO. */
public class CaseState {
    public String communityId;
    public String caseId;
    /** First CASE_RESOLVED and first CASE_ESCALATED seen so far, in event time; null when none. */
    public Long firstResolvedAt;
    public Long firstEscalatedAt;
    public Long releaseTimer;
    /** What was last emitted, to emit only changes. */
    public String lastEmitted;

    public CaseState() {}
}
