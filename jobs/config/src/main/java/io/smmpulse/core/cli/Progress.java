package io.smmpulse.core.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far long work has come, on standard error so that standard output stays the command's
 * result: done of total, the rate and the time left. On a terminal one line is redrawn a few times
 * a second; otherwise (a log, CI) a line is written every few seconds, so that a log shows the work
 * moving without a line per record.
 */
public final class Progress {
    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String what;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long started;
    private long lastShown;
    private long lastDone = -1;

    Progress(String what, String unit, long total, PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
        this.lastShown = started;
    }

    /** Progress of {@code what} counted in {@code unit}, of {@code total} (0 or less: not known) on standard error. */
    public static Progress onStandardError(String what, String unit, long total) {
        return new Progress(what, unit, total, System.err, System.console() != null, System::nanoTime);
    }

    /**
     * Shows what {@code done} says a few times a second from a thread of its own, for work that
     * counts elsewhere (a job's counters, a sender's total); closing it shows the last figure.
     */
    public AutoCloseable watch(LongSupplier done) {
        java.util.concurrent.ScheduledExecutorService watcher =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "progress");
                    thread.setDaemon(true);
                    return thread;
                });
        watcher.scheduleAtFixedRate(() -> at(done.getAsLong()), 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> {
            watcher.shutdownNow();
            watcher.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            finish(done.getAsLong());
        };
    }

    /** Shows {@code done} if it is time to (cheap to call per record). */
    public void at(long done) {
        long now = nanoClock.getAsLong();
        if (now - lastShown >= (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            lastShown = now;
            show(done, now, false);
        }
    }

    /** The last figure, always shown; a terminal's line is ended. */
    public void finish(long done) {
        show(done, nanoClock.getAsLong(), true);
    }

    private void show(long done, long now, boolean last) {
        if (done == lastDone) {
            if (last && terminal) {
                out.println();
            }
            return;
        }
        lastDone = done;
        String line = line(done, (now - started) / 1e9);
        if (terminal) {
            out.print("\r" + line + "\033[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long done, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " of %,d %s (%.0f %%)", total, unit, 100.0 * done / total));
        } else {
            line.append(' ').append(unit);
        }
        line.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            line.append(", ").append(duration((total - done) / rate)).append(" left");
        } else {
            line.append(", ").append(duration(seconds)).append(" so far");
        }
        return line.toString();
    }

    private static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60)
                : whole >= 60 ? String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60) : whole + "s";
    }
}
