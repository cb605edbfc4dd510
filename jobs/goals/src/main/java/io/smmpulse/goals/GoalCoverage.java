package io.smmpulse.goals;

import java.util.ArrayList;
import java.util.List;

/** Which periods of a community's goals have been written. Flink POJO, one per community. */
public class GoalCoverage {
    /** The community's earliest accepted occurred_at. */
    public long firstAt;
    /** Every period starting at or before this instant (and not before the first event's) has been written. */
    public long horizon;
    /** The goals written, as "metric|period|target". */
    public List<String> goals = new ArrayList<>();

    public GoalCoverage() {}
}
