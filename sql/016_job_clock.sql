-- The job's clock (docs/alerts.md): the instant up to which every partition of the events topic has
-- been read (the alert clock) while the streaming job runs, the replay clock after a replay. The views
-- that depend on "now" (kpi_open_questions) read it through kpi_clock, never the wall clock.
CREATE TABLE IF NOT EXISTS job_clock
(
    job         String,
    clock       DateTime64(3, 'UTC'),
    written_at  DateTime64(3, 'UTC'),
    _version    UInt64
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY job;

-- The clock the views use: that of the job that wrote last (a replay into the database of a running
-- job is read at its replay clock until the job writes again, about every two seconds).
CREATE OR REPLACE VIEW kpi_clock AS
SELECT newest_clock AS clock, last_written_at AS written_at
FROM
(
    SELECT argMax(clock, written_at) AS newest_clock, max(written_at) AS last_written_at
    FROM job_clock FINAL
    HAVING count() > 0
);
