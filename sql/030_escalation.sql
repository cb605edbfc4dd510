-- Escalation and resolution time (docs/kpis.md): one row per resolved case, at its first resolution,
-- decided by the job (which keeps every case). started_at is the earliest of the case's question and
-- its case events; bres_ms the business time from it to the resolution under the community's calendar. A late event that moves the first resolution earlier withdraws the
-- row of the former one (it may sit in another month) and adds the new one.

CREATE TABLE IF NOT EXISTS escalation_cases
(
    community_id  LowCardinality(String),
    case_id       String,
    resolved_at   DateTime64(3, 'UTC'),
    day           Date,
    escalated     UInt8,
    withdrawn     UInt8,
    started_at    Nullable(DateTime64(3, 'UTC')),
    with_question UInt8,
    bres_ms       Nullable(Int64),
    _version      UInt64,
    INDEX day_range day TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, case_id, resolved_at);

-- databases made by an earlier release (docs/storage.md: their rows of cases resolved again)
ALTER TABLE escalation_cases ADD COLUMN IF NOT EXISTS withdrawn UInt8 AFTER escalated;
-- the case's start (databases made by an earlier release: NULL on its rows until a replay rewrites them)
ALTER TABLE escalation_cases ADD COLUMN IF NOT EXISTS started_at Nullable(DateTime64(3, 'UTC')) AFTER withdrawn;
ALTER TABLE escalation_cases ADD COLUMN IF NOT EXISTS with_question UInt8 AFTER started_at;
ALTER TABLE escalation_cases ADD COLUMN IF NOT EXISTS bres_ms Nullable(Int64) AFTER with_question;

CREATE OR REPLACE VIEW kpi_escalation_daily AS
SELECT
    community_id,
    day,
    count() AS resolved,
    countIf(NOT escalated) AS resolved_without_escalation,
    resolved_without_escalation / resolved AS share_without_escalation
FROM escalation_cases FINAL
WHERE NOT withdrawn
GROUP BY community_id, day
SETTINGS do_not_merge_across_partitions_select_final = 1;

-- Resolution time per local day of resolution; the statistics cover the rows that know their start.
CREATE OR REPLACE VIEW kpi_resolution_daily AS
SELECT
    community_id,
    day,
    count() AS resolved,
    countIf(with_question = 1) AS with_question,
    avg(resolution_ms) / 1000 AS resolution_avg_s,
    quantileExactInclusive(0.5)(resolution_ms) / 1000 AS resolution_p50_s,
    quantileExactInclusive(0.9)(resolution_ms) / 1000 AS resolution_p90_s,
    avg(bres_ms) / 1000 AS bres_avg_s,
    quantileExactInclusive(0.5)(bres_ms) / 1000 AS bres_p50_s,
    countIf(resolution_ms <= 86400000) AS within_24h,
    within_24h / resolved AS within_24h_share
FROM
(
    SELECT
        community_id,
        day,
        with_question,
        bres_ms,
        toInt64(toUnixTimestamp64Milli(resolved_at)) - toInt64(toUnixTimestamp64Milli(started_at)) AS resolution_ms
    FROM escalation_cases FINAL
    WHERE NOT withdrawn
    SETTINGS do_not_merge_across_partitions_select_final = 1
)
GROUP BY community_id, day;
