package io.smmpulse.cli;

import io.smmpulse.pipeline.PulseEnvironment;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.event.BoundedLineReader;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.JsonEventReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;

/** {@code bin/pulse publish FILE.jsonl}: valid lines to the events topic, invalid ones to the dead-letter topic. */
final class PublishCommand {
    private PublishCommand() {}

    static int run(List<String> args, PulseEnvironment env) throws Exception {
        Options options = Options.parse("publish", args, Set.of());
        if (options.positional().size() != 1) {
            throw new ConfigException("publish takes one JSON Lines file, e.g. bin/pulse publish events.jsonl");
        }
        Path file = Paths.get(options.positional().get(0));
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("publish: file not found: " + file);
        }
        KafkaTopics.ensure(env.kafkaBootstrap(), List.of(env.topic(), env.deadLetterTopic()));
        long published = 0, deadLetters = 0, lineNumber = 0;
        String name = file.getFileName().toString();
        try (KafkaPublisher publisher = new KafkaPublisher(env.kafkaBootstrap(), env.topic(), env.deadLetterTopic());
                BoundedLineReader reader = new BoundedLineReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Envelope envelope = JsonEventReader.read(line, "file:" + name + ":" + lineNumber, "file " + name + " line " + lineNumber, System.currentTimeMillis());
                if (envelope.isAccepted()) {
                    publisher.publish(envelope.event);
                    published++;
                } else {
                    publisher.deadLetter(envelope.rejected);
                    deadLetters++;
                    System.err.println("line " + lineNumber + ": " + envelope.rejected.reason);
                }
            }
            publisher.flush();
        }
        System.out.println("published " + published + " events to " + env.topic() + ", " + deadLetters + " invalid lines to " + env.deadLetterTopic());
        return 0;
    }
}
