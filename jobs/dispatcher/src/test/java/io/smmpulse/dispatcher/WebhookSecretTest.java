package io.smmpulse.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A webhook URL carries its token: logs, tables and output show only where it points. */
class WebhookSecretTest {
    @Test
    void aWebhookIsDescribedWithoutItsPathQueryOrUserInfo() {
        URI secret =
                URI.create("https://ops:hunter2@hooks.example.com:8443/services/T000/B000/XXXXSECRET?token=abc123");
        String described = AlertDispatcher.describe(secret);
        assertThat(described)
                .startsWith("https://hooks.example.com:8443/… #")
                .doesNotContain("hunter2")
                .doesNotContain("ops")
                .doesNotContain("XXXXSECRET")
                .doesNotContain("abc123");
        assertThat(AlertDispatcher.describe(URI.create("https://hooks.example.com:8443/services/T000/B000/OTHER")))
                .as("two webhooks on one host stay apart")
                .isNotEqualTo(described);
        assertThat(AlertDispatcher.describe(URI.create("http://127.0.0.1/hook")))
                .startsWith("http://127.0.0.1/… #");
    }
}
