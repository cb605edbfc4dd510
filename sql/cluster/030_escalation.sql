-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS escalation_cases_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(day)
ORDER BY (community_id, case_id, resolved_at);

CREATE TABLE IF NOT EXISTS escalation_cases ON CLUSTER '{cluster}' AS escalation_cases_local
ENGINE = Distributed('{cluster}', currentDatabase(), escalation_cases_local, cityHash64(community_id));

ALTER TABLE escalation_cases_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS withdrawn UInt8 AFTER escalated;

ALTER TABLE escalation_cases ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS withdrawn UInt8 AFTER escalated;

CREATE OR REPLACE VIEW kpi_escalation_daily ON CLUSTER '{cluster}' AS
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
