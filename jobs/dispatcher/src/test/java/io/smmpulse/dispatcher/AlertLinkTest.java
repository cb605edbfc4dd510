package io.smmpulse.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An alert's link (Alertmanager's generatorURL) opens the Grafana dashboard of its subject, its community selected. */
class AlertLinkTest {
    private static SlaAlert.Builder alert(String community) {
        Instant t = Instant.parse("2026-03-03T20:00:00Z");
        return SlaAlert.newBuilder()
                .setAlertId("a")
                .setStatus(AlertStatus.FIRING)
                .setQuestionId("q1")
                .setCommunityId(community)
                .setPlatform("x")
                .setChannel("PUBLIC")
                .setPriority("NORMAL")
                .setAskedAt(t)
                .setDeadlineAt(t)
                .setDecidedAt(t);
    }

    @Test
    void eachKindOfAlertOpensItsDashboardWithItsCommunity() {
        assertThat(AlertmanagerPayload.link(alert("acme").build(), "https://grafana.example.com/"))
                .isEqualTo("https://grafana.example.com/d/pulse-dialogue?var-community=acme");
        assertThat(AlertmanagerPayload.link(
                        alert("acme")
                                .setAlertName("SmmPulseRiskSpike")
                                .setSignal("spam")
                                .build(),
                        "http://localhost:3000"))
                .isEqualTo("http://localhost:3000/d/pulse-risk?var-community=acme");
        assertThat(AlertmanagerPayload.link(
                        alert("a&b c")
                                .setAlertName("SmmPulseGoalOffTrack")
                                .setMetric("sla_share")
                                .build(),
                        "http://localhost:3000"))
                .isEqualTo("http://localhost:3000/d/pulse-goals?var-community=a%26b+c");
    }
}
