#!/usr/bin/env bash
# A flood of large reviews against `acrguard serve` held to the memory deploy/ gives it, while a
# second client sends normal reviews. The webhook must keep answering the normal ones quickly,
# answer or cleanly refuse every large one, and stay inside its memory limit.
#   test/load/flood.sh
# Knobs (environment): DURATION seconds per phase (30); CONNECTIONS x STREAMS of the flood (48 x 4
# = 192 concurrent streams); BODY_BYTES of each large review (6815744: 6.5 MiB); SLOW connections
# trickling a large body in the slow phases (300); CONCURRENCY of the normal client (8);
# HEAP_PERCENT of the memory limit given to DOTNET_GCHeapHardLimit (75, what .NET takes by itself
# inside a container); MAX_INFLIGHT, passed as --max-inflight-bytes, MAX_CONNECTIONS, as
# --max-connections, and CLIENT_SHARE, as --client-share (default: serve's own; MAX_CONNECTIONS=128
# CLIENT_SHARE=100 is the server before issue 24: one pool for everyone);
# SKIP_BUILD=1 reuses artifacts/load/{image,driver}.
#
# serve is published as deploy/Dockerfile publishes it (framework-dependent, `dotnet acrguard.dll`)
# and its memory limit is read from deploy/base/deployment.yaml. Phase 1: h2load posts the large
# review on CONNECTIONS x STREAMS for DURATION seconds (HTTP/2 over TLS, from 127.0.0.1: h2load
# cannot choose its address) while acrguard-load sends its mix of normal reviews from 127.0.0.2.
# Phase 2 (slow): an attacker on 127.0.0.2 (test/load/trickle.py) opens SLOW connections, each
# announcing a large body and trickling it at 20 KiB/s, and opens another whenever one is cut off,
# while acrguard-load, standing in for kube-apiserver on 127.0.0.1, sends normal reviews on a new
# connection each (as kube-apiserver does after its idle connections close, or when a second
# apiserver starts). Phase 3 (slow-client-ca): serve restarted with --client-ca, the same again, the
# normal client presenting a client certificate of that CA and the attacker none. Then: the normal
# reviews sent, failed or wrong, p50 and p99 (and the handshakes: one per review); the flood's
# answers by status; the attacker's attempts by outcome; OutOfMemoryException and Critical lines
# in serve's logs; whether serve is still alive and answering; its peak RSS (VmHWM) against the
# limit. Each check prints PASS or FAIL; exit 0 when all pass. Output in artifacts/load/flood/.
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

# For phase 3: a client CA, and a certificate of it for the normal client (kube-apiserver's part).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=flood-client-ca \
  -keyout "$work/certs/client-ca.key" -out "$work/certs/client-ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=kube-apiserver \
  -keyout "$work/certs/client.key" -out "$work/certs/client.csr" 2>/dev/null
openssl x509 -req -in "$work/certs/client.csr" -CA "$work/certs/client-ca.crt" -CAkey "$work/certs/client-ca.key" -CAcreateserial \
  -days 1 -extfile <(printf 'extendedKeyUsage=clientAuth') -out "$work/certs/client.crt" 2>/dev/null

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
  extra+=(--max-inflight-bytes "$MAX_INFLIGHT")
fi
if [ -n "${MAX_CONNECTIONS:-}" ]; then
  extra+=(--max-connections "$MAX_CONNECTIONS")
fi
if [ -n "${CLIENT_SHARE:-}" ]; then
  extra+=(--client-share "$CLIENT_SHARE")
fi
load_average=$(cut -d' ' -f1-3 /proc/loadavg)

# flood_serve NAME ARGS...: starts serve (its log in serve-NAME.log, RSS samples in rss-NAME.csv)
# and waits for /readyz. RSS once a second while it runs (seconds, phase, VmRSS, RssAnon, RssFile
# in KiB): the anonymous part is what the process itself allocated; the file part (mapped runtime
# and assemblies) the kernel can reclaim under a cgroup's pressure. The peak checked is VmHWM.
flood_serve() {
  local name=$1
  shift
  serve_log=$work/serve-$name.log
  DOTNET_GCHeapHardLimit=$(printf '0x%x' "$heap_bytes") dotnet "$image/acrguard.dll" serve --port "$port" --metrics-port "$metrics_port" \
    --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key" "${extra[@]}" "$@" \
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
  echo "flood: serve ($name) pid $serve_pid on https://127.0.0.1:$port, memory limit $limit, DOTNET_GCHeapHardLimit $heap_bytes bytes ($heap_percent%), load average $load_average"
  echo "seconds,phase,rss_kib,anon_kib,file_kib" >"$work/rss-$name.csv"
  local pid=$serve_pid csv=$work/rss-$name.csv
  (
    started=$(date +%s)
    while kill -0 "$pid" 2>/dev/null; do
      awk -v t="$(($(date +%s) - started))" -v p="$(cat "$work/phase" 2>/dev/null)" \
        '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } END { if (r) print t "," p "," r "," a "," f }' \
        "/proc/$pid/status" 2>/dev/null >>"$csv" || true
      sleep 1
    done
  ) &
}

# flood_stop NAME: checks serve is alive and answering, keeps its peak RSS and counters, stops it.
flood_stop() {
  local name=$1 alive=0 answers
  kill -0 "$serve_pid" 2>/dev/null && alive=1
  awk '/^VmHWM:/ { print $2 }' "/proc/$serve_pid/status" 2>/dev/null >"$work/hwm-$name" || echo 0 >"$work/hwm-$name"
  answers=$(curl -sk --http2 "${client_auth[@]}" "https://127.0.0.1:$port/validate" -H 'content-type: application/json' \
    --data-binary "@$root/docs/reviews/deployment-cross-account.json" | grep -c '"allowed":true' || true)
  echo "$((alive + answers))" >"$work/alive-$name"
  curl -s "http://127.0.0.1:$metrics_port/metrics" >"$work/metrics-$name.txt" || true
  load_stop || true
}

# normal PHASE ARGS...: the driver's mix for DURATION seconds; its output kept in normal-PHASE.log.
normal() {
  local phase=$1
  shift
  "$driver" --url "https://127.0.0.1:$port" --duration "$duration" --concurrency "$concurrency" --timeout 10 "$@" >"$work/normal-$phase.log" 2>&1 || true
}

# slow PHASE ARGS...: the reconnecting attacker on 127.0.0.2 while the normal client (ARGS) sends
# a review per new connection from 127.0.0.1.
slow() {
  local phase=$1
  shift
  echo "$phase" >"$work/phase"
  python3 "$root/test/load/trickle.py" "$port" "$work/large.json" --connections "$slow" --duration "$duration" \
    --source 127.0.0.2 --reconnect >"$work/$phase.txt" 2>&1 &
  local attacker=$!
  sleep 2
  normal "$phase" --new-connection-per-review --source 127.0.0.1 "$@"
  wait "$attacker" || true
}

client_auth=()
flood_serve plain
echo start >"$work/phase"

echo "flood: phase 1, $connections x $streams streams of $body_bytes-byte reviews for ${duration}s, with normal reviews"
echo flood >"$work/phase"
h2load -c "$connections" -m "$streams" -D "$duration" -d "$work/large.json" -H 'content-type: application/json' \
  --log-file "$work/flood.requests" "https://127.0.0.1:$port/validate" >"$work/flood.h2load" 2>&1 &
flood_pid=$!
sleep 2
normal flood --source 127.0.0.2
wait "$flood_pid" || true

echo "flood: phase 2, an attacker on 127.0.0.2 reconnecting $slow connections that trickle $body_bytes-byte bodies for ${duration}s, with a review per new connection from 127.0.0.1"
slow slow
flood_stop plain

echo "flood: phase 3, the same against serve --client-ca, the normal client with a client certificate and the attacker without"
client_auth=(--cert "$work/certs/client.crt" --key "$work/certs/client.key")
flood_serve client-ca --client-ca "$work/certs/client-ca.crt" --client-name kube-apiserver
slow slow-client-ca --client-cert "$work/certs/client.crt" --client-key "$work/certs/client.key"
flood_stop client-ca

# field FILE NAME: a figure from the driver's closing summary and throughput lines.
field() { grep -E '^(summary|throughput):' "$1" | sed -n "s/.* $2 \([0-9.]*\).*/\1/p" | head -n 1; }
verdict() { if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? v <= l : v >= l) }'; then echo PASS; else echo FAIL; fi; }

# counter FILE REASON: acrguard_admission_failures_total for REASON in a saved scrape.
counter() { awk -v r="reason=\"$2\"" '/^acrguard_admission_failures_total\{/ && index($0, r) { n += $NF } END { print n + 0 }' "$1"; }

{
  echo "flood: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) CPUs, load average at start $load_average"
  echo "serve: memory limit $limit from deploy/base, DOTNET_GCHeapHardLimit $heap_bytes, ${extra[*]:-default budget and connection limit}"
  for phase in flood slow slow-client-ca; do
    log=$work/normal-$phase.log
    sent=$(field "$log" sent) failed=$(field "$log" failed) wrong=$(field "$log" wrong) refused=$(field "$log" refused)
    p50=$(field "$log" p50) p99=$(field "$log" p99)
    handshakes=$(sed -n 's/^certificates: .* over \([0-9]*\) handshake.*/\1/p' "$log")
    echo "normal reviews during the $phase: sent ${sent:-0}, failed ${failed:-?}, wrong ${wrong:-?}, refused ${refused:-?}; p50 ${p50:-?} ms, p99 ${p99:-?} ms; ${handshakes:-?} TLS handshakes"
    printf '%-58s %s\n' "  none failed, wrong or refused" "$(verdict "$((${failed:-1} + ${wrong:-1} + ${refused:-1}))" '<=' 0)"
    printf '%-58s %s\n' "  p99 under 1000 ms" "$(verdict "${p99:-99999}" '<=' 1000)"
    printf '%-58s %s\n' "  some were sent" "$(verdict "${sent:-0}" '>=' 1)"
    if [ "$phase" != flood ]; then
      # The driver's handshakes against its requests: each review on a connection of its own.
      printf '%-58s %s\n' "  a new connection per review" "$(verdict "${handshakes:-0}" '>=' "$(( ${sent:-1} * 9 / 10 ))")"
    fi
  done
  by_status=$(cut -f2 "$work/flood.requests" | sort | uniq -c | awk '{ printf "%s %s, ", $2, $1 }')
  requests=$(grep '^requests:' "$work/flood.h2load" || true)
  echo "flood answers by HTTP status: ${by_status%, }"
  echo "h2load $requests"
  unexpected=$(cut -f2 "$work/flood.requests" | awk '$1 !~ /^(2..|413|429)$/ { n++ } END { print n + 0 }')
  timeouts=$(echo "$requests" | awk '{ print $14 + 0 }')
  printf '%-58s %s\n' "  every answer 2xx, 413 or 429 (others: $unexpected)" "$(verdict "$unexpected" '<=' 0)"
  printf '%-58s %s\n' "  no request timed out ($timeouts)" "$(verdict "$timeouts" '<=' 0)"
  for phase in slow slow-client-ca; do
    echo "attacker's attempts during the $phase by outcome: $(tr '\n' ',' <"$work/$phase.txt" | sed 's/,$//; s/,/, /g')"
    hanging=$(awk '$1 == "hanging" { print $2 }' "$work/$phase.txt")
    printf '%-58s %s\n' "  none left hanging (${hanging:-0})" "$(verdict "${hanging:-0}" '<=' 0)"
  done
  answered=$(awk '$1 ~ /^status-/ { n += $2 } END { print n + 0 }' "$work/slow-client-ca.txt")
  printf '%-58s %s\n' "  without a certificate, no HTTP answer ($answered)" "$(verdict "$answered" '<=' 0)"
  echo "refusals counted: $(counter "$work/metrics-plain.txt" client_limit) client_limit and $(counter "$work/metrics-plain.txt" overloaded) overloaded (plain); $(counter "$work/metrics-client-ca.txt" client_certificate) client_certificate, $(counter "$work/metrics-client-ca.txt" client_limit) client_limit (client-ca)"
  for name in plain client-ca; do
    log=$work/serve-$name.log
    ooms=$(grep -c 'OutOfMemoryException' "$log" || true)
    criticals=$(grep -c '"LogLevel":"Critical"' "$log" || true)
    fatals=$(grep -c 'Fatal error' "$log" || true)
    lines=$(grep -cE '"EventId":(7|14|15|17),' "$log" || true)
    echo "serve ($name) log: $ooms OutOfMemoryException, $criticals Critical, $fatals fatal; $lines refusal lines (Overloaded, ClientConnectionLimit, ClientBudgetLimit, ClientCertificateRefused: once per burst)"
    printf '%-58s %s\n' "  0 OutOfMemoryException, 0 Critical, 0 fatal" "$(verdict "$((ooms + criticals + fatals))" '<=' 0)"
    printf '%-58s %s\n' "  alive and answering after" "$(verdict "$(cat "$work/alive-$name")" '>=' 2)"
    for phase in flood slow slow-client-ca; do
      awk -F, -v p="$phase" '$2 == p && $3 > r { r = $3; a = $4 } END { if (r) printf "peak RSS sampled during the %s: %.0f MiB (anonymous %.0f MiB)\n", p, r / 1024, a / 1024 }' "$work/rss-$name.csv"
    done
    rss_kb=$(cat "$work/hwm-$name")
    printf '%-58s %s\n' "  peak RSS $((rss_kb / 1024)) MiB within the $limit limit" "$(verdict "$((rss_kb * 1024))" '<=' "$limit_bytes")"
  done
} | tee "$work/results.txt"

if grep -q ' FAIL$' "$work/results.txt"; then
  exit 1
fi
