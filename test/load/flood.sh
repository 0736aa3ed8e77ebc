#!/usr/bin/env bash
# A flood of large reviews against `acrguard serve` held to the memory deploy/ gives it, while a
# second client sends normal reviews. The webhook must keep answering the normal ones quickly,
# answer or cleanly refuse every large one, and stay inside its memory limit.
#   test/load/flood.sh
# Knobs (environment): DURATION seconds per phase (30); CONNECTIONS x STREAMS of the flood (48 x 4
# = 192 concurrent streams); BODY_BYTES of each large review (6815744: 6.5 MiB); SLOW connections
# trickling a large body in the second phase (300); CONCURRENCY of the normal client (8);
# HEAP_PERCENT of the memory limit given to DOTNET_GCHeapHardLimit (75, what .NET takes by itself
# inside a container); MAX_INFLIGHT, passed as --max-inflight-bytes (default: serve's own sizing);
# SKIP_BUILD=1 reuses artifacts/load/{image,driver}.
#
# serve is published as deploy/Dockerfile publishes it (framework-dependent, `dotnet acrguard.dll`)
# and its memory limit is read from deploy/base/deployment.yaml. Phase 1: h2load posts the large
# review on CONNECTIONS x STREAMS for DURATION seconds (HTTP/2 over TLS) while acrguard-load sends
# its mix of normal reviews. Phase 2: SLOW connections (test/load/trickle.py) each announce a large
# body and trickle it at 20 KiB/s, while acrguard-load sends again. Then: the normal reviews sent,
# failed or wrong, p50 and p99; the flood's answers by status; OutOfMemoryException and Critical
# lines in serve's log; whether serve is still alive and answering; its peak RSS (VmHWM) against
# the limit. Each check prints PASS or FAIL; exit 0 when all pass. Output in artifacts/load/flood/.
# Nothing is pinned to a CPU: the clients need both cores, and the machine is shared, so latencies
# are noisy (the load average at the start is printed).
LOAD_NAME=flood
# Ports away from the other load scripts' and from other runs on a shared machine.
PORT=${PORT:-$((20000 + RANDOM % 20000))}
METRICS_PORT=${METRICS_PORT:-$((PORT + 1))}
source "$(dirname "$0")/lib.sh"

duration=${DURATION:-30}
connections=${CONNECTIONS:-48}
streams=${STREAMS:-4}
body_bytes=${BODY_BYTES:-6815744}
slow=${SLOW:-300}
concurrency=${CONCURRENCY:-8}
heap_percent=${HEAP_PERCENT:-75}
image=$load/image

if ! command -v h2load >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client
fi
if ! command -v python3 >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3
fi

rm -rf "$work" && mkdir -p "$work"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$image/acrguard.dll" ] || [ ! -x "$driver" ]; then
  dotnet publish "$root/src/AcrGuard/AcrGuard.csproj" -c Release --no-self-contained -p:UseAppHost=false -o "$image" -v q -nologo
  dotnet publish "$root/test/load/AcrGuard.LoadDriver" -c Release -o "$load/driver" -v q -nologo
fi
dotnet "$image/acrguard.dll" certs --out "$work/certs" --dns localhost --ip 127.0.0.1 >/dev/null

# The container's memory limit, as deploy/ sets it (Ki, Mi or Gi), and the heap .NET would take in it.
limit=$(awk '/limits:/ { inside = 1; next } inside && /memory:/ { print $2; exit }' "$root/deploy/base/deployment.yaml")
case "$limit" in
  *Gi) limit_bytes=$((${limit%Gi} * 1024 * 1024 * 1024)) ;;
  *Mi) limit_bytes=$((${limit%Mi} * 1024 * 1024)) ;;
  *Ki) limit_bytes=$((${limit%Ki} * 1024)) ;;
  *) limit_bytes=$limit ;;
esac
heap_bytes=$((limit_bytes * heap_percent / 100))

# One Pod with one large annotation: under the 7 MiB limit, so only the budget stands in the way.
python3 - "$work/large.json" "$body_bytes" <<'EOF'
import json, sys
path, size = sys.argv[1], int(sys.argv[2])
review = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
    "uid": "f1000000-0000-4000-8000-000000000001",
    "kind": {"group": "", "version": "v1", "kind": "Pod"}, "resource": {"group": "", "version": "v1", "resource": "pods"},
    "namespace": "default", "operation": "CREATE", "userInfo": {"username": "flood"},
    "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "flood", "namespace": "default", "annotations": {"example.com/blob": ""}},
               "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}, "dryRun": False}}
text = json.dumps(review)
pad = size - len(text)
review["request"]["object"]["metadata"]["annotations"]["example.com/blob"] = "x" * max(pad, 0)
open(path, "w").write(json.dumps(review))
EOF

extra=()
if [ -n "${MAX_INFLIGHT:-}" ]; then
  extra=(--max-inflight-bytes "$MAX_INFLIGHT")
fi
load_average=$(cut -d' ' -f1-3 /proc/loadavg)
DOTNET_GCHeapHardLimit=$(printf '0x%x' "$heap_bytes") dotnet "$image/acrguard.dll" serve --port "$port" --metrics-port "$metrics_port" \
  --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key" "${extra[@]}" \
  > >(grep --line-buffered -v '"Category":"AcrGuard.Webhook.Hosting.ReviewHandler"' > "$serve_log") 2>&1 &
serve_pid=$!
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$metrics_port/readyz" >/dev/null && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.2
done
if ! curl -sf "http://127.0.0.1:$metrics_port/readyz" >/dev/null; then
  echo "flood: serve did not become ready; its log:" >&2
  cat "$serve_log" >&2
  exit 1
fi
echo "flood: serve pid $serve_pid on https://127.0.0.1:$port, memory limit $limit, DOTNET_GCHeapHardLimit $heap_bytes bytes ($heap_percent%), load average $load_average"

# RSS once a second while the phases run (seconds, phase, VmRSS, RssAnon, RssFile in KiB): the
# anonymous part is what the process itself allocated; the file part (mapped runtime and
# assemblies) the kernel can reclaim under a cgroup's pressure. The peak checked is VmHWM, all of it.
phase=start
echo "seconds,phase,rss_kib,anon_kib,file_kib" >"$work/rss.csv"
(
  started=$(date +%s)
  while kill -0 "$serve_pid" 2>/dev/null; do
    awk -v t="$(($(date +%s) - started))" -v p="$(cat "$work/phase" 2>/dev/null)" \
      '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } END { if (r) print t "," p "," r "," a "," f }' \
      "/proc/$serve_pid/status" 2>/dev/null >>"$work/rss.csv" || true
    sleep 1
  done
) &
echo "$phase" >"$work/phase"

# normal PHASE: the driver's mix for DURATION seconds; its output kept in normal-PHASE.log.
normal() {
  "$driver" --url "https://127.0.0.1:$port" --duration "$duration" --concurrency "$concurrency" --timeout 10 >"$work/normal-$1.log" 2>&1 || true
}

echo "flood: phase 1, $connections x $streams streams of $body_bytes-byte reviews for ${duration}s, with normal reviews"
echo flood >"$work/phase"
h2load -c "$connections" -m "$streams" -D "$duration" -d "$work/large.json" -H 'content-type: application/json' \
  --log-file "$work/flood.requests" "https://127.0.0.1:$port/validate" >"$work/flood.h2load" 2>&1 &
flood_pid=$!
sleep 2
normal flood
wait "$flood_pid" || true

echo "flood: phase 2, $slow connections trickling $body_bytes-byte bodies for ${duration}s, with normal reviews"
echo slow >"$work/phase"
python3 "$root/test/load/trickle.py" "$port" "$work/large.json" --connections "$slow" --duration "$duration" >"$work/slow.txt" 2>&1 &
slow_pid=$!
sleep 2
normal slow
wait "$slow_pid" || true

alive=0
if kill -0 "$serve_pid" 2>/dev/null; then
  alive=1
fi
rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$serve_pid/status" 2>/dev/null || echo 0)
answers_after=$(curl -sk --http2 "https://127.0.0.1:$port/validate" -H 'content-type: application/json' \
  --data-binary "@$root/docs/reviews/deployment-cross-account.json" | grep -c '"allowed":true' || true)
overloaded=$(curl -s "http://127.0.0.1:$metrics_port/metrics" | awk '/^acrguard_admission_failures_total\{.*reason="overloaded"/ { n += $NF } END { print n + 0 }')
load_stop || true

# field FILE NAME: a figure from the driver's closing summary and throughput lines.
field() { grep -E '^(summary|throughput):' "$1" | sed -n "s/.* $2 \([0-9.]*\).*/\1/p" | head -n 1; }
verdict() { if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? v <= l : v >= l) }'; then echo PASS; else echo FAIL; fi; }

{
  echo "flood: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) CPUs, load average at start $load_average"
  echo "serve: memory limit $limit from deploy/base, DOTNET_GCHeapHardLimit $heap_bytes, ${extra[*]:-default budget}"
  for phase in flood slow; do
    log=$work/normal-$phase.log
    sent=$(field "$log" sent) failed=$(field "$log" failed) wrong=$(field "$log" wrong) refused=$(field "$log" refused)
    p50=$(field "$log" p50) p99=$(field "$log" p99)
    echo "normal reviews during the $phase: sent ${sent:-0}, failed ${failed:-?}, wrong ${wrong:-?}, refused ${refused:-?}; p50 ${p50:-?} ms, p99 ${p99:-?} ms"
    printf '%-58s %s\n' "  none failed, wrong or refused" "$(verdict "$((${failed:-1} + ${wrong:-1} + ${refused:-1}))" '<=' 0)"
    printf '%-58s %s\n' "  p99 under 1000 ms" "$(verdict "${p99:-99999}" '<=' 1000)"
    printf '%-58s %s\n' "  some were sent" "$(verdict "${sent:-0}" '>=' 1)"
  done
  by_status=$(cut -f2 "$work/flood.requests" | sort | uniq -c | awk '{ printf "%s %s, ", $2, $1 }')
  requests=$(grep '^requests:' "$work/flood.h2load" || true)
  echo "flood answers by HTTP status: ${by_status%, }"
  echo "h2load $requests"
  unexpected=$(cut -f2 "$work/flood.requests" | awk '$1 !~ /^(2..|413|429)$/ { n++ } END { print n + 0 }')
  timeouts=$(echo "$requests" | awk '{ print $14 + 0 }')
  printf '%-58s %s\n' "  every answer 2xx, 413 or 429 (others: $unexpected)" "$(verdict "$unexpected" '<=' 0)"
  printf '%-58s %s\n' "  no request timed out ($timeouts)" "$(verdict "$timeouts" '<=' 0)"
  echo "slow connections by outcome: $(tr '\n' ',' <"$work/slow.txt" | sed 's/,$//; s/,/, /g')"
  hanging=$(awk '$1 == "hanging" { print $2 }' "$work/slow.txt")
  printf '%-58s %s\n' "  none left hanging (${hanging:-0})" "$(verdict "${hanging:-0}" '<=' 0)"
  ooms=$(grep -c 'OutOfMemoryException' "$serve_log" || true)
  criticals=$(grep -c '"LogLevel":"Critical"' "$serve_log" || true)
  fatals=$(grep -c 'Fatal error' "$serve_log" || true)
  overload_lines=$(grep -c '"EventId":7,' "$serve_log" || true)
  echo "serve log: $ooms OutOfMemoryException, $criticals Critical, $fatals fatal; $overload_lines Overloaded lines for $overloaded refusals counted"
  printf '%-58s %s\n' "  0 OutOfMemoryException, 0 Critical, 0 fatal" "$(verdict "$((ooms + criticals + fatals))" '<=' 0)"
  printf '%-58s %s\n' "  alive and answering after" "$(verdict "$((alive + answers_after))" '>=' 2)"
  for phase in flood slow; do
    awk -F, -v p="$phase" '$2 == p && $3 > r { r = $3; a = $4 } END { printf "peak RSS sampled during the %s: %.0f MiB (anonymous %.0f MiB)\n", p, r / 1024, a / 1024 }' "$work/rss.csv"
  done
  printf '%-58s %s\n' "  peak RSS $((rss_kb / 1024)) MiB within the $limit limit" "$(verdict "$((rss_kb * 1024))" '<=' "$limit_bytes")"
} | tee "$work/results.txt"

if grep -q ' FAIL$' "$work/results.txt"; then
  exit 1
fi
