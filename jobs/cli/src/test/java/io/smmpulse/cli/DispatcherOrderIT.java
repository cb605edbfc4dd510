package io.smmpulse.cli;

import static io.smmpulse.cli.AlertmanagerIT.BREACH;
import static io.smmpulse.cli.AlertmanagerIT.alert;
import static io.smmpulse.cli.AlertmanagerIT.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.dispatcher.AlertDispatcher;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.schema.AlertStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a webhook that records what it applies, in order: a refresh in flight is
 * never overtaken by the alert's resolution, and a new webhook URL goes on where the last stopped.
 */
class DispatcherOrderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<AlertDispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** "path question firing|resolved", in the order the webhook applied them. */
    private final List<String> applied = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        dispatchers.forEach(AlertDispatcher::stop);
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aResolutionWaitsForTheRefreshOfItsAlertThatIsInFlight() throws Exception {
        TestStack stack = TestStack.fresh("dispatch_order");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.alertTopic()));
        CountDownLatch resolutionPosted = new CountDownLatch(1);
        AtomicInteger refreshesHeld = new AtomicInteger();
        URI webhook = webhook((path, question, firing) -> {
            boolean refresh = firing && applied.contains(path + " " + question + " firing");
            if (refresh) {
                // a slow receiver: the refresh is applied 3 s late, or after a resolution that overtook it
                refreshesHeld.incrementAndGet();
                resolutionPosted.await(3, TimeUnit.SECONDS);
            }
            applied.add(path + " " + question + (firing ? " firing" : " resolved"));
            if (!firing) {
                resolutionPosted.countDown();
            }
        });
        dispatch(stack, webhook);
        publish(stack, alert("q1", BREACH, AlertStatus.FIRING));
        await().atMost(Duration.ofSeconds(30)).until(() -> refreshesHeld.get() >= 1);
        publish(stack, alert("q1", BREACH, AlertStatus.RESOLVED));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(applied).contains("/hook q1 resolved"));
        assertThat(applied.get(applied.size() - 1))
                .as("the last word on q1 is its resolution: %s", applied)
                .isEqualTo("/hook q1 resolved");
        assertThat(applied).containsSubsequence("/hook q1 firing", "/hook q1 firing", "/hook q1 resolved");
    }

    @Test
    void aNewWebhookUrlGoesOnWhereTheLastStoppedInsteadOfPostingTheTopicAgain() throws Exception {
        TestStack stack = TestStack.fresh("dispatch_group");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.alertTopic()));
        URI first = webhook(
                (path, question, firing) -> applied.add(path + " " + question + (firing ? " firing" : " resolved")));
        AlertDispatcher old = dispatch(stack, first);
        publish(
                stack,
                alert("q1", BREACH, AlertStatus.FIRING),
                alert("q1", BREACH, AlertStatus.RESOLVED),
                alert("q2", BREACH, AlertStatus.FIRING));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(applied).contains("/hook q1 resolved", "/hook q2 firing"));
        old.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !old.isRunning());

        URI moved = first.resolve("/moved");
        dispatch(stack, moved);
        publish(stack, alert("q3", BREACH, AlertStatus.FIRING));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(applied).contains("/moved q3 firing", "/moved q2 firing"));
        assertThat(applied)
                .as("q1 ended before the move: the new URL is not sent it again")
                .noneMatch(line -> line.startsWith("/moved q1"));
    }

    @FunctionalInterface
    private interface Receiver {
        void apply(String path, String question, boolean firing) throws Exception;
    }

    private URI webhook(Receiver receiver) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                for (JsonNode alert : JSON.readTree(exchange.getRequestBody())) {
                    boolean firing =
                            Instant.parse(alert.path("endsAt").asText()).isAfter(Instant.now());
                    receiver.apply(
                            exchange.getRequestURI().getPath(),
                            alert.path("labels").path("question_id").asText(),
                            firing);
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private AlertDispatcher dispatch(TestStack stack, URI webhook) {
        return AlertmanagerIT.dispatch(stack, webhook, Duration.ofMillis(300), dispatchers);
    }
}
