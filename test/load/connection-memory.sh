#!/usr/bin/env bash
# What one connection costs `acrguard serve`, which sizes its connection limit
# (ServerLimits.BytesPerConnection, docs/reliability.md "Memory per connection").
#   test/load/connection-memory.sh
# For each kind of connection and each count in COUNTS, a fresh serve (published as the image is,
# DOTNET_GCHeapHardLimit as flood.sh sets it, no connection limit in the way) gets one review to
# warm up, then the connections; its RSS is read once they are all open (idle kinds) or its peak
# (VmHWM) at the end (the flood). The cost per connection is the slope of RSS over the count
# (least squares), so the runtime's own memory drops out. Kinds:
#   idle-http1  TLS, one review, then idle (hold.py)
#   idle-h2     TLS, HTTP/2 preface and SETTINGS, then idle (hold.py): kube-apiserver's pooled connections
#   flood-h2    8 streams each announcing a 6.5 MiB body and sending what the windows allow,
#               again after each 429 (h2load): every connection window full, the most a client
#               can make Kestrel buffer outside the request budget
# and last, once, the flood at the largest count against serve's own limits (capped-h2): what the
# connection limit sized from these figures holds it to.
# Knobs: COUNTS ("50 200 400"), HOLD seconds idle connections are held (5), DURATION of the flood
# (10), HEAP_PERCENT (75), SKIP_BUILD=1. Output in artifacts/load/connection-memory/.
LOAD_NAME=connection-memory
PORT=${PORT:-$((20000 + RANDOM % 20000))}
METRICS_PORT=${METRICS_PORT:-$((PORT + 1))}
source "$(dirname "$0")/lib.sh"

counts=${COUNTS:-50 200 400}
hold=${HOLD:-5}
duration=${DURATION:-10}
heap_percent=${HEAP_PERCENT:-75}
image=$load/image

rm -rf "$work" && mkdir -p "$work"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$image/acrguard.dll" ]; then
  dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release --no-self-contained -p:UseAppHost=false -o "$image" -v q -nologo
fi
dotnet "$image/acrguard.dll" certs --out "$work/certs" --dns localhost --ip 127.0.0.1 >/dev/null
limit=$(awk '/limits:/ { inside = 1; next } inside && /memory:/ { print $2; exit }' "$root/deploy/base/deployment.yaml")
heap_bytes=$((${limit%Mi} * 1024 * 1024 * heap_percent / 100))
review=$root/docs/reviews/deployment-cross-account.json
python3 - "$work/large.json" <<'PY'
import json, sys
body = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "m", "kind": {"group": "", "version": "v1", "kind": "Pod"},
        "resource": {"group": "", "version": "v1", "resource": "pods"}, "operation": "CREATE", "userInfo": {"username": "m"},
        "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "m", "annotations": {"x": "x" * 6800000}}}}}
open(sys.argv[1], "w").write(json.dumps(body))
PY

rss_kib() { awk -v f="$1" '$1 == f ":" { print $2 }' "/proc/$serve_pid/status"; }

# measure KIND N: prints "KIND N RSS_KIB".
measure() {
  local kind=$1 n=$2 rss limits=(--max-connections 100000 --client-share 100)
  if [ "$kind" = capped-h2 ]; then
    limits=()
  fi
  DOTNET_GCHeapHardLimit=$(printf '0x%x' "$heap_bytes") dotnet "$image/acrguard.dll" serve --port "$port" --metrics-port "$metrics_port" \
    --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key" "${limits[@]}" >"$serve_log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$metrics_port/readyz" >/dev/null && break; sleep 0.2; done
  curl -sk "https://127.0.0.1:$port/validate" -H 'content-type: application/json' --data-binary "@$review" >/dev/null
  sleep 1
  case "$kind" in
    idle-*)
      if [ "$n" -gt 0 ]; then
        python3 "$root/test/load/hold.py" "$port" "$review" --connections "$n" --protocol "${kind#idle-}" --duration "$hold" >"$work/hold.txt" &
        local holder=$!
        for _ in $(seq 600); do grep -q '^open' "$work/hold.txt" 2>/dev/null && break; sleep 0.1; done
        sleep 2
        rss=$(rss_kib VmRSS)
        grep -q "^open $n\$" "$work/hold.txt" || { echo "connection-memory: $(cat "$work/hold.txt")" >&2; rss=; }
        wait "$holder" || true
      else
        sleep 2
        rss=$(rss_kib VmRSS)
      fi
      ;;
    flood-h2 | capped-h2)
      if [ "$n" -gt 0 ]; then
        h2load -c "$n" -m 8 -D "$duration" -d "$work/large.json" -H 'content-type: application/json' "https://127.0.0.1:$port/validate" >"$work/h2load-$n.txt" 2>&1 || true
      fi
      rss=$(rss_kib VmHWM)
      if grep -q 'OutOfMemoryException' "$serve_log" || ! kill -0 "$serve_pid" 2>/dev/null; then
        echo "connection-memory: $kind $n: serve ran out of memory (serve-$kind-$n.log)" >&2
        rss=
      fi
      cp "$serve_log" "$work/serve-$kind-$n.log"
      ;;
  esac
  load_stop || true
  echo "$kind $n ${rss:-?}"
}

{
  echo "connection-memory: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), DOTNET_GCHeapHardLimit $heap_bytes"
  for kind in idle-http1 idle-h2 flood-h2; do
    for n in 0 $counts; do
      measure "$kind" "$n"
    done
  done
  measure capped-h2 "${counts##* }"
} | tee "$work/samples.txt"

# Least-squares slope of RSS over the count, per kind, in KiB per connection.
awk '$3 ~ /^[0-9]+$/ && $1 != "capped-h2" { n[$1]++; sx[$1] += $2; sy[$1] += $3; sxx[$1] += $2 * $2; sxy[$1] += $2 * $3 }
     END { for (k in n) { d = n[k] * sxx[k] - sx[k] * sx[k]; if (d > 0) printf "%-10s %.1f KiB per connection (%d samples)\n", k, (n[k] * sxy[k] - sx[k] * sy[k]) / d, n[k] } }' \
  "$work/samples.txt" | sort | tee "$work/results.txt"
