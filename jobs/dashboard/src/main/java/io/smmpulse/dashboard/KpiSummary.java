package io.smmpulse.dashboard;

import io.smmpulse.clickhouse.ClickHouseClient;
import java.sql.SQLException;
import java.util.List;

/** The per-community summary the demo prints, read from the SQL contract's views. */
public final class KpiSummary {
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
    private static final String COMMUNITY = """
            SELECT u.community_id, u.ugc_items, round(100 * u.helpful_share, 1), u.spam_items,
                   a.active_members, round(100 * a.writer_share, 1), round(100 * a.voter_share, 1), round(100 * a.sharer_share, 1)
            FROM (SELECT * FROM kpi_ugc_weekly ORDER BY week_start DESC LIMIT 1 BY community_id) AS u
            LEFT JOIN (SELECT * FROM kpi_activity_weekly ORDER BY week_start DESC LIMIT 1 BY community_id) AS a
              ON a.community_id = u.community_id AND a.week_start = u.week_start
            ORDER BY u.community_id""";
    private static final String RETENTION = """
            SELECT community_id, sum(cohort_size), round(100 * sum(d1) / sum(cohort_size), 1), round(100 * sum(d1_plus) / sum(cohort_size), 1)
            FROM kpi_retention_cohorts WHERE activity = 'THREAD' GROUP BY community_id ORDER BY community_id""";
    private static final String POSTS = """
            SELECT community_id, post_id, next_step, viewers_7d, converters_7d, round(100 * conversion_rate, 1) AS pct
            FROM kpi_content_posts WHERE conversion_rate IS NOT NULL AND viewers_7d >= 5
            ORDER BY conversion_rate DESC, viewers_7d DESC""";
    private static final String ENGAGEMENT = """
            SELECT platform, sum(views), sum(link_clicks),
                   if(sum(views) = 0, NULL, round(100 * sum(link_clicks) / sum(views), 2)) AS ctr_pct,
                   if(sum(views) = 0, NULL, round(100 * (sum(reactions) + sum(comments) + sum(shares) + sum(saves) + sum(link_clicks)) / sum(views), 1)),
                   sum(net_follows)
            FROM kpi_engagement_daily GROUP BY platform ORDER BY platform""";
    private static final String TOP_CAMPAIGN = """
            SELECT utm_campaign, utm_source, sum(clicks), sum(converters_7d)
            FROM kpi_campaigns_daily GROUP BY utm_campaign, utm_source
            ORDER BY sum(converters_7d) DESC, sum(clicks) DESC, utm_campaign, utm_source LIMIT 1""";
    private static final String RAW = """
            SELECT (SELECT count() FROM events FINAL) AS events, (SELECT count() FROM rejected_events FINAL) AS rejected,
                   (SELECT count() FROM late_events FINAL) AS late""";

    private KpiSummary() {}

    private static String describe(List<List<String>> posts) {
        return String.join(
                "; ",
                posts.stream()
                        .map(p -> p.get(0) + " " + p.get(1) + " " + p.get(2) + " " + p.get(4) + "/" + p.get(3) + " = "
                                + p.get(5) + " %")
                        .toList());
    }

    private static List<String> forCommunity(List<List<String>> rows, String community, int width) {
        return rows.stream()
                .skip(1)
                .filter(r -> r.get(0).equals(community))
                .findFirst()
                .orElse(java.util.Collections.nCopies(width, "-"));
    }

    /** Each goal's latest period (the one at the clock). */
    static final String GOALS = "SELECT community_id, metric, period, toString(period_start), round(actual, 3), target,"
            + " direction, round(elapsed_share * 100), round(projected, 3), status FROM kpi_goals"
            + " WHERE (community_id, metric, period, period_start) IN"
            + " (SELECT community_id, metric, period, max(period_start) FROM kpi_goals GROUP BY community_id, metric, period)"
            + " ORDER BY community_id, period, metric";

    public static String render(ClickHouseClient client) throws SQLException {
        List<List<String>> summary = client.query(PER_COMMUNITY);
        if (summary.size() <= 1) {
            return "(no results yet: they appear when the first checkpoint completes)\n";
        }
        StringBuilder out = new StringBuilder();
        appendFirstResponse(client, out, summary);
        appendLatestBreaches(client, out);
        appendCommunityWeek(client, out);
        appendConvertingPosts(client, out);
        appendEngagement(client, out);
        appendTopCampaign(client, out);
        appendGoals(client, out);
        appendEventCounts(client, out);
        return out.toString();
    }

    /** Questions, SLA, first response and escalation per community. */
    private static void appendFirstResponse(ClickHouseClient client, StringBuilder out, List<List<String>> summary)
            throws SQLException {
        List<List<String>> medians = client.query(MEDIAN_FRT);
        List<List<String>> escalation = client.query(ESCALATION);
        out.append(String.format(
                "%-10s %9s %9s %7s %9s %8s %12s %14s %9s %12s%n",
                "community",
                "questions",
                "answered",
                "SLA %",
                "breaches",
                "pending",
                "median FRT",
                "median bFRT",
                "resolved",
                "no escal. %"));
        for (List<String> row : summary.subList(1, summary.size())) {
            List<String> median = forCommunity(medians, row.get(0), 3);
            List<String> cases = forCommunity(escalation, row.get(0), 3);
            out.append(String.format(
                    "%-10s %9s %9s %7s %9s %8s %10s m %12s m %9s %12s%n",
                    row.get(0),
                    row.get(1),
                    row.get(2),
                    row.get(3) == null ? "-" : row.get(3),
                    row.get(4),
                    row.get(5),
                    median.get(1),
                    median.get(2),
                    cases.get(1),
                    cases.get(2)));
        }
    }

    /** The latest SLA breaches. */
    private static void appendLatestBreaches(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<List<String>> breaches = client.query(LATEST_BREACHES);
        if (breaches.size() > 1) {
            out.append("latest SLA breaches:\n");
            for (List<String> row : breaches.subList(1, breaches.size())) {
                out.append(String.format(
                        "  %-9s %-10s %-8s %-7s %-22s deadline %s%s%n",
                        row.get(0),
                        row.get(1),
                        row.get(2),
                        row.get(3),
                        row.get(4),
                        row.get(5),
                        row.get(6) == null ? ", still unanswered" : ", answered " + row.get(6)));
            }
        }
    }

    /** This week's community KPIs and retention per community. */
    private static void appendCommunityWeek(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<List<String>> community = client.query(COMMUNITY);
        List<List<String>> retention = client.query(RETENTION);
        out.append(String.format(
                "this week   %9s %10s %6s %8s %8s %8s %8s   %s%n",
                "UGC",
                "helpful %",
                "spam",
                "active",
                "write %",
                "vote %",
                "share %",
                "retention (THREAD cohorts: users, d1 %, d1+ %)"));
        for (List<String> row : community.subList(1, community.size())) {
            List<String> r = forCommunity(retention, row.get(0), 4);
            out.append(String.format(
                    "%-10s %10s %10s %6s %8s %8s %8s %8s   %s users, %s %%, %s %%%n",
                    row.get(0),
                    row.get(1),
                    row.get(2),
                    row.get(3),
                    row.get(4),
                    row.get(5),
                    row.get(6),
                    row.get(7),
                    r.get(1),
                    r.get(2),
                    r.get(3)));
        }
    }

    /** The best and worst converting posts of 7 days. */
    private static void appendConvertingPosts(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<List<String>> posts = client.query(POSTS);
        if (posts.size() > 1) {
            List<List<String>> ranked = posts.subList(1, posts.size());
            out.append("best converting posts (7 days):  ")
                    .append(describe(ranked.subList(0, Math.min(3, ranked.size()))))
                    .append('\n');
            List<List<String>> worst =
                    new java.util.ArrayList<>(ranked.subList(Math.max(0, ranked.size() - 3), ranked.size()));
            java.util.Collections.reverse(worst);
            out.append("worst converting posts (7 days): ")
                    .append(describe(worst))
                    .append('\n');
        }
    }

    /** Engagement per platform. */
    private static void appendEngagement(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<List<String>> engagement = client.query(ENGAGEMENT);
        if (engagement.size() > 1) {
            out.append(String.format(
                    "engagement %-10s %9s %11s %7s %12s %12s%n",
                    "platform", "views", "link clicks", "CTR %", "engagement %", "net follows"));
            for (List<String> row : engagement.subList(1, engagement.size())) {
                out.append(String.format(
                        "           %-10s %9s %11s %7s %12s %12s%n",
                        row.get(0),
                        row.get(1),
                        row.get(2),
                        row.get(3) == null ? "-" : row.get(3),
                        row.get(4) == null ? "-" : row.get(4),
                        row.get(5)));
            }
        }
    }

    /** The campaign with the most converters in 7 days. */
    private static void appendTopCampaign(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<List<String>> campaign = client.query(TOP_CAMPAIGN);
        if (campaign.size() > 1) {
            List<String> top = campaign.get(1);
            out.append(String.format(
                    "top campaign: %s (source %s): %s clicks, %s converters in 7 days%n",
                    top.get(0), top.get(1).isEmpty() ? "none" : top.get(1), top.get(2), top.get(3)));
        }
    }

    /** Each goal in its current period: actual, target, elapsed share, projection and status. */
    private static void appendGoals(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<List<String>> goals = client.query(GOALS);
        if (goals.size() <= 1) {
            return;
        }
        out.append(String.format(
                "goals      %-24s %-6s %-10s %10s %10s %9s %10s  %s%n",
                "metric", "period", "from", "actual", "target", "elapsed", "projected", "status"));
        for (List<String> row : goals.subList(1, goals.size())) {
            out.append(String.format(
                    "%-10s %-24s %-6s %-10s %10s %10s %8s%% %10s  %s%n",
                    row.get(0),
                    row.get(1),
                    row.get(2),
                    row.get(3),
                    row.get(4) == null ? "-" : row.get(4),
                    (row.get(6).equals("at_most") ? "<= " : ">= ") + row.get(5),
                    row.get(7),
                    row.get(8) == null ? "-" : row.get(8),
                    row.get(9).replace('_', ' ')));
        }
    }

    /** Events stored, rejected and late. */
    private static void appendEventCounts(ClickHouseClient client, StringBuilder out) throws SQLException {
        List<String> raw = client.query(RAW).get(1);
        out.append(String.format("events %s, rejected %s, late %s%n", raw.get(0), raw.get(1), raw.get(2)));
    }
}
