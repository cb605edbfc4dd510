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

class CampaignConversionsTest {
    private static final long LATENESS = 3_600_000L;
    private static final long T = at("2026-03-02T10:00:00Z");
    private static int ids;

    private static KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, GroupDelta> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new CampaignConversions(Communities.embedded(), LATENESS),
                (ClassifiedEvent c) -> c.event.getCommunityId() + "|" + c.event.getActorId(),
                Types.STRING);
        h.open();
        return h;
    }

    private static SocialEvent click(long at, String campaign) {
        return event(
                        "k" + ++ids,
                        EventType.LINK_CLICK,
                        Instant.ofEpochMilli(at).toString(),
                        "acme",
                        "x",
                        "ann",
                        ActorRole.MEMBER)
                .setUtmSource("x")
                .setUtmCampaign(campaign)
                .build();
    }

    private static SocialEvent form(long at) {
        return event(
                        "f" + ++ids,
                        EventType.FORM_SUBMIT,
                        Instant.ofEpochMilli(at).toString(),
                        "acme",
                        "x",
                        "ann",
                        ActorRole.MEMBER)
                .build();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, GroupDelta> h, SocialEvent e)
            throws Exception {
        h.processElement(ClassifiedEvent.notSpam(e), e.getOccurredAt().toEpochMilli());
    }

    private static List<String> converted(
            KeyedOneInputStreamOperatorTestHarness<String, ClassifiedEvent, GroupDelta> h) {
        List<String> groups = h.extractOutputValues().stream()
                .map(d -> d.dims[2] + " " + d.memberOf(CommunityKpis.CAMPAIGN_CONVERTERS))
                .toList();
        h.getOutput().clear();
        return groups;
    }

    @Test
    void aClickerConvertsOncePerGroupWithinSevenDaysOfAClick() throws Exception {
        var h = harness();
        send(h, form(T - 1));
        send(h, click(T, "autumn"));
        assertThat(converted(h)).as("a conversion before the click").isEmpty();
        send(h, form(T + PostResults.WINDOW_MILLIS));
        assertThat(converted(h)).as("at click + 168 h: outside").isEmpty();
        send(h, click(T + 1_000, "autumn"));
        assertThat(converted(h)).as("inside the second click's window").containsExactly("autumn ann");
        send(h, form(T + 2_000));
        send(h, click(T + 3_000, "loyalty"));
        assertThat(converted(h))
                .as("autumn converted already; loyalty's click is after that form, before the later one")
                .containsExactly("loyalty ann");
        h.close();
    }

    @Test
    void clicksAndConversionsAreReleasedWhenNoneCanStillMatch() throws Exception {
        var h = harness();
        send(h, click(T, "autumn"));
        send(h, form(T + 1_000));
        assertThat(converted(h)).hasSize(1);
        h.processWatermark(Periods.releaseAfter(T + 1_000, LATENESS) + 60_000);
        assertThat(h.numKeyedStateEntries())
                .as("the click and the converted group")
                .isEqualTo(2);
        h.processWatermark(Periods.releaseAfter(T + PostResults.WINDOW_MILLIS, LATENESS) + 60_000);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
