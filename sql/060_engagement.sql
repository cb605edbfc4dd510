-- Engagement per platform, responders, campaigns, funnels, sentiment (docs/kpis.md). Engagement,
-- campaigns and sentiment are results the job keeps per community, day (and platform or campaign);
-- responders come from fr_questions. Rows exist for groups with at least one counted event.

CREATE TABLE IF NOT EXISTS engagement_daily
(
    community_id   LowCardinality(String),
    platform       LowCardinality(String),
    day            Date,
    views          UInt64,
    reactions      UInt64,
    comments       UInt64,
    shares         UInt64,
    saves          UInt64,
    link_clicks    UInt64,
    follows        UInt64,
    unfollows      UInt64,
    unique_viewers UInt64,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, day, platform);

-- Member events of the listed types per community, platform and local day; spam items aside.
-- ctr and engagement_rate are ratios of counts (NULL without views) and may exceed 1.
CREATE OR REPLACE VIEW kpi_engagement_daily AS
SELECT
    community_id,
    platform,
    day,
    views,
    unique_viewers,
    reactions,
    comments,
    shares,
    saves,
    link_clicks,
    follows,
    unfollows,
    toInt64(follows) - toInt64(unfollows) AS net_follows,
    if(views = 0, NULL, link_clicks / views) AS ctr,
    if(views = 0, NULL, (reactions + comments + shares + saves + link_clicks) / views) AS engagement_rate
FROM engagement_daily FINAL
WHERE views + reactions + comments + shares + saves + link_clicks + follows + unfollows > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;

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
GROUP BY community_id, responder_id, response_day
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS campaigns_daily
(
    community_id   LowCardinality(String),
    utm_source     String,
    utm_campaign   String,
    day            Date,
    clicks         UInt64,
    clickers       UInt64,
    converters_7d  UInt64,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, day, utm_source, utm_campaign);

-- Members' LINK_CLICKs with a utm_campaign per community, utm_source ('' for none), campaign and
-- local day of the click. A clicker converts when they submit a form or sign up for an event in
-- the same community within [click, click + 168 h) of one of their clicks of that group and day.
CREATE OR REPLACE VIEW kpi_campaigns_daily AS
SELECT community_id, utm_source, utm_campaign, day, clicks, clickers, converters_7d
FROM campaigns_daily FINAL
WHERE clicks > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;

-- Funnels (docs/kpis.md): the job writes the level of every step-1 event of a member per funnel
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
GROUP BY community_id, funnel, week_start, step
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS sentiment_daily
(
    community_id  LowCardinality(String),
    platform      LowCardinality(String),
    day           Date,
    ugc_items     UInt64,
    negative      UInt64,
    positive      UInt64,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, day, platform);

-- Sentiment of UGC items (docs/kpis.md): negative when scored NEGATIVE upstream or, unscored, when the
-- text holds a negative word of the community.
CREATE OR REPLACE VIEW kpi_sentiment_daily AS
SELECT community_id, platform, day, ugc_items, negative, positive, negative / ugc_items AS negative_share
FROM sentiment_daily FINAL
WHERE ugc_items > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;
