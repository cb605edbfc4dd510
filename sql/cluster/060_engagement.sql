-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS engagement_daily_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, day, platform);

CREATE TABLE IF NOT EXISTS engagement_daily ON CLUSTER '{cluster}' AS engagement_daily_local
ENGINE = Distributed('{cluster}', currentDatabase(), engagement_daily_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_engagement_daily ON CLUSTER '{cluster}' AS
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

CREATE OR REPLACE VIEW kpi_responders_daily ON CLUSTER '{cluster}' AS
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

CREATE TABLE IF NOT EXISTS campaigns_daily_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, day, utm_source, utm_campaign);

CREATE TABLE IF NOT EXISTS campaigns_daily ON CLUSTER '{cluster}' AS campaigns_daily_local
ENGINE = Distributed('{cluster}', currentDatabase(), campaigns_daily_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_campaigns_daily ON CLUSTER '{cluster}' AS
SELECT community_id, utm_source, utm_campaign, day, clicks, clickers, converters_7d
FROM campaigns_daily FINAL
WHERE clicks > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS funnel_entries_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(week_start)
ORDER BY (community_id, funnel, week_start, entry_event_id);

CREATE TABLE IF NOT EXISTS funnel_entries ON CLUSTER '{cluster}' AS funnel_entries_local
ENGINE = Distributed('{cluster}', currentDatabase(), funnel_entries_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_funnel_weekly ON CLUSTER '{cluster}' AS
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

CREATE TABLE IF NOT EXISTS sentiment_daily_local ON CLUSTER '{cluster}'
(
    community_id  LowCardinality(String),
    platform      LowCardinality(String),
    day           Date,
    ugc_items     UInt64,
    negative      UInt64,
    positive      UInt64,
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, day, platform);

CREATE TABLE IF NOT EXISTS sentiment_daily ON CLUSTER '{cluster}' AS sentiment_daily_local
ENGINE = Distributed('{cluster}', currentDatabase(), sentiment_daily_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_sentiment_daily ON CLUSTER '{cluster}' AS
SELECT community_id, platform, day, ugc_items, negative, positive, negative / ugc_items AS negative_share
FROM sentiment_daily FINAL
WHERE ugc_items > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;
