package io.smmpulse.app;

import io.smmpulse.core.clickhouse.ClickHouseClient;
import java.sql.SQLException;
import java.util.List;

/** The per-community summary the demo prints, read from the SQL contract's views. */
final class KpiSummary {
    private static final String PER_COMMUNITY = """
            SELECT community_id AS community,
                   sum(questions) AS questions,
                   sum(answered) AS answered,
                   if(sum(answered_within_sla) + sum(breached) = 0, NULL,
                      round(100 * sum(answered_within_sla) / (sum(answered_within_sla) + sum(breached)), 1)) AS sla_pct,
                   sum(breached) AS breaches,
                   sum(pending) AS pending
            FROM kpi_first_response_daily
            GROUP BY community_id
            ORDER BY community_id""";
    private static final String ESCALATION = """
            SELECT community_id, sum(resolved) AS cases_resolved,
                   round(100 * sum(resolved_without_escalation) / cases_resolved, 1) AS without_escalation_pct
            FROM kpi_escalation_daily GROUP BY community_id ORDER BY community_id""";
    private static final String MEDIAN_FRT = """
            SELECT community_id, round(quantileExactInclusive(0.5)(frt_ms) / 60000, 1) AS median_frt_min,
                   round(quantileExactInclusive(0.5)(bfrt_ms) / 60000, 1) AS median_business_frt_min
            FROM fr_questions FINAL WHERE responded_at IS NOT NULL AND is_spam = 0 GROUP BY community_id ORDER BY community_id""";
    private static final String LATEST_BREACHES = """
            SELECT community_id, platform, channel, priority, question_id, deadline_at, responded_at
            FROM kpi_sla_breaches ORDER BY deadline_at DESC LIMIT 5""";
    private static final String RAW = """
            SELECT (SELECT count() FROM events FINAL) AS events, (SELECT count() FROM rejected_events FINAL) AS rejected,
                   (SELECT count() FROM late_events FINAL) AS late""";

    private KpiSummary() {}

    private static List<String> forCommunity(List<List<String>> rows, String community, int width) {
        return rows.stream().skip(1).filter(r -> r.get(0).equals(community)).findFirst()
                .orElse(java.util.Collections.nCopies(width, "-"));
    }

    static String render(ClickHouseClient client) throws SQLException {
        StringBuilder out = new StringBuilder();
        List<List<String>> summary = client.query(PER_COMMUNITY);
        List<List<String>> medians = client.query(MEDIAN_FRT);
        List<List<String>> escalation = client.query(ESCALATION);
        out.append(String.format("%-10s %9s %9s %7s %9s %8s %12s %14s %9s %12s%n", "community", "questions", "answered", "SLA %", "breaches", "pending",
                "median FRT", "median bFRT", "resolved", "no escal. %"));
        for (List<String> row : summary.subList(1, summary.size())) {
            List<String> median = forCommunity(medians, row.get(0), 3);
            List<String> cases = forCommunity(escalation, row.get(0), 3);
            out.append(String.format("%-10s %9s %9s %7s %9s %8s %10s m %12s m %9s %12s%n", row.get(0), row.get(1), row.get(2),
                    row.get(3) == null ? "-" : row.get(3), row.get(4), row.get(5), median.get(1), median.get(2), cases.get(1), cases.get(2)));
        }
        List<List<String>> breaches = client.query(LATEST_BREACHES);
        if (breaches.size() > 1) {
            out.append("latest SLA breaches:\n");
            for (List<String> row : breaches.subList(1, breaches.size())) {
                out.append(String.format("  %-9s %-10s %-8s %-7s %-22s deadline %s%s%n", row.get(0), row.get(1), row.get(2), row.get(3), row.get(4),
                        row.get(5), row.get(6) == null ? ", still unanswered" : ", answered " + row.get(6)));
            }
        }
        List<String> raw = client.query(RAW).get(1);
        out.append(String.format("events %s, rejected %s, late %s%n", raw.get(0), raw.get(1), raw.get(2)));
        return out.toString();
    }
}
