-- Community KPIs (docs/kpis.md: UGC, activity share, retention). The job keeps them as results
-- (jobs/community): every KPI event counted once, late-but-allowed and out-of-order events and spam
-- revisions included, one row per community and week (or cohort day) rewritten per checkpoint; the
-- views read those rows. kpi_events keeps each KPI event with its spam verdict and local day, week
-- (Monday) and month, for analysts' own questions.

CREATE TABLE IF NOT EXISTS kpi_events
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
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (community_id, event_id);

-- campaign tags (databases made by an earlier release)
ALTER TABLE kpi_events ADD COLUMN IF NOT EXISTS utm_source Nullable(String) AFTER is_spam;
ALTER TABLE kpi_events ADD COLUMN IF NOT EXISTS utm_campaign Nullable(String) AFTER utm_source;
ALTER TABLE kpi_events ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER utm_campaign;
ALTER TABLE kpi_events ADD COLUMN IF NOT EXISTS is_negative UInt8 AFTER sentiment;

CREATE TABLE IF NOT EXISTS ugc_weekly
(
    community_id  LowCardinality(String),
    week_start    Date,
    ugc_items     UInt64,
    spam_items    UInt64,
    helpful_items UInt64,
    contributors  UInt64,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(week_start)
ORDER BY (community_id, week_start);

-- UGC items: non-spam POST/COMMENT by members. Helpful: a 'helpful' reaction (any case) on the
-- item by anyone but its author, at any time; it counts in the week the item was written.
CREATE OR REPLACE VIEW kpi_ugc_weekly AS
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

CREATE TABLE IF NOT EXISTS activity_weekly
(
    community_id   LowCardinality(String),
    week_start     Date,
    active_members UInt64,
    writers        UInt64,
    voters         UInt64,
    sharers        UInt64,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(week_start)
ORDER BY (community_id, week_start);

-- Active members: distinct members with any of the listed event types in the week (spam items aside).
CREATE OR REPLACE VIEW kpi_activity_weekly AS
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

CREATE TABLE IF NOT EXISTS retention_cohorts
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
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(cohort_day)
ORDER BY (community_id, cohort_day, activity);

-- Retention: THREAD = a UGC item, EVENT = an EVENT_SIGNUP by a member. A user's cohort day is the
-- local day of their first such activity; dN = an activity exactly N days later, dN_plus = N or more.
CREATE OR REPLACE VIEW kpi_retention_cohorts AS
SELECT community_id, activity, cohort_day, cohort_size, d1, d7, d30, d1_plus, d7_plus, d30_plus
FROM retention_cohorts FINAL
WHERE cohort_size > 0
SETTINGS do_not_merge_across_partitions_select_final = 1;
