package io.smmpulse.core.clock;

/** The job's clock as the views read it (table job_clock): one row per job, the newest written wins. */
public class ClockRow {
    /** Which job's clock: the streaming job's name, or "replay". */
    public String job;

    public long clock;
    public long writtenAt;

    public ClockRow() {}

    public ClockRow(String job, long clock, long writtenAt) {
        this.job = job;
        this.clock = clock;
        this.writtenAt = writtenAt;
    }
}
