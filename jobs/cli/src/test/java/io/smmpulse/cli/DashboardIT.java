package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.Communities;
import io.smmpulse.dashboard.DashboardServer;
import io.smmpulse.dashboard.Dashboards;
import io.smmpulse.pipeline.replay.ReplayJob;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * The dashboards of dashboards/ (provisioned into Grafana, served by bin/pulse dashboard): every
 * panel's SQL runs on the local ClickHouse through the read-only analyst user and returns the
 * columns the panel expects, with rows from replayed inputs; the page renders every chart in
 * headless Chromium, and a screenshot is kept in target/.
 */
class DashboardIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    /** The replayed inputs lie in March 2026: a year back covers them. */
    static final int DAYS = 400;

    static TestStack stack;
    static List<Dashboards.Dashboard> dashboards;

    @BeforeAll
    static void replay() throws Exception {
        stack = TestStack.fresh("dashboard");
        Communities communities = Communities.load(EscalationPipelineIT.resource("pipeline-communities.json"));
        for (String input : List.of("pipeline-input.jsonl", "escalation-input.jsonl", "community-input.jsonl")) {
            ReplayJob.replay(EscalationPipelineIT.resource(input), communities, stack.deployment);
        }
        // goals (their own config: the same acme with goals on every metric)
        ReplayJob.replay(
                EscalationPipelineIT.resource("goals-input.jsonl"),
                Communities.load(EscalationPipelineIT.resource("goals-communities.json")),
                stack.deployment);
        dashboards = Dashboards.load(Dashboards.locate());
    }

    static ClickHouseSettings analyst() {
        return DashboardServer.analyst(stack.deployment);
    }

    @Test
    void everyPanelQueryReturnsItsColumnsAndRows() throws Exception {
        assertThat(dashboards)
                .extracting(Dashboards.Dashboard::uid)
                .containsExactlyInAnyOrder(
                        "pulse-dialogue",
                        "pulse-community",
                        "pulse-content",
                        "pulse-engagement",
                        "pulse-goals",
                        "pulse-risk");
        try (ClickHouseClient client = ClickHouseClient.connect(analyst())) {
            for (Dashboards.Dashboard dashboard : dashboards) {
                Map<String, List<String>> values = Dashboards.allValues(client, dashboard);
                assertThat(values.get("community")).as(dashboard.uid()).containsExactly("acme", "globex");
                for (Dashboards.Panel panel : dashboard.panels()) {
                    List<List<String>> rows = client.query(Dashboards.render(panel.sql(), Map.of(), values, DAYS));
                    assertThat(rows.get(0)).as(panel.title()).isEqualTo(panel.expectedColumns());
                    assertThat(rows.size()).as(panel.title() + " has rows").isGreaterThan(1);
                }
            }
        }
    }

    @Test
    void theAnalystUserCannotWrite() throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(analyst())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.execute("DROP TABLE events"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("READONLY");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> client.execute("INSERT INTO events (event_id) VALUES ('x')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("READONLY");
        }
    }

    @Test
    void pageRendersEveryChartInChromium() throws Exception {
        assumeChromium();
        try (DashboardServer server = new DashboardServer(analyst(), dashboards, 0)) {
            String url = "http://127.0.0.1:" + server.port() + "/?days=" + DAYS;
            Path target = Paths.get("target").toAbsolutePath();
            Files.createDirectories(target);
            Path profile = Files.createTempDirectory("chromium-profile");
            String dom = chromium(profile, "--dump-dom", url);
            chromium(profile, "--screenshot=" + target.resolve("dashboard.png"), url);
            assertThat(target.resolve("dashboard.png")).exists();
            Matcher m = Pattern.compile("id=\"panel-([\\w-]+)\" data-rows=\"([^\"]*)\"")
                    .matcher(dom);
            List<String> panels = new ArrayList<>();
            while (m.find()) {
                panels.add(m.group(1));
                assertThat(m.group(2)).as("rows drawn in panel " + m.group(1)).matches("[1-9]\\d*");
            }
            assertThat(panels)
                    .hasSize(
                            dashboards.stream().mapToInt(d -> d.panels().size()).sum());
            // weekly and monthly panels draw bars, one group per period, never a line through one dot
            List<Dashboards.Panel> barPanels = dashboards.stream()
                    .flatMap(d -> d.panels().stream())
                    .filter(Dashboards.Panel::bars)
                    .toList();
            assertThat(barPanels).hasSizeGreaterThanOrEqualTo(7);
            for (Dashboards.Panel panel : barPanels) {
                int start = dom.indexOf("id=\"panel-" + panel.dashboard() + "-" + panel.id() + "\"");
                int end = dom.indexOf("id=\"panel-", start + 1);
                String drawn = dom.substring(start, end < 0 ? dom.length() : end);
                assertThat(drawn).as(panel.title()).contains("class=\"bar\"").doesNotContain("class=\"series\"");
            }
        }
    }

    @Test
    void anAlertsLinkOpensThePageWithItsCommunitySelected() throws Exception {
        assumeChromium();
        try (DashboardServer server = new DashboardServer(analyst(), dashboards, 0)) {
            // the form of the dispatcher's generatorURL (Grafana's), with the local stack's PULSE_DASHBOARD_URL
            String url = "http://127.0.0.1:" + server.port() + "/d/pulse-risk?var-community=acme&days=" + DAYS;
            String dom = chromium(Files.createTempDirectory("chromium-profile"), "--dump-dom", url);
            assertThat(dom).contains("id=\"dashboard-pulse-risk\"");
            assertThat(dom).containsPattern("id=\"var-community\" data-selected=\"acme\"");
        }
    }

    /** CI installs Debian's chromium (see .ci/run); elsewhere the Chromium checks run where it is installed. */
    private static void assumeChromium() {
        boolean installed = new File("/usr/bin/chromium").canExecute();
        assumeTrue(installed || "true".equals(System.getenv("CI")), "chromium is not installed");
    }

    private static String chromium(Path profile, String action, String url) throws Exception {
        Process process = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--window-size=1400,2400",
                        "--virtual-time-budget=20000",
                        action,
                        url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
