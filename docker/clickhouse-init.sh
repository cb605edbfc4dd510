#!/bin/bash
# Applies the numbered files of sql/ to the pulse database, the same files the local stack applies.
set -euo pipefail
for file in /opt/smm-pulse/sql/[0-9]*_*.sql; do
  echo "smm-pulse: applying $(basename "$file")"
  clickhouse client --user "${CLICKHOUSE_USER}" --password "${CLICKHOUSE_PASSWORD}" --database "${CLICKHOUSE_DB:-pulse}" --multiquery < "$file"
done
for file in /opt/smm-pulse/sql/server/[0-9]*_*.sql; do
  echo "smm-pulse: applying server/$(basename "$file")"
  sed -e "s/\${PULSE_ANALYST_USER}/${PULSE_ANALYST_USER}/g" -e "s/\${PULSE_ANALYST_PASSWORD}/${PULSE_ANALYST_PASSWORD}/g" "$file" \
    | clickhouse client --user "${CLICKHOUSE_USER}" --password "${CLICKHOUSE_PASSWORD}" --multiquery
done
