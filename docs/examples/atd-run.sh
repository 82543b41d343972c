#!/bin/sh
# Runs one pipeline of the atd-pipelines image for cron (see crontab beside this file):
#   atd-run.sh ENV_FILE MEMORY PIPELINE [OPTION ...]
# ENV_FILE holds the variables, one NAME=value a line, readable by cron's user only; MEMORY is the
# container's limit (the heap is 75% of it). Every attempt carries the same --runId, on every log
# line and in the run report. Exit codes 1 (unexpected: a connection, a server) and 4 (some
# records not written, the others were) are retried, a rerun being idempotent; 2 (configuration)
# and 3 (the data is wrong or a safety rail refused it) are not: they would fail the same way.
# The script exits with the pipeline's last code, so `&&` chains a step only after a success.
set -u
env_file=$1
memory=$2
shift 2
pipeline=$1
run_id="cron-$pipeline-$(date -u +%Y%m%dT%H%M%SZ)"
attempts=${ATD_ATTEMPTS:-3}
attempt=1
while :; do
  docker run --rm --memory="$memory" --env-file="$env_file" --env=ATD_LOG_FORMAT=json \
    "${ATD_IMAGE:-atd-pipelines:latest}" "$@" --runId="$run_id"
  code=$?
  case $code in
    0) exit 0 ;;
    2 | 3)
      echo "atd-run: $pipeline ($run_id) exited with $code: not retried; fix the configuration or the data" >&2
      exit "$code" ;;
  esac
  if [ "$attempt" -ge "$attempts" ]; then
    echo "atd-run: $pipeline ($run_id) exited with $code after $attempt attempts" >&2
    exit "$code"
  fi
  attempt=$((attempt + 1))
  sleep "${ATD_RETRY_DELAY_SECONDS:-600}"
done
