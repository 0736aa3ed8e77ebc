# Shared by the load scripts (sourced, not run): build, certificates, start and stop
# `acrguard serve`, run the driver. Each script sets LOAD_NAME before sourcing.
#   SKIP_BUILD=1   reuse artifacts/load/{acrguard,driver} from an earlier run
#   PORT, METRICS_PORT   default 18443 and 19090 (away from a local `acrguard serve` on 8443/9090)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
load=$root/artifacts/load
work=$load/${LOAD_NAME:?set LOAD_NAME}
acrguard=$load/acrguard/acrguard
driver=$load/driver/acrguard-load
port=${PORT:-18443}
metrics_port=${METRICS_PORT:-19090}
serve_pid=
serve_log=$work/serve.log

# Two cores: the server on one, the driver on the other, so neither measures the other's
# scheduling. Without taskset (or with fewer cores) they share. Arrays, not a function: a
# background function is a subshell, and $! must be the server itself (taskset execs it).
on_cpu0=() on_cpu1=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  on_cpu0=(taskset -c 0) on_cpu1=(taskset -c 1)
fi

load_build() {
  if [ "${SKIP_BUILD:-0}" = 1 ] && [ -x "$acrguard" ] && [ -x "$driver" ]; then
    return
  fi
  dotnet publish "$root/src/AcrGuard" -c Release -o "$load/acrguard" -v q
  dotnet publish "$root/test/load/AcrGuard.LoadDriver" -c Release -o "$load/driver" -v q
}

load_prepare() {
  rm -rf "$work" && mkdir -p "$work"
  load_build
}

# load_certs DIR: a CA and a serving certificate for localhost / 127.0.0.1, as PEM files.
load_certs() {
  "$acrguard" certs --out "$1" --dns localhost --ip 127.0.0.1 >/dev/null
}

# The SHA-1 thumbprint of a PEM certificate, as .NET prints it (upper-case hex, no colons).
thumbprint() {
  openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr 'a-f' 'A-F'
}

# load_serve ARGS...: starts serve on CPU 0 and waits for /readyz. One log line per review
# would make a million-review log; those are dropped, everything else is kept in serve.log.
load_serve() {
  "${on_cpu0[@]}" "$acrguard" serve --port "$port" --metrics-port "$metrics_port" "$@" \
    > >(grep --line-buffered -v '"Category":"AcrGuard.Webhook.Hosting.ReviewHandler"' > "$serve_log") 2>&1 &
  serve_pid=$!
  for _ in $(seq 150); do
    if curl -sf "http://127.0.0.1:$metrics_port/readyz" >/dev/null; then
      echo "serve: pid $serve_pid ready on https://127.0.0.1:$port"
      return
    fi
    if ! kill -0 "$serve_pid" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "serve: not ready; its log:" >&2
  cat "$serve_log" >&2
  return 1
}

# load_drive ARGS...: the driver on CPU 1 against the server; its output is also kept in driver.log.
load_drive() {
  "${on_cpu1[@]}" "$driver" --url "https://127.0.0.1:$port" "$@" | tee "$work/driver.log"
  return "${PIPESTATUS[0]}"
}

# load_stop: SIGTERM, then wait; returns serve's exit status.
load_stop() {
  if [ -z "$serve_pid" ]; then
    return 0
  fi
  local status=0
  kill -TERM "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" || status=$?
  serve_pid=
  return "$status"
}

# A failed step must not leave a server behind holding the ports.
load_cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
}
trap load_cleanup EXIT

# result OK NAME: prints PASS or FAIL and exits accordingly.
result() {
  if [ "$1" = 0 ]; then
    echo "$2: PASS"
    exit 0
  fi
  echo "$2: FAIL"
  exit 1
}
