package io.smmpulse.cli;

import io.smmpulse.core.cli.Launcher;
import io.smmpulse.core.cli.Progress;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.generator.KafkaPublisher;
import io.smmpulse.pipeline.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/pulse generate}: the generator to Kafka in real time, or to a JSON Lines file. */
@Command(
        name = "generate",
        description = "Generated events to Kafka (--rate, --duration) or to a JSON Lines file (--output).")
final class GenerateCommand implements Callable<Integer> {

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "write JSON Lines to FILE instead of sending to Kafka")
    Path output;

    @Option(
            names = "--events",
            description = "with --output: how many (default ${DEFAULT-VALUE})",
            defaultValue = "100000")
    long events;

    @Option(
            names = "--span",
            description = "with --output: the time the events cover (default ${DEFAULT-VALUE})",
            defaultValue = "14d")
    Duration span;

    @Option(
            names = "--seed",
            description = "with --output: the random seed (default ${DEFAULT-VALUE})",
            defaultValue = "42")
    long seed;

    @Option(
            names = "--rate",
            description = "to Kafka: activities per second (default ${DEFAULT-VALUE})",
            defaultValue = "100")
    long rate;

    @Option(
            names = "--duration",
            description = "to Kafka: for how long (default ${DEFAULT-VALUE})",
            defaultValue = "60s")
    Duration duration;

    @Option(
            names = "--backfill",
            description = "to Kafka: history sent first, e.g. 2d (default none)",
            defaultValue = "0s")
    Duration backfill;

    @Mixin
    CommunitiesOption communitiesOption;

    @Override
    public Integer call() throws Exception {
        Communities communities = communitiesOption.load();
        if (output != null) {
            AtomicLong written = new AtomicLong();
            Progress progress = Progress.onStandardError("generate " + output.getFileName(), "records", events);
            try (AutoCloseable shown = progress.watch(written::get)) {
                GeneratedTraffic.toFile(
                        output,
                        communities,
                        Launcher.positive("--events", events),
                        span,
                        Launcher.positive("--seed", seed),
                        written);
            }
            System.out.println("wrote " + written.get() + " records to " + output);
            return 0;
        }
        Deployment deployment = Deployment.fromEnv();
        Launcher.positive("--rate", rate);
        KafkaTopics.ensure(deployment.kafkaBootstrap(), List.of(deployment.topic(), deployment.deadLetterTopic()));
        AtomicLong sent = new AtomicLong();
        try (KafkaPublisher publisher =
                new KafkaPublisher(deployment.kafkaBootstrap(), deployment.topic(), deployment.deadLetterTopic())) {
            // the backfill's history first, then the rate for the duration: the total is known only when there is no
            // backfill
            Progress progress = Progress.onStandardError(
                    "generate to " + deployment.topic(),
                    "records",
                    backfill.isZero() ? rate * duration.toSeconds() : 0);
            try (AutoCloseable shown = progress.watch(sent::get)) {
                GeneratedTraffic.toKafka(
                        publisher,
                        communities,
                        rate,
                        duration,
                        backfill,
                        System.nanoTime(),
                        new AtomicBoolean(true),
                        sent);
            }
        }
        System.out.println("sent " + sent.get() + " records to " + deployment.topic());
        return 0;
    }
}
