-- Real ClickHouse server only (docker/clickhouse-init.sh): the read-only role and user that
-- analysts, Grafana and the dashboards use. The local chdb engine enforces the same through
-- stack/clickhouse/server.js --readonly-user. ${PULSE_ANALYST_*} are filled in by the init script.
CREATE ROLE IF NOT EXISTS pulse_analyst;
GRANT SELECT ON pulse.* TO pulse_analyst;
CREATE USER IF NOT EXISTS ${PULSE_ANALYST_USER} IDENTIFIED WITH sha256_password BY '${PULSE_ANALYST_PASSWORD}' SETTINGS readonly = 1;
GRANT pulse_analyst TO ${PULSE_ANALYST_USER};
SET DEFAULT ROLE pulse_analyst TO ${PULSE_ANALYST_USER};
