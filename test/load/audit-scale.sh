#!/usr/bin/env bash
# acrguard audit at scale, run by hand (docs/performance.md#acrguard-audit): the fake
# kube-apiserver (test/AcrGuard.FakeKubeApi) serves a generated cluster on 127.0.0.1, and a
# published acrguard audits it through a kubeconfig, as in a cluster. Two sizes: 10,000 Pods, and
# 100,000 Pods with 10,000 Deployments. For each: wall time, acrguard's CPU time and peak RSS
# (GNU time), the fake server's CPU time (/proc/PID/stat) and its time inside its handler
# (GET /fake/stats), so the API server's share of the run is told apart from AcrGuard's. On a
# shared machine wall time includes waiting for a core; CPU time does not.
#   SKIP_BUILD=1   reuse artifacts/audit-scale/{acrguard,fake} from an earlier run
#   RUNS=3         audits per size (the figures are the median run by wall time)
#   PAGE_SIZE=500  --page-size
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/artifacts/audit-scale
runs=${RUNS:-3}
page_size=${PAGE_SIZE:-500}
command -v curl >/dev/null || { echo "audit-scale.sh needs curl (apt-get install curl)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "audit-scale.sh needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$out"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -x "$out/acrguard/acrguard" ]; then
  dotnet publish "$root/src/AcrGuard" -c Release -o "$out/acrguard" -v q
  dotnet publish "$root/test/AcrGuard.FakeKubeApi" -c Release -o "$out/fake" -v q
fi

fake_pid=
stop_fake() { if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fake_pid=; fi; }
trap stop_fake EXIT

# measure LABEL PODS DEPLOYMENTS
measure() {
  local label=$1 pods=$2 deployments=$3 kubeconfig=$out/kubeconfig-$1
  "$out/fake/AcrGuard.FakeKubeApi" --port 0 --pods "$pods" --deployments "$deployments" --kubeconfig "$kubeconfig" >"$out/fake-$label.log" 2>&1 &
  fake_pid=$!
  for _ in $(seq 1 600); do grep -q '^serving' "$out/fake-$label.log" 2>/dev/null && break; sleep 0.2; done
  local url
  url=$(sed -n 's/.* at \(http:[^;]*\);.*/\1/p' "$out/fake-$label.log")
  [ -n "$url" ] || { echo "the fake server did not start: $(cat "$out/fake-$label.log")" >&2; exit 1; }
  for run in $(seq 1 "$runs"); do
    local before after cpu_before cpu_after
    before=$(curl -s "${url}fake/stats")
    cpu_before=$(awk '{print $14 + $15}' "/proc/$fake_pid/stat")
    /usr/bin/time -f '%e %U %S %M' -o "$out/time-$label-$run" \
      "$out/acrguard/acrguard" audit --kubeconfig "$kubeconfig" --page-size "$page_size" --output json >"$out/audit-$label.json" 2>"$out/audit-$label.err" || [ $? -eq 1 ]
    after=$(curl -s "${url}fake/stats")
    cpu_after=$(awk '{print $14 + $15}' "/proc/$fake_pid/stat")
    python3 - "$label" "$run" "$out/time-$label-$run" "$out/audit-$label.json" "$before" "$after" "$(( cpu_after - cpu_before ))" "$(getconf CLK_TCK)" <<'PY' | tee -a "$out/results.tsv"
import json, sys
label, run, timefile, report, before, after, server_ticks, ticks_per_second = sys.argv[1:]
server_cpu = int(server_ticks) / int(ticks_per_second)
# GNU time writes "Command exited with non-zero status 1" first when audit exits 1 (something denied).
wall, user, sys_, rss_kb = open(timefile).read().splitlines()[-1].split()
summary = json.load(open(report))["summary"]
server = json.loads(after)["servingSeconds"] - json.loads(before)["servingSeconds"]
requests = json.loads(after)["requests"] - json.loads(before)["requests"]
wall, cpu = float(wall), float(user) + float(sys_)
print(f"{label}\trun {run}\tobjects {summary['objects']}\tdenied {summary['denied']}\twall {wall:.2f}s\t"
      f"objects/s {summary['objects'] / wall:,.0f}\tacrguard cpu {cpu:.2f}s ({summary['objects'] / cpu:,.0f} objects/cpu-s)\t"
      f"server cpu {server_cpu:.2f}s, in handler {server:.2f}s ({requests} requests)\tpeak RSS {int(rss_kb) / 1024:.0f} MiB\tload {open('/proc/loadavg').read().split()[0]}")
PY
  done
  stop_fake
}

: >"$out/results.tsv"
measure pods-10k 10000 0
measure pods-100k 100000 10000
echo "results: $out/results.tsv"
