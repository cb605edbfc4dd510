package io.smmpulse.engagement;

import static io.smmpulse.core.TestEvents.at;
import static io.smmpulse.core.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FunnelFunctionTest {
    private static final Communities COMMUNITIES = Communities.parse("""
            {"defaults": {"funnels": [
               {"name": "guide-to-form", "window_hours": 168,
                "steps": [{"event_type": "LINK_CLICK", "link_target": "GUIDE"}, {"event_type": "FORM_SUBMIT"}]},
               {"name": "click-twice", "window_hours": 1, "steps": [{"event_type": "LINK_CLICK"}, {"event_type": "LINK_CLICK"}]}]},
             "communities": {"acme": {"timezone": "Europe/Berlin"}}}""", "test");
    private static final EventTimeSettings SETTINGS = EventTimeSettings.replay(at("2026-03-20T00:00:00Z"));
    private static final long WEEK = 168 * 3_600_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, FunnelEntry> harness(
            OperatorSubtaskState restored) throws Exception {
        return harness(COMMUNITIES, restored);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, FunnelEntry> harness(
            Communities communities, OperatorSubtaskState restored) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FunnelFunction(communities, SETTINGS)),
                (SocialEvent e) -> Keys.actor(e),
                Types.STRING);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static SocialEvent click(String id, String at, LinkTarget target, ActorRole role) {
        return event(id, EventType.LINK_CLICK, at, "acme", "x", "m1", role)
                .setContentId("p1")
                .setLinkTarget(target)
                .build();
    }

    private static SocialEvent submit(String id, String at) {
        return event(id, EventType.FORM_SUBMIT, at, "acme", "x", "m1", ActorRole.MEMBER)
                .setContentId("f1")
                .build();
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, FunnelEntry> h, SocialEvent e)
            throws Exception {
        h.processElement(e, e.getOccurredAt().toEpochMilli());
    }

    private static List<String> levels(KeyedOneInputStreamOperatorTestHarness<String, SocialEvent, FunnelEntry> h) {
        List<String> levels = h.extractOutputValues().stream()
                .map(e -> e.funnel + " " + e.entryEventId + "=" + e.level)
                .toList();
        h.getOutput().clear();
        return levels;
    }

    @Test
    void aStepThatArrivesBeforeItsStepOneStillCounts() throws Exception {
        var h = harness(null);
        send(h, submit("s1", "2026-03-03T10:00:00Z"));
        assertThat(levels(h)).isEmpty();
        send(h, click("c1", "2026-03-03T09:00:00Z", LinkTarget.GUIDE, ActorRole.MEMBER));
        assertThat(levels(h)).containsExactly("guide-to-form c1=2", "click-twice c1=1");
        assertThat(h.extractOutputValues()).isEmpty();
    }

    @Test
    void theWindowIsHalfOpenAtStepOnePlusItsLength() throws Exception {
        var h = harness(null);
        send(h, click("c1", "2026-03-02T09:00:00Z", LinkTarget.GUIDE, ActorRole.MEMBER));
        send(h, submit("s-edge", "2026-03-09T09:00:00Z"));
        assertThat(levels(h)).containsExactly("guide-to-form c1=1", "click-twice c1=1");
        send(h, submit("s-inside", "2026-03-09T08:59:59.999Z"));
        assertThat(levels(h)).containsExactly("guide-to-form c1=2");
    }

    @Test
    void eachEventFillsOneStepAndAStepOneByStaffIsNoEntry() throws Exception {
        var h = harness(null);
        send(h, click("c1", "2026-03-03T09:00:00Z", LinkTarget.FAQ, ActorRole.MEMBER));
        assertThat(levels(h)).containsExactly("click-twice c1=1");
        send(h, click("c2", "2026-03-03T09:00:00Z", LinkTarget.FAQ, ActorRole.STAFF));
        assertThat(levels(h))
                .as("the staff click fills c1's second step; it starts nothing")
                .containsExactly("click-twice c1=2");
        send(h, click("c2", "2026-03-03T09:00:00Z", LinkTarget.FAQ, ActorRole.STAFF));
        assertThat(levels(h)).as("a copy changes nothing").isEmpty();
    }

    @Test
    void aLateLaterStepRaisesExactlyTheStepOneEventsWhoseWindowHoldsIt() throws Exception {
        var h = harness(null);
        long submitted = at("2026-03-10T12:00:00Z");
        // a flood of guide clicks, ten minutes apart, from eight days before the submit to ten minutes after it
        long apart = 10 * 60_000L;
        int clicks = 8 * 24 * 6 + 2;
        long first = submitted - 8 * 24 * 6 * apart;
        for (int i = 0; i < clicks; i++) {
            send(
                    h,
                    click(
                            "g" + i,
                            java.time.Instant.ofEpochMilli(first + i * apart).toString(),
                            LinkTarget.GUIDE,
                            ActorRole.MEMBER));
        }
        assertThat(levels(h).stream().filter(level -> level.startsWith("guide-to-form")))
                .hasSize(clicks)
                .allMatch(level -> level.endsWith("=1"));
        send(h, click("g0", java.time.Instant.ofEpochMilli(first).toString(), LinkTarget.GUIDE, ActorRole.MEMBER));
        assertThat(levels(h)).as("a copy").isEmpty();

        send(h, submit("late", java.time.Instant.ofEpochMilli(submitted).toString()));
        List<String> raised = levels(h);
        int atTheEdge = (int) ((submitted - WEEK - first) / apart); // its window ends at the submit: not held
        assertThat(raised)
                .as("from the click one week less ten minutes before the submit to the click at its instant")
                .hasSize(7 * 24 * 6)
                .startsWith("guide-to-form g" + (atTheEdge + 1) + "=2")
                .endsWith("guide-to-form g" + (clicks - 2) + "=2")
                .doesNotContain("guide-to-form g" + atTheEdge + "=2", "guide-to-form g" + (clicks - 1) + "=2");
    }

    @Test
    void eventsOfOneMillisecondFillTheirStepsInWhicheverOrderFillsMost() throws Exception {
        Communities threeSteps = Communities.parse("""
                {"defaults": {"funnels": [
                   {"name": "click-then-submit", "window_hours": 24, "steps": [{"event_type": "LINK_CLICK", "link_target": "GUIDE"},
                      {"event_type": "LINK_CLICK"}, {"event_type": "FORM_SUBMIT"}]},
                   {"name": "any-then-faq", "window_hours": 24, "steps": [{"event_type": "LINK_CLICK", "link_target": "GUIDE"},
                      {"event_type": "LINK_CLICK"}, {"event_type": "LINK_CLICK", "link_target": "FAQ"}]}]},
                 "communities": {"acme": {"timezone": "Europe/Berlin"}}}""", "test");
        var h = harness(threeSteps, null);
        send(h, click("c1", "2026-03-03T09:00:00Z", LinkTarget.GUIDE, ActorRole.MEMBER));
        h.getOutput().clear();
        // by event id the submit comes first, yet the click before it (same millisecond) makes the funnel whole
        send(h, submit("a-submit", "2026-03-03T10:00:00Z"));
        send(h, click("b-click", "2026-03-03T10:00:00Z", LinkTarget.FAQ, ActorRole.STAFF));
        assertThat(levels(h)).contains("click-then-submit c1=3");

        var other = harness(threeSteps, null);
        send(other, click("c1", "2026-03-03T09:00:00Z", LinkTarget.GUIDE, ActorRole.MEMBER));
        // the FAQ click fits steps 2 and 3, the guide click only step 2: whole only if the guide click takes step 2
        send(other, click("a-faq", "2026-03-03T10:00:00Z", LinkTarget.FAQ, ActorRole.STAFF));
        send(other, click("b-guide", "2026-03-03T10:00:00Z", LinkTarget.GUIDE, ActorRole.STAFF));
        assertThat(other.extractOutputValues().stream()
                        .filter(e -> e.funnel.equals("any-then-faq") && e.entryEventId.equals("c1"))
                        .mapToInt(e -> e.level)
                        .max())
                .hasValue(3);
    }

    @Test
    void stateAndTimersGoOnceNoLevelCanChangeAndARestoreKeepsWhatCounts() throws Exception {
        var h = harness(null);
        send(h, click("c1", "2026-03-03T09:00:00Z", LinkTarget.GUIDE, ActorRole.MEMBER));
        assertThat(levels(h)).containsExactly("guide-to-form c1=1", "click-twice c1=1");
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = harness(snapshot);
        send(restored, submit("s1", "2026-03-05T10:00:00Z"));
        assertThat(levels(restored)).containsExactly("guide-to-form c1=2");
        assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
        assertThat(restored.numEventTimeTimers()).isEqualTo(1);

        restored.processWatermark(at("2026-03-03T09:00:00Z") + WEEK + SETTINGS.latenessMillis());
        assertThat(restored.numKeyedStateEntries())
                .as("not yet: an event of the window may still arrive")
                .isEqualTo(1);
        restored.processWatermark(at("2026-03-05T10:00:00Z") + WEEK + SETTINGS.latenessMillis() + 1);
        assertThat(restored.numKeyedStateEntries()).isZero();
        assertThat(restored.numEventTimeTimers()).isZero();
        assertThat(levels(restored)).isEmpty();
    }
}
