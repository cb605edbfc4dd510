package io.smmpulse.core.cli;

import io.smmpulse.core.Errors;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The conventions of every command line of the project ({@code bin/pulse}, the dispatcher's jar):
 * durations written as {@code 60s}, a user's mistake printed as one line that names the option or
 * setting with exit code 2, a failure as one line with exit code 1 and the details in the log.
 */
public final class Launcher {
    private Launcher() {}

    /** @param program how the user calls it, for the hints ({@code bin/pulse}) */
    public static int run(Object command, String program, String[] args) {
        CommandLine cli = new CommandLine(command);
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
                    && !cli.getSubcommands().isEmpty()
                    && !unmatched.getUnmatched().isEmpty()
                    && !unmatched.getUnmatched().get(0).startsWith("-")) {
                err.println("pulse: unknown command '"
                        + unmatched.getUnmatched().get(0) + "' (" + program + " help lists the commands)");
            } else {
                String sub = error.getCommandLine() == cli
                        ? ""
                        : error.getCommandLine().getCommandName() + " ";
                err.println("pulse: " + error.getMessage() + " (" + program + " " + sub + "--help shows the options)");
            }
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((error, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (error instanceof ConfigException) {
                err.println("pulse: " + error.getMessage());
                err.flush();
                return 2;
            }
            err.println("pulse: " + failed.getCommandName() + " failed: " + Errors.rootMessage(error)
                    + " (details in the log under PULSE_HOME/logs)");
            err.flush();
            org.slf4j.LoggerFactory.getLogger(Launcher.class).error("{} failed", failed.getCommandName(), error);
            return 1;
        });
        return cli.execute(args);
    }

    /** Counts and sizes given on the command line are whole numbers above 0. */
    public static long positive(String option, long value) {
        if (value <= 0) {
            throw new ConfigException(option + ": \"" + value + "\" is not a whole number > 0");
        }
        return value;
    }
}
