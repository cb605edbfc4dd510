package io.smmpulse.goals;

import java.time.LocalDate;

/**
 * One goal's period: its local start, its start and end instants (a week with a DST change lasts 167 or 169 h), the
 * target and its direction; {@code removed} once the goal left the community's config.
 */
public class GoalPeriodRow {
    public String communityId;
    public String metric;
    public String period;
    public LocalDate periodStart;
    public long startAt;
    public long endAt;
    public double target;
    public String direction;
    public boolean removed;

    public GoalPeriodRow() {}

    @Override
    public String toString() {
        return communityId + " " + metric + " " + period + " " + periodStart + " ["
                + java.time.Instant.ofEpochMilli(startAt)
                + ", " + java.time.Instant.ofEpochMilli(endAt) + ") " + direction + " " + target
                + (removed ? " removed" : "");
    }
}
