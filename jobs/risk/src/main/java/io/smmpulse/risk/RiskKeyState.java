package io.smmpulse.risk;

/** The per-key state of {@link RiskWindowFunction} beside its bucket counts. Flink POJO. */
public class RiskKeyState {
    /** The community's earliest accepted occurred_at seen (SPEC: baseline windows must end after it). */
    public long earliest = Long.MAX_VALUE;
    /** Window ends already decided: the newest one (alerts are decided once, in order). */
    public long decidedUpTo = Long.MIN_VALUE;
    /** Open alerts: the window end each fired at, or null. */
    public Long warningSince;
    public Long criticalSince;
    /** The key's release timer (see RiskWindowFunction), or null. */
    public Long releaseTimer;

    public RiskKeyState() {}
}
