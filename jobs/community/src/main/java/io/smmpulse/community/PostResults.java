package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import io.smmpulse.core.state.KeysInState;
import io.smmpulse.core.state.Prune;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * docs/kpis.md, content and next step: keyed by community and post id, fed brand POSTs, the
 * events on content (views, saves, shares, link clicks, votes, forms, sign-ups: all events on the
 * post count) and members' comments in a thread (a THREAD conversion unless spam). Keeps the
 * post's counts, its all-time viewers, and its 7-day viewers and converters; a row per changed
 * post per checkpoint.
 *
 * <p>docs/kpis.md counts the events on a post in [published, published + post_window_days). State: per
 * brand post its counts and viewers until the watermark passes the end of that window (or of the
 * 7-day window, if later); the 7-day sets until the watermark passes the 7-day window's end; events
 * on content no brand post has claimed wait until the watermark passes their time (a post
 * published before them could not be accepted after that) and are then dropped; each + the
 * release margin of {@link Periods} (lateness, spam window, slack). The post's last row stays in
 * ClickHouse.
 */
public class PostResults extends ResultOperator<ContentEvent, PostRow> {
    static final long WINDOW_MILLIS = 168L * 3_600_000;
    private static final int VIEWS = 0, SAVES = 1, SHARES = 2, FAQ_CLICKS = 3, GUIDE_CLICKS = 4;
    private static final String POST = "post";
    private static final String PEOPLE = "people";
    private static final String WAITING = "waiting-actions";

    private final Communities communities;
    private final long latenessMillis;
    private transient ValueState<PostState> post;
    /** Key ("v" / "w" / "c", actor): all-time viewer, 7-day viewer, 7-day converter (with its number of counted actions). */
    private transient MapState<String, Integer> people;

    private transient ListState<PostAction> waiting;

    public PostResults(Communities communities, long latenessMillis) {
        this.communities = communities;
        this.latenessMillis = latenessMillis;
    }

    /** Flink POJO: a brand post and its totals. */
    public static class PostState {
        public String communityId;
        public String postId;
        public long publishedAt;
        public String nextStep;
        public long weekStart;
        /** The end of its content counts' window: events at or after it do not count. */
        public long countsEnd;

        public long[] counts;
        public long uniqueViewers;
        public long viewers7d;
        public long converters7d;
        public boolean windowClosed;

        public PostState() {}
    }

    public static boolean isBrandPost(SocialEvent e) {
        return e.getEventType() == EventType.POST && Roles.isBrandSide(e.getActorRole()) && e.getContentId() != null;
    }

    /** The post a classified event concerns for this function, or null. */
    public static String postOf(ClassifiedEvent c) {
        SocialEvent e = c.event;
        if (isBrandPost(e)) {
            return e.getContentId();
        }
        return switch (e.getEventType()) {
            case VIEW, SAVE, SHARE, LINK_CLICK, VOTE, FORM_SUBMIT, EVENT_SIGNUP -> e.getContentId();
            case COMMENT -> SpamTopology.isMemberItem(e) ? e.getThreadId() : null;
            default -> null;
        };
    }

    private long waitingDue(long time) {
        return Periods.releaseAfter(time, latenessMillis);
    }

    private long windowDue(PostState p) {
        return Periods.releaseAfter(p.publishedAt + WINDOW_MILLIS, latenessMillis);
    }

    /** When nothing of the post can change any more. */
    private long postDue(PostState p) throws Exception {
        if (p.countsEnd == 0) {
            p.countsEnd =
                    p.publishedAt + communities.forCommunity(p.communityId).postWindowMillis();
            post.update(p);
        }
        return Periods.releaseAfter(Math.max(p.countsEnd, p.publishedAt + WINDOW_MILLIS), latenessMillis);
    }

    @Override
    protected void openState() {
        post = getRuntimeContext().getState(new ValueStateDescriptor<>(POST, PostState.class));
        people = getRuntimeContext().getMapState(new MapStateDescriptor<>(PEOPLE, String.class, Integer.class));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>(WAITING, PostAction.class));
    }

    @Override
    protected void restoreDue() throws Exception {
        KeysInState.forEach(this, POST, () -> {
            PostState p = post.value();
            if (!p.windowClosed) {
                releaseAt(windowDue(p));
            }
            releaseAt(postDue(p));
        });
        KeysInState.forEach(this, WAITING, () -> {
            for (PostAction a : waiting.get()) {
                releaseAt(waitingDue(a.time));
            }
        });
    }

    @Override
    public void processElement(StreamRecord<ContentEvent> record) throws Exception {
        ContentEvent e = record.getValue();
        PostState p = post.value();
        if (e.brandPost) {
            if (p != null) {
                return;
            }
            p = new PostState();
            p.communityId = e.community;
            p.postId = e.target;
            p.publishedAt = e.time;
            p.nextStep = e.nextStep;
            p.weekStart = communities
                    .forCommunity(e.community)
                    .calendar()
                    .localDay(p.publishedAt)
                    .weekStart();
            p.countsEnd = e.time + communities.forCommunity(e.community).postWindowMillis();
            p.counts = new long[5];
            for (PostAction a : waiting.get()) {
                apply(p, a);
            }
            waiting.clear();
            releaseAt(windowDue(p));
            releaseAt(postDue(p));
            post.update(p);
            changed();
            return;
        }
        PostAction a;
        if (e.type.equals("COMMENT")) {
            if (!e.revision && e.spam) {
                return;
            }
            a = action(e, true, e.revision ? -1 : 1);
        } else {
            a = action(e, false, 1);
        }
        if (p == null) {
            waiting.add(a);
            releaseAt(waitingDue(a.time));
        } else {
            apply(p, a);
            post.update(p);
            changed();
        }
    }

    private static PostAction action(ContentEvent e, boolean threadComment, int sign) {
        PostAction a = new PostAction();
        a.time = e.time;
        a.type = e.type;
        a.actor = e.actor;
        a.linkTarget = e.linkTarget;
        a.threadComment = threadComment;
        a.sign = sign;
        return a;
    }

    private void apply(PostState p, PostAction a) throws Exception {
        boolean inWindow = !p.windowClosed && a.time >= p.publishedAt && a.time < p.publishedAt + WINDOW_MILLIS;
        if (a.threadComment) {
            if (inWindow && "THREAD".equals(p.nextStep)) {
                p.converters7d += addTo("c", a.actor, a.sign, false);
            }
            return;
        }
        if (inWindow && takesNextStep(p.nextStep, a)) {
            p.converters7d += addTo("c", a.actor, 1, true);
        }
        if (inWindow && a.type.equals("VIEW")) {
            p.viewers7d += addTo("w", a.actor, 1, true) > 0 ? 1 : 0;
        }
        if (a.time < p.publishedAt || a.time >= p.countsEnd) {
            return;
        }
        switch (a.type) {
            case "VIEW" -> {
                p.counts[VIEWS]++;
                p.uniqueViewers += addTo("v", a.actor, 1, true) > 0 ? 1 : 0;
            }
            case "SAVE" -> p.counts[SAVES]++;
            case "SHARE" -> p.counts[SHARES]++;
            case "LINK_CLICK" -> {
                if ("FAQ".equals(a.linkTarget)) {
                    p.counts[FAQ_CLICKS]++;
                } else if ("GUIDE".equals(a.linkTarget)) {
                    p.counts[GUIDE_CLICKS]++;
                }
            }
            default -> {}
        }
    }

    private static boolean takesNextStep(String nextStep, PostAction a) {
        return io.smmpulse.core.event.NextSteps.takes(nextStep, a.type, a.linkTarget);
    }

    /** {@code lasting}: the action cannot be taken back (only thread comments, members' items, can). */
    private int addTo(String set, String actor, int sign, boolean lasting) throws Exception {
        return Multisets.add(people, Keys.of(set, actor), sign, lasting);
    }

    @Override
    protected void emit() throws Exception {
        PostState p = post.value();
        if (p == null) {
            return; // released, with its last row written then
        }
        PostRow row = new PostRow();
        row.communityId = p.communityId;
        row.postId = p.postId;
        row.publishedAt = p.publishedAt;
        row.nextStep = p.nextStep;
        row.weekStart = p.weekStart;
        row.monthStart = communities
                .forCommunity(p.communityId)
                .calendar()
                .localDay(p.publishedAt)
                .monthStart();
        row.views = p.counts[VIEWS];
        row.uniqueViewers = p.uniqueViewers;
        row.saves = p.counts[SAVES];
        row.shares = p.counts[SHARES];
        row.faqClicks = p.counts[FAQ_CLICKS];
        row.guideClicks = p.counts[GUIDE_CLICKS];
        row.viewers7d = p.viewers7d;
        row.converters7d = p.converters7d;
        output.collect(new StreamRecord<>(row));
    }

    @Override
    protected void release() throws Exception {
        PostState p = post.value();
        if (p == null) {
            Prune.list(waiting, a -> waitingDue(a.time) > watermark);
            return;
        }
        if (postDue(p) <= watermark) {
            emit(); // its last row, should it have changed since the last checkpoint
            post.clear();
            people.clear();
        } else if (!p.windowClosed && windowDue(p) <= watermark) {
            Prune.map(people, person -> person.getKey().startsWith(Keys.prefix("v")));
            p.windowClosed = true;
            post.update(p);
        }
    }
}
