-- Content effectiveness, next step and proposals (docs/kpis.md), kept as results by the job: one
-- row per brand post (its counts, all-time and 7-day viewers, 7-day converters), one per community
-- and month of proposals.
-- A brand post is a POST by STAFF or MODERATOR; its 7-day window is [published, published + 168 h).

CREATE TABLE IF NOT EXISTS content_posts
(
    community_id   LowCardinality(String),
    post_id        String,
    published_at   DateTime64(3, 'UTC'),
    next_step      Nullable(String),
    week_start     Date,
    month_start    Date,
    views          UInt64,
    unique_viewers UInt64,
    saves          UInt64,
    shares         UInt64,
    faq_clicks     UInt64,
    guide_clicks   UInt64,
    viewers_7d     UInt64,
    converters_7d  UInt64,
    _version      UInt64,
    INDEX week_range week_start TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(published_at)
ORDER BY (community_id, post_id);

-- the local month of publication, by which goals count converters (databases made by an earlier release)
ALTER TABLE content_posts ADD COLUMN IF NOT EXISTS month_start Date AFTER week_start;

CREATE OR REPLACE VIEW kpi_content_posts AS
SELECT
    community_id,
    post_id,
    published_at,
    next_step,
    views,
    unique_viewers,
    saves,
    shares,
    faq_clicks,
    guide_clicks,
    viewers_7d,
    converters_7d,
    if(next_step IS NULL OR viewers_7d = 0, NULL, converters_7d / viewers_7d) AS conversion_rate
FROM content_posts FINAL
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE OR REPLACE VIEW kpi_next_step_weekly AS
SELECT
    community_id,
    week_start,
    count() AS brand_posts,
    countIf(next_step IS NOT NULL) AS posts_with_next_step,
    posts_with_next_step / brand_posts AS next_step_share,
    sumIf(viewers_7d, next_step IS NOT NULL) AS viewers_7d,
    sumIf(converters_7d, next_step IS NOT NULL) AS converters_7d,
    if(viewers_7d = 0, NULL, converters_7d / viewers_7d) AS conversion_rate
FROM content_posts FINAL
GROUP BY community_id, week_start
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS proposals_monthly
(
    community_id  LowCardinality(String),
    month         Date,
    submitted     UInt64,
    accepted      UInt64,
    implemented   UInt64,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYear(month)
ORDER BY (community_id, month);

CREATE OR REPLACE VIEW kpi_proposals_monthly AS
SELECT community_id, month, submitted, accepted, implemented
FROM proposals_monthly FINAL
WHERE submitted + accepted + implemented > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;
