#!/usr/bin/env bash
# Certificate rotation under load. The certificate lives in a directory laid out as the
# kubelet lays out a Secret volume: tls.crt -> ..data/tls.crt, ..data -> ..<timestamp>/, and a
# rotation writes a new ..<timestamp>/ and renames a new ..data link over the old one (one
# atomic step, so no reader ever sees a new certificate with an old key). While reviews flow
# it rotates ROTATIONS times; the driver opens a new connection every RECYCLE seconds.
# PASS: no failed request, no wrong verdict, and every certificate written was seen by the
# driver on a new connection.
#   ROTATIONS=3 INTERVAL=8 RECYCLE=2 test/load/rotate.sh
LOAD_NAME=rotate
source "$(dirname "$0")/lib.sh"
rotations=${ROTATIONS:-3}
interval=${INTERVAL:-8}
secret=$work/secret

# rotate N: the kubelet's AtomicWriter in miniature.
rotate() {
  local version="..$(date -u +%Y_%m_%d_%H_%M_%S).$1" old
  load_certs "$secret/$version"
  old=$(readlink "$secret/..data" || true)
  ln -s "$version" "$secret/..data_tmp"
  mv -T "$secret/..data_tmp" "$secret/..data"
  if [ -n "$old" ]; then
    rm -rf "${secret:?}/$old"
  fi
  thumbprint "$secret/..data/tls.crt" >> "$work/written"
}

load_prepare
mkdir -p "$secret"
rotate 0
ln -s ..data/tls.crt "$secret/tls.crt"
ln -s ..data/tls.key "$secret/tls.key"
load_serve --tls-cert "$secret/tls.crt" --tls-key "$secret/tls.key"

# Long enough for every rotation, then as long again for the last one to reach new connections.
duration=$(( (rotations + 1) * interval + interval ))
load_drive --duration "$duration" --concurrency "${CONCURRENCY:-32}" --recycle "${RECYCLE:-2}" \
  --expect-thumbprint-change > /dev/null &
drive_pid=$!
for n in $(seq "$rotations"); do
  sleep "$interval"
  rotate "$n"
  echo "rotated ($n): $(tail -1 "$work/written")"
done
status=0
wait "$drive_pid" || status=$?
cat "$work/driver.log"

while read -r written; do
  if grep -q "^certificate: $written " "$work/driver.log"; then
    echo "seen by new connections: $written"
  else
    echo "never seen by a new connection: $written"
    status=1
  fi
done < "$work/written"
echo "server loaded $(grep -c '"CertificateLoaded"\|Serving with the certificate' "$serve_log") certificate(s); refused $(grep -c 'Kept the current certificate' "$serve_log" || true)"
load_stop || status=$?
result "$status" rotate
