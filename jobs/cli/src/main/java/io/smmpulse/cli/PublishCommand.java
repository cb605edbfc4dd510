package io.smmpulse.cli;

import io.smmpulse.core.cli.Progress;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.event.BoundedLineReader;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.JsonEventReader;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.KafkaTopics;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
        Progress progress = Progress.onStandardError("publish " + name, "bytes", Files.size(file));
        try (KafkaPublisher publisher = new KafkaPublisher(
                        deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic());
                CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
                BoundedLineReader reader = new BoundedLineReader(in)) {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                lineNumber++;
                progress.at(in.count);
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
            progress.finish(in.count);
        }
        System.out.println("published " + published + " events to " + deployment.topic() + ", " + deadLetters
                + " invalid lines to " + deployment.deadLetterTopic());
        return 0;
    }

    /** The bytes read so far, for the progress of one pass over the file. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
