-- Engagement per platform, responders, campaigns (SPEC 6.2 and 6.3), counted over kpi_events and
-- fr_questions like the community views. Rows exist for groups with at least one counted event.

-- Member events of the listed types per community, platform and local day; spam items aside.
-- ctr and engagement_rate are ratios of counts (NULL without views) and may exceed 1.
CREATE OR REPLACE VIEW kpi_engagement_daily AS
SELECT
    community_id,
    platform,
    day,
    countIf(event_type = 'VIEW') AS views,
    uniqExactIf(actor_id, event_type = 'VIEW') AS unique_viewers,
    countIf(event_type = 'REACTION') AS reactions,
    countIf(event_type = 'COMMENT') AS comments,
    countIf(event_type = 'SHARE') AS shares,
    countIf(event_type = 'SAVE') AS saves,
    countIf(event_type = 'LINK_CLICK') AS link_clicks,
    countIf(event_type = 'FOLLOW') AS follows,
    countIf(event_type = 'UNFOLLOW') AS unfollows,
    toInt64(follows) - toInt64(unfollows) AS net_follows,
    if(views = 0, NULL, link_clicks / views) AS ctr,
    if(views = 0, NULL, (reactions + comments + shares + saves + link_clicks) / views) AS engagement_rate
FROM kpi_events FINAL
WHERE is_member = 1 AND is_spam = 0
  AND event_type IN ('VIEW', 'REACTION', 'COMMENT', 'SHARE', 'SAVE', 'LINK_CLICK', 'FOLLOW', 'UNFOLLOW')
GROUP BY community_id, platform, day;

-- First responses per responder and local day of the response (late = answered after the deadline).
CREATE OR REPLACE VIEW kpi_responders_daily AS
SELECT
    community_id,
    responder_id,
    response_day AS day,
    count() AS first_responses,
    countIf(status = 'within') AS within_sla,
    countIf(status = 'breached') AS late,
    within_sla / first_responses AS sla_share,
    avg(frt_ms) / 1000 AS frt_avg_s,
    quantileExactInclusive(0.5)(frt_ms) / 1000 AS frt_p50_s,
    avg(bfrt_ms) / 1000 AS bfrt_avg_s,
    quantileExactInclusive(0.5)(bfrt_ms) / 1000 AS bfrt_p50_s
FROM
(
    SELECT community_id, assumeNotNull(responder) AS responder_id, assumeNotNull(responded_day) AS response_day, status, frt_ms, bfrt_ms
    FROM fr_questions FINAL
    WHERE is_spam = 0 AND responded_at IS NOT NULL AND responder IS NOT NULL
)
GROUP BY community_id, responder_id, response_day;

-- Members' LINK_CLICKs with a utm_campaign per community, utm_source ('' for none), campaign and
-- local day of the click. A clicker converts when they submit a form or sign up for an event in
-- the same community within [click, click + 168 h) of one of their clicks of that group and day.
CREATE OR REPLACE VIEW kpi_campaigns_daily AS
WITH
    clicks AS
    (
        SELECT community_id, ifNull(utm_source, '') AS source, assumeNotNull(utm_campaign) AS campaign, day AS click_day,
               actor_id AS clicker, event_id AS click_id, occurred_at AS clicked_at
        FROM kpi_events FINAL
        WHERE event_type = 'LINK_CLICK' AND is_member = 1 AND utm_campaign IS NOT NULL
    ),
    conversions AS
    (
        SELECT community_id AS conversion_community, actor_id AS converter, occurred_at AS converted_at
        FROM kpi_events FINAL
        WHERE event_type IN ('FORM_SUBMIT', 'EVENT_SIGNUP')
    ),
    judged AS
    (
        SELECT k.community_id AS click_community, k.source AS source, k.campaign AS campaign, k.click_day AS click_day,
               k.clicker AS clicker, k.click_id AS click_id,
               max(v.converter != '' AND v.converted_at >= k.clicked_at AND v.converted_at < k.clicked_at + INTERVAL 168 HOUR) AS converted
        FROM clicks AS k
        LEFT JOIN conversions AS v ON v.conversion_community = k.community_id AND v.converter = k.clicker
        GROUP BY click_community, source, campaign, click_day, clicker, click_id
    )
SELECT
    click_community AS community_id,
    source AS utm_source,
    campaign AS utm_campaign,
    click_day AS day,
    count() AS clicks,
    uniqExact(clicker) AS clickers,
    uniqExactIf(clicker, converted = 1) AS converters_7d
FROM judged
GROUP BY community_id, utm_source, utm_campaign, day;

-- Funnels (SPEC 6.2): the job writes the level of every step-1 event of a member per funnel
-- (rewritten when a later or out-of-order event raises it); a member's level in a local week is
-- the largest over their step-1 events of that week, users(k) = members with level >= k.
CREATE TABLE IF NOT EXISTS funnel_entries
(
    community_id    LowCardinality(String),
    funnel          LowCardinality(String),
    entry_event_id  String,
    actor_id        String,
    week_start      Date,
    level           UInt8,
    steps           UInt8,
    _version        UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(week_start)
ORDER BY (community_id, funnel, week_start, entry_event_id);

CREATE OR REPLACE VIEW kpi_funnel_weekly AS
SELECT
    community_id,
    funnel,
    week_start,
    step,
    countIf(best_level >= step) AS users
FROM
(
    SELECT community_id, funnel, week_start, actor_id, max(level) AS best_level, max(steps) AS step_count
    FROM funnel_entries FINAL
    GROUP BY community_id, funnel, week_start, actor_id
)
ARRAY JOIN range(1, toUInt16(step_count) + 1) AS step
GROUP BY community_id, funnel, week_start, step;

-- Sentiment of UGC items (SPEC 6.2): negative when scored NEGATIVE upstream or, unscored, when the
-- text holds a negative word of the community (decided by the job into kpi_events.is_negative).
CREATE OR REPLACE VIEW kpi_sentiment_daily AS
SELECT
    community_id,
    platform,
    day,
    count() AS ugc_items,
    countIf(is_negative = 1) AS negative,
    countIf(sentiment = 'POSITIVE') AS positive,
    negative / ugc_items AS negative_share
FROM kpi_events FINAL
WHERE is_member = 1 AND is_spam = 0 AND event_type IN ('POST', 'COMMENT')
GROUP BY community_id, platform, day;
