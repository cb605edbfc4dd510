package io.smmpulse.cli;

import io.smmpulse.bench.BenchCommand;
import io.smmpulse.core.cli.Launcher;
import io.smmpulse.dispatcher.DispatchCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher behind {@code bin/pulse}: one subcommand per README.md (up/down/status of the
 * stack live in bin/pulse itself). A user's mistake prints one line that names the option or
 * setting and exits 2; a failure prints one line and exits 1, details in the log.
 */
@Command(
        name = "bin/pulse",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        version = "smm-pulse 0.1.0",
        description = "Live dialogue KPIs for brand communities: Kafka -> Flink -> ClickHouse.",
        subcommands = {
            DemoCommand.class,
            ReplayCommand.class,
            RunCommand.class,
            RunCommand.Stop.class,
            RunCommand.Status.class,
            DispatchCommand.class,
            GenerateCommand.class,
            PublishCommand.class,
            TailCommand.class,
            SqlCommand.class,
            SqlCommand.InitDb.class,
            DashboardCommand.class,
            ReportCommand.class,
            ReceiverCommand.class,
            BenchCommand.class,
            ClusterDdlCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "The local stack: bin/pulse up | down | status | test (see README)."})
public final class Pulse implements Callable<Integer> {
    private Pulse() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    static int run(String[] args) {
        return Launcher.run(new Pulse(), "bin/pulse", args);
    }
}
