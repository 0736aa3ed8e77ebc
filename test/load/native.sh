#!/usr/bin/env bash
# The native acrguard (Native AOT) against the JIT build, side by side in one run (issue 15,
# docs/performance.md "Native against JIT"): ready to serve, `check` of one file, `check` of a
# 16,000-object stream. Throughput, p99 and peak RSS under load: NATIVE=1 test/load/load.sh.
#   test/load/native.sh
# Knobs: RUNS (10) per measurement and build, NATIVE_BIN / JIT_DIR to reuse builds (default:
# publish both into artifacts/native/), SERVER_CPU (0) for the measured process.
# Results: artifacts/native/results.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${NATIVE_OUT:-$root/artifacts/native}
runs=${RUNS:-10}
cpu=${SERVER_CPU:-0}
mkdir -p "$out"

for tool in hyperfine curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"; }
done
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "no native build for $(uname -m)"; exit 1 ;; esac

native=${NATIVE_BIN:-}
if [ -z "$native" ]; then
  dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release -r "$rid" -o "$out/native" -v q -nologo
  native=$out/native/acrguard
fi
jit_dir=${JIT_DIR:-}
if [ -z "$jit_dir" ]; then
  # As the image published it before: framework-dependent, ReadyToRun.
  dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release -o "$out/jit" -p:UseAppHost=false -v q -nologo
  jit_dir=$out/jit
fi
jit=(dotnet "$jit_dir/acrguard.dll")

one=$root/docs/examples/good/cross-account.yaml
stream=$out/stream.yaml
python3 -c "
t = open('$root/test/AcrGuard.Core.Tests/assets/seed/3-cross-account-deployment-good.yaml').read()
open('$stream', 'w').write(''.join('---\n' + t.replace('name: ', f'name: n{i}-') for i in range(16000)))"

"$native" certs --out "$out/certs" --dns localhost --ip 127.0.0.1 >/dev/null

server_pid=
stop() { if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; fi; }
trap stop EXIT

# ms from exec to the first 200 of /readyz, polled every 2 ms from another CPU.
ready_ms() {
  local port=$((20000 + RANDOM % 20000)) started
  started=$(date +%s%N)
  taskset -c "$cpu" "$@" serve --port "$port" --metrics-port "$((port + 1))" \
    --tls-cert "$out/certs/tls.crt" --tls-key "$out/certs/tls.key" >"$out/serve.log" 2>&1 &
  server_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$((port + 1))/readyz"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$out/serve.log"; exit 1; }
    sleep 0.002
  done
  echo $((($(date +%s%N) - started) / 1000000))
  stop
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

{
  echo "native against JIT: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "native: $native ($(du -h "$native" | cut -f1)); JIT: ${jit[*]} (ReadyToRun)"
  native_ready=() jit_ready=()
  for _ in $(seq 1 "$runs"); do # alternated, so that a slow spell hits both
    native_ready+=("$(ready_ms "$native")")
    jit_ready+=("$(ready_ms "${jit[@]}")")
  done
  echo "ready to serve, ms (median of $runs; all): native $(printf '%s\n' "${native_ready[@]}" | median) (${native_ready[*]}); JIT $(printf '%s\n' "${jit_ready[@]}" | median) (${jit_ready[*]})"
  echo
  hyperfine -N --warmup 2 --runs "$runs" -i --export-markdown "$out/check-one.md" \
    -n native "taskset -c $cpu $native check $one" -n jit "taskset -c $cpu ${jit[*]} check $one" 2>&1
  echo
  hyperfine -N --runs 3 -i --export-markdown "$out/check-stream.md" \
    -n native "taskset -c $cpu $native check $stream" -n jit "taskset -c $cpu ${jit[*]} check $stream" 2>&1
  echo "(16,000 objects per run: objects/s = 16000 / mean)"
} | tee "$out/results.txt"
