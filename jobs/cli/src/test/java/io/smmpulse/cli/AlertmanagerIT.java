package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smmpulse.core.event.AlertCodec;
import io.smmpulse.dispatcher.AlertDispatcher;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alert path end to end with a real Alertmanager (Debian's prometheus-alertmanager, on loopback,
 * resolve_timeout 3 s) and a webhook receiver behind it that counts notifications: breaches and
 * warnings appear and disappear as they should, a breach stays active long past resolve_timeout, and
 * neither a restart of the dispatcher nor a transition posted twice notifies anyone twice.
 */
class AlertmanagerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = System.currentTimeMillis();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AlertDispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private AlertmanagerWithReceiver alertmanager;

    @AfterEach
    void stop() {
        dispatchers.forEach(AlertDispatcher::stop);
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void breachesAndWarningsComeAndGoOnceAndABreachOutlivesResolveTimeout() throws Exception {
        TestStack stack = TestStack.fresh("alertmanager");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.alertTopic()));
        alertmanager = AlertmanagerWithReceiver.start("alertname", "question_id");
        int port = alertmanager.port();
        URI webhook = alertmanager.alertsApi();

        SlaAlert breach = alert("q1", BREACH, AlertStatus.FIRING);
        SlaAlert warning = alert("q2", "SmmPulseSlaAtRisk", AlertStatus.FIRING);
        publish(stack, breach, warning);
        AlertDispatcher first = dispatch(stack, webhook);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(active(port))
                        .containsExactlyInAnyOrder("SmmPulseSlaBreached/q1/critical", "SmmPulseSlaAtRisk/q2/warning"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(counts())
                        .isEqualTo(Map.of("SmmPulseSlaBreached/q1/firing", 1, "SmmPulseSlaAtRisk/q2/firing", 1)));

        // the warning is answered: it leaves Alertmanager and the receiver hears of it once
        publish(stack, alert("q2", "SmmPulseSlaAtRisk", AlertStatus.RESOLVED));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(active(port)).containsExactly("SmmPulseSlaBreached/q1/critical"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(counts()).containsEntry("SmmPulseSlaAtRisk/q2/resolved", 1));

        // the unanswered breach stays active for more than twice resolve_timeout and its endsAt span
        await().during(Duration.ofSeconds(9))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(active(port)).containsExactly("SmmPulseSlaBreached/q1/critical"));

        // a dispatcher restart posts the firing breach again, and the same transition once more on the topic
        first.stop();
        publish(stack, breach);
        AlertDispatcher second = dispatch(stack, webhook);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.activeAlerts().contains(AlertCodec.identity(breach)));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(active(port)).containsExactly("SmmPulseSlaBreached/q1/critical");
            assertThat(counts())
                    .isEqualTo(Map.of(
                            "SmmPulseSlaBreached/q1/firing",
                            1,
                            "SmmPulseSlaAtRisk/q2/firing",
                            1,
                            "SmmPulseSlaAtRisk/q2/resolved",
                            1));
        });

        // answered at last: resolved, once
        publish(stack, alert("q1", BREACH, AlertStatus.RESOLVED));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(active(port)).isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(counts())
                        .isEqualTo(Map.of(
                                "SmmPulseSlaBreached/q1/firing",
                                1,
                                "SmmPulseSlaBreached/q1/resolved",
                                1,
                                "SmmPulseSlaAtRisk/q2/firing",
                                1,
                                "SmmPulseSlaAtRisk/q2/resolved",
                                1)));
    }

    @Test
    void aGoalOffTrackReachesTheReceiverWithItsLabelsAndResolvesOnce() throws Exception {
        TestStack stack = TestStack.fresh("goal_alert");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.alertTopic()));
        alertmanager = AlertmanagerWithReceiver.start("alertname", "question_id");
        int port = alertmanager.port();
        dispatch(stack, alertmanager.alertsApi());

        publish(stack, goal(AlertStatus.FIRING));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(activeLabels(port))
                        .containsExactly(Map.of(
                                "alertname", "SmmPulseGoalOffTrack",
                                "community", "acme",
                                "metric", "sla_share",
                                "period", "week",
                                "period_start", "2026-03-02",
                                "severity", "warning",
                                "owner", "care-team")));
        publish(stack, goal(AlertStatus.RESOLVED));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(activeLabels(port)).isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(counts())
                        .isEqualTo(Map.of("SmmPulseGoalOffTrack//firing", 1, "SmmPulseGoalOffTrack//resolved", 1)));
    }

    static SlaAlert goal(AlertStatus status) {
        Instant fired = Instant.ofEpochMilli(NOW - 3_600_000);
        return SlaAlert.newBuilder()
                .setAlertId("acme/goal/sla_share/week/2026-03-02/" + status.name())
                .setAlertName("SmmPulseGoalOffTrack")
                .setStatus(status)
                .setQuestionId("")
                .setCommunityId("acme")
                .setPlatform("")
                .setChannel("")
                .setPriority("")
                .setAskedAt(fired)
                .setDeadlineAt(fired)
                .setStartsAt(fired)
                .setEndsAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(NOW) : null)
                .setDecidedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                .setSeverity("warning")
                .setOwner("care-team")
                .setSummary("sla_share week of 2026-03-02: projected 0.8 against a target >= 0.9")
                .setMetric("sla_share")
                .setPeriod("week")
                .setPeriodStart("2026-03-02")
                .build();
    }

    /** The labels of every alert Alertmanager holds as active. */
    private List<Map<String, String>> activeLabels(int port) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts?active=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<Map<String, String>> alerts = new java.util.ArrayList<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            if (alert.path("status").path("state").asText().equals("active")) {
                Map<String, String> labels = new TreeMap<>();
                alert.path("labels")
                        .fields()
                        .forEachRemaining(
                                f -> labels.put(f.getKey(), f.getValue().asText()));
                alerts.add(labels);
            }
        }
        return alerts;
    }

    static final String BREACH = "SmmPulseSlaBreached";

    static SlaAlert alert(String question, String name, AlertStatus status) {
        boolean breach = name.equals(BREACH);
        long deadline = NOW - 60_000;
        long warning = NOW - 240_000;
        return SlaAlert.newBuilder()
                .setAlertId("acme/x/" + question + "/" + (breach ? "" : "at-risk/") + status.name())
                .setAlertName(name)
                .setStatus(status)
                .setQuestionId(question)
                .setCommunityId("acme")
                .setPlatform("x")
                .setChannel("DIRECT")
                .setPriority("URGENT")
                .setAskedAt(Instant.ofEpochMilli(NOW - 960_000))
                .setDeadlineAt(Instant.ofEpochMilli(deadline))
                .setWarningAt(Instant.ofEpochMilli(warning))
                .setStartsAt(Instant.ofEpochMilli(breach ? deadline : warning))
                .setEndsAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(NOW) : null)
                .setRespondedAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(NOW) : null)
                .setDecidedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                .build();
    }

    static void publish(TestStack stack, SlaAlert... alerts) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.deployment.kafkaBootstrap());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SlaAlert alert : alerts) {
                producer.send(new ProducerRecord<>(
                                stack.deployment.alertTopic(),
                                AlertCodec.identity(alert).getBytes(StandardCharsets.UTF_8),
                                AlertCodec.encode(alert)))
                        .get();
            }
        }
    }

    private AlertDispatcher dispatch(TestStack stack, URI webhook) {
        return dispatch(stack, webhook, Duration.ofSeconds(1), dispatchers);
    }

    /** A dispatcher of the stack's alert topic running on a thread of its own, added to {@code started} (stopped after the test). */
    static AlertDispatcher dispatch(TestStack stack, URI webhook, Duration refresh, List<AlertDispatcher> started) {
        AlertDispatcher dispatcher = new AlertDispatcher(
                        stack.deployment.kafkaBootstrap(), stack.deployment.alertTopic(), webhook, null, alert -> {})
                .refreshEvery(refresh);
        started.add(dispatcher);
        Thread thread = new Thread(dispatcher, "dispatcher");
        thread.setDaemon(true);
        thread.start();
        return dispatcher;
    }

    /** alertname/question_id/severity of every alert Alertmanager holds as active. */
    private List<String> active(int port) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts?active=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> alerts = new java.util.ArrayList<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            if (alert.path("status").path("state").asText().equals("active")) {
                JsonNode labels = alert.path("labels");
                alerts.add(labels.path("alertname").asText() + "/"
                        + labels.path("question_id").asText() + "/"
                        + labels.path("severity").asText());
            }
        }
        return alerts;
    }

    /** The receiver's notifications per alertname, question and status. */
    private Map<String, Integer> counts() {
        return alertmanager.counts(
                alert -> alert.path("labels").path("alertname").asText() + "/"
                        + alert.path("labels").path("question_id").asText() + "/"
                        + alert.path("status").asText());
    }
}
