package io.smmpulse.community;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.core.state.KeysInState;
import io.smmpulse.core.state.Prune;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * docs/kpis.md, helpful UGC: keyed by community and item id, fed the members' items (with their spam
 * verdicts and revisions) and the {@code helpful} reactions on any content. An item is helpful
 * while it is not spam and someone other than its author reacted {@code helpful}; each change is
 * a +1 or -1 of {@code helpful_items} in the item's week ({@link CommunityKpis#UGC}).
 *
 * <p>docs/kpis.md counts a reaction that occurred in [item, item + helpful_window_days). State: per item
 * its author, time, week and flags until the watermark passes the end of that window (+ the
 * release margin of {@link Periods}); reactions that arrive before their item wait, one entry per
 * reactor and time, until the watermark passes their time + the same margin (an item written
 * before the reaction could not be accepted after that).
 */
public class HelpfulItems extends ResultOperator<ContentEvent, GroupDelta> {
    private static final String ITEM = "item";
    private static final String WAITING = "waiting-reactors";

    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;
    private transient ValueState<HelpfulItem> item;
    /** Reactions to an item not seen yet: (reactor, time) to time; a key of a reactor alone holds an older release's latest time. */
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
        return io.smmpulse.core.event.EventRules.isHelpfulReaction(c.event) ? c.event.getContentId() : null;
    }

    @Override
    protected void openState() {
        periods = new Periods(latenessMillis);
        item = getRuntimeContext().getState(new ValueStateDescriptor<>(ITEM, HelpfulItem.class));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(WAITING, String.class, Long.class));
    }

    @Override
    protected void restoreDue() throws Exception {
        KeysInState.forEach(this, ITEM, () -> releaseAt(itemDue(item.value())));
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
                CommunityConfig community = communities.forCommunity(e.community);
                BusinessCalendar.LocalDay day = community.calendar().localDay(e.time);
                known = new HelpfulItem();
                known.author = e.actor;
                known.time = e.time;
                known.windowEnd = e.time + community.helpfulWindowMillis();
                known.week = CommunityKpis.week(e.community, day);
                known.weekClose = periods.close(day.weekEndMillis());
                for (Map.Entry<String, Long> reaction : waiting.entries()) {
                    known.reactedByOther |= counts(known, Keys.first(reaction.getKey()), reaction.getValue());
                }
                waiting.clear();
                releaseAt(itemDue(known));
            }
            known.spam |= e.spam;
        } else if (known == null) {
            waiting.put(Keys.of(e.actor, Long.toString(e.time)), e.time);
            releaseAt(Periods.releaseAfter(e.time, latenessMillis));
            return;
        } else {
            known.reactedByOther |= counts(known, e.actor, e.time);
        }
        boolean helpful = known.reactedByOther && !known.spam;
        if (helpful != known.counted) {
            known.counted = helpful;
            int sign = helpful ? 1 : -1;
            GroupDelta delta = CommunityKpis.UGC.delta(known.week, known.weekClose, sign);
            output.collect(new StreamRecord<>(delta.count(CommunityKpis.UGC_HELPFUL_ITEMS)));
            countInGoalPeriods(known, sign);
        }
        item.update(known);
    }

    /** The item's week and month as the goals count them; an item restored without its time counts in its week only. */
    private void countInGoalPeriods(HelpfulItem known, int sign) {
        if (known.time == 0) {
            return;
        }
        String community = known.week[0];
        BusinessCalendar.LocalDay day =
                communities.forCommunity(community).calendar().localDay(known.time);
        output.collect(new StreamRecord<>(CommunityKpis.PERIODS
                .delta(CommunityKpis.weekOf(community, day), periods.close(day.weekEndMillis()), sign)
                .count(CommunityKpis.PERIOD_HELPFUL_ITEMS)));
        output.collect(new StreamRecord<>(CommunityKpis.PERIODS
                .delta(CommunityKpis.monthOf(community, day), periods.close(day.monthEndMillis()), sign)
                .count(CommunityKpis.PERIOD_HELPFUL_ITEMS)));
    }

    /** docs/kpis.md: a reaction by someone other than the author, in [item, window end). */
    private static boolean counts(HelpfulItem item, String reactor, long time) {
        boolean inWindow = item.time == 0 ? time < item.windowEnd : time >= item.time && time < item.windowEnd;
        return inWindow && !reactor.equals(item.author);
    }

    /**
     * When an item can no longer change: the end of its window + the release margin. An item restored
     * from a release that kept no time gets the window after the end of its week, a bound above its own.
     */
    private long itemDue(HelpfulItem known) throws Exception {
        if (known.windowEnd == 0) {
            String community = known.week[0];
            known.windowEnd =
                    known.weekClose + communities.forCommunity(community).helpfulWindowMillis();
            item.update(known);
        }
        return Periods.releaseAfter(known.windowEnd, latenessMillis);
    }

    @Override
    protected void release() throws Exception {
        Prune.map(waiting, reaction -> Periods.releaseAfter(reaction.getValue(), latenessMillis) > watermark);
        HelpfulItem known = item.value();
        if (known != null && itemDue(known) <= watermark) {
            item.clear();
        }
    }
}
