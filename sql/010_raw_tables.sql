-- Raw accepted, late and rejected events. Every table is a ReplacingMergeTree keyed by a
-- deterministic id and versioned by the writing checkpoint, so a replay rewrites rows.
--
-- Layout (docs/storage.md): event tables are partitioned by the UTC month of occurred_at and
-- ordered by (community_id, event_id), so a query for one community and a few months reads those
-- months of that community only. The key stays the event's id: a replay of a corrected file
-- replaces an event whatever else changed, even its month (FINAL merges across partitions).
-- A database made by an earlier release keeps its layout (CREATE ... IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS events
(
    event_id      String,
    event_type    LowCardinality(String),
    occurred_at   DateTime64(3, 'UTC'),
    platform      LowCardinality(String),
    community_id  LowCardinality(String),
    actor_id      String,
    actor_role    LowCardinality(String),
    content_id    Nullable(String),
    parent_id     Nullable(String),
    thread_id     Nullable(String),
    channel       LowCardinality(String),
    is_question   UInt8,
    priority      LowCardinality(String),
    next_step     Nullable(String),
    reaction      Nullable(String),
    link_target   Nullable(String),
    utm_source    Nullable(String),
    utm_medium    Nullable(String),
    utm_campaign  Nullable(String),
    utm_content   Nullable(String),
    case_id       Nullable(String),
    proposal_id   Nullable(String),
    text          Nullable(String),
    sentiment     Nullable(String),
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (community_id, event_id);

-- schema v2 (databases made by an earlier release)
ALTER TABLE events ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER text;

-- Late events: the columns of events plus the watermark they arrived behind.
CREATE TABLE IF NOT EXISTS late_events AS events;

ALTER TABLE late_events ADD COLUMN IF NOT EXISTS watermark_at DateTime64(3, 'UTC') AFTER text;
ALTER TABLE late_events ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER watermark_at;

CREATE TABLE IF NOT EXISTS rejected_events
(
    rejection_id      String,
    source            String,
    received_at       DateTime64(3, 'UTC'),
    reason            String,
    payload           String,
    payload_encoding  LowCardinality(String),
    _version          UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(received_at)
ORDER BY rejection_id;
