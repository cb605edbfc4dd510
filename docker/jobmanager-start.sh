#!/usr/bin/env bash
# The JobManager of docker-compose (application mode). A JobManager without high availability
# forgets its job when it restarts (crash, OOM, host reboot, `docker compose up -d`); this start
# resumes the job from the newest savepoint or retained checkpoint on the data volume, so that a
# restart never begins with empty state (docs/reliability.md, "Restarts"). The job itself refuses
# to start with empty state on a database that holds results (PULSE_START=resume-or-refuse).
# The settings are the image's conf/config.yaml (docker/job.Dockerfile); the restore point is
# given on the command line, as the Flink image's standalone-job takes it.
set -euo pipefail

data=${PULSE_FLINK_DATA:-/data/pulse}
entrypoint=${PULSE_FLINK_ENTRYPOINT:-/docker-entrypoint.sh}

newest=""
newest_time=0
for metadata in "$data"/checkpoints/*/chk-*/_metadata "$data"/savepoints/savepoint-*/_metadata; do
  [ -f "$metadata" ] || continue
  completed=$(stat -c %Y "$metadata")
  if [ -z "$newest" ] || [ "$completed" -gt "$newest_time" ]; then
    newest=$(dirname "$metadata")
    newest_time=$completed
  fi
done

args=(standalone-job --job-classname io.smmpulse.pipeline.StreamingJob)
if [ -n "$newest" ]; then
  echo "smm-pulse: resuming the job from $newest"
  # the job owns its retained checkpoints: it may build on them and discard them
  args+=(--fromSavepoint "file://$newest" -D execution.state-recovery.claim-mode=CLAIM)
else
  echo "smm-pulse: no savepoint or retained checkpoint under $data: the job starts with empty state"
fi
export PULSE_START=${PULSE_START:-resume-or-refuse}
exec "$entrypoint" "${args[@]}"
