#!/usr/bin/env bash
# AcrGuard's webhook under load, measured against the floor (test/AcrGuard.Floor: the same Kestrel,
# TLS and HTTP/2 settings, answering "allowed" after only parsing the review).
#   test/load/load.sh
# Knobs (environment): DURATION seconds measured per run (15), WARMUP seconds before it (30:
# on one saturated core the runtime's background tier-up takes about 20 s to finish compiling
# acrguard's hot code, and a webhook runs for days; WARMUP=3 measures those first seconds),
# ROUNDS of floor-then-acrguard runs (3), CONNECTIONS (16), STREAMS concurrent per connection (1),
# SERVER_CPU (0) and CLIENT_CPU (1): see the pinning below. NATIVE=1 adds a third target, the
# native acrguard (Native AOT, `dotnet publish -r`), run side by side with the JIT build; with
# NATIVE_BIN=path/to/acrguard it uses that binary instead of publishing one.
#
# Each run starts the server afresh (so that startup-to-ready and peak RSS are per run), waits for
# /readyz, checks one answer by hand, drives POST /validate with h2load (HTTP/2 over TLS) sending
# docs/reviews/deployment-cross-account.json, reads VmHWM, and stops the server with SIGTERM.
# Floor and AcrGuard alternate, so that a slow spell of the machine hits both alike. The table
# gives per target the median over rounds; the checks compare AcrGuard with the floor:
# throughput >= 0.8x, p99 latency <= 1.5x, peak RSS <= 1.3x, ready within 1 s, every answer 2xx.
# Exit 0 when every check passes, 1 when one fails. Results: artifacts/load/results.txt.
#
# Pinning: on a 2-core machine the server gets CPU 0 and h2load (single-threaded) CPU 1, so that
# the load generator never steals the server's core and both targets get the same one core;
# readiness polling and the spot check run on the client's CPU too. Other work on the machine
# still disturbs the numbers: the load average at the start is recorded with the results.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${LOAD_OUT:-$root/artifacts/load}
duration=${DURATION:-15}
warmup=${WARMUP:-30}
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-16}
streams=${STREAMS:-1}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
native=${NATIVE:-0}
native_bin=${NATIVE_BIN:-}
[ -z "$native_bin" ] || native=1
review=$root/docs/reviews/deployment-cross-account.json
uid=$(sed -n 's/.*"uid": *"\([^"]*\)".*/\1/p' "$review" | head -n 1)

if ! command -v h2load >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client
fi

on_client() { taskset -c "$client_cpu" "$@"; }

server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

# Framework-dependent and run with `dotnet X.dll`, as deploy/Dockerfile publishes and starts acrguard.
mkdir -p "$out"
rm -rf "$out/acrguard" "$out/floor" "$out/certs" "$out/runs"
mkdir -p "$out/runs"
dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release -o "$out/acrguard" -p:UseAppHost=false -v q -nologo
dotnet publish "$root/test/AcrGuard.Floor/AcrGuard.Floor.csproj" -c Release -o "$out/floor" -p:UseAppHost=false -v q -nologo
if [ "$native" = 1 ] && [ -z "$native_bin" ]; then
  case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; esac
  dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release -r "$rid" -o "$out/native" -v q -nologo
  native_bin=$out/native/acrguard
fi
# One certificate for both, so that both handshakes cost the same.
dotnet "$out/acrguard/acrguard.dll" certs --out "$out/certs" --dns localhost --ip 127.0.0.1 >/dev/null

# Nearest-rank percentiles of the per-request durations (microseconds, third column of h2load's
# log, which holds only the measured requests, not the warm-up), printed in milliseconds.
percentiles() {
  cut -f3 "$1" | sort -n | awk '
    { d[NR] = $1 }
    function at(p,  i) { i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; return d[i] / 1000 }
    END { if (NR == 0) print "nan nan nan"; else printf "%.3f %.3f %.3f\n", at(0.50), at(0.90), at(0.99) }'
}

# One run: start, wait for ready, check, load, measure, stop. Appends a line to runs.tsv.
run() {
  local name=$1 round=$2 port metrics_port base
  local -a command
  case "$name" in
    floor) port=18443 metrics_port=19090 command=(dotnet "$out/floor/AcrGuard.Floor.dll") ;;
    acrguard) port=28443 metrics_port=29090 command=(dotnet "$out/acrguard/acrguard.dll" serve) ;;
    native) port=38443 metrics_port=39090 command=("$native_bin" serve) ;;
  esac
  base=$out/runs/$name-$round
  if on_client curl -fs -o /dev/null "http://127.0.0.1:$metrics_port/readyz"; then
    echo "load: port $metrics_port already answers: another server is running" >&2
    exit 1
  fi

  local started ready_ms
  started=$(date +%s%N)
  taskset -c "$server_cpu" "${command[@]}" --port "$port" --metrics-port "$metrics_port" \
    --tls-cert "$out/certs/tls.crt" --tls-key "$out/certs/tls.key" >"$base.log" 2>&1 &
  server_pid=$!
  until on_client curl -fs -o /dev/null "http://127.0.0.1:$metrics_port/readyz"; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ $(($(date +%s%N) - started)) -gt 30000000000 ]; then
      echo "load: $name did not become ready; its log:" >&2
      cat "$base.log" >&2
      exit 1
    fi
    sleep 0.01
  done
  ready_ms=$((($(date +%s%N) - started) / 1000000))

  # A 200 that denies would be measured as happily as one that allows: make sure it allows.
  local answer
  answer=$(on_client curl -sk --http2 "https://127.0.0.1:$port/validate" -H 'content-type: application/json' --data-binary "@$review")
  case "$answer" in
    *"\"uid\":\"$uid\""*'"allowed":true'*) ;;
    *) echo "load: $name did not allow the review: $answer" >&2; exit 1 ;;
  esac

  if ! on_client h2load -c "$connections" -m "$streams" -D "$duration" --warm-up-time "$warmup" \
    --log-file "$base.requests" -d "$review" -H 'content-type: application/json' \
    "https://127.0.0.1:$port/validate" >"$base.h2load" 2>&1; then
    echo "load: h2load failed against $name:" >&2
    cat "$base.h2load" >&2
    exit 1
  fi
  local rss_kb
  rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
  stop_server

  local rps total ok latency
  rps=$(awk '/^finished in/ { print $4 }' "$base.h2load")
  # Not 2xx: 3xx, 4xx and 5xx answers plus requests that failed, errored or timed out. (The 2xx
  # count can exceed the measured total by one: a request started in the warm-up.)
  total=$(awk '/^requests:/ { print $2 }' "$base.h2load")
  not_ok=$(awk '/^status codes:/ { n += $5 + $7 + $9 } /^requests:/ { n += $10 + $12 + $14 } END { print n + 0 }' "$base.h2load")
  ok=$((total - not_ok))
  latency=$(percentiles "$base.requests")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$rps" "$latency" "$rss_kb" "$ready_ms" "$((total - ok))" "$total" |
    tr ' ' '\t' >>"$out/runs.tsv"
  printf 'load: %s round %s: %s req/s, p50/p90/p99 %s ms, peak RSS %s kB, ready in %s ms, %s of %s not 2xx\n' \
    "$name" "$round" "$rps" "$latency" "$rss_kb" "$ready_ms" "$((total - ok))" "$total" >&2
}

load_average=$(cut -d' ' -f1-3 /proc/loadavg)
printf 'name\tround\trps\tp50_ms\tp90_ms\tp99_ms\trss_kb\tready_ms\tnot_2xx\trequests\n' >"$out/runs.tsv"
for round in $(seq 1 "$rounds"); do
  run floor "$round"
  run acrguard "$round"
  [ "$native" = 0 ] || run native "$round"
done
targets=(floor acrguard)
[ "$native" = 0 ] || targets+=(native)

# column name -> median over the rounds of that target
median() {
  awk -F'\t' -v n="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } $1 == n { print $col[c] }' "$out/runs.tsv" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
sum() {
  awk -F'\t' -v n="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } $1 == n { s += $col[c] } END { print s + 0 }' "$out/runs.tsv"
}
# verdict VALUE OP LIMIT -> PASS or FAIL (awk for the floating point)
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = op == ">=" ? v >= l : v <= l; print ok ? "PASS" : "FAIL" }'; }
# Unrounded, so that a verdict is not decided by the rounding of what is shown.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : 0) }'; }

{
  echo "AcrGuard against the floor: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD)"
  echo "h2load $(h2load --version | awk '{ print $2 }'): HTTP/2 over TLS, $connections connections x $streams streams," \
    "${warmup}s warm-up + ${duration}s measured, $rounds rounds; server on CPU $server_cpu, h2load on CPU $client_cpu;" \
    "$(nproc) CPUs, load average at start $load_average"
  echo
  printf '%-9s %12s %10s %10s %12s %10s %9s\n' target 'req/s' 'p50 ms' 'p99 ms' 'peak RSS MiB' 'ready ms' 'not 2xx'
  for name in "${targets[@]}"; do
    printf '%-9s %12.0f %10.3f %10.3f %12.1f %10.0f %9d\n' "$name" "$(median "$name" rps)" "$(median "$name" p50_ms)" \
      "$(median "$name" p99_ms)" "$(awk -v k="$(median "$name" rss_kb)" 'BEGIN { print k / 1024 }')" \
      "$(median "$name" ready_ms)" "$(sum "$name" not_2xx)"
  done
  echo
  throughput=$(ratio "$(median acrguard rps)" "$(median floor rps)")
  p99=$(ratio "$(median acrguard p99_ms)" "$(median floor p99_ms)")
  rss=$(ratio "$(median acrguard rss_kb)" "$(median floor rss_kb)")
  printf '%-36s %8.3f  %s\n' 'throughput acrguard/floor >= 0.8' "$throughput" "$(verdict "$throughput" '>=' 0.8)"
  printf '%-36s %8.3f  %s\n' 'p99 latency acrguard/floor <= 1.5' "$p99" "$(verdict "$p99" '<=' 1.5)"
  printf '%-36s %8.3f  %s\n' 'peak RSS acrguard/floor <= 1.3' "$rss" "$(verdict "$rss" '<=' 1.3)"
  if [ "$native" = 1 ]; then
    # issue 15: the native build against the JIT build (acrguard), in the same run.
    throughput=$(ratio "$(median native rps)" "$(median acrguard rps)")
    rss=$(ratio "$(median native rss_kb)" "$(median acrguard rss_kb)")
    p99=$(ratio "$(median native p99_ms)" "$(median acrguard p99_ms)")
    printf '%-36s %8.3f  %s\n' 'throughput native/acrguard >= 0.9' "$throughput" "$(verdict "$throughput" '>=' 0.9)"
    printf '%-36s %8.3f\n' 'p99 latency native/acrguard' "$p99"
    printf '%-36s %8.3f  %s\n' 'peak RSS native/acrguard <= 0.7' "$rss" "$(verdict "$rss" '<=' 0.7)"
    printf '%-36s %8s  %s\n' "native ready within 100 ms" "$(median native ready_ms)" "$(verdict "$(median native ready_ms)" '<=' 100)"
  fi
  for name in "${targets[@]}"; do
    printf '%-36s %8s  %s\n' "$name ready within 1000 ms" "$(median "$name" ready_ms)" "$(verdict "$(median "$name" ready_ms)" '<=' 1000)"
    printf '%-36s %8s  %s\n' "$name answers not 2xx = 0" "$(sum "$name" not_2xx)" "$(verdict "$(sum "$name" not_2xx)" '<=' 0)"
  done
} | tee "$out/results.txt"

if grep -q ' FAIL$' "$out/results.txt"; then
  exit 1
fi
