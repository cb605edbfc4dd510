package io.smmpulse.firstresponse;

/** Keyed state of one question (or of brand replies that came before it). Flink POJO. */
public class QuestionState {
    public boolean asked;
    public String communityId;
    public String platform;
    public String questionId;
    public String channel;
    public String priority;
    public long askedAt;
    /** Null when no SLA rule applies to the question. */
    public Long deadline;
    /** The SLA warning instant (docs/kpis.md); null when no SLA rule applies. */
    public Long warningAt;
    /** Earliest brand-side reply seen so far, possibly before the question itself arrived. */
    public Long firstResponseAt;
    /** Who gave that reply, and its event_id (of two replies at the same millisecond the smaller id is first). */
    public String responderId;

    public String firstResponseEventId;
    public boolean clockPastDeadline;
    /** The question was withdrawn as spam after it had been counted. */
    public boolean spam;

    public boolean clockPastWarning;
    /** Alert transitions already emitted: the breach, and the at-risk warning before it. */
    public boolean alertFired;

    public boolean alertResolved;
    public boolean atRiskFired;
    public boolean atRiskResolved;
    /** Registered timers, so they can be deleted when the state is released. */
    public Long breachTimer;

    public Long warningTimer;
    public Long cleanupTimer;
    /** What was last emitted (status and response time), to emit only changes. */
    public String lastEmitted;

    public QuestionState() {}
}
