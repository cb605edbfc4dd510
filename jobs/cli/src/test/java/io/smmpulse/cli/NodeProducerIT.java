package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.EventCodec;
import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.schema.SocialEvent;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example producer outside Java (examples/node-producer: avsc and kafkajs) writes records the
 * job accepts: every line of a JSON Lines file reaches the topic in single-object encoding, keyed
 * by community, and decodes to the same event the JSON Lines form gives.
 */
class NodeProducerIT {
    @Test
    void theNodeProducersRecordsAreTheEventsOfItsLines() throws Exception {
        boolean installed = new File("/usr/bin/node").canExecute() && new File("/usr/bin/npm").canExecute();
        // CI installs Node and npm (see .ci/run); elsewhere the check runs where they are installed
        assumeTrue(installed || "true".equals(System.getenv("CI")), "node and npm are not installed");
        Path root = ClickHouseSchema.locateSqlDir().getParent();
        Path producer = root.resolve("examples/node-producer");
        if (!Files.isDirectory(producer.resolve("node_modules"))) {
            run(producer, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        TestStack stack = TestStack.fresh("node_producer");
        KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.topic()));
        List<String> lines = Files.readAllLines(EscalationPipelineIT.resource("pipeline-input.jsonl")).stream()
                .filter(line -> JsonEventReader.read(line, "", "", System.currentTimeMillis())
                        .isAccepted())
                .toList();
        assertThat(lines).hasSizeGreaterThan(20);
        Path input = Files.write(Files.createTempFile("node-producer", ".jsonl"), lines);

        String output = run(
                producer,
                List.of("node", "produce.js", input.toString()),
                "PULSE_KAFKA_BOOTSTRAP",
                stack.deployment.kafkaBootstrap(),
                "PULSE_TOPIC",
                stack.deployment.topic());
        assertThat(output).contains("sent " + lines.size() + " events");

        List<SocialEvent> expected = new ArrayList<>();
        for (String line : lines) {
            expected.add(JsonEventReader.read(line, "", "", System.currentTimeMillis()).event);
        }
        List<SocialEvent> decoded = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (var record : TestStack.committedRecords(stack.deployment, stack.deployment.topic())) {
            Envelope envelope = EventCodec.decode(record.value(), "", "", System.currentTimeMillis());
            assertThat(envelope.rejected).as("rejected").isNull();
            decoded.add(envelope.event);
            keys.add(new String(record.key(), StandardCharsets.UTF_8));
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(keys)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(SocialEvent::getCommunityId).toList());
    }

    private static String run(Path dir, List<String> command, String... env) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }
}
