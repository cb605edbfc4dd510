-- Questions and first response (docs/kpis.md). One row per question, rewritten whenever the
-- question's status changes; the views below compute the KPIs from the newest row per question.
-- A question withdrawn as spam keeps its row with is_spam = 1 and leaves the views.

CREATE TABLE IF NOT EXISTS fr_questions
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
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, platform, question_id);

-- who gave the first response, and its local day (databases made by an earlier release)
ALTER TABLE fr_questions ADD COLUMN IF NOT EXISTS responder Nullable(String) AFTER is_spam;
ALTER TABLE fr_questions ADD COLUMN IF NOT EXISTS responded_day Nullable(Date) AFTER responder;
ALTER TABLE fr_questions ADD COLUMN IF NOT EXISTS warning_at Nullable(DateTime64(3, 'UTC')) AFTER responded_day;

CREATE OR REPLACE VIEW kpi_first_response_daily AS
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

CREATE OR REPLACE VIEW kpi_sla_breaches AS
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

-- Alert transitions (FIRING, RESOLVED) of SmmPulseSlaBreached and SmmPulseSlaAtRisk, one row per transition; the same alerts go to the
-- Kafka topic sla-alerts and, when configured, to a webhook.
CREATE TABLE IF NOT EXISTS sla_alerts
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
ENGINE = ReplacingMergeTree(_version)
ORDER BY alert_id;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS alert_name LowCardinality(String) DEFAULT 'SmmPulseSlaBreached' AFTER alert_id;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS warning_at Nullable(DateTime64(3, 'UTC')) AFTER deadline_at;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS starts_at Nullable(DateTime64(3, 'UTC')) AFTER decided_at;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS ends_at Nullable(DateTime64(3, 'UTC')) AFTER starts_at;

-- What the webhook dispatcher did with each alert: delivered, or failed after its retries.
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    alert_id      String,
    webhook       String,
    status        LowCardinality(String),
    attempts      UInt32,
    last_error    String,
    updated_at    DateTime64(3, 'UTC'),
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (alert_id, webhook);

-- Open questions at the clock (docs/kpis.md): unanswered and not breached. at_risk: the job's clock
-- (kpi_clock; the wall clock only before any job has written one) is at or past the question's SLA
-- warning instant (sla_warning_share of its rule's time).
CREATE OR REPLACE VIEW kpi_open_questions AS
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
