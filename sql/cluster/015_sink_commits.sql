-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS sink_commits_local ON CLUSTER '{cluster}'
(
    batch         String,
    table         LowCardinality(String),
    rows          UInt64,
    committed_at  DateTime64(3, 'UTC'),
    _version      UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
ORDER BY batch
TTL toDateTime(committed_at) + INTERVAL 90 DAY;

CREATE TABLE IF NOT EXISTS sink_commits ON CLUSTER '{cluster}' AS sink_commits_local
ENGINE = Distributed('{cluster}', currentDatabase(), sink_commits_local, cityHash64(batch));
