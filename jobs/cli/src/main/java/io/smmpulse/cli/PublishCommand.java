package io.smmpulse.cli;

import io.smmpulse.core.cli.Progress;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.BoundedLineReader;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bin/pulse publish FILE.jsonl}: valid lines to the events topic, invalid ones to the dead-letter topic. */
@Command(
        name = "publish",
        description = "Each valid line of FILE to the events topic, each invalid one to the dead-letter topic.")
final class PublishCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jsonl", description = "events in the JSON Lines form of docs/events.md")
    Path file;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = Deployment.fromEnv();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("publish: file not found: " + file);
        }
        KafkaTopics.ensure(deployment.kafkaBootstrap(), List.of(deployment.topic(), deployment.deadLetterTopic()));
        long published = 0, deadLetters = 0, lineNumber = 0;
        String name = file.getFileName().toString();
        Progress progress = Progress.onStandardError("publish " + name, "lines", lines(file));
        try (KafkaPublisher publisher = new KafkaPublisher(
                        deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic());
                BoundedLineReader reader =
                        new BoundedLineReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                progress.at(lineNumber);
                if (line.isBlank()) {
                    continue;
                }
                Envelope envelope = JsonEventReader.read(
                        line,
                        "file:" + name + ":" + lineNumber,
                        "file " + name + " line " + lineNumber,
                        System.currentTimeMillis());
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
            progress.finish(lineNumber);
        }
        System.out.println("published " + published + " events to " + deployment.topic() + ", " + deadLetters
                + " invalid lines to " + deployment.deadLetterTopic());
        return 0;
    }

    /** The file's lines, counted before publishing so that progress can say how much is left. */
    private static long lines(Path file) throws java.io.IOException {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}
