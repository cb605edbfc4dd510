package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bin/pulse tail}: what was appended to the events topic, decoded; what is not an event, said. */
class TailIT {
    @Test
    void eventsAreShownInTheirJsonLinesFormAndAnUnreadableRecordWithItsReason() throws Exception {
        TestStack stack = TestStack.fresh("tail");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.topic()));
        String line = """
                {"event_id":"e1","event_type":"POST","occurred_at":"2026-12-01T09:30:00Z","platform":"x",\
                "community_id":"acme","actor_id":"m1","actor_role":"MEMBER","content_id":"c1","is_question":true}""";
        try (KafkaPublisher publisher = new KafkaPublisher(
                stack.deployment.kafkaBootstrap(), stack.deployment.topic(), stack.deployment.deadLetterTopic())) {
            publisher.publish(JsonEventReader.read(line, "", "", System.currentTimeMillis()).event);
            publisher.publishRaw("not an event".getBytes(StandardCharsets.UTF_8));
            publisher.flush();
        }
        TailCommand tail = new TailCommand();
        tail.deployment = stack.deployment;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        tail.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(tail).execute("events", "--from-beginning", "--limit", "2");

        assertThat(exit).isZero();
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines)
                .as("the two records, in whichever partition order")
                .hasSize(2)
                .contains("{\"event_id\":\"e1\",\"event_type\":\"POST\",\"occurred_at\":\"2026-12-01T09:30:00Z\","
                        + "\"platform\":\"x\",\"community_id\":\"acme\",\"actor_id\":\"m1\",\"actor_role\":\"MEMBER\","
                        + "\"content_id\":\"c1\",\"channel\":\"PUBLIC\",\"is_question\":true,\"priority\":\"NORMAL\"}")
                .anySatisfy(shown -> assertThat(shown)
                        .startsWith("{\"partition\":")
                        .contains("\"rejected\":\"not Avro single-object encoding"));
    }
}
