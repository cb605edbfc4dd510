package io.smmpulse.core.spam;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.event.Words;
import io.smmpulse.core.state.DueByMinute;
import io.smmpulse.core.state.KeysInState;
import io.smmpulse.core.state.Prune;
import io.smmpulse.schema.SocialEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.state.internal.InternalMapState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Every KPI event of one actor in one community (the key), each passed once: copies (same
 * event_id) are dropped, so every count downstream can be a plain sum.
 *
 * <p>docs/kpis.md, spam: an item is spam when its text holds a
 * stop word, or when the actor has more than {@code spam_max_items_per_minute} POST/COMMENT items
 * with {@code t - 60 s < occurred_at <= t}, this one included, equal times ordered by event_id.
 *
 * <p>An item is classified when it arrives, from the items seen so far. An item that arrives out
 * of order can only raise the counts of the items after it, so it may turn them into spam: those
 * are emitted again as revisions. Once every item has arrived, each verdict equals the batch one.
 * Items are kept until no accepted event can still count them or change them: the watermark past
 * their time + 60 s + the allowed lateness. A copy of a kept item (same event_id) is dropped; a
 * copy that comes after its item is released is late anyway.
 *
 * <p>Other events are never spam; their ids are kept until no copy can still be accepted (the
 * watermark past their time + the allowed lateness, rounded up to the end of their hour), and a
 * copy of a kept one is dropped.
 *
 * <p>Why an operator and not a KeyedProcessFunction with a timer per item: the timer queue (a
 * timer added, deduplicated by key and time, sifted and polled for every item) cost about a tenth
 * of the whole pipeline. Instead the keys whose items fall due are listed by the minute, and a
 * watermark releases whole minutes at once. The list is not checkpointed: it is rebuilt from the
 * items in keyed state when the job is restored (also after rescaling). The ids of other events
 * fall due by the hour, all the keys' ids of one hour at the same instant: only the hours are listed,
 * and a falling-due hour is found in the state by its namespace and dropped key by key. Listing every
 * key and hour put almost every event into one large set per hour (7 % of the classifier's task at
 * 20k events/s).
 */
public class SpamClassifier extends AbstractStreamOperator<ClassifiedEvent>
        implements OneInputStreamOperator<SocialEvent, ClassifiedEvent> {
    static final long WINDOW_MILLIS = 60_000;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final String ITEMS = "items-by-id";
    /** The items as an earlier release kept them, a list per key: moved into {@link #ITEMS} on restore. */
    private static final String ITEMS_AS_LIST = "items";

    private static final String SEEN = "seen-ids";

    private final Communities communities;
    private final long allowedLatenessMillis;
    /**
     * The key's items by event_id: an item is logged once when it arrives (and again only if a
     * later one revises it) and removed alone when it falls due. A list rewritten at every release
     * logged each item in full once a minute for the hour it is kept (docs/performance.md).
     */
    private transient MapState<String, SpamItem> items;
    /**
     * Ids of the key's other events, one map per hour of their occurred_at (the state's namespace):
     * a copy has its original's time, so a lookup reads one hour's ids, and a release drops a whole
     * hour of a key at once, without reading it.
     */
    private transient InternalMapState<String, Long, String, Boolean> seenByHour;
    /** The keys whose items fall due, by minute. */
    private transient DueByMinute<String> itemsDue;
    /** The hours that have ids of other events in the state (they fall due at the hour's end + the allowed lateness). */
    private transient TreeSet<Long> hoursWithIds;
    /** The hour listed last: most events fall in the hour of the one before. */
    private transient long lastHourListed;

    private transient long watermark;

    public SpamClassifier(Communities communities, long allowedLatenessMillis) {
        this.communities = communities;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    @SuppressWarnings("unchecked") // the backend hands back its internal form of the map state
    public void open() throws Exception {
        super.open();
        items = getRuntimeContext().getMapState(new MapStateDescriptor<>(ITEMS, String.class, SpamItem.class));
        seenByHour = (InternalMapState<String, Long, String, Boolean>) getOrCreateKeyedState(
                LongSerializer.INSTANCE, new MapStateDescriptor<>(SEEN, Types.STRING, Types.BOOLEAN));
        itemsDue = new DueByMinute<>();
        hoursWithIds = new TreeSet<>();
        lastHourListed = Long.MIN_VALUE;
        watermark = Long.MIN_VALUE;
        ListState<SpamItem> itemsAsList =
                getRuntimeContext().getListState(new ListStateDescriptor<>(ITEMS_AS_LIST, SpamItem.class));
        KeysInState.forEach(this, ITEMS_AS_LIST, () -> {
            for (SpamItem item : itemsAsList.get()) {
                items.put(item.eventId, item);
            }
            itemsAsList.clear();
        });
        KeysInState.forEach(this, ITEMS, () -> {
            for (SpamItem item : items.values()) {
                listDue((String) getCurrentKey(), item);
            }
        });
        getKeyedStateBackend().<Long>getKeysAndNamespaces(SEEN).forEach(keyHour -> hoursWithIds.add(keyHour.f1));
    }

    /** When no copy of an event at {@code time} can be accepted any more. */
    private long copiesDue(long time) {
        return time + allowedLatenessMillis + 1;
    }

    private static long hourEnd(long hour) {
        return hour * HOUR_MILLIS + HOUR_MILLIS - 1;
    }

    /** When no accepted event can count the item any more: the watermark past its time + 60 s + the allowed lateness. */
    private long due(SpamItem item) {
        return item.time + WINDOW_MILLIS + allowedLatenessMillis + 1;
    }

    private void listDue(String key, SpamItem item) {
        itemsDue.add(key, due(item));
    }

    @Override
    public void processElement(StreamRecord<SocialEvent> record) throws Exception {
        SocialEvent event = record.getValue();
        if (!SpamTopology.isMemberItem(event)) {
            long hour = Math.floorDiv(event.getOccurredAt().toEpochMilli(), HOUR_MILLIS);
            seenByHour.setCurrentNamespace(hour);
            if (seenByHour.contains(event.getEventId())) {
                return;
            }
            if (hour != lastHourListed) {
                hoursWithIds.add(hour);
                lastHourListed = hour;
            }
            seenByHour.put(event.getEventId(), Boolean.TRUE);
            output.collect(new StreamRecord<>(ClassifiedEvent.notSpam(event), record.getTimestamp()));
            return;
        }
        if (items.contains(event.getEventId())) {
            return; // a copy of an item already classified (copies reach the job; see SplitLateEvents)
        }
        CommunityConfig config = communities.forCommunity(event.getCommunityId());
        SpamItem arrived = new SpamItem(event, Words.containsAny(event.getText(), config.stopWords()));
        // only the items within a minute either side count towards the new one or are counted with it
        List<SpamItem> sorted = new ArrayList<>();
        for (SpamItem item : items.values()) {
            if (Math.abs(item.time - arrived.time) < WINDOW_MILLIS) {
                sorted.add(item);
            }
        }
        sorted.sort(SpamItem::compareTo);
        int position = sorted.size();
        while (position > 0 && sorted.get(position - 1).compareTo(arrived) > 0) {
            position--;
        }
        sorted.add(position, arrived);
        int limit = config.spamMaxItemsPerMinute();
        arrived.spam |= countUpTo(sorted, position) > limit;
        output.collect(new StreamRecord<>(new ClassifiedEvent(event, arrived.spam, false), record.getTimestamp()));
        items.put(arrived.eventId, arrived);
        for (int later = position + 1;
                later < sorted.size() && sorted.get(later).time < arrived.time + WINDOW_MILLIS;
                later++) {
            SpamItem item = sorted.get(later);
            if (!item.spam && countUpTo(sorted, later) > limit) {
                item.spam = true;
                items.put(item.eventId, item);
                output.collect(new StreamRecord<>(new ClassifiedEvent(item.event, true, true), record.getTimestamp()));
            }
        }
        listDue((String) getCurrentKey(), arrived);
    }

    /** Items in (t - 60 s, t] up to and including the one at {@code index}, in the spam rule's order. */
    private static int countUpTo(List<SpamItem> sorted, int index) {
        long from = sorted.get(index).time - WINDOW_MILLIS;
        int count = 0;
        for (int i = index; i >= 0 && sorted.get(i).time > from; i--) {
            count++;
        }
        return count;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        itemsDue.release(watermark, this::releaseItems);
        while (!hoursWithIds.isEmpty() && copiesDue(hourEnd(hoursWithIds.first())) <= watermark) {
            releaseIds(hoursWithIds.pollFirst());
        }
        super.processWatermark(mark);
    }

    /** Drops the key's items that no accepted event can count any more. */
    private void releaseItems(String key) throws Exception {
        setCurrentKey(key);
        Prune.map(items, item -> due(item.getValue()) > watermark);
    }

    /** Drops an hour of every key's ids of other events: no copy of them can be accepted any more. */
    private void releaseIds(long hour) {
        if (hour == lastHourListed) {
            lastHourListed = Long.MIN_VALUE;
        }
        List<Object> keys = getKeyedStateBackend().getKeys(SEEN, hour).toList();
        for (Object key : keys) {
            setCurrentKey(key);
            seenByHour.setCurrentNamespace(hour);
            seenByHour.clear();
        }
    }
}
