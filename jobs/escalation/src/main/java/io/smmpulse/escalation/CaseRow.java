package io.smmpulse.escalation;

import java.time.LocalDate;

/**
 * A resolved case: resolved on {@code day} (local), escalated at or before its first resolution or not, started at
 * its question or its first case event; withdrawn when an earlier resolution turned up, which has a row of its own.
 */
public class CaseRow {
    public String communityId;
    public String caseId;
    public long resolvedAt;
    public LocalDate day;
    public boolean escalated;
    public boolean withdrawn;
    public long startedAt;
    public boolean withQuestion;
    /** Business time between the start and the resolution under the community's calendar. */
    public long businessMillis;

    public CaseRow() {}

    @Override
    public String toString() {
        return communityId + "/" + caseId + " resolved " + resolvedAt + " (" + day + ")"
                + (escalated ? " escalated" : " without escalation") + (withdrawn ? ", withdrawn" : "")
                + ", started " + startedAt + (withQuestion ? " at its question" : "") + ", business " + businessMillis;
    }
}
