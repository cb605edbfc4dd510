-- Community KPIs (SPEC section 3: UGC, activity share, retention). The job writes each KPI event
-- once into kpi_events with its spam verdict and its local day, week (Monday) and month; the
-- views count over the newest row per event, so late-but-allowed and out-of-order events are
-- reflected exactly like in a batch recomputation.

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

-- UGC items: non-spam POST/COMMENT by members. Helpful: a 'helpful' reaction (any case) on the
-- item by anyone but its author, at any time; it counts in the week the item was written.
CREATE OR REPLACE VIEW kpi_ugc_weekly AS
WITH
    items AS
    (
        SELECT community_id, content_id, actor_id, week_start, is_spam
        FROM kpi_events FINAL
        WHERE is_member = 1 AND event_type IN ('POST', 'COMMENT')
    ),
    helpful_reactions AS
    (
        SELECT community_id, assumeNotNull(content_id) AS item_id, groupUniqArray(actor_id) AS reactors
        FROM kpi_events FINAL
        WHERE event_type = 'REACTION' AND reaction = 'helpful' AND content_id IS NOT NULL
        GROUP BY community_id, item_id
    )
SELECT
    i.community_id AS community_id,
    i.week_start AS week_start,
    countIf(i.is_spam = 0) AS ugc_items,
    uniqExactIf(i.actor_id, i.is_spam = 0) AS contributors,
    countIf(i.is_spam = 0 AND arrayExists(r -> r != i.actor_id, h.reactors)) AS helpful_items,
    if(ugc_items = 0, NULL, helpful_items / ugc_items) AS helpful_share,
    countIf(i.is_spam = 1) AS spam_items
FROM items AS i
LEFT JOIN helpful_reactions AS h ON h.community_id = i.community_id AND h.item_id = assumeNotNull(i.content_id)
GROUP BY community_id, week_start;

-- Active members: distinct members with any of the listed event types in the week (spam items aside).
CREATE OR REPLACE VIEW kpi_activity_weekly AS
SELECT
    community_id,
    week_start,
    uniqExact(actor_id) AS active_members,
    uniqExactIf(actor_id, event_type IN ('POST', 'COMMENT')) AS writers,
    uniqExactIf(actor_id, event_type = 'VOTE') AS voters,
    uniqExactIf(actor_id, event_type = 'SHARE') AS sharers,
    writers / active_members AS writer_share,
    voters / active_members AS voter_share,
    sharers / active_members AS sharer_share
FROM kpi_events FINAL
WHERE is_member = 1 AND is_spam = 0
  AND event_type IN ('POST', 'COMMENT', 'REACTION', 'VOTE', 'SHARE', 'SAVE', 'VIEW', 'LINK_CLICK', 'FORM_SUBMIT', 'EVENT_SIGNUP')
GROUP BY community_id, week_start;

-- Retention: THREAD = a UGC item, EVENT = an EVENT_SIGNUP by a member. A user's cohort day is the
-- local day of their first such activity; dN = an activity exactly N days later, dN_plus = N or more.
CREATE OR REPLACE VIEW kpi_retention_cohorts AS
SELECT
    community_id,
    activity,
    cohort_day,
    count() AS cohort_size,
    countIf(has(offsets, 1)) AS d1,
    countIf(has(offsets, 7)) AS d7,
    countIf(has(offsets, 30)) AS d30,
    countIf(arrayExists(o -> o >= 1, offsets)) AS d1_plus,
    countIf(arrayExists(o -> o >= 7, offsets)) AS d7_plus,
    countIf(arrayExists(o -> o >= 30, offsets)) AS d30_plus
FROM
(
    SELECT
        community_id,
        activity,
        actor_id,
        min(day) AS cohort_day,
        arrayMap(d -> toInt32(d - cohort_day), groupUniqArray(day)) AS offsets
    FROM
    (
        SELECT community_id, actor_id, day, if(event_type = 'EVENT_SIGNUP', 'EVENT', 'THREAD') AS activity
        FROM kpi_events FINAL
        WHERE is_member = 1
          AND ((event_type IN ('POST', 'COMMENT') AND is_spam = 0) OR event_type = 'EVENT_SIGNUP')
    )
    GROUP BY community_id, activity, actor_id
)
GROUP BY community_id, activity, cohort_day;
