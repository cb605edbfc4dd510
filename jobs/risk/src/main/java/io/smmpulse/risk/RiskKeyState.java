package io.smmpulse.risk;

/** The per-key state of {@link RiskWindowFunction} beside its bucket counts. Flink POJO. */
public class RiskKeyState {
    /** The community's earliest accepted occurred_at seen (docs/kpis.md: baseline windows must end after it). */
    public long earliest = Long.MAX_VALUE;
    /** Window ends already decided: the newest one (alerts are decided once, in order). */
    public long decidedUpTo = Long.MIN_VALUE;
    /** Open alerts: the window end each fired at, or null. */
    public Long warningSince;

    public Long criticalSince;
    /** Window counts are kept from this slide index on (times slide: a window end); null before the first decision. */
    public Long prunedTo;
    /** The key's release timer (see RiskWindowFunction), or null. */
    public Long releaseTimer;
    /** The timer of the next window to decide, or null; and the newest bucket seen. */
    public Long nextTimer;

    public Long maxBucket;

    public RiskKeyState() {}
}
