#!/usr/bin/env bash
# Where the time goes: perf profiles of the floor and of acrguard under the same h2load run as
# load.sh, turned into microseconds of CPU per request by component (test/load/profile.py).
#   test/load/profile.sh                     # WARMUP=30 DURATION=10 (steady state); artifacts/load/profile/
#   SKIP_BUILD=1 test/load/profile.sh        # reuse load.sh's publish in artifacts/load/
# Needs perf (linux-perf) and h2load (nghttp2-client). The runtime writes /tmp/perf-PID.map so
# that perf can name JIT-compiled methods (DOTNET_PerfMapEnabled=1; W^X off, or perf cannot read
# the code). Sampling costs the server a few percent, and other work on the machine inflates
# every figure: compare the two columns of one run with each other, not with load.sh's throughput.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
load=$root/artifacts/load
out=$load/profile
warmup=${WARMUP:-30}
duration=${DURATION:-10}
review=$root/docs/reviews/deployment-cross-account.json

for tool in perf h2load; do
  if ! command -v "$tool" >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf nghttp2-client
  fi
done

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$load/acrguard/acrguard.dll" ] || [ ! -f "$load/floor/AcrGuard.Floor.dll" ]; then
  dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release -o "$load/acrguard" -p:UseAppHost=false -v q -nologo
  dotnet publish "$root/test/AcrGuard.Floor/AcrGuard.Floor.csproj" -c Release -o "$load/floor" -p:UseAppHost=false -v q -nologo
fi
mkdir -p "$out"
dotnet "$load/acrguard/acrguard.dll" certs --out "$out/certs" --dns localhost --ip 127.0.0.1 >/dev/null

# profile NAME COMMAND...: server on CPU 0 with h2load on CPU 1; perf records the server after the warm-up.
profile() {
  local name=$1 pid h2
  shift
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 taskset -c 0 "$@" --port 18443 --metrics-port 19090 \
    --tls-cert "$out/certs/tls.crt" --tls-key "$out/certs/tls.key" >"$out/$name.log" 2>&1 &
  pid=$!
  until taskset -c 1 curl -fs -o /dev/null http://127.0.0.1:19090/readyz; do sleep 0.05; done
  taskset -c 1 h2load -c 16 -m 1 -D "$duration" --warm-up-time "$warmup" -d "$review" \
    -H 'content-type: application/json' https://127.0.0.1:18443/validate >"$out/$name.h2load" 2>&1 &
  h2=$!
  sleep "$warmup"
  perf record -q -F 999 -g -p "$pid" -o "$out/$name.data" -- sleep "$duration" 2>/dev/null
  wait "$h2"
  kill -TERM "$pid"
  wait "$pid" || true
  perf script -i "$out/$name.data" -F comm,ip,sym >"$out/$name.script" 2>/dev/null
  # Requests answered while perf recorded (h2load's measured window is the same length).
  awk '/^requests:/ { print $2 }' "$out/$name.h2load" >"$out/$name.requests"
  grep -E '^finished in' "$out/$name.h2load" | sed "s/^/$name: /" >&2
}

profile floor dotnet "$load/floor/AcrGuard.Floor.dll"
profile acrguard dotnet "$load/acrguard/acrguard.dll" serve
python3 "$root/test/load/profile.py" "$out/floor.script" "$(cat "$out/floor.requests")" \
  "$out/acrguard.script" "$(cat "$out/acrguard.requests")" | tee "$out/profile.txt"
