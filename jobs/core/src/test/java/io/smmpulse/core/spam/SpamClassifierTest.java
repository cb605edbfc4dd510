package io.smmpulse.core.spam;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SpamClassifierTest {
    /** At most 2 items a minute, stop word "casino". */
    private static final Communities COMMUNITIES = Communities.parse(
            "{\"defaults\": {\"stop_words\": [\"Casino\"], \"spam_max_items_per_minute\": 2}}", "test");

    private static final long LATENESS = 3_600_000L;
    private static final String T0 = "2026-03-02T10:00:00Z";

    private KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, ClassifiedEvent> harness() throws Exception {
        return harness(null);
    }

    /** A harness of {@code operator} keyed by community and actor, not yet opened. */
    private static KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, ClassifiedEvent> unopened(
            org.apache.flink.streaming.api.operators.OneInputStreamOperator<SocialEvent, ClassifiedEvent> operator)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                operator, (SocialEvent e) -> e.getCommunityId() + "|" + e.getActorId(), Types.STRING);
    }

    /** An open harness, restored from {@code snapshot} unless it is null. */
    private KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, ClassifiedEvent> harness(
            OperatorSubtaskState snapshot) throws Exception {
        var h = unopened(new SpamClassifier(COMMUNITIES, LATENESS));
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        return h;
    }

    private static SocialEvent item(String id, long at, String text) {
        return event(id, EventType.COMMENT, Instant.ofEpochMilli(at).toString(), "acme", "x", "u1", ActorRole.MEMBER)
                .setContentId("c-" + id)
                .setText(text)
                .build();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, ClassifiedEvent> h, SocialEvent e)
            throws Exception {
        h.processElement(e, e.getOccurredAt().toEpochMilli());
    }

    private static List<String> verdicts(
            KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, ClassifiedEvent> h) {
        return h.extractOutputValues().stream().map(ClassifiedEvent::toString).toList();
    }

    @Test
    void stopWordsMatchCaseInsensitiveSubstrings() throws Exception {
        var h = harness();
        send(h, item("a", at(T0), "Best CASINOS here"));
        send(h, item("b", at(T0) + 120_000, null));
        assertThat(verdicts(h)).containsExactly("a spam", "b ok");
    }

    @Test
    void itemsExactlySixtySecondsApartDoNotCountEachOther() throws Exception {
        var h = harness();
        long t = at(T0);
        send(h, item("a", t, "one"));
        send(h, item("b", t + 30_000, "two"));
        send(h, item("c", t + 60_000, "three")); // window (t, t+60s]: b and c, a is out
        send(h, item("d", t + 60_001, "four")); // b, c, d: the third in a minute
        assertThat(verdicts(h)).containsExactly("a ok", "b ok", "c ok", "d spam");
    }

    @Test
    void equalTimesAreOrderedByEventId() throws Exception {
        var h = harness();
        long t = at(T0);
        send(h, item("z", t, "z"));
        send(h, item("m", t, "m"));
        send(h, item("a", t, "a"));
        // in the spam rule's order a, m, z: z is the third item; it arrived first and is revised when a arrives
        assertThat(verdicts(h)).containsExactly("z ok", "m ok", "a ok", "z spam (revision)");
    }

    @Test
    void spamCountsTowardsTheLimitAndOutOfOrderItemsReviseLaterOnes() throws Exception {
        var h = harness();
        long t = at(T0);
        send(h, item("b", t + 10_000, "casino"));
        send(h, item("c", t + 20_000, "hello"));
        send(h, item("a", t, "early"));
        assertThat(verdicts(h)).containsExactly("b spam", "c ok", "a ok", "c spam (revision)");
    }

    @Test
    void aCopyOfAnItemIsNeitherCountedNorEmittedAgain() throws Exception {
        var h = harness();
        long t = at(T0);
        SocialEvent a = item("a", t, "one");
        send(h, a);
        send(h, a);
        send(h, item("b", t + 1_000, "two"));
        send(h, a);
        // without the copies dropped, b would be the third item in a minute
        assertThat(verdicts(h)).containsExactly("a ok", "b ok");
    }

    @Test
    void stateIsReleasedWhenNoAcceptedEventCanStillCountTheItemsAMinuteAtATime() throws Exception {
        var h = harness();
        long t = at(T0);
        send(h, item("a", t, "one"));
        send(h, item("b", t + 1_000, "two"));
        // a can be counted by no accepted event once the watermark passes t + 60 s + lateness (11:01:00.000);
        // its minute is released when the watermark reaches 11:02
        h.processWatermark(t + 60_000 + LATENESS + 59_999);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).as("no timer per item").isZero();
        h.processWatermark(t + 120_000 + LATENESS);
        assertThat(h.numKeyedStateEntries())
                .as("a and b both fall due in that minute")
                .isZero();
        // a later copy of b is late by now (the job's late split drops it before it gets here)
        h.close();
    }

    /** Items a (at {@code t}) and b (a second later) through {@code h}, then its snapshot. */
    private static OperatorSubtaskState afterItemsAAndB(
            KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, ClassifiedEvent> h, long t) throws Exception {
        h.open();
        send(h, item("a", t, "one"));
        send(h, item("b", t + 1_000, "two"));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        return snapshot;
    }

    /** Restored with a and b: a copy of b is dropped, a third item in their minute is spam, and all of it is released. */
    private void assertRestoredItemsCountAndAreReleased(OperatorSubtaskState snapshot, long t) throws Exception {
        var restored = harness(snapshot);
        send(restored, item("b", t + 1_000, "two")); // a copy: dropped
        send(restored, item("c", t + 2_000, "three")); // the third item in a minute
        assertThat(verdicts(restored)).containsExactly("c spam");
        restored.processWatermark(t + 120_000 + LATENESS);
        assertThat(restored.numKeyedStateEntries())
                .as("every item released, and no list of an earlier release left")
                .isZero();
        restored.close();
    }

    @Test
    void afterARestoreItemsStillCountAndAreStillReleased() throws Exception {
        long t = at(T0);
        assertRestoredItemsCountAndAreReleased(
                afterItemsAAndB(unopened(new SpamClassifier(COMMUNITIES, LATENESS)), t), t);
    }

    /** What an earlier release kept: the key's items as one list in the state named "items". */
    private static final class ItemsAsList
            extends org.apache.flink.streaming.api.operators.AbstractStreamOperator<ClassifiedEvent>
            implements org.apache.flink.streaming.api.operators.OneInputStreamOperator<SocialEvent, ClassifiedEvent> {
        @Override
        public void processElement(org.apache.flink.streaming.runtime.streamrecord.StreamRecord<SocialEvent> record)
                throws Exception {
            getRuntimeContext()
                    .getListState(new org.apache.flink.api.common.state.ListStateDescriptor<>("items", SpamItem.class))
                    .add(new SpamItem(record.getValue(), false));
        }
    }

    @Test
    void itemsKeptAsAListByAnEarlierReleaseAreMovedAndStillCountAndAreReleased() throws Exception {
        long t = at(T0);
        assertRestoredItemsCountAndAreReleased(afterItemsAAndB(unopened(new ItemsAsList()), t), t);
    }

    @Test
    void otherEventsPassOnceAndTheirIdsAreReleasedWhenNoCopyCanBeAcceptedAnyMore() throws Exception {
        var h = harness();
        long t = at(T0);
        SocialEvent view = event("v", EventType.VIEW, T0, "acme", "x", "u1", ActorRole.MEMBER)
                .setContentId("p1")
                .build();
        send(h, view);
        send(h, item("a", t + 1_000, "one"));
        send(h, view);
        assertThat(verdicts(h)).containsExactly("v ok", "a ok");

        // a copy of the view is late once the watermark passes t + lateness; the id goes with the end of its hour
        h.processWatermark(t + 120_000 + LATENESS);
        assertThat(h.numKeyedStateEntries())
                .as("the item is released, the view's id is kept")
                .isEqualTo(1);
        h.processWatermark(t + 3_600_000 + LATENESS - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        send(h, view);
        assertThat(verdicts(h))
                .as("a copy at the last moment it can be accepted")
                .hasSize(2);
        h.processWatermark(t + 3_600_000 + LATENESS);
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void anHourOfIdsIsReleasedForEveryKeyAtOnceAndTheNextHourStays() throws Exception {
        var h = harness();
        long t = at(T0);
        for (String actor : List.of("u1", "u2", "u3")) {
            send(
                    h,
                    event("v-" + actor, EventType.VIEW, T0, "acme", "x", actor, ActorRole.MEMBER)
                            .setContentId("p1")
                            .build());
        }
        SocialEvent nextHour = event(
                        "v-next", EventType.VIEW, "2026-03-02T11:00:00Z", "acme", "x", "u1", ActorRole.MEMBER)
                .setContentId("p1")
                .build();
        send(h, nextHour);
        assertThat(h.numKeyedStateEntries()).isEqualTo(4);
        h.processWatermark(t + 3_600_000 + LATENESS);
        assertThat(h.numKeyedStateEntries())
                .as("the three keys' ids of 10:00 go, u1's of 11:00 stays")
                .isEqualTo(1);
        send(h, nextHour);
        assertThat(verdicts(h)).as("a copy of the kept hour is still dropped").hasSize(4);
        h.processWatermark(t + 2 * 3_600_000 + LATENESS);
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void afterARestoreCopiesOfOtherEventsAreStillDroppedAndTheirIdsStillReleased() throws Exception {
        var h = harness();
        SocialEvent view = event("v", EventType.VIEW, T0, "acme", "x", "u1", ActorRole.MEMBER)
                .setContentId("p1")
                .build();
        send(h, view);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = harness(snapshot);
        send(restored, view);
        assertThat(verdicts(restored)).isEmpty();
        restored.processWatermark(at(T0) + LATENESS + 3_600_000);
        assertThat(restored.numKeyedStateEntries()).isZero();
        restored.close();
    }
}
