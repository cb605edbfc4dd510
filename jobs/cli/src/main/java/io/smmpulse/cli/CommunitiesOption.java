package io.smmpulse.cli;

import io.smmpulse.core.config.Communities;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --communities FILE} of the commands that run KPIs; without it, the embedded defaults. */
final class CommunitiesOption {
    @Option(
            names = "--communities",
            paramLabel = "FILE",
            description = "communities config (default: the embedded one)")
    Path file;

    Communities load() {
        return file == null ? Communities.embedded() : Communities.load(file);
    }
}
