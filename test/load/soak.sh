#!/usr/bin/env bash
# Soak: over a million reviews of known verdicts through one `acrguard serve`, its RSS
# sampled every second. PASS: no failed request, no wrong verdict, and the RSS at the end
# within 10% of the RSS after warm-up (a leak grows with the count; a cache levels off).
#   COUNT=1170000 CONCURRENCY=64 WARMUP=30 test/load/soak.sh
# COUNT is requests: 18 of every 21 in the mix are AdmissionReviews and 3 are bodies that must
# get 400, so the default 1,170,000 requests carry 1,002,858 reviews.
# Output in artifacts/load/soak/: serve.log, driver.log, rss.csv (seconds,rss_kib).
LOAD_NAME=soak
source "$(dirname "$0")/lib.sh"

load_prepare
load_certs "$work/certs"
load_serve --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key"
status=0
load_drive --count "${COUNT:-1170000}" --concurrency "${CONCURRENCY:-64}" \
  --server-pid "$serve_pid" --rss-csv "$work/rss.csv" --warmup "${WARMUP:-30}" --rss-tolerance 10 || status=$?
load_stop || status=$?
result "$status" soak
