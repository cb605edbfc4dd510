-- Real ClickHouse server only (docker/clickhouse-init.sh): the analyst role, profile, quota and
-- user of Grafana, the dashboards and analysts. The init script fills in ${PULSE_ANALYST_USER}
-- (checked to be a plain name) and ${PULSE_ANALYST_PASSWORD_SHA256} (a hex digest: the password
-- itself never enters SQL, a log or a command line). The local engine enforces the same in
-- stack/clickhouse/server.js.

-- readonly = 2: reading only, but a client may set query settings; Grafana's ClickHouse plugin
-- sets max_execution_time on every query, which readonly = 1 refuses. The limits hold whatever
-- the client sets (MAX), and readonly itself cannot be changed (CONST).
CREATE SETTINGS PROFILE OR REPLACE pulse_analyst_profile SETTINGS
    readonly = 2 CONST,
    max_execution_time = 60 MAX 300,
    max_memory_usage = 4000000000 MAX 8000000000,
    max_result_rows = 1000000 MAX 10000000,
    result_overflow_mode = 'throw',
    max_threads = 4 MAX 8;

CREATE ROLE IF NOT EXISTS pulse_analyst SETTINGS PROFILE 'pulse_analyst_profile';
REVOKE ALL ON *.* FROM pulse_analyst;
-- The views analysts query, and the result tables they read (views run with the reader's
-- rights). No grant on events, late_events, rejected_events (raw text and payloads) or on the
-- sinks' and alerts' bookkeeping.
GRANT SELECT ON pulse.kpi_first_response_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_sla_breaches TO pulse_analyst;
GRANT SELECT ON pulse.kpi_open_questions TO pulse_analyst;
GRANT SELECT ON pulse.kpi_escalation_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_resolution_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_goals TO pulse_analyst;
GRANT SELECT ON pulse.goal_actuals TO pulse_analyst;
GRANT SELECT ON pulse.kpi_ugc_weekly TO pulse_analyst;
GRANT SELECT ON pulse.kpi_activity_weekly TO pulse_analyst;
GRANT SELECT ON pulse.kpi_content_posts TO pulse_analyst;
GRANT SELECT ON pulse.kpi_next_step_weekly TO pulse_analyst;
GRANT SELECT ON pulse.kpi_retention_cohorts TO pulse_analyst;
GRANT SELECT ON pulse.kpi_proposals_monthly TO pulse_analyst;
GRANT SELECT ON pulse.kpi_engagement_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_responders_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_campaigns_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_funnel_weekly TO pulse_analyst;
GRANT SELECT ON pulse.kpi_sentiment_daily TO pulse_analyst;
GRANT SELECT ON pulse.kpi_risk_windows TO pulse_analyst;
GRANT SELECT ON pulse.kpi_clock TO pulse_analyst;
GRANT SELECT ON pulse.job_clock TO pulse_analyst;
GRANT SELECT ON pulse.fr_questions TO pulse_analyst;
GRANT SELECT ON pulse.escalation_cases TO pulse_analyst;
GRANT SELECT ON pulse.goal_periods TO pulse_analyst;
GRANT SELECT ON pulse.period_totals TO pulse_analyst;
GRANT SELECT ON pulse.kpi_events TO pulse_analyst;
GRANT SELECT ON pulse.funnel_entries TO pulse_analyst;
GRANT SELECT ON pulse.risk_windows TO pulse_analyst;
GRANT SELECT ON pulse.engagement_daily TO pulse_analyst;
GRANT SELECT ON pulse.sentiment_daily TO pulse_analyst;
GRANT SELECT ON pulse.activity_weekly TO pulse_analyst;
GRANT SELECT ON pulse.ugc_weekly TO pulse_analyst;
GRANT SELECT ON pulse.proposals_monthly TO pulse_analyst;
GRANT SELECT ON pulse.campaigns_daily TO pulse_analyst;
GRANT SELECT ON pulse.retention_cohorts TO pulse_analyst;
GRANT SELECT ON pulse.content_posts TO pulse_analyst;

CREATE QUOTA OR REPLACE pulse_analyst_quota
    FOR INTERVAL 1 hour MAX queries = 20000, errors = 2000, result_rows = 200000000, read_rows = 50000000000, execution_time = 7200
    TO pulse_analyst;

CREATE USER IF NOT EXISTS ${PULSE_ANALYST_USER};
ALTER USER ${PULSE_ANALYST_USER} IDENTIFIED WITH sha256_hash BY '${PULSE_ANALYST_PASSWORD_SHA256}' SETTINGS PROFILE 'pulse_analyst_profile';
GRANT pulse_analyst TO ${PULSE_ANALYST_USER};
SET DEFAULT ROLE pulse_analyst TO ${PULSE_ANALYST_USER};
