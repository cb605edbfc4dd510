package io.smmpulse.cli;

import io.smmpulse.core.Errors;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher behind {@code bin/pulse}: one subcommand per SPEC section 5 (up/down/status of the
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
            StreamingCommand.class,
            StreamingCommand.Stop.class,
            StreamingCommand.Status.class,
            DispatchCommand.class,
            GenerateCommand.class,
            PublishCommand.class,
            SqlCommand.class,
            SqlCommand.InitDb.class,
            DashboardServer.Run.class,
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
        CommandLine cli = new CommandLine(new Pulse());
        cli.registerConverter(Duration.class, value -> {
            try {
                return Durations.parse("a duration", value);
            } catch (ConfigException e) {
                throw new CommandLine.TypeConversionException(
                        e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            }
        });
        cli.setParameterExceptionHandler((error, arguments) -> {
            PrintWriter err = error.getCommandLine().getErr();
            if (error instanceof CommandLine.UnmatchedArgumentException unmatched
                    && error.getCommandLine() == cli
                    && !unmatched.getUnmatched().isEmpty()
                    && !unmatched.getUnmatched().get(0).startsWith("-")) {
                err.println("pulse: unknown command '"
                        + unmatched.getUnmatched().get(0) + "' (bin/pulse help lists the commands)");
            } else {
                String command = error.getCommandLine() == cli
                        ? ""
                        : error.getCommandLine().getCommandName() + " ";
                err.println("pulse: " + error.getMessage() + " (bin/pulse " + command + "--help shows the options)");
            }
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((error, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (error instanceof ConfigException) {
                err.println("pulse: " + error.getMessage());
                err.flush();
                return 2;
            }
            err.println("pulse: " + command.getCommandName() + " failed: " + Errors.rootMessage(error)
                    + " (details in the log under PULSE_HOME/logs)");
            err.flush();
            org.slf4j.LoggerFactory.getLogger(Pulse.class).error("{} failed", command.getCommandName(), error);
            return 1;
        });
        return cli.execute(args);
    }

    /** Counts and sizes given on the command line are whole numbers above 0. */
    static long positive(String option, long value) {
        if (value <= 0) {
            throw new ConfigException(option + ": \"" + value + "\" is not a whole number > 0");
        }
        return value;
    }
}
