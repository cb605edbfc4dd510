package io.smmpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings of the streaming job that two deployments, or one and its operator, must not get wrong. */
class StreamingJobSettingsTest {
    @Test
    void twoJobsSharingAnAlertTopicUseTheirOwnTransactionalIds() {
        Deployment base = Deployment.from(Map.of());
        Deployment first = base.withTopics("events-eu", "dlq-eu", "sla-alerts");
        Deployment second = base.withTopics("events-us", "dlq-us", "sla-alerts");
        assertThat(StreamingJob.alertTransactionalIdPrefix(first))
                .isNotEqualTo(StreamingJob.alertTransactionalIdPrefix(second));
        assertThat(StreamingJob.alertTransactionalIdPrefix(first))
                .isEqualTo(StreamingJob.alertTransactionalIdPrefix(base.withTopics("events-eu", "x", "y")));
    }

    @Test
    void theIngestDelayIsASettingWithADefaultAndAClearError() {
        assertThat(Deployment.from(Map.of()).maxIngestDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Deployment.from(Map.of("PULSE_MAX_INGEST_DELAY", "30s"))
                        .liveSettings()
                        .maxIngestDelay())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(Deployment.from(Map.of()).liveSettings().responseHorizon()).isEqualTo(Duration.ofDays(30));
        assertThat(Deployment.from(Map.of("PULSE_ALERT_EXPIRY", "7d"))
                        .liveSettings()
                        .responseHorizon())
                .isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> Deployment.from(Map.of("PULSE_MAX_INGEST_DELAY", "ten seconds")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_MAX_INGEST_DELAY: \"ten seconds\" is not a duration");
    }
}
