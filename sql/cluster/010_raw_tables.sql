-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS events_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (community_id, event_id);

CREATE TABLE IF NOT EXISTS events ON CLUSTER '{cluster}' AS events_local
ENGINE = Distributed('{cluster}', currentDatabase(), events_local, cityHash64(community_id));

ALTER TABLE events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER text;

ALTER TABLE events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER text;

CREATE TABLE IF NOT EXISTS late_events_local ON CLUSTER '{cluster}' AS events_local;

CREATE TABLE IF NOT EXISTS late_events ON CLUSTER '{cluster}' AS late_events_local
ENGINE = Distributed('{cluster}', currentDatabase(), late_events_local, cityHash64(community_id));

ALTER TABLE late_events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS watermark_at DateTime64(3, 'UTC') AFTER text;

ALTER TABLE late_events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS watermark_at DateTime64(3, 'UTC') AFTER text;

ALTER TABLE late_events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER watermark_at;

ALTER TABLE late_events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS sentiment Nullable(String) AFTER watermark_at;

CREATE TABLE IF NOT EXISTS rejected_events_local ON CLUSTER '{cluster}'
(
    rejection_id      String,
    source            String,
    received_at       DateTime64(3, 'UTC'),
    reason            String,
    payload           String,
    payload_encoding  LowCardinality(String),
    _version          UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(received_at)
ORDER BY rejection_id;

CREATE TABLE IF NOT EXISTS rejected_events ON CLUSTER '{cluster}' AS rejected_events_local
ENGINE = Distributed('{cluster}', currentDatabase(), rejected_events_local, cityHash64(rejection_id));
