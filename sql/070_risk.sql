-- Risk signals (docs/kpis.md): one row per community, signal and window end, written by the job's
-- risk windows (a late event rewrites the row of its window; the latest version wins).
CREATE TABLE IF NOT EXISTS risk_windows
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
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(window_end)
ORDER BY (community_id, signal, window_end);

-- docs/kpis.md: windows with at least one counted event.
CREATE OR REPLACE VIEW kpi_risk_windows AS
SELECT community_id, signal, window_end, count, baseline_mean, baseline_std, level
FROM risk_windows FINAL
WHERE count >= 1
SETTINGS do_not_merge_across_partitions_select_final = 1;

ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS signal LowCardinality(String) DEFAULT '' AFTER ends_at;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS severity LowCardinality(String) DEFAULT '' AFTER signal;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS owner LowCardinality(String) DEFAULT '' AFTER severity;
