#!/bin/bash
# Applies the numbered files of sql/ to the pulse database, the same files the local stack applies,
# then sql/server/ (the analyst's role, profile, quota and user).
# Secrets never go on a command line (ps) or into SQL: the client reads the admin password from a
# config file only this script can read, and the analyst's password enters SQL as its SHA-256 digest.
set -euo pipefail
SQL_DIR=${PULSE_SQL_DIR:-/opt/smm-pulse/sql}
CLIENT=${CLICKHOUSE_CLIENT:-clickhouse}

user=${CLICKHOUSE_USER:-default}
analyst=${PULSE_ANALYST_USER:-analyst}
database=${CLICKHOUSE_DB:-pulse}
name='^[A-Za-z_][A-Za-z0-9_]*$'
[[ $analyst =~ $name ]] || { echo "smm-pulse: PULSE_ANALYST_USER must be a plain name (letters, digits, _)" >&2; exit 2; }
[[ $database =~ $name ]] || { echo "smm-pulse: CLICKHOUSE_DB must be a plain name (letters, digits, _)" >&2; exit 2; }
[[ $user =~ $name ]] || { echo "smm-pulse: CLICKHOUSE_USER must be a plain name (letters, digits, _)" >&2; exit 2; }
[ -n "${PULSE_ANALYST_PASSWORD:-}" ] || { echo "smm-pulse: PULSE_ANALYST_PASSWORD is not set" >&2; exit 2; }

xml_escape() {
  local s=$1
  # quoted replacements: bash 5.2 would otherwise put the matched text in place of each &
  s=${s//&/'&amp;'}; s=${s//</'&lt;'}; s=${s//>/'&gt;'}; s=${s//\"/'&quot;'}; s=${s//\'/'&apos;'}
  printf '%s' "$s"
}
umask 077
config=$(mktemp -d)/client.xml
trap 'rm -rf "$(dirname "$config")"' EXIT
printf '<config><user>%s</user><password>%s</password></config>\n' "$user" "$(xml_escape "${CLICKHOUSE_PASSWORD:-}")" >"$config"
analyst_sha256=$(printf '%s' "$PULSE_ANALYST_PASSWORD" | sha256sum | cut -d' ' -f1)

for file in "$SQL_DIR"/[0-9]*_*.sql; do
  echo "smm-pulse: applying $(basename "$file")"
  "$CLIENT" client --config-file "$config" --database "$database" --multiquery <"$file"
done
for file in "$SQL_DIR"/server/[0-9]*_*.sql; do
  echo "smm-pulse: applying server/$(basename "$file")"
  sql=$(<"$file")
  sql=${sql//'${PULSE_ANALYST_USER}'/"$analyst"}
  sql=${sql//'${PULSE_ANALYST_PASSWORD_SHA256}'/"$analyst_sha256"}
  sql=${sql//pulse./"$database."}
  printf '%s\n' "$sql" | "$CLIENT" client --config-file "$config" --multiquery
done
