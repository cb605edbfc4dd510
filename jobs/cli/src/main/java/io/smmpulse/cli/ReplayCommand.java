package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bin/pulse replay FILE.jsonl}: every line through every KPI job into ClickHouse, then the counts. */
@Command(
        name = "replay",
        description = "Bounded run of a JSON Lines file through every KPI into ClickHouse; prints the counts.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.jsonl", description = "events in the JSON Lines form of docs/events.md")
    Path file;

    @Mixin
    CommunitiesOption communitiesOption;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("replay: file not found: " + file);
        }
        Communities communities = communitiesOption.load();
        Deployment deployment = Deployment.fromEnv();
        ClickHouseSchema.apply(deployment.clickHouse());
        ReplayJob.Stats stats = ReplayJob.replay(file, communities, deployment, true);
        System.out.println(stats.describe());
        return 0;
    }
}
