package io.smmpulse.report;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.ConfigException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docs/report.md: one community's week or month as one self-contained HTML page, read through the analyst user from
 * the views only. Each section's numbers come from one query ({@link #SECTIONS}), so a test can ask the same query and
 * compare.
 */
public final class PeriodReport {
    /** A section's query over the period: {c} community, {from}/{to} local days, {start}/{end} instants. */
    record Section(String id, String title, String sql, List<String> headers, List<String> formats) {}

    static final String DAYS = "day >= {from:Date} AND day < {to:Date}";
    static final String INSTANTS = "{start:DateTime64(3)} AND {end:DateTime64(3)}";

    static final Section FIRST_RESPONSE = new Section(
            "first-response",
            "Questions and SLA by day",
            "SELECT day, sum(questions) AS questions, sum(answered_within_sla) AS within_sla,"
                    + " sum(breached) AS breached, if(within_sla + breached = 0, NULL, within_sla / (within_sla + breached))"
                    + " AS sla_share FROM kpi_first_response_daily WHERE community_id = {c:String} AND " + DAYS
                    + " GROUP BY day ORDER BY day",
            List.of("day", "questions", "within SLA", "breached", "SLA share"),
            List.of("", "", "", "", "%"));

    /** First-response times over all platforms and channels, from the rows the view reads. */
    static final Section FRT = new Section(
            "frt",
            "First-response time by day (all platforms and channels)",
            "SELECT day, countIf(responded_at IS NOT NULL) AS answered,"
                    + " quantileExactInclusiveIf(0.5)(frt_ms, responded_at IS NOT NULL) / 1000 AS frt_p50_s,"
                    + " quantileExactInclusiveIf(0.9)(frt_ms, responded_at IS NOT NULL) / 1000 AS frt_p90_s"
                    + " FROM fr_questions FINAL WHERE community_id = {c:String} AND is_spam = 0 AND " + DAYS
                    + " GROUP BY day HAVING answered > 0 ORDER BY day",
            List.of("day", "answered", "FRT p50", "FRT p90"),
            List.of("", "", "s", "s"));

    static final Section UGC = new Section(
            "ugc",
            "UGC and helpful share by week",
            "SELECT week_start AS week, ugc_items, helpful_items, helpful_share FROM kpi_ugc_weekly"
                    + " WHERE community_id = {c:String} AND week_start >= {from:Date} AND week_start < {to:Date}"
                    + " ORDER BY week_start",
            List.of("week", "UGC items", "helpful", "helpful share"),
            List.of("", "", "", "%"));

    static final Section ACTIVITY = new Section(
            "activity",
            "Active members and activity shares by week",
            "SELECT week_start AS week, active_members, writer_share, voter_share, sharer_share"
                    + " FROM kpi_activity_weekly WHERE community_id = {c:String} AND week_start >= {from:Date}"
                    + " AND week_start < {to:Date} ORDER BY week_start",
            List.of("week", "active members", "writers", "voters", "sharers"),
            List.of("", "", "%", "%", "%"));

    static final Section ENGAGEMENT = new Section(
            "engagement",
            "Engagement per platform",
            "SELECT platform, sum(views) AS views, sum(reactions) AS reactions, sum(comments) AS comments,"
                    + " sum(shares) AS shares, sum(link_clicks) AS link_clicks, sum(net_follows) AS net_follows"
                    + " FROM kpi_engagement_daily WHERE community_id = {c:String} AND " + DAYS
                    + " GROUP BY platform ORDER BY views DESC, platform",
            List.of("platform", "views", "reactions", "comments", "shares", "link clicks", "net follows"),
            List.of("", "", "", "", "", "", ""));

    static final Section SENTIMENT = new Section(
            "sentiment",
            "Sentiment of UGC by day",
            "SELECT day, sum(ugc_items) AS ugc_items, sum(negative) AS negative,"
                    + " sum(positive) AS positive, negative / ugc_items AS negative_share FROM kpi_sentiment_daily"
                    + " WHERE community_id = {c:String} AND " + DAYS + " GROUP BY day ORDER BY day",
            List.of("day", "UGC items", "negative", "positive", "negative share"),
            List.of("", "", "", "", "%"));

    static final Section TOP_POSTS = posts("top-posts", "Best converting posts", "DESC");
    static final Section BOTTOM_POSTS = posts("bottom-posts", "Least converting posts", "ASC");

    static final Section CAMPAIGNS = new Section(
            "campaigns",
            "Top campaigns",
            "SELECT utm_campaign, utm_source, sum(clicks) AS clicks, sum(converters_7d) AS converters_7d"
                    + " FROM kpi_campaigns_daily WHERE community_id = {c:String} AND " + DAYS
                    + " GROUP BY utm_campaign, utm_source ORDER BY converters_7d DESC, clicks DESC, utm_campaign LIMIT 5",
            List.of("campaign", "source", "clicks", "converters (7 days)"),
            List.of("", "", "", ""));

    static final Section BREACHES = new Section(
            "breaches",
            "SLA breaches",
            "SELECT question_id, platform, channel, priority, asked_at,"
                    + " deadline_at, responded_at FROM kpi_sla_breaches"
                    + " WHERE community_id = {c:String} AND asked_at >= {start:DateTime64(3)}"
                    + " AND asked_at < {end:DateTime64(3)} ORDER BY deadline_at, question_id LIMIT 50",
            List.of("question", "platform", "channel", "priority", "asked (UTC)", "deadline (UTC)", "answered (UTC)"),
            List.of("", "", "", "", "", "", ""));

    static final Section RISK = new Section(
            "risk",
            "Risk spikes",
            "SELECT signal, window_end, count, round(baseline_mean, 2) AS baseline_mean, level"
                    + " FROM kpi_risk_windows WHERE community_id = {c:String} AND level != 'none'"
                    + " AND window_end > {start:DateTime64(3)} AND window_end <= {end:DateTime64(3)}"
                    + " ORDER BY window_end, signal LIMIT 50",
            List.of("signal", "window end (UTC)", "count", "baseline mean", "level"),
            List.of("", "", "", "", ""));

    static final Section RESOLUTION = new Section(
            "resolution",
            "Resolution time by day",
            "SELECT day, resolved, with_question, resolution_avg_s, resolution_p50_s,"
                    + " resolution_p90_s, within_24h_share FROM kpi_resolution_daily WHERE community_id = {c:String} AND "
                    + DAYS + " ORDER BY day",
            List.of("day", "resolved", "from a question", "average", "p50", "p90", "within 24 h"),
            List.of("", "", "", "s", "s", "s", "%"));

    static final List<Section> SECTIONS = List.of(
            FIRST_RESPONSE,
            FRT,
            RESOLUTION,
            UGC,
            ACTIVITY,
            SENTIMENT,
            ENGAGEMENT,
            TOP_POSTS,
            BOTTOM_POSTS,
            CAMPAIGNS,
            BREACHES,
            RISK);

    /** Each goal of the period, with the previous period's actual and the change. */
    static final String GOALS = "SELECT g.metric AS metric, g.target AS target, g.direction AS direction,"
            + " g.actual AS actual, g.status AS status, p.actual AS previous, g.actual - p.actual AS change"
            + " FROM (SELECT * FROM kpi_goals WHERE community_id = {c:String} AND period = {kind:String}"
            + " AND period_start = {from:Date}) AS g LEFT JOIN (SELECT metric, actual FROM kpi_goals"
            + " WHERE community_id = {c:String} AND period = {kind:String} AND period_start = {previous:Date}) AS p"
            + " ON p.metric = g.metric ORDER BY g.metric SETTINGS join_use_nulls = 1";

    private static Section posts(String id, String title, String order) {
        return new Section(
                id,
                title,
                "SELECT post_id, next_step, published_at, viewers_7d, converters_7d,"
                        + " conversion_rate FROM kpi_content_posts WHERE community_id = {c:String}"
                        + " AND published_at >= {start:DateTime64(3)} AND published_at < {end:DateTime64(3)}"
                        + " AND conversion_rate IS NOT NULL ORDER BY conversion_rate " + order + ", post_id LIMIT 5",
                List.of(
                        "post",
                        "next step",
                        "published (UTC)",
                        "viewers (7 days)",
                        "converters (7 days)",
                        "conversion"),
                List.of("", "", "", "", "", "%"));
    }

    private PeriodReport() {}

    /** The period's query parameters. */
    static Map<String, Object> parameters(String community, ReportPeriod period, BusinessCalendar calendar) {
        return Map.of(
                "c", community,
                "kind", period.kind(),
                "from", period.start().toString(),
                "to", period.end().toString(),
                "previous", period.previous(calendar).start().toString(),
                "start", instant(period.startAt()),
                "end", instant(period.endAt()));
    }

    static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString().replace("T", " ").replace("Z", "");
    }

    /** The job's clock, or a one-line error when no job has written one to this database. */
    public static long clock(ClickHouseClient client) throws SQLException {
        List<List<String>> rows = client.query("SELECT toUnixTimestamp64Milli(clock) FROM kpi_clock");
        if (rows.size() < 2) {
            throw new ConfigException("report: no KPIs in this database yet (kpi_clock is empty: run the job first)");
        }
        return Long.parseLong(rows.get(1).get(0));
    }

    /** The page, or a one-line error for a community or period without data. */
    public static String render(
            ClickHouseClient client, String community, ReportPeriod period, BusinessCalendar calendar)
            throws SQLException {
        Map<String, Object> parameters = parameters(community, period, calendar);
        List<List<String>> known =
                client.query("SELECT count() FROM goal_actuals WHERE community_id = {c:String}", parameters);
        if (known.size() < 2 || known.get(1).get(0).equals("0")) {
            throw new ConfigException("report: no data for community \"" + community + "\" in this database");
        }
        List<List<List<String>>> results = new ArrayList<>();
        boolean any = false;
        for (Section section : SECTIONS) {
            List<List<String>> rows = client.query(section.sql(), parameters);
            any |= rows.size() > 1;
            results.add(rows);
        }
        List<List<String>> goals = client.query(GOALS, parameters);
        if (!any && goals.size() < 2) {
            throw new ConfigException("report: no data for " + community + " in " + period.kind() + " " + period.label()
                    + " (" + period.start() + " to " + period.end().minusDays(1) + ")");
        }
        return ReportPage.html(community, period, clock(client), goals, results);
    }
}
