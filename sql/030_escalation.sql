-- Escalation (SPEC section 3): one row per case and first resolution. A case resolved again
-- after its state was released adds a later row; the view keeps the earliest resolution.

CREATE TABLE IF NOT EXISTS escalation_cases
(
    community_id  LowCardinality(String),
    case_id       String,
    resolved_at   DateTime64(3, 'UTC'),
    day           Date,
    escalated     UInt8,
    _version      UInt64,
    INDEX day_range day TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(resolved_at)
ORDER BY (community_id, case_id, resolved_at);

CREATE OR REPLACE VIEW kpi_escalation_daily AS
SELECT
    community_id,
    resolved_day AS day,
    count() AS resolved,
    countIf(NOT escalated_first) AS resolved_without_escalation,
    resolved_without_escalation / resolved AS share_without_escalation
FROM
(
    SELECT community_id, case_id, argMin(day, resolved_at) AS resolved_day, argMin(escalated, resolved_at) AS escalated_first
    FROM escalation_cases FINAL
    GROUP BY community_id, case_id
)
GROUP BY community_id, resolved_day
SETTINGS do_not_merge_across_partitions_select_final = 1;
