package io.smmpulse.core.metrics;

import io.smmpulse.schema.AlertStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** The alert transitions an operator emits, as the counters {@link PulseMetrics#ALERTS_FIRED} and {@link PulseMetrics#ALERTS_RESOLVED}. */
public final class AlertCounters {
    private final Counter fired;
    private final Counter resolved;

    public AlertCounters(MetricGroup operator) {
        MetricGroup metrics = PulseMetrics.of(operator);
        this.fired = metrics.counter(PulseMetrics.ALERTS_FIRED);
        this.resolved = metrics.counter(PulseMetrics.ALERTS_RESOLVED);
    }

    public void count(AlertStatus status) {
        (status == AlertStatus.FIRING ? fired : resolved).inc();
    }
}
