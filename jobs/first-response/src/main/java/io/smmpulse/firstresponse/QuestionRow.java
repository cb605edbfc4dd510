package io.smmpulse.firstresponse;

import java.time.LocalDate;
import java.util.Objects;

/** The current truth about one question; the daily KPIs and the breach list are views over these rows. */
public class QuestionRow {
    public String communityId;
    public String platform;
    public String questionId;
    public String channel;
    public String priority;
    public LocalDate day;
    public long askedAt;
    public Long deadlineAt;
    public Long warningAt;
    public Long respondedAt;
    /** The first response's actor and its local day (docs/kpis.md, responders); null while unanswered. */
    public String responderId;

    public LocalDate respondedDay;
    public Long frtMillis;
    public Long businessFrtMillis;
    public QuestionStatus status;
    public boolean spam;

    public QuestionRow() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QuestionRow other)) {
            return false;
        }
        return askedAt == other.askedAt
                && Objects.equals(communityId, other.communityId)
                && Objects.equals(platform, other.platform)
                && Objects.equals(questionId, other.questionId)
                && Objects.equals(channel, other.channel)
                && Objects.equals(priority, other.priority)
                && Objects.equals(day, other.day)
                && Objects.equals(deadlineAt, other.deadlineAt)
                && Objects.equals(warningAt, other.warningAt)
                && Objects.equals(respondedAt, other.respondedAt)
                && Objects.equals(responderId, other.responderId)
                && Objects.equals(respondedDay, other.respondedDay)
                && Objects.equals(frtMillis, other.frtMillis)
                && Objects.equals(businessFrtMillis, other.businessFrtMillis)
                && status == other.status
                && spam == other.spam;
    }

    @Override
    public int hashCode() {
        return Objects.hash(communityId, platform, questionId, status, respondedAt);
    }

    @Override
    public String toString() {
        return communityId + "/" + platform + "/" + questionId + " " + status + " asked=" + askedAt + " deadline="
                + deadlineAt + " responded=" + respondedAt + " by " + responderId + " frt=" + frtMillis + " bfrt="
                + businessFrtMillis + " day=" + day;
    }
}
