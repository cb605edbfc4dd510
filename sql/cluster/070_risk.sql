-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS risk_windows_local ON CLUSTER '{cluster}'
(
    community_id  LowCardinality(String),
    signal        LowCardinality(String),
    window_end    DateTime64(3, 'UTC'),
    count         UInt64,
    baseline_mean Nullable(Float64),
    baseline_std  Nullable(Float64),
    level         LowCardinality(String),
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
PARTITION BY toYYYYMM(window_end)
ORDER BY (community_id, signal, window_end);

CREATE TABLE IF NOT EXISTS risk_windows ON CLUSTER '{cluster}' AS risk_windows_local
ENGINE = Distributed('{cluster}', currentDatabase(), risk_windows_local, cityHash64(community_id));

CREATE OR REPLACE VIEW kpi_risk_windows ON CLUSTER '{cluster}' AS
SELECT community_id, signal, window_end, count, baseline_mean, baseline_std, level
FROM risk_windows FINAL
WHERE count >= 1
SETTINGS do_not_merge_across_partitions_select_final = 1;

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS signal LowCardinality(String) DEFAULT '' AFTER ends_at;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS signal LowCardinality(String) DEFAULT '' AFTER ends_at;

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS severity LowCardinality(String) DEFAULT '' AFTER signal;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS severity LowCardinality(String) DEFAULT '' AFTER signal;

ALTER TABLE sla_alerts_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS owner LowCardinality(String) DEFAULT '' AFTER severity;

ALTER TABLE sla_alerts ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS owner LowCardinality(String) DEFAULT '' AFTER severity;
