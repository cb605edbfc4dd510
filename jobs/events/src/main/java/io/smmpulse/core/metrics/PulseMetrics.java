package io.smmpulse.core.metrics;

import org.apache.flink.metrics.MetricGroup;

/**
 * The job's own counters, in the metric group {@value #GROUP} of each operator: Flink reports them
 * (the Prometheus reporter of the cluster; {@code bin/pulse replay} sums them when the job ends).
 */
public final class PulseMetrics {
    public static final String GROUP = "smmpulse";
    /** Records read from the source (events, copies and rejections). */
    public static final String EVENTS_READ = "eventsRead";

    public static final String EVENTS_REJECTED = "eventsRejected";
    /** Events that passed the lateness check, copies of an event included. */
    public static final String EVENTS_PASSED = "eventsPassed";

    public static final String EVENTS_LATE = "eventsLate";
    public static final String ALERTS_FIRED = "alertsFired";
    public static final String ALERTS_RESOLVED = "alertsResolved";
    public static final String SINK_ROWS = "clickhouseRowsSpooled";
    public static final String COMMITTED_ROWS = "clickhouseRowsCommitted";
    public static final String COMMIT_FAILURES = "clickhouseCommitFailures";
    public static final String COMMIT_MILLIS = "clickhouseLastCommitMillis";
    /** Spool files of completed checkpoints that ClickHouse has not taken yet (an outage shows here). */
    public static final String COMMIT_BACKLOG = "clickhouseBatchesWaiting";

    /** The alert clock C in epoch milliseconds (docs/alerts.md). */
    public static final String ALERT_CLOCK = "alertClock";
    /** Wall clock − C in milliseconds: how far decisions trail real time. */
    public static final String ALERT_CLOCK_LAG = "alertClockLagMillis";
    /** Heartbeats of the alert clock that could not be appended to the events topic. */
    public static final String HEARTBEAT_FAILURES = "heartbeatFailures";

    private PulseMetrics() {}

    public static MetricGroup of(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }
}
