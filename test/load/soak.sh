#!/usr/bin/env bash
# Soak: a million reviews (COUNT) of known verdicts through one `acrguard serve`, its RSS
# sampled every second. PASS: no failed request, no wrong verdict, and the RSS at the end
# within 10% of the RSS after warm-up (a leak grows with the count; a cache levels off).
#   COUNT=1000000 CONCURRENCY=64 WARMUP=30 test/load/soak.sh
# Output in artifacts/load/soak/: serve.log, driver.log, rss.csv (seconds,rss_kib).
LOAD_NAME=soak
source "$(dirname "$0")/lib.sh"

load_prepare
load_certs "$work/certs"
load_serve --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key"
status=0
load_drive --count "${COUNT:-1000000}" --concurrency "${CONCURRENCY:-64}" \
  --server-pid "$serve_pid" --rss-csv "$work/rss.csv" --warmup "${WARMUP:-30}" --rss-tolerance 10 || status=$?
load_stop || status=$?
result "$status" soak
