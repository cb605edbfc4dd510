package io.smmpulse.core.spam;

import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.SocialEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * SPEC spam rule for one actor in one community (the key): an item is spam when its text holds a
 * stop word, or when the actor has more than {@code spam_max_items_per_minute} POST/COMMENT items
 * with {@code t - 60 s < occurred_at <= t}, this one included, equal times ordered by event_id.
 *
 * <p>An item is classified when it arrives, from the items seen so far. An item that arrives out
 * of order can only raise the counts of the items after it, so it may turn them into spam: those
 * are emitted again as revisions. Once every item has arrived, each verdict equals the batch one.
 * Items are kept until no accepted event can still count them or change them: the watermark past
 * their time + 60 s + the allowed lateness. A copy of a kept item (same event_id) is dropped; a
 * copy that comes after its item is released is late anyway.
 */
public class SpamClassifier extends KeyedProcessFunction<String, SocialEvent, ClassifiedEvent> {
    static final long WINDOW_MILLIS = 60_000;

    private final Communities communities;
    private final long allowedLatenessMillis;
    private transient ListState<SpamItem> items;

    public SpamClassifier(Communities communities, long allowedLatenessMillis) {
        this.communities = communities;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        items = getRuntimeContext().getListState(new ListStateDescriptor<>("items", SpamItem.class));
    }

    @Override
    public void processElement(SocialEvent event, Context ctx, Collector<ClassifiedEvent> out) throws Exception {
        CommunityConfig config = communities.forCommunity(event.getCommunityId());
        List<SpamItem> sorted = new ArrayList<>();
        for (SpamItem item : items.get()) {
            if (item.eventId.equals(event.getEventId())) {
                return; // a copy of an item already classified (copies reach the job; see SplitLateEvents)
            }
            sorted.add(item);
        }
        // kept in arrival order (an append logs one item, a rewrite all of them); sorted here
        sorted.sort(SpamItem::compareTo);
        SpamItem arrived = new SpamItem(event, hasStopWord(event.getText(), config.stopWords()));
        int position = 0;
        while (position < sorted.size() && sorted.get(position).compareTo(arrived) < 0) {
            position++;
        }
        sorted.add(position, arrived);
        int limit = config.spamMaxItemsPerMinute();
        arrived.spam |= countUpTo(sorted, position) > limit;
        out.collect(new ClassifiedEvent(event, arrived.spam, false));
        boolean revised = false;
        for (int later = position + 1; later < sorted.size() && sorted.get(later).time < arrived.time + WINDOW_MILLIS; later++) {
            SpamItem item = sorted.get(later);
            if (!item.spam && countUpTo(sorted, later) > limit) {
                item.spam = true;
                revised = true;
                out.collect(new ClassifiedEvent(item.event, true, true));
            }
        }
        if (revised) {
            items.update(sorted);
        } else {
            items.add(arrived);
        }
        ctx.timerService().registerEventTimeTimer(arrived.time + WINDOW_MILLIS + allowedLatenessMillis + 1);
    }

    /** Items in (t - 60 s, t] up to and including the one at {@code index}, in SPEC order. */
    private static int countUpTo(List<SpamItem> sorted, int index) {
        long from = sorted.get(index).time - WINDOW_MILLIS;
        int count = 0;
        for (int i = index; i >= 0 && sorted.get(i).time > from; i--) {
            count++;
        }
        return count;
    }

    static boolean hasStopWord(String text, List<String> stopWords) {
        if (text == null || stopWords.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : stopWords) {
            if (!word.isEmpty() && lower.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClassifiedEvent> out) throws Exception {
        long keepFrom = timestamp - WINDOW_MILLIS - allowedLatenessMillis;
        List<SpamItem> kept = new ArrayList<>();
        for (SpamItem item : items.get()) {
            if (item.time >= keepFrom) {
                kept.add(item);
            }
        }
        if (kept.isEmpty()) {
            items.clear();
        } else {
            items.update(kept);
        }
    }
}
