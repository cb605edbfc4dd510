package io.smmpulse.risk;

/** A row of kpi_risk_windows: one signal's count in one window, against its baseline. Flink POJO. */
public class RiskRow {
    public String communityId;
    public String signal;
    public long windowEnd;
    public long count;
    /** Null without a baseline (fewer than min_history_hours windows of history). */
    public Double baselineMean;

    public Double baselineStd;
    public String level;

    public RiskRow() {}

    @Override
    public String toString() {
        return communityId + "/" + signal + "@" + java.time.Instant.ofEpochMilli(windowEnd) + " " + count + " "
                + baselineMean + "±" + baselineStd + " " + level;
    }
}
