-- Escalation (SPEC section 3): one row per resolved case, at its first resolution, decided by the
-- job (which keeps every case). A late event that moves the first resolution earlier withdraws the
-- row of the former one (it may sit in another month) and adds the new one.

CREATE TABLE IF NOT EXISTS escalation_cases
(
    community_id  LowCardinality(String),
    case_id       String,
    resolved_at   DateTime64(3, 'UTC'),
    day           Date,
    escalated     UInt8,
    withdrawn     UInt8,
    _version      UInt64,
    INDEX day_range day TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, case_id, resolved_at);

-- databases made by an earlier release (docs/storage.md: their rows of cases resolved again)
ALTER TABLE escalation_cases ADD COLUMN IF NOT EXISTS withdrawn UInt8 AFTER escalated;

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
