#!/usr/bin/env bash
# Graceful stop under load: SIGTERM to `acrguard serve` after AFTER seconds of reviews.
# PASS: every request the server accepted was answered (a refused connection after it stopped
# listening is not a loss: nothing was accepted), serve exits 0, and within GRACE seconds.
#   AFTER=8 GRACE=30 CONCURRENCY=64 test/load/shutdown.sh
LOAD_NAME=shutdown
source "$(dirname "$0")/lib.sh"
grace=${GRACE:-30}

load_prepare
load_certs "$work/certs"
load_serve --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key"

# The driver would run for 10 minutes: the only way it ends is the server going away.
load_drive --duration 600 --concurrency "${CONCURRENCY:-64}" --stop-on-refused > /dev/null &
drive_pid=$!
sleep "${AFTER:-8}"
pid=$serve_pid
started=$(date +%s.%N)
sigterm=$(date -u -d "@$started" +%Y-%m-%dT%H:%M:%S.%N)
kill -TERM "$pid"
serve_status=0
wait "$pid" || serve_status=$?
stopped=$(date +%s.%N)
serve_pid=
status=0
wait "$drive_pid" || status=$?
cat "$work/driver.log"

took=$(echo "$stopped - $started" | bc)
echo "serve: exit $serve_status, $took s from SIGTERM to exit (grace $grace s)"
echo "timeline: SIGTERM at ${sigterm}Z"
last=$(sed -n 's/^timeline: last answer at \([^,]*\),.*/\1/p' "$work/driver.log")
if [ -n "$last" ]; then
  echo "drain: answers kept arriving until $(echo "($(date -d "$last" +%s.%N) - $started) * 1000 / 1" | bc) ms after SIGTERM"
fi
if [ "$serve_status" != 0 ] || [ "$(echo "$took > $grace" | bc)" = 1 ]; then
  status=1
fi
# A driver that stopped for any reason but the server going away did not test the stop.
if ! grep -q '^refused: .*no longer listening' "$work/driver.log"; then
  echo "the driver never saw the server go away"
  status=1
fi
result "$status" shutdown
