package io.smmpulse.escalation;

import java.time.LocalDate;

/** A resolved case: resolved on {@code day} (local), escalated at or before its first resolution or not. */
public class CaseRow {
    public String communityId;
    public String caseId;
    public long resolvedAt;
    public LocalDate day;
    public boolean escalated;

    public CaseRow() {}

    @Override
    public String toString() {
        return communityId + "/" + caseId + " resolved " + resolvedAt + " (" + day + ")" + (escalated ? " escalated" : " without escalation");
    }
}
