-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS kpi_events_local ON CLUSTER '{cluster}'
(
    event_id      String,
    community_id  LowCardinality(String),
    platform      LowCardinality(String),
    actor_id      String,
    actor_role    LowCardinality(String),
    is_member     UInt8,
    event_type    LowCardinality(String),
    occurred_at   DateTime64(3, 'UTC'),
    day           Date,
    week_start    Date,
    month_start   Date,
    content_id    Nullable(String),
    parent_id     Nullable(String),
    thread_id     Nullable(String),
    next_step     Nullable(String),
    link_target   Nullable(String),
    reaction      Nullable(String),
    proposal_id   Nullable(String),
    is_spam       UInt8,
    utm_source    Nullable(String),
    utm_campaign  Nullable(String),
    sentiment     Nullable(String),
    is_negative   UInt8,
    _version      UInt64,
    INDEX day_range day TYPE minmax GRANULARITY 1,
    INDEX week_range week_start TYPE minmax GRANULARITY 1,
    INDEX month_range month_start TYPE minmax GRANULARITY 1
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (community_id, event_id);

CREATE TABLE IF NOT EXISTS kpi_events ON CLUSTER '{cluster}' AS kpi_events_local
ENGINE = Distributed('{cluster}', currentDatabase(), kpi_events_local, cityHash64(community_id));

ALTER TABLE kpi_events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS utm_source Nullable(String) AFTER is_spam;

ALTER TABLE kpi_events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS utm_source Nullable(String) AFTER is_spam;

ALTER TABLE kpi_events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS utm_campaign Nullable(String) AFTER utm_source;

ALTER TABLE kpi_events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS utm_campaign Nullable(String) AFTER utm_source;

ALTER TABLE kpi_events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER utm_campaign;

ALTER TABLE kpi_events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER utm_campaign;

ALTER TABLE kpi_events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS is_negative UInt8 AFTER sentiment;

ALTER TABLE kpi_events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS is_negative UInt8 AFTER sentiment;

CREATE TABLE IF NOT EXISTS ugc_weekly_local ON CLUSTER '{cluster}'
(
    community_id  LowCardinality(String),
    week_start    Date,
    ugc_items     UInt64,
    spam_items    UInt64,
    helpful_items UInt64,
    contributors  UInt64,
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(week_start)
ORDER BY (community_id, week_start);

CREATE TABLE IF NOT EXISTS ugc_weekly ON CLUSTER '{cluster}' AS ugc_weekly_local
ENGINE = Distributed('{cluster}', currentDatabase(), ugc_weekly_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_ugc_weekly ON CLUSTER '{cluster}' AS
SELECT
    community_id,
    week_start,
    ugc_items,
    contributors,
    helpful_items,
    if(ugc_items = 0, NULL, helpful_items / ugc_items) AS helpful_share,
    spam_items
FROM ugc_weekly FINAL
WHERE ugc_items + spam_items > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS activity_weekly_local ON CLUSTER '{cluster}'
(
    community_id   LowCardinality(String),
    week_start     Date,
    active_members UInt64,
    writers        UInt64,
    voters         UInt64,
    sharers        UInt64,
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(week_start)
ORDER BY (community_id, week_start);

CREATE TABLE IF NOT EXISTS activity_weekly ON CLUSTER '{cluster}' AS activity_weekly_local
ENGINE = Distributed('{cluster}', currentDatabase(), activity_weekly_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_activity_weekly ON CLUSTER '{cluster}' AS
SELECT
    community_id,
    week_start,
    active_members,
    writers,
    voters,
    sharers,
    writers / active_members AS writer_share,
    voters / active_members AS voter_share,
    sharers / active_members AS sharer_share
FROM activity_weekly FINAL
WHERE active_members > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS retention_cohorts_local ON CLUSTER '{cluster}'
(
    community_id  LowCardinality(String),
    activity      LowCardinality(String),
    cohort_day    Date,
    cohort_size   UInt64,
    d1            UInt64,
    d7            UInt64,
    d30           UInt64,
    d1_plus       UInt64,
    d7_plus       UInt64,
    d30_plus      UInt64,
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(cohort_day)
ORDER BY (community_id, cohort_day, activity);

CREATE TABLE IF NOT EXISTS retention_cohorts ON CLUSTER '{cluster}' AS retention_cohorts_local
ENGINE = Distributed('{cluster}', currentDatabase(), retention_cohorts_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_retention_cohorts ON CLUSTER '{cluster}' AS
SELECT community_id, activity, cohort_day, cohort_size, d1, d7, d30, d1_plus, d7_plus, d30_plus
FROM retention_cohorts FINAL
WHERE cohort_size > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;
