package io.smmpulse.clickhouse;

import java.util.function.LongSupplier;

/**
 * Versions of the rows a sink writer produces. A ReplacingMergeTree keeps the row with the highest
 * version per key, so versions must grow with every row of a writer and across runs: a replay of a
 * corrected file, or a new {@code run}, into a database an earlier run filled must replace that
 * run's rows (docs/storage.md: the latest run wins). A version is the wall clock in milliseconds at the
 * start of a checkpoint's rows, times 2^20, plus the row's place since then; a writer never hands
 * out a version twice, even when a checkpoint has more than 2^20 rows or the clock stands still.
 *
 * <p>Rows already spooled keep their versions, so a batch committed twice rewrites itself. A run
 * replaces an earlier one as long as the clocks of their machines differ by less than the time
 * between the two runs' writes.
 */
final class RowVersions {
    static final int SEQUENCE_BITS = 20;

    private final LongSupplier clockMillis;
    private long next;

    RowVersions(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Called before the first row of each checkpoint. */
    void startCheckpoint() {
        next = Math.max(next, clockMillis.getAsLong() << SEQUENCE_BITS);
    }

    long next() {
        return next++;
    }

    /** The version of the row at {@code sequence} of a checkpoint started at {@code clockMillis}. */
    static long of(long clockMillis, int sequence) {
        return (clockMillis << SEQUENCE_BITS) + sequence;
    }
}
