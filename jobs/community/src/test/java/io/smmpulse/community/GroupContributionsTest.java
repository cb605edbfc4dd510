package io.smmpulse.community;

import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GroupContributionsTest {
    /** The epoch day of the events' local day (UTC in the embedded communities). */
    private static final long DAY = java.time.LocalDate.parse("2026-03-02").toEpochDay();

    private static OneInputStreamOperatorTestHarness<ClassifiedEvent, GroupDelta> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new GroupContributions(
                List.of(CommunityKpis.ENGAGEMENT, CommunityKpis.UGC), Communities.embedded(), 3_600_000L));
        h.open();
        return h;
    }

    private static ClassifiedEvent view(String id, String actor) {
        return ClassifiedEvent.notSpam(
                event(id, EventType.VIEW, "2026-03-02T10:00:00Z", "acme", "x", actor, ActorRole.MEMBER)
                        .setContentId("p1")
                        .build());
    }

    private static List<String> deltas(OneInputStreamOperatorTestHarness<ClassifiedEvent, GroupDelta> h) {
        List<String> deltas =
                h.extractOutputValues().stream().map(GroupDelta::toString).toList();
        h.getOutput().clear();
        return deltas;
    }

    @Test
    void theChangesOfManyEventsToAGroupCrossAsOneBeforeTheNextWatermark() throws Exception {
        var h = harness();
        h.processElement(view("a", "ann"), 1);
        h.processElement(view("b", "ann"), 2);
        h.processElement(view("c", "bob"), 3);
        assertThat(deltas(h)).as("nothing before the watermark").isEmpty();
        h.processWatermark(4);
        assertThat(deltas(h))
                .containsExactly("engagement[acme, x, " + DAY
                        + "] counts [3, 0, 0, 0, 0, 0, 0, 0] members 0:ann+1 lasting 0:bob+1 lasting");
        h.close();
    }

    @Test
    void aRevisionTakesTheItemBackAndCountsItAsSpamAndAnItemAndItsRevisionCancelOut() throws Exception {
        var h = harness();
        SocialEvent comment = event(
                        "i", EventType.COMMENT, "2026-03-02T10:00:00Z", "acme", "x", "ann", ActorRole.MEMBER)
                .setContentId("c1")
                .build();
        h.processElement(new ClassifiedEvent(comment, false, false), 1);
        h.prepareSnapshotPreBarrier(1);
        assertThat(deltas(h))
                .containsExactly(
                        "engagement[acme, x, " + DAY + "] counts [0, 0, 1, 0, 0, 0, 0, 0] members",
                        "ugc[acme, " + DAY + "] counts [1, 0, 0] members 0:ann+1");
        h.processElement(new ClassifiedEvent(comment, true, true), 2);
        h.endInput();
        assertThat(deltas(h))
                .containsExactly(
                        "engagement[acme, x, " + DAY + "] counts [0, 0, -1, 0, 0, 0, 0, 0] members",
                        "ugc[acme, " + DAY + "] counts [-1, 1, 0] members 0:ann-1");
        h.close();
    }

    @Test
    void aMemberSentHeldForGoodIsNotSentToItsGroupAgainUntilTheGroupCloses() throws Exception {
        var h = harness();
        h.processElement(view("a", "ann"), 1);
        h.processWatermark(2);
        GroupDelta first = h.extractOutputValues().get(0);
        assertThat(deltas(h))
                .containsExactly(
                        "engagement[acme, x, " + DAY + "] counts [1, 0, 0, 0, 0, 0, 0, 0] members 0:ann+1 lasting");

        h.processElement(view("b", "ann"), 3);
        h.processElement(view("c", "bob"), 4);
        h.processElement(view("d", "ann"), 5);
        h.processWatermark(6);
        assertThat(deltas(h))
                .as("ann's views still count, ann is not sent again; bob is new")
                .containsExactly(
                        "engagement[acme, x, " + DAY + "] counts [3, 0, 0, 0, 0, 0, 0, 0] members 0:bob+1 lasting");

        h.processWatermark(first.closeAt);
        h.processElement(view("e", "ann"), first.closeAt + 1);
        h.processWatermark(first.closeAt + 2);
        assertThat(deltas(h))
                .as("forgotten once the group has closed")
                .containsExactly(
                        "engagement[acme, x, " + DAY + "] counts [1, 0, 0, 0, 0, 0, 0, 0] members 0:ann+1 lasting");
        h.close();
    }

    @Test
    void aMemberWhoseAdditionsCanBeTakenBackIsSentEveryTime() throws Exception {
        var h = harness();
        for (String id : List.of("i1", "i2")) {
            h.processElement(
                    ClassifiedEvent.notSpam(
                            event(id, EventType.COMMENT, "2026-03-02T10:00:00Z", "acme", "x", "ann", ActorRole.MEMBER)
                                    .setContentId(id)
                                    .build()),
                    1);
            h.processWatermark(2);
        }
        assertThat(deltas(h))
                .filteredOn(delta -> delta.startsWith("ugc"))
                .containsExactly(
                        "ugc[acme, " + DAY + "] counts [1, 0, 0] members 0:ann+1",
                        "ugc[acme, " + DAY + "] counts [1, 0, 0] members 0:ann+1");
        h.close();
    }
}
