#!/usr/bin/env bash
# Graceful stop under load: SIGTERM to `acrguard serve` after AFTER seconds of reviews, as in a
# rollout: serve runs with --shutdown-delay DELAY (as deploy/ does, 5 s there), and the driver
# follows /readyz as kube-apiserver follows the endpoints, sending nothing new once it fails.
# PASS: every request sent was answered (a refused connection after the server stopped
# listening is not a loss: nothing was accepted), serve exits 0, and within GRACE seconds.
# RUNS repeats the whole stop, for a rare race; a failing run's driver output is kept as
# driver-N.log. DELAY=0 shows what the delay is for: connections the driver opens while the
# server stops are closed by it before any stream is processed (HTTP/2 GOAWAY, last stream 0),
# and .NET's client fails their requests.
#   RUNS=1 AFTER=8 GRACE=30 CONCURRENCY=64 DELAY=2 test/load/shutdown.sh
LOAD_NAME=shutdown
source "$(dirname "$0")/lib.sh"
grace=${GRACE:-30}
runs=${RUNS:-1}
delay=${DELAY:-2}

# stop_once N: one server, one driver, one SIGTERM; returns 0 if that stop lost nothing.
stop_once() {
  local status=0 pid started sigterm serve_status=0 stopped took last drive_pid
  load_serve --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key" --shutdown-delay "$delay"
  # The driver would run for 10 minutes: the only way it ends is the server going away.
  load_drive --duration 600 --concurrency "${CONCURRENCY:-64}" --stop-on-refused \
    --follow-readiness "http://127.0.0.1:$metrics_port/readyz" > /dev/null &
  drive_pid=$!
  sleep "${AFTER:-8}"
  pid=$serve_pid
  started=$(date +%s.%N)
  sigterm=$(date -u -d "@$started" +%Y-%m-%dT%H:%M:%S.%N)
  kill -TERM "$pid"
  wait "$pid" || serve_status=$?
  stopped=$(date +%s.%N)
  serve_pid=
  wait "$drive_pid" || status=$?
  grep -v '^progress' "$work/driver.log"

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
  if ! grep -q -e '^readiness: /readyz failed' -e '^refused: .*no longer listening' "$work/driver.log"; then
    echo "the driver never saw the server go away"
    status=1
  fi
  if [ "$status" != 0 ]; then
    cp "$work/driver.log" "$work/driver-$1.log"
  fi
  return "$status"
}

load_prepare
load_certs "$work/certs"
failed=0
for n in $(seq "$runs"); do
  echo "--- stop $n of $runs"
  if ! stop_once "$n"; then
    failed=$((failed + 1))
  fi
done
echo "stops: $runs, lost something: $failed"
result "$failed" shutdown
