-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS fr_questions_local ON CLUSTER '{cluster}'
(
    community_id  LowCardinality(String),
    platform      LowCardinality(String),
    question_id   String,
    channel       LowCardinality(String),
    priority      LowCardinality(String),
    day           Date,
    asked_at      DateTime64(3, 'UTC'),
    deadline_at   Nullable(DateTime64(3, 'UTC')),
    responded_at  Nullable(DateTime64(3, 'UTC')),
    frt_ms        Nullable(Int64),
    bfrt_ms       Nullable(Int64),
    status        Enum8('pending' = 0, 'within' = 1, 'breached' = 2),
    is_spam       UInt8,
    responder     Nullable(String),
    responded_day Nullable(Date),
    warning_at    Nullable(DateTime64(3, 'UTC')),
    _version      UInt64,
    INDEX asked_range asked_at TYPE minmax GRANULARITY 1,
    INDEX responded_day_range responded_day TYPE minmax GRANULARITY 1
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, platform, question_id);

CREATE TABLE IF NOT EXISTS fr_questions ON CLUSTER '{cluster}' AS fr_questions_local
ENGINE = Distributed('{cluster}', currentDatabase(), fr_questions_local, cityHash64(community_id));

ALTER TABLE fr_questions_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS responder Nullable(String) AFTER is_spam;

ALTER TABLE fr_questions ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS responder Nullable(String) AFTER is_spam;

ALTER TABLE fr_questions_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS responded_day Nullable(Date) AFTER responder;

ALTER TABLE fr_questions ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS responded_day Nullable(Date) AFTER responder;

ALTER TABLE fr_questions_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS warning_at Nullable(DateTime64(3, 'UTC')) AFTER responded_day;

ALTER TABLE fr_questions ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS warning_at Nullable(DateTime64(3, 'UTC')) AFTER responded_day;

CREATE OR REPLACE VIEW kpi_first_response_daily ON CLUSTER '{cluster}' AS
SELECT
    community_id,
    platform,
    channel,
    day,
    count() AS questions,
    countIf(responded_at IS NOT NULL) AS answered,
    countIf(status = 'within') AS answered_within_sla,
    countIf(status = 'breached') AS breached,
    countIf(status = 'pending') AS pending,
    if(answered_within_sla + breached = 0, NULL, answered_within_sla / (answered_within_sla + breached)) AS sla_share,
    if(answered = 0, NULL, avgIf(frt_ms, responded_at IS NOT NULL) / 1000) AS frt_avg_s,
    if(answered = 0, NULL, quantileExactInclusiveIf(0.5)(frt_ms, responded_at IS NOT NULL) / 1000) AS frt_p50_s,
    if(answered = 0, NULL, quantileExactInclusiveIf(0.9)(frt_ms, responded_at IS NOT NULL) / 1000) AS frt_p90_s,
    if(answered = 0, NULL, avgIf(bfrt_ms, responded_at IS NOT NULL) / 1000) AS bfrt_avg_s,
    if(answered = 0, NULL, quantileExactInclusiveIf(0.5)(bfrt_ms, responded_at IS NOT NULL) / 1000) AS bfrt_p50_s,
    if(answered = 0, NULL, quantileExactInclusiveIf(0.9)(bfrt_ms, responded_at IS NOT NULL) / 1000) AS bfrt_p90_s
FROM fr_questions FINAL
WHERE is_spam = 0
GROUP BY community_id, platform, channel, day
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE OR REPLACE VIEW kpi_sla_breaches ON CLUSTER '{cluster}' AS
SELECT
    question_id,
    community_id,
    platform,
    channel,
    priority,
    asked_at,
    assumeNotNull(deadline_at) AS deadline_at,
    responded_at
FROM fr_questions FINAL
WHERE status = 'breached' AND is_spam = 0
SETTINGS do_not_merge_across_partitions_select_final = 1;

CREATE TABLE IF NOT EXISTS sla_alerts_local ON CLUSTER '{cluster}'
(
    alert_id      String,
    status        LowCardinality(String),
    question_id   String,
    community_id  LowCardinality(String),
    platform      LowCardinality(String),
    channel       LowCardinality(String),
    priority      LowCardinality(String),
    asked_at      DateTime64(3, 'UTC'),
    deadline_at   DateTime64(3, 'UTC'),
    responded_at  Nullable(DateTime64(3, 'UTC')),
    decided_at    DateTime64(3, 'UTC'),
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
ORDER BY alert_id;

CREATE TABLE IF NOT EXISTS sla_alerts ON CLUSTER '{cluster}' AS sla_alerts_local
ENGINE = Distributed('{cluster}', currentDatabase(), sla_alerts_local, cityHash64(community_id));

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS alert_name LowCardinality(String) DEFAULT 'SmmPulseSlaBreached' AFTER alert_id;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS alert_name LowCardinality(String) DEFAULT 'SmmPulseSlaBreached' AFTER alert_id;

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS warning_at Nullable(DateTime64(3, 'UTC')) AFTER deadline_at;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS warning_at Nullable(DateTime64(3, 'UTC')) AFTER deadline_at;

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS starts_at Nullable(DateTime64(3, 'UTC')) AFTER decided_at;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS starts_at Nullable(DateTime64(3, 'UTC')) AFTER decided_at;

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS ends_at Nullable(DateTime64(3, 'UTC')) AFTER starts_at;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS ends_at Nullable(DateTime64(3, 'UTC')) AFTER starts_at;

CREATE TABLE IF NOT EXISTS alert_deliveries_local ON CLUSTER '{cluster}'
(
    alert_id      String,
    webhook       String,
    status        LowCardinality(String),
    attempts      UInt32,
    last_error    String,
    updated_at    DateTime64(3, 'UTC'),
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
ORDER BY (alert_id, webhook);

CREATE TABLE IF NOT EXISTS alert_deliveries ON CLUSTER '{cluster}' AS alert_deliveries_local
ENGINE = Distributed('{cluster}', currentDatabase(), alert_deliveries_local, cityHash64(alert_id));

CREATE OR REPLACE VIEW kpi_open_questions ON CLUSTER '{cluster}' AS
SELECT
    question_id,
    community_id,
    platform,
    channel,
    priority,
    asked_at,
    warning_at,
    deadline_at,
    warning_at IS NOT NULL AND ifNull((SELECT clock FROM kpi_clock), now64(3)) >= warning_at AS at_risk
FROM fr_questions FINAL
WHERE status = 'pending' AND responded_at IS NULL AND is_spam = 0
SETTINGS do_not_merge_across_partitions_select_final = 1;
