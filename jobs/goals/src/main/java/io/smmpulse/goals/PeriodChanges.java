package io.smmpulse.goals;

import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.SocialEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * Lets through, per community and subtask, only the events that can move its goal periods: one earlier than any let
 * through, or one in a later local week. The goal periods then cost a shuffle of a few events per community and week
 * instead of every event. What it remembers is not checkpointed: after a restart it lets the next events through again,
 * which writes the same rows.
 */
public class PeriodChanges extends RichFilterFunction<SocialEvent> {
    private final Communities communities;
    /** Per community: the earliest time and the latest week start (epoch day) let through. */
    private transient Map<String, long[]> seen;

    public PeriodChanges(Communities communities) {
        this.communities = communities;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = new HashMap<>();
    }

    @Override
    public boolean filter(SocialEvent event) {
        long time = event.getOccurredAt().toEpochMilli();
        long week = communities
                .forCommunity(event.getCommunityId())
                .calendar()
                .localDay(time)
                .weekStart();
        long[] known = seen.get(event.getCommunityId());
        if (known == null) {
            seen.put(event.getCommunityId(), new long[] {time, week});
            return true;
        }
        boolean moves = time < known[0] || week > known[1];
        known[0] = Math.min(known[0], time);
        known[1] = Math.max(known[1], week);
        return moves;
    }
}
