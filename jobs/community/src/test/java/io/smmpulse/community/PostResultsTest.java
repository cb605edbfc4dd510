package io.smmpulse.community;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.NextStep;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PostResultsTest {
    private static final long LATENESS = 3_600_000L;
    private static final String PUBLISHED = "2026-03-02T10:00:00Z";
    private static final long P = at(PUBLISHED);
    private static int ids;

    private static KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, PostRow> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new PostResults(Communities.embedded(), LATENESS), ContentEvent::key, Types.STRING);
        h.open();
        return h;
    }

    private static SocialEvent post(NextStep step) {
        return event("post", EventType.POST, PUBLISHED, "acme", "x", "staff-1", ActorRole.STAFF)
                .setContentId("p1")
                .setThreadId("p1")
                .setNextStep(step)
                .build();
    }

    private static SocialEvent on(EventType type, long at, String actor) {
        return event("e" + ++ids, type, Instant.ofEpochMilli(at).toString(), "acme", "x", actor, ActorRole.MEMBER)
                .setContentId("p1")
                .build();
    }

    private static SocialEvent threadComment(long at, String actor) {
        return event(
                        "c" + ++ids,
                        EventType.COMMENT,
                        Instant.ofEpochMilli(at).toString(),
                        "acme",
                        "x",
                        actor,
                        ActorRole.MEMBER)
                .setContentId("c-" + ids)
                .setParentId("p1")
                .setThreadId("p1")
                .build();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, PostRow> h,
            SocialEvent e,
            boolean spam,
            boolean revision)
            throws Exception {
        ClassifiedEvent c = new ClassifiedEvent(e, spam, revision);
        h.processElement(
                ContentEvent.of(c, PostResults.postOf(c)), e.getOccurredAt().toEpochMilli());
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, PostRow> h, SocialEvent e)
            throws Exception {
        send(h, e, false, false);
    }

    private static List<String> rows(KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, PostRow> h)
            throws Exception {
        h.prepareSnapshotPreBarrier(1);
        List<String> rows =
                h.extractOutputValues().stream().map(PostRow::toString).toList();
        h.getOutput().clear();
        return rows;
    }

    @Test
    void theSevenDayWindowIncludesItsStartAndExcludesItsEnd() throws Exception {
        var h = harness();
        send(h, post(NextStep.POLL));
        send(h, on(EventType.VIEW, P, "ann"));
        send(h, on(EventType.VOTE, P, "ann"));
        send(h, on(EventType.VIEW, P + PostResults.WINDOW_MILLIS - 1, "bob"));
        send(h, on(EventType.VIEW, P + PostResults.WINDOW_MILLIS, "cy"));
        send(h, on(EventType.VOTE, P + PostResults.WINDOW_MILLIS, "cy"));
        send(h, on(EventType.VIEW, P + 5, "ann"));
        assertThat(rows(h)).containsExactly("acme/p1 views 4 unique 3 viewers_7d 2 converters_7d 1");
        h.close();
    }

    @Test
    void eventsBeforeThePostWaitForItAndOthersAreDroppedWhenNoPostCanClaimThem() throws Exception {
        var h = harness();
        send(h, on(EventType.VIEW, P + 1_000, "ann"));
        send(h, post(NextStep.FAQ));
        SocialEvent click = event(
                        "k",
                        EventType.LINK_CLICK,
                        Instant.ofEpochMilli(P + 2_000).toString(),
                        "acme",
                        "x",
                        "ann",
                        ActorRole.MEMBER)
                .setContentId("p1")
                .setLinkTarget(LinkTarget.FAQ)
                .build();
        send(h, click);
        assertThat(rows(h)).containsExactly("acme/p1 views 1 unique 1 viewers_7d 1 converters_7d 1");

        SocialEvent elsewhere = event("x", EventType.VIEW, PUBLISHED, "acme", "x", "bob", ActorRole.MEMBER)
                .setContentId("not-a-post")
                .build();
        send(h, elsewhere);
        assertThat(h.numKeyedStateEntries())
                .as("p1: post, people; not-a-post: its waiting view")
                .isEqualTo(3);
        h.processWatermark(Periods.releaseAfter(P, LATENESS) + 60_000);
        assertThat(h.numKeyedStateEntries()).as("the waiting view is dropped").isEqualTo(2);
        assertThat(rows(h)).isEmpty();
        h.close();
    }

    @Test
    void aThreadCommentThatTurnsSpamIsTakenBackAndTheWindowsSetsAreReleased() throws Exception {
        var h = harness();
        send(h, post(NextStep.THREAD));
        SocialEvent first = threadComment(P + 10_000, "ann");
        send(h, first);
        send(h, threadComment(P + 20_000, "bob"));
        send(h, on(EventType.VIEW, P + 30_000, "ann"));
        assertThat(rows(h)).containsExactly("acme/p1 views 1 unique 1 viewers_7d 1 converters_7d 2");
        send(h, first, true, true);
        send(h, threadComment(P + 40_000, "spammer"), true, false);
        assertThat(rows(h)).containsExactly("acme/p1 views 1 unique 1 viewers_7d 1 converters_7d 1");

        h.processWatermark(Periods.releaseAfter(P + PostResults.WINDOW_MILLIS, LATENESS) + 60_000);
        assertThat(h.numKeyedStateEntries())
                .as("the post and its all-time viewers stay")
                .isEqualTo(2);
        send(h, on(EventType.VIEW, P + PostResults.WINDOW_MILLIS * 2, "ann"));
        send(h, on(EventType.VIEW, P + PostResults.WINDOW_MILLIS * 2, "dee"));
        assertThat(rows(h)).containsExactly("acme/p1 views 3 unique 2 viewers_7d 1 converters_7d 1");
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void contentCountsCoverThePostWindowAndThePostIsReleasedAfterIt() throws Exception {
        long window = 90L * 86_400_000; // post_window_days of the embedded defaults
        var h = harness();
        send(h, on(EventType.SAVE, P - 1, "ann"));
        send(h, post(null));
        send(h, on(EventType.VIEW, P + window - 1, "bob"));
        send(h, on(EventType.VIEW, P + window, "cy"));
        send(h, on(EventType.SAVE, P + window, "cy"));
        h.prepareSnapshotPreBarrier(1);
        PostRow row = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
        assertThat(row.views)
                .as("the view in the window's last millisecond only")
                .isEqualTo(1);
        assertThat(row.uniqueViewers).isEqualTo(1);
        assertThat(row.saves)
                .as("a save before publication and one at the window's end")
                .isZero();
        h.getOutput().clear();

        h.processWatermark(Periods.releaseAfter(P + window, LATENESS) - 1);
        assertThat(h.numKeyedStateEntries())
                .as("the post and its viewers, to the end of the window")
                .isEqualTo(2);
        send(h, on(EventType.VIEW, P + window - 2, "dee"));
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.numKeyedStateEntries()).as("nothing of the post is kept").isZero();
        assertThat(h.extractOutputValues())
                .as("a change not yet written is written before the post goes")
                .extracting(posted -> posted.views)
                .containsExactly(2L);
        h.getOutput().clear();
        h.endInput();
        assertThat(rows(h)).as("its last row stands").isEmpty();
        h.close();
    }
}
