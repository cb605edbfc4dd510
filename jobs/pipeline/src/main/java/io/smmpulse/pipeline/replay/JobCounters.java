package io.smmpulse.pipeline.replay;

import io.smmpulse.core.metrics.PulseMetrics;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter inside this JVM that holds on to the job's own counters ({@link PulseMetrics})
 * per job: once the job has ended, their sums over the subtasks are its final figures. How
 * {@code bin/pulse replay} gets its figures from the in-process cluster.
 */
public final class JobCounters implements MetricReporter {
    /** The reporter setting for an in-process cluster's configuration. */
    public static final Map<String, String> CONFIGURATION =
            Map.of("metrics.reporter.jobcounters.factory.class", Factory.class.getName());

    private static final Map<String, Map<String, Queue<Counter>>> COUNTERS = new ConcurrentHashMap<>();

    /** The counter's sum over the job's subtasks. */
    public static long total(JobID job, String counter) {
        return COUNTERS
                .getOrDefault(job.toHexString(), Map.of())
                .getOrDefault(counter, new ConcurrentLinkedQueue<>())
                .stream()
                .mapToLong(Counter::getCount)
                .sum();
    }

    /** Forgets a job's figures once they have been read. */
    static void forget(JobID job) {
        COUNTERS.remove(job.toHexString());
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String job = group.getAllVariables().get("<job_id>");
        if (job != null
                && metric instanceof Counter counter
                && group.getMetricIdentifier(name).contains(PulseMetrics.GROUP)) {
            COUNTERS.computeIfAbsent(job, j -> new ConcurrentHashMap<>())
                    .computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>())
                    .add(counter);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** Created by Flink from the configuration (metrics.reporter.NAME.factory.class). */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobCounters();
        }
    }
}
