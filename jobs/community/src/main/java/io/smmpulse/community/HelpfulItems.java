package io.smmpulse.community;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.KeysInState;
import io.smmpulse.core.state.Prune;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * SPEC 3, helpful UGC: keyed by community and item id, fed the members' items (with their spam
 * verdicts and revisions) and the {@code helpful} reactions on any content. An item is helpful
 * while it is not spam and someone other than its author reacted {@code helpful}; each change is
 * a +1 or -1 of {@code helpful_items} in the item's week ({@link CommunityKpis#UGC}).
 *
 * <p>State: per item its author, week and flags, for good (a reaction may come at any later
 * time); reactions that arrive before their item wait until the watermark passes their time + the
 * allowed lateness (an item written before the reaction could not be accepted after that).
 */
public class HelpfulItems extends ResultOperator<ContentEvent, GroupDelta> {
    private static final String ITEM = "item";
    private static final String WAITING = "waiting-reactors";

    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;
    private transient ValueState<HelpfulItem> item;
    /** Reactors of an item not seen yet, with their reaction's time. */
    private transient MapState<String, Long> waiting;

    public HelpfulItems(Communities communities, long latenessMillis) {
        this.communities = communities;
        this.latenessMillis = latenessMillis;
    }

    /** The item a classified event concerns for this function: its own id for an item, the reacted-to id for a helpful reaction, else null. */
    public static String itemOf(ClassifiedEvent c) {
        if (SpamTopology.isMemberItem(c.event)) {
            return c.event.getContentId();
        }
        boolean helpful = c.event.getEventType() == io.smmpulse.schema.EventType.REACTION
                && c.event.getReaction() != null
                && c.event.getReaction().equalsIgnoreCase("helpful");
        return helpful ? c.event.getContentId() : null;
    }

    @Override
    protected void openState() {
        periods = new Periods(latenessMillis);
        item = getRuntimeContext().getState(new ValueStateDescriptor<>(ITEM, HelpfulItem.class));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(WAITING, String.class, Long.class));
    }

    @Override
    protected void restoreDue() throws Exception {
        KeysInState.forEach(this, WAITING, () -> {
            for (Long time : waiting.values()) {
                releaseAt(Periods.releaseAfter(time, latenessMillis));
            }
        });
    }

    @Override
    public void processElement(StreamRecord<ContentEvent> record) throws Exception {
        ContentEvent e = record.getValue();
        HelpfulItem known = item.value();
        if (e.memberItem) {
            if (known == null) {
                BusinessCalendar calendar =
                        communities.forCommunity(e.community).calendar();
                long weekStart = calendar.localDay(e.time).weekStart();
                known = new HelpfulItem();
                known.author = e.actor;
                known.week = CommunityKpis.week(e.community, weekStart);
                known.weekClose = periods.weekClose(calendar, weekStart);
                for (String reactor : waiting.keys()) {
                    known.reactedByOther |= !reactor.equals(known.author);
                }
                waiting.clear();
            }
            known.spam |= e.spam;
        } else if (known == null) {
            Long before = waiting.get(e.actor);
            waiting.put(e.actor, before == null ? e.time : Math.max(before, e.time));
            releaseAt(Periods.releaseAfter(e.time, latenessMillis));
            return;
        } else {
            known.reactedByOther |= !e.actor.equals(known.author);
        }
        boolean helpful = known.reactedByOther && !known.spam;
        if (helpful != known.counted) {
            known.counted = helpful;
            GroupDelta delta = CommunityKpis.UGC.delta(known.week, known.weekClose, helpful ? 1 : -1);
            output.collect(new StreamRecord<>(delta.count(CommunityKpis.UGC_HELPFUL_ITEMS)));
        }
        item.update(known);
    }

    @Override
    protected void release() throws Exception {
        Prune.map(waiting, reactor -> Periods.releaseAfter(reactor.getValue(), latenessMillis) > watermark);
    }
}
