package io.smmpulse.app;

import io.smmpulse.core.config.Communities;
import java.nio.file.Paths;

/**
 * Entry point for a Flink cluster (application mode, docker-compose): the same job as
 * {@code bin/pulse run}, configured from the environment; {@code PULSE_COMMUNITIES} names the
 * communities file, the embedded defaults apply without it.
 */
public final class StreamingJob {
    private StreamingJob() {}

    public static void main(String[] args) throws Exception {
        PulseEnvironment env = PulseEnvironment.fromEnv();
        String file = System.getenv("PULSE_COMMUNITIES");
        Communities communities = file == null || file.isBlank() ? Communities.embedded() : Communities.load(Paths.get(file));
        StreamingCommand.prepare(env, communities, env.home().resolve("checkpoints").resolve("run"), false).execute("smm-pulse");
    }
}
