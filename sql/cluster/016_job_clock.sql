-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.

CREATE TABLE IF NOT EXISTS job_clock_local ON CLUSTER '{cluster}'
(
    job         String,
    clock       DateTime64(3, 'UTC'),
    written_at  DateTime64(3, 'UTC'),
    _version    UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)
ORDER BY job;

CREATE TABLE IF NOT EXISTS job_clock ON CLUSTER '{cluster}' AS job_clock_local
ENGINE = Distributed('{cluster}', currentDatabase(), job_clock_local, cityHash64(job));

CREATE OR REPLACE VIEW kpi_clock ON CLUSTER '{cluster}' AS
SELECT newest_clock AS clock, last_written_at AS written_at
FROM
(
    SELECT argMax(clock, written_at) AS newest_clock, max(written_at) AS last_written_at
    FROM job_clock FINAL
    HAVING count() > 0
);
