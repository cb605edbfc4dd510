package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.dashboard.DashboardServer;
import io.smmpulse.report.PeriodReport;
import io.smmpulse.report.ReportPeriod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/pulse report}: one community's week or month as a self-contained HTML page (docs/report.md). */
@Command(
        name = "report",
        description =
                "Write one community's week or month as a self-contained HTML page, read through the analyst user.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--community", required = true, description = "the community")
    String community;

    @Option(names = "--period", required = true, description = "week or month")
    String period;

    @Option(
            names = "--at",
            description =
                    "the period: 2026-W48 (a week) or 2026-11 (a month); default the last closed one at the clock")
    String at;

    @Option(names = "--out", paramLabel = "FILE", description = "the page (default: COMMUNITY-PERIOD.html here)")
    Path out;

    @Mixin
    CommunitiesOption communities = new CommunitiesOption();

    @Override
    public Integer call() throws Exception {
        if (!period.equals("week") && !period.equals("month")) {
            throw new ConfigException("--period: \"" + period + "\" is not week or month");
        }
        Communities config = communities.load();
        BusinessCalendar calendar = config.forCommunity(community).calendar();
        Deployment deployment = Deployment.fromEnv();
        try (ClickHouseClient client = ClickHouseClient.connect(DashboardServer.analyst(deployment))) {
            ReportPeriod chosen = at == null
                    ? ReportPeriod.lastClosed(period, PeriodReport.clock(client), calendar)
                    : ReportPeriod.parse(period, at, calendar);
            String page = PeriodReport.render(client, community, chosen, calendar);
            Path file = out != null ? out : Path.of(community + "-" + chosen.label() + ".html");
            Files.writeString(file, page, StandardCharsets.UTF_8);
            System.out.println(
                    "report: " + file.toAbsolutePath() + " (" + community + ", " + period + " " + chosen.label() + ", "
                            + chosen.start() + " to " + chosen.end().minusDays(1) + ")");
        }
        return 0;
    }
}
