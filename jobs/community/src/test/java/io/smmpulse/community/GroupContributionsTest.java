package io.smmpulse.community;

import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GroupContributionsTest {
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
    void theChangesOfManyEventsToAGroupCrossAsOneAtTheCheckpointBarrier() throws Exception {
        var h = harness();
        h.processElement(view("a", "ann"), 1);
        h.processElement(view("b", "ann"), 2);
        h.processWatermark(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
        h.processElement(view("c", "bob"), 3);
        h.processWatermark(Instant.parse("2026-03-05T10:00:00Z").toEpochMilli());
        assertThat(deltas(h))
                .as("watermarks short of the group's close send nothing")
                .isEmpty();
        h.prepareSnapshotPreBarrier(1);
        long day = java.time.LocalDate.parse("2026-03-02").toEpochDay();
        assertThat(deltas(h))
                .containsExactly("engagement[acme, x, " + day
                        + "] counts [3, 0, 0, 0, 0, 0, 0, 0] members 0:ann+1 0:ann+1 0:bob+1");
        h.close();
    }

    @Test
    void aWatermarkThatReachesAWaitingGroupsCloseSendsItsChangesAheadOfIt() throws Exception {
        var h = harness();
        h.processElement(view("a", "ann"), 1);
        long dayEnd = Communities.embedded()
                .forCommunity("acme")
                .calendar()
                .localDay(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli())
                .endMillis();
        long close = new Periods(3_600_000L).close(dayEnd);
        h.processWatermark(close - 1);
        assertThat(h.getOutput()).containsExactly(new Watermark(close - 1));
        h.getOutput().clear();
        h.processWatermark(close);
        assertThat(h.getOutput())
                .as("the group's changes, then the watermark that lets the aggregator release it")
                .hasSize(2)
                .last()
                .isEqualTo(new Watermark(close));
        assertThat(deltas(h)).singleElement().asString().startsWith("engagement[acme, x, ");
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
        long day = java.time.LocalDate.parse("2026-03-02").toEpochDay();
        assertThat(deltas(h))
                .containsExactly(
                        "engagement[acme, x, " + day + "] counts [0, 0, 1, 0, 0, 0, 0, 0] members",
                        "ugc[acme, " + day + "] counts [1, 0, 0] members 0:ann+1");
        h.processElement(new ClassifiedEvent(comment, true, true), 2);
        h.endInput();
        assertThat(deltas(h))
                .containsExactly(
                        "engagement[acme, x, " + day + "] counts [0, 0, -1, 0, 0, 0, 0, 0] members",
                        "ugc[acme, " + day + "] counts [-1, 1, 0] members 0:ann-1");
        h.close();
    }
}
