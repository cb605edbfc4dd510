package io.smmpulse.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's HTML: styles inline, charts as SVG, no script, nothing fetched when it is opened. */
final class ReportPage {
    private ReportPage() {}

    /** The charts drawn above a section's table: kind, and the columns drawn, by section id. */
    private record Chart(String kind, String unit, List<String> columns) {}

    private static final Map<String, List<Chart>> CHARTS = Map.of(
            "first-response",
                    List.of(
                            new Chart("bars", "", List.of("questions", "breached")),
                            new Chart("lines", "%", List.of("sla_share"))),
            "frt", List.of(new Chart("lines", "s", List.of("frt_p50_s", "frt_p90_s"))),
            "resolution", List.of(new Chart("lines", "s", List.of("resolution_p50_s", "resolution_p90_s"))),
            "ugc", List.of(new Chart("bars", "", List.of("ugc_items", "helpful_items"))),
            "activity", List.of(new Chart("bars", "%", List.of("writer_share", "voter_share", "sharer_share"))),
            "sentiment", List.of(new Chart("bars", "", List.of("negative", "positive"))),
            "engagement", List.of(new Chart("bars", "", List.of("views", "reactions", "comments", "shares"))));

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
            h1{font-size:22px;margin-bottom:4px} h2{font-size:16px;margin-top:28px}
            p.meta{color:#666;margin-top:0} table{border-collapse:collapse;margin:8px 0;font-size:13px}
            th,td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:right} th:first-child,td:first-child{text-align:left}
            td.status{font-weight:600} td.met,td.on_track{color:#1e7b34} td.missed,td.off_track{color:#b3261e}
            td.no_data{color:#888} td.none{color:#888;text-align:left} svg.chart{display:block;margin:6px 0}
            """;

    static String html(
            String community,
            ReportPeriod period,
            long clock,
            List<List<String>> goals,
            List<List<List<String>>> sections) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.append("<title>")
                .append(Html.escape(community + " " + period.label()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        out.append("<h1>")
                .append(Html.escape(community))
                .append(": ")
                .append(period.kind())
                .append(' ')
                .append(period.label())
                .append("</h1><p class=\"meta\" id=\"meta\" data-community=\"")
                .append(Html.escape(community))
                .append("\" data-from=\"")
                .append(period.start())
                .append("\">")
                .append(period.start())
                .append(" to ")
                .append(period.end().minusDays(1))
                .append(" (local days); figures at the job's clock ")
                .append(PeriodReport.instant(clock))
                .append(" UTC</p>");
        out.append("<h2>Goals</h2>")
                .append(Html.table(
                        "goals",
                        List.of("metric", "target", "direction", "actual", "status", "previous period", "change"),
                        goals,
                        List.of("", "n", "", "n", "", "n", "n")));
        for (int i = 0; i < PeriodReport.SECTIONS.size(); i++) {
            PeriodReport.Section section = PeriodReport.SECTIONS.get(i);
            List<List<String>> rows = sections.get(i);
            out.append("<h2>").append(Html.escape(section.title())).append("</h2>");
            int n = 0;
            for (Chart chart : CHARTS.getOrDefault(section.id(), List.of())) {
                if (rows.size() > 1) {
                    out.append(draw(section.id() + "-chart-" + n++, chart, rows));
                }
            }
            out.append(Html.table(section.id(), section.headers(), rows, section.formats()));
        }
        return out.append("</body></html>\n").toString();
    }

    private static String draw(String id, Chart chart, List<List<String>> rows) {
        List<String> header = rows.get(0);
        List<String> categories = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            categories.add(row.get(0));
        }
        List<Svg.Series> series = new ArrayList<>();
        for (String column : chart.columns()) {
            int c = header.indexOf(column);
            List<Double> values = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                values.add(row.get(c) == null ? null : Double.parseDouble(row.get(c)));
            }
            series.add(new Svg.Series(column.replace('_', ' '), values));
        }
        return chart.kind().equals("bars")
                ? Svg.bars(id, categories, series, chart.unit())
                : Svg.lines(id, categories, series, chart.unit());
    }
}
