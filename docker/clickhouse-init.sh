#!/bin/bash
# Applies the numbered files of sql/ to the pulse database, the same files the local stack applies.
set -euo pipefail
for file in /opt/smm-pulse/sql/[0-9]*_*.sql; do
  echo "smm-pulse: applying $(basename "$file")"
  clickhouse client --user "${CLICKHOUSE_USER}" --password "${CLICKHOUSE_PASSWORD}" --database "${CLICKHOUSE_DB:-pulse}" --multiquery < "$file"
done
