package io.smmpulse.engagement;

import java.util.Objects;

/** How far one step-1 event of a member got in one funnel (docs/kpis.md: its level). Flink POJO. */
public class FunnelEntry {
    public String communityId;
    public String funnel;
    /** The step-1 event. */
    public String entryEventId;

    public String actorId;
    /** The local week of the step-1 event, as the epoch day of its Monday. */
    public long weekStart;

    public int level;
    public int steps;

    public FunnelEntry() {}

    FunnelEntry(
            String communityId,
            String funnel,
            String entryEventId,
            String actorId,
            long weekStart,
            int level,
            int steps) {
        this.communityId = communityId;
        this.funnel = funnel;
        this.entryEventId = entryEventId;
        this.actorId = actorId;
        this.weekStart = weekStart;
        this.level = level;
        this.steps = steps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunnelEntry other
                && weekStart == other.weekStart
                && level == other.level
                && steps == other.steps
                && Objects.equals(communityId, other.communityId)
                && Objects.equals(funnel, other.funnel)
                && Objects.equals(entryEventId, other.entryEventId)
                && Objects.equals(actorId, other.actorId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(communityId, funnel, entryEventId, level);
    }

    @Override
    public String toString() {
        return communityId + "/" + funnel + " " + entryEventId + " by " + actorId + ": level " + level + " of " + steps;
    }
}
