package io.smmpulse.bench;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.dashboard.DashboardServer;
import io.smmpulse.generator.GeneratedTraffic;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/pulse bench --queries}: how the views answer as history grows. For each size, N
 * generated events over {@code span} are replayed into a database of their own; then every
 * {@code kpi_*} view is timed as the analyst, whole and as a dashboard asks (one community, the
 * last 30 days, on the view's first date or time column), each query {@code repeats} times after a
 * warm-up; p50 and p95 of the elapsed time are reported. The same queries are timed in the same
 * run against a reference copy of the database: the same rows, the tables in the earlier layout
 * (no partitions, ordered by id), and the community and content views in their raw-scan form
 * (computed at query time from {@code kpi_events FINAL}, {@code bench/reference-views.sql}).
 */
public final class QueryBench {
    /** The layout the views were timed on. */
    enum Layout {
        CURRENT,
        REFERENCE
    }

    record Timing(String view, long events, String shape, Layout layout, double p50Seconds, double p95Seconds) {}

    /** The tables the views read, with the sorting key they had before they were partitioned by month. */
    private static final Map<String, String> REFERENCE_KEYS = Map.of(
            "kpi_events", "event_id",
            "fr_questions", "(community_id, platform, question_id)",
            "escalation_cases", "(community_id, case_id, resolved_at)",
            "funnel_entries", "(community_id, funnel, entry_event_id)",
            "risk_windows", "(community_id, signal, window_end)");

    private QueryBench() {}

    /**
     * @param events the first size; the second is twice as many events over twice the span (the same
     *     traffic, twice the history), so a dashboard's query reads as many rows at both sizes
     */
    static List<Timing> run(
            Deployment base, Communities communities, long events, Duration span, int repeats, String run)
            throws Exception {
        List<Timing> timings = new ArrayList<>();
        for (int doubling = 0; doubling < 2; doubling++) {
            timings.addAll(timeOneSize(
                    base, communities, events << doubling, span.multipliedBy(1L << doubling), repeats, run));
        }
        return timings;
    }

    private static List<Timing> timeOneSize(
            Deployment base, Communities communities, long events, Duration span, int repeats, String run)
            throws Exception {
        List<Timing> timings = new ArrayList<>();
        // the raw-scan reference reads kpi_events
        Deployment deployment =
                base.withKpiEvents(true).withClickHouse(base.clickHouse().withDatabase(run + "_q" + events));
        Deployment reference = base.withClickHouse(base.clickHouse().withDatabase(run + "_q" + events + "_reference"));
        ClickHouseSchema.apply(deployment.clickHouse());
        Path file = Files.createTempFile("pulse-queries-", ".jsonl");
        try {
            GeneratedTraffic.toFile(file, communities, events, span, 11);
            System.out.printf(
                    "queries: %d events over %d days replayed into %s%n",
                    events, span.toDays(), deployment.clickHouse().database());
            ReplayJob.replay(file, communities, deployment);
        } finally {
            Files.deleteIfExists(file);
        }
        copyWithReferenceLayout(deployment, reference);
        mergeAll(deployment);
        mergeAll(reference);
        try (ClickHouseClient admin = ClickHouseClient.connect(deployment.clickHouse())) {
            String community = admin.query(
                            "SELECT community_id FROM kpi_events GROUP BY community_id ORDER BY count() DESC LIMIT 1")
                    .get(1)
                    .get(0);
            Map<String, String> views = views(admin, deployment.clickHouse().database());
            for (Layout layout : Layout.values()) {
                Deployment timed = layout == Layout.CURRENT ? deployment : reference;
                try (ClickHouseClient analyst = ClickHouseClient.connect(DashboardServer.analyst(timed))) {
                    for (Map.Entry<String, String> view : views.entrySet()) {
                        String whole = "SELECT sum(cityHash64(*)) FROM " + view.getKey();
                        timings.add(time(analyst, view.getKey(), events, "whole view", layout, whole, repeats));
                        if (view.getValue() != null) {
                            String dashboard = whole + " WHERE community_id = '" + community + "' AND "
                                    + view.getValue() + " >= now() - INTERVAL 30 DAY";
                            timings.add(time(
                                    analyst,
                                    view.getKey(),
                                    events,
                                    "one community, 30 days",
                                    layout,
                                    dashboard,
                                    repeats));
                        }
                    }
                }
            }
        }
        return timings;
    }

    /**
     * The schema in {@code reference}, its KPI source tables replaced by ones of the earlier layout,
     * filled with the rows of {@code deployment}, and the views that now read results in their raw-scan form.
     */
    private static void copyWithReferenceLayout(Deployment deployment, Deployment reference) throws Exception {
        ClickHouseSchema.apply(reference.clickHouse());
        String from = deployment.clickHouse().database();
        try (ClickHouseClient client = ClickHouseClient.connect(reference.clickHouse())) {
            for (Map.Entry<String, String> table : REFERENCE_KEYS.entrySet()) {
                String name = table.getKey();
                client.execute("DROP TABLE IF EXISTS " + name + "_reference");
                client.execute("CREATE TABLE " + name + "_reference AS " + from + "." + name
                        + " ENGINE = ReplacingMergeTree(_version) ORDER BY " + table.getValue());
                client.execute("INSERT INTO " + name + "_reference SELECT * FROM " + from + "." + name);
                client.execute("EXCHANGE TABLES " + name + "_reference AND " + name);
                client.execute("DROP TABLE " + name + "_reference");
            }
            for (String statement : rawScanViews()) {
                client.execute(statement);
            }
        }
        System.out.printf(
                "queries: the same rows in %s with the earlier layout%n",
                reference.clickHouse().database());
    }

    /** The CREATE statements of the community and content views in their raw-scan form ({@code bench/reference-views.sql}). */
    public static List<String> rawScanViews() throws java.io.IOException {
        try (java.io.InputStream in = QueryBench.class.getResourceAsStream("/bench/reference-views.sql")) {
            return ClickHouseSchema.statements(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Merges every table's parts, so that both databases are timed as they settle (the pipeline's
     * many small inserts against the reference's one copy would otherwise favour the reference).
     */
    private static void mergeAll(Deployment deployment) throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(deployment.clickHouse())) {
            List<List<String>> tables = client.query(
                    "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree'");
            for (List<String> table : tables.subList(1, tables.size())) {
                client.execute("OPTIMIZE TABLE " + table.get(0) + " FINAL");
            }
        }
    }

    /** Each kpi_* view with its first Date or DateTime column (null when it has none or no community_id). */
    private static Map<String, String> views(ClickHouseClient client, String database) throws Exception {
        Map<String, String> views = new LinkedHashMap<>();
        List<List<String>> rows = client.query(
                "SELECT t.name, argMinIf(c.name, c.position, c.type LIKE '%Date%'), countIf(c.name = 'community_id') "
                        + "FROM system.tables AS t INNER JOIN system.columns AS c ON c.database = t.database AND c.table = t.name "
                        + "WHERE t.database = '" + database
                        + "' AND t.name LIKE 'kpi\\_%' AND t.engine = 'View' GROUP BY t.name ORDER BY t.name");
        for (List<String> row : rows.subList(1, rows.size())) {
            boolean dashboardShaped = !row.get(1).isEmpty() && !"0".equals(row.get(2));
            views.put(row.get(0), dashboardShaped ? row.get(1) : null);
        }
        return views;
    }

    private static Timing time(
            ClickHouseClient client, String view, long events, String shape, Layout layout, String sql, int repeats)
            throws Exception {
        client.query(sql);
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            client.query(sql);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        seconds.sort(null);
        return new Timing(view, events, shape, layout, seconds.get((seconds.size() - 1) / 2), seconds.get((int)
                Math.ceil(0.95 * (seconds.size() - 1))));
    }
}
