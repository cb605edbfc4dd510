-- What the ClickHouse sinks have written: one row per spool file (a table's rows of one checkpoint
-- from one sink subtask), inserted after the rows and before the file is deleted. A restored
-- checkpoint whose file is gone is fine only when its row is here; otherwise the job stops and says so.
CREATE TABLE IF NOT EXISTS sink_commits
(
    batch         String,
    table         LowCardinality(String),
    rows          UInt64,
    committed_at  DateTime64(3, 'UTC'),
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY batch
TTL toDateTime(committed_at) + INTERVAL 90 DAY;
