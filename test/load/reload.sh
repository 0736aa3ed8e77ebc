#!/usr/bin/env bash
# Configuration reload under load. A good edit (one more custom domain: no verdict of the mix
# depends on it) must be reloaded; a bad edit (an unknown key) must be refused with the last
# good configuration still serving. Each edit is written aside and renamed into place, as
# editors and ConfigMap volumes do.
# PASS: both log lines appear, no failed request, no wrong verdict.
#   DURATION=30 test/load/reload.sh
LOAD_NAME=reload
source "$(dirname "$0")/lib.sh"
config=$work/config/config.yaml
reloaded='"EventId":20,.*"Category":"AcrGuard.Webhook.Reload.ConfigStore"'
refused='"EventId":21,.*"Category":"AcrGuard.Webhook.Reload.ConfigStore"'

# edit TEXT: replaces the configuration in one rename.
edit() {
  printf '%s\n' "$1" > "$config.tmp"
  mv "$config.tmp" "$config"
}

# wait_log PATTERN: up to 20 s (the poll backs the file watcher up every 10 s).
wait_log() {
  for _ in $(seq 100); do
    if grep -q "$1" "$serve_log"; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

load_prepare
mkdir -p "$work/config"
cp "$root/docs/config.example.yaml" "$config"
load_certs "$work/certs"
load_serve --config "$config" --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key"

load_drive --duration "${DURATION:-30}" --concurrency "${CONCURRENCY:-32}" > /dev/null &
drive_pid=$!
status=0
sleep 5
# The example configuration with one more custom domain.
edit "mode: enforce
registries:
  customDomains:
    - domain: test1234-registry.example.com
      instanceId: cri-j36zhodptmyq1234
    - domain: registry.example.org
      instanceId: cri-j36zhodptmyq5678
rules:
  AG011: \"off\""
# The JSON console log carries EventId, not EventName: 20 is ConfigReloaded, 21 ConfigRefused.
if wait_log "$reloaded"; then
  echo "good edit: $(grep "$reloaded" "$serve_log" | grep -o '"Message":"[^"]*"' | tail -1)"
else
  echo "good edit: never reloaded"
  status=1
fi
sleep 3
edit "mode: enforce
colour: blue"
if wait_log "$refused"; then
  echo "bad edit: $(grep "$refused" "$serve_log" | grep -o '"Message":"[^"]*"' | tail -1)"
else
  echo "bad edit: never refused"
  status=1
fi
wait "$drive_pid" || status=$?
cat "$work/driver.log"
load_stop || status=$?
result "$status" reload
