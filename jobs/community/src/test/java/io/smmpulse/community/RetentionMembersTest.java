package io.smmpulse.community;

import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RetentionMembersTest {
    private static KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, GroupDelta> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new RetentionMembers(Communities.embedded()),
                (ClassifiedEvent c) -> c.event.getCommunityId() + "|" + c.event.getActorId(),
                Types.STRING);
        h.open();
        return h;
    }

    private static SocialEvent item(String id, String day) {
        return event(id, EventType.COMMENT, day + "T12:00:00Z", "acme", "x", "ann", ActorRole.MEMBER)
                .setContentId("c-" + id)
                .build();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, GroupDelta> h,
            SocialEvent e,
            boolean spam,
            boolean revision)
            throws Exception {
        h.processElement(
                new ClassifiedEvent(e, spam, revision), e.getOccurredAt().toEpochMilli());
    }

    /** "cohort day: counts" of each delta, signed. */
    private static List<String> deltas(KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, GroupDelta> h) {
        List<String> deltas = h.extractOutputValues().stream()
                .map(d -> d.dims[1] + " " + LocalDate.ofEpochDay(Long.parseLong(d.dims[2])) + " "
                        + java.util.Arrays.toString(d.counts))
                .toList();
        h.getOutput().clear();
        return deltas;
    }

    @Test
    void aMemberMovesBetweenCohortsAsActivitiesArriveAndTurnSpam() throws Exception {
        var h = harness();
        send(h, item("a", "2026-03-10"), false, false);
        assertThat(deltas(h)).containsExactly("THREAD 2026-03-10 [1, 0, 0, 0, 0, 0, 0]");
        send(h, item("b", "2026-03-17"), false, false);
        assertThat(deltas(h))
                .containsExactly("THREAD 2026-03-10 [-1, 0, 0, 0, 0, 0, 0]", "THREAD 2026-03-10 [1, 0, 1, 0, 1, 1, 0]");
        // an earlier activity arrives late: the cohort moves to the 9th, the 10th is d1, the 17th is past d7
        send(h, item("c", "2026-03-09"), false, false);
        assertThat(deltas(h))
                .containsExactly(
                        "THREAD 2026-03-10 [-1, 0, -1, 0, -1, -1, 0]", "THREAD 2026-03-09 [1, 1, 0, 0, 1, 1, 0]");
        // ... and turns out to be spam: back to the 10th
        send(h, item("c", "2026-03-09"), true, true);
        assertThat(deltas(h))
                .containsExactly(
                        "THREAD 2026-03-09 [-1, -1, 0, 0, -1, -1, 0]", "THREAD 2026-03-10 [1, 0, 1, 0, 1, 1, 0]");
        // a spam item and a second item on a counted day change nothing
        send(h, item("d", "2026-03-01"), true, false);
        send(h, item("e", "2026-03-17"), false, false);
        assertThat(deltas(h)).isEmpty();
        h.close();
    }

    @Test
    void eventSignUpsAreTheirOwnActivity() throws Exception {
        var h = harness();
        send(
                h,
                event("s", EventType.EVENT_SIGNUP, "2026-03-10T12:00:00Z", "acme", "x", "ann", ActorRole.MEMBER)
                        .build(),
                false,
                false);
        send(
                h,
                event("t", EventType.EVENT_SIGNUP, "2026-04-09T12:00:00Z", "acme", "x", "ann", ActorRole.MEMBER)
                        .build(),
                false,
                false);
        assertThat(deltas(h))
                .containsExactly(
                        "EVENT 2026-03-10 [1, 0, 0, 0, 0, 0, 0]",
                        "EVENT 2026-03-10 [-1, 0, 0, 0, 0, 0, 0]",
                        "EVENT 2026-03-10 [1, 0, 0, 1, 1, 1, 1]");
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
