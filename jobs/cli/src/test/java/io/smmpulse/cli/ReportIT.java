package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.dashboard.DashboardServer;
import io.smmpulse.pipeline.replay.ReplayJob;
import io.smmpulse.report.PeriodReport;
import io.smmpulse.report.ReportPeriod;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The period report of a replayed week, read through the analyst user: the numbers on the page are the views' (goals
 * against kpi_goals, the sections against the views, a few by hand), every chart has its marks in Chromium, and a
 * community or period without data is a one-line error.
 */
class ReportIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    static TestStack stack;
    static Communities communities;
    static BusinessCalendar calendar;
    static String page;

    @BeforeAll
    static void replay() throws Exception {
        stack = TestStack.fresh("report");
        communities = Communities.load(EscalationPipelineIT.resource("goals-communities.json"));
        calendar = communities.forCommunity("acme").calendar();
        ReplayJob.replay(EscalationPipelineIT.resource("goals-input.jsonl"), communities, stack.deployment);
        try (ClickHouseClient client = ClickHouseClient.connect(DashboardServer.analyst(stack.deployment))) {
            page = PeriodReport.render(client, "acme", ReportPeriod.parse("week", "2026-W10", calendar), calendar);
        }
        Path target = Paths.get("target").toAbsolutePath();
        Files.createDirectories(target);
        Files.writeString(target.resolve("report.html"), page);
    }

    /** A table's rows: per row, column name to the cell's value (null for NULL). */
    static List<Map<String, String>> table(String id) {
        Matcher body = Pattern.compile("<table id=\"" + id + "\">.*?<tbody>(.*?)</tbody>")
                .matcher(page);
        assertThat(body.find()).as("table " + id).isTrue();
        List<Map<String, String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(body.group(1));
        while (row.find()) {
            Map<String, String> cells = new LinkedHashMap<>();
            Matcher cell = Pattern.compile("<td data-col=\"([^\"]+)\"(?: data-value=\"([^\"]*)\"| data-null=\"1\")")
                    .matcher(row.group(1));
            while (cell.find()) {
                cells.put(
                        cell.group(1),
                        cell.group(2) == null ? null : cell.group(2).replace("&quot;", "\""));
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void theGoalsAreThoseOfKpiGoalsWithTheChangeAgainstTheWeekBefore() throws Exception {
        List<List<String>> view = stack.query("SELECT metric, target, actual, status FROM kpi_goals"
                + " WHERE community_id = 'acme' AND period = 'week' AND period_start = '2026-03-02' ORDER BY metric");
        List<Map<String, String>> goals = table("goals");
        assertThat(goals).hasSize(view.size() - 1).hasSize(11);
        for (int i = 0; i < goals.size(); i++) {
            List<String> want = view.get(i + 1);
            assertThat(goals.get(i))
                    .containsEntry("metric", want.get(0))
                    .containsEntry("target", want.get(1))
                    .containsEntry("actual", want.get(2))
                    .containsEntry("status", want.get(3))
                    .containsEntry("previous", null); // the first week of the community
        }
        assertThat(goals.get(10)).containsEntry("metric", "ugc_items").containsEntry("actual", "4");
    }

    @Test
    void theSectionsShowTheViewsNumbers() throws Exception {
        assertThat(table("first-response"))
                .containsExactly(Map.of(
                        "day", "2026-03-02", "questions", "2", "within_sla", "1", "breached", "1", "sla_share", "0.5"));
        assertThat(table("frt"))
                .containsExactly(
                        Map.of("day", "2026-03-02", "answered", "1", "frt_p50_s", "1800", "frt_p90_s", "1800"));
        // q1 from its question (25.5 h), c2 from its escalation (1 h)
        List<List<String>> resolution = stack.query("SELECT toString(day), resolved, with_question,"
                + " resolution_avg_s FROM kpi_resolution_daily WHERE community_id = 'acme'");
        assertThat(resolution.get(1)).containsExactly("2026-03-03", "2", "1", "47700");
        assertThat(table("resolution"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("day", "2026-03-03")
                        .containsEntry("resolved", "2")
                        .containsEntry("with_question", "1")
                        .containsEntry("resolution_avg_s", "47700")
                        .containsEntry("within_24h_share", "0.5"));
        assertThat(table("ugc"))
                .containsExactly(
                        Map.of("week", "2026-03-02", "ugc_items", "4", "helpful_items", "1", "helpful_share", "0.25"));
        assertThat(table("activity"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("active_members", "3"));
        assertThat(table("sentiment"))
                .extracting(row -> row.get("day") + " " + row.get("negative"))
                .containsExactly("2026-03-02 0", "2026-03-03 1");
        assertThat(table("engagement"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("platform", "forum")
                        .containsEntry("link_clicks", "1")
                        .containsEntry("net_follows", "1"));
        assertThat(table("top-posts"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("post_id", "p1")
                        .containsEntry("converters_7d", "1")
                        .containsEntry("conversion_rate", "1"));
        assertThat(table("breaches")).extracting(row -> row.get("question_id")).containsExactly("q2");
        assertThat(table("campaigns")).isEmpty();
        assertThat(table("risk")).isEmpty();
        // each section equals its view's query as the admin user runs it
        for (String id : List.of("first-response", "ugc", "sentiment", "engagement", "breaches")) {
            assertThat(table(id)).as(id).hasSize(sectionRows(id));
        }
    }

    private static int sectionRows(String id) throws Exception {
        PeriodReport.class.getName();
        String sql = switch (id) {
            case "first-response" ->
                "SELECT DISTINCT day FROM kpi_first_response_daily WHERE community_id = 'acme'"
                        + " AND day >= '2026-03-02' AND day < '2026-03-09'";
            case "ugc" -> "SELECT * FROM kpi_ugc_weekly WHERE community_id = 'acme' AND week_start = '2026-03-02'";
            case "sentiment" ->
                "SELECT DISTINCT day FROM kpi_sentiment_daily WHERE community_id = 'acme'"
                        + " AND day >= '2026-03-02' AND day < '2026-03-09'";
            case "engagement" ->
                "SELECT DISTINCT platform FROM kpi_engagement_daily WHERE community_id = 'acme'"
                        + " AND day >= '2026-03-02' AND day < '2026-03-09'";
            default ->
                "SELECT * FROM kpi_sla_breaches WHERE community_id = 'acme'"
                        + " AND asked_at >= '2026-03-01 23:00:00' AND asked_at < '2026-03-08 23:00:00'";
        };
        return stack.query(sql).size() - 1;
    }

    @Test
    void aCommunityOrAPeriodWithoutDataIsAOneLineError() throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(DashboardServer.analyst(stack.deployment))) {
            assertThatThrownBy(() -> PeriodReport.render(
                            client, "nobody", ReportPeriod.parse("week", "2026-W10", calendar), calendar))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("report: no data for community \"nobody\" in this database");
            assertThatThrownBy(() -> PeriodReport.render(
                            client, "acme", ReportPeriod.parse("week", "2026-W30", calendar), calendar))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("report: no data for acme in week 2026-W30 (2026-07-20 to 2026-07-26)");
        }
        assertThatThrownBy(() -> ReportPeriod.parse("week", "2026-48", calendar))
                .hasMessage("--at: \"2026-48\" is not a week such as 2026-W48");
    }

    @Test
    void everyChartIsDrawnInChromiumWithoutConsoleErrors() throws Exception {
        boolean installed = new File("/usr/bin/chromium").canExecute();
        // CI installs Debian's chromium (see .ci/run); elsewhere the check runs where it is installed
        assumeTrue(installed || "true".equals(System.getenv("CI")), "chromium is not installed");
        Path target = Paths.get("target").toAbsolutePath();
        String url = target.resolve("report.html").toUri().toString();
        Path profile = Files.createTempDirectory("chromium-profile");
        Process dump = chromium(profile, "--dump-dom", url);
        String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String log = new String(dump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(90, TimeUnit.SECONDS)).isTrue();
        chromium(profile, "--screenshot=" + target.resolve("report.png"), url).waitFor(90, TimeUnit.SECONDS);
        assertThat(target.resolve("report.png")).isNotEmptyFile();
        assertThat(log).doesNotContain("CONSOLE").doesNotContain("Uncaught");
        Matcher charts = Pattern.compile("<svg id=\"([\\w-]+)\" class=\"chart\"(.*?)</svg>", Pattern.DOTALL)
                .matcher(dom);
        List<String> drawn = new ArrayList<>();
        while (charts.find()) {
            drawn.add(charts.group(1));
            assertThat(charts.group(2)).as("marks of " + charts.group(1)).contains("class=\"mark\"");
        }
        assertThat(drawn)
                .containsExactly(
                        "first-response-chart-0",
                        "first-response-chart-1",
                        "frt-chart-0",
                        "resolution-chart-0",
                        "ugc-chart-0",
                        "activity-chart-0",
                        "sentiment-chart-0",
                        "engagement-chart-0");
        assertThat(dom).as("nothing fetched").doesNotContain("src=", "href=", "url(", "@import");
    }

    private static Process chromium(Path profile, String action, String url) throws Exception {
        Process process = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--enable-logging=stderr",
                        "--user-data-dir=" + profile,
                        "--window-size=1100,3000",
                        action,
                        url)
                .start();
        process.getOutputStream().close();
        return process;
    }
}
