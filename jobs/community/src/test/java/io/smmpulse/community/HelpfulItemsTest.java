package io.smmpulse.community;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class HelpfulItemsTest {
    private static final long LATENESS = 3_600_000L;
    /** A Monday in UTC (the embedded defaults' zone): the item's week starts that day. */
    private static final String WRITTEN = "2026-03-02T10:00:00Z";

    private static final long T = at(WRITTEN);

    private static KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, GroupDelta> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new HelpfulItems(Communities.embedded(), LATENESS), ContentEvent::key, Types.STRING);
        h.open();
        return h;
    }

    private static final SocialEvent ITEM = event("i", EventType.COMMENT, WRITTEN, "acme", "x", "ann", ActorRole.MEMBER)
            .setContentId("u1")
            .build();

    private static SocialEvent helpful(String actor, long at) {
        return event(
                        "h-" + actor + at,
                        EventType.REACTION,
                        Instant.ofEpochMilli(at).toString(),
                        "acme",
                        "x",
                        actor,
                        ActorRole.MEMBER)
                .setContentId("u1")
                .setReaction("Helpful")
                .build();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, GroupDelta> h,
            SocialEvent e,
            boolean spam,
            boolean revision)
            throws Exception {
        ClassifiedEvent c = new ClassifiedEvent(e, spam, revision);
        h.processElement(
                ContentEvent.of(c, HelpfulItems.itemOf(c)), e.getOccurredAt().toEpochMilli());
    }

    /** The deltas of the UGC weeks; the goals' week and month groups get theirs beside each ({@link #all}). */
    private static List<String> deltas(KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, GroupDelta> h) {
        return all(h).stream().filter(d -> d.startsWith("ugc[")).toList();
    }

    private static List<String> all(KeyedOneInputStreamOperatorTestHarness<String, ContentEvent, GroupDelta> h) {
        List<String> deltas =
                h.extractOutputValues().stream().map(GroupDelta::toString).toList();
        h.getOutput().clear();
        return deltas;
    }

    @Test
    void anItemIsHelpfulOnceSomeoneButItsAuthorReactsAndNoLongerWhenItTurnsSpam() throws Exception {
        var h = harness();
        send(h, ITEM, false, false);
        send(h, helpful("ann", T + 1_000), false, false);
        assertThat(deltas(h)).as("the author's own reaction").isEmpty();
        send(h, helpful("bob", T + 30L * 86_400_000), false, false);
        send(h, helpful("cy", T + 31L * 86_400_000), false, false);
        long weekStart = java.time.LocalDate.parse("2026-03-02").toEpochDay();
        long monthStart = java.time.LocalDate.parse("2026-03-01").toEpochDay();
        String week = "ugc[acme, " + weekStart + "] counts [0, 0, ";
        assertThat(all(h))
                .containsExactly(
                        week + "1] members",
                        "periods[acme, week, " + weekStart + "] counts [0, 1] members",
                        "periods[acme, month, " + monthStart + "] counts [0, 1] members");
        send(h, ITEM, true, true);
        assertThat(all(h))
                .containsExactly(
                        week + "-1] members",
                        "periods[acme, week, " + weekStart + "] counts [0, -1] members",
                        "periods[acme, month, " + monthStart + "] counts [0, -1] members");
        assertThat(h.numKeyedStateEntries())
                .as("the item is kept for later reactions")
                .isEqualTo(1);
        h.close();
    }

    @Test
    void reactionsBeforeTheirItemWaitAndAreDroppedWhenNoItemCanBeAcceptedForThem() throws Exception {
        var h = harness();
        send(h, helpful("bob", T + 1_000), false, false);
        send(h, ITEM, false, false);
        assertThat(deltas(h)).hasSize(1);

        SocialEvent onAPost = event("r", EventType.REACTION, WRITTEN, "acme", "x", "bob", ActorRole.MEMBER)
                .setContentId("brand-post")
                .setReaction("helpful")
                .build();
        send(h, onAPost, false, false);
        assertThat(h.numKeyedStateEntries())
                .as("u1's item, brand-post's waiting reactor")
                .isEqualTo(2);
        h.processWatermark(Periods.releaseAfter(T, LATENESS) + 60_000);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aReactionCountsWithinTheHelpfulWindowAndTheItemIsReleasedAfterIt() throws Exception {
        long window = 90L * 86_400_000; // helpful_window_days of the embedded defaults
        var h = harness();
        send(h, helpful("bob", T - 1), false, false);
        send(h, ITEM, false, false);
        send(h, helpful("cy", T + window), false, false);
        assertThat(deltas(h)).as("before the item, and at the window's end").isEmpty();
        send(h, helpful("dee", T + window - 1), false, false);
        assertThat(deltas(h)).hasSize(1);

        h.processWatermark(Periods.releaseAfter(T + window, LATENESS) - 1);
        assertThat(h.numKeyedStateEntries())
                .as("the item, to the end of its window")
                .isEqualTo(1);
        h.processWatermark(Periods.releaseAfter(T + window, LATENESS) + 60_000);
        assertThat(h.numKeyedStateEntries()).as("nothing of the item is kept").isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
