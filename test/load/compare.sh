#!/usr/bin/env bash
# Every ratio of issue 27 in one invocation, each pair alternated so that a slow spell of the
# machine hits both sides alike (docs/performance.md#comparesh-every-ratio-in-one-run):
#   1. the webhook: the floor (test/AcrGuard.Floor) and `acrguard serve` under h2load, the same
#      review as load.sh (docs/reviews/deployment-cross-account.json over HTTP/2 and TLS), in
#      WEBHOOK_PAIRS short pairs, the order turned each pair (floor first, then serve first); each
#      ratio is the median of the pairs' own ratios, so that the machine's drift between pairs
#      (the floor alone moves from 13,000 to 21,000 req/s in consecutive runs here) cancels;
#   2. native `check` against YamlDotNet's parse of the same file alone (test/AcrGuard.ParseFloor,
#      native too), on two streams: the corpus (test/AcrGuard.Core.Tests/assets/corpus: every field
#      of each kind filled, about 40 KB of YAML an object) replicated to CORPUS_OBJECTS in files of
#      5,000, parsed and checked file by file in turn (a round's time is the sum over its files),
#      and a cross-account Deployment (1.6 KB, the seed native.sh uses) replicated to OBJECTS;
#   3. native `audit` of a cluster of AUDIT_SMALL and of AUDIT_LARGE objects served by
#      test/AcrGuard.FakeKubeApi (a tenth of them Deployments, the rest Pods).
# Prints each ratio with the issue's target and PASS or FAIL; exit 0 when all pass, 1 otherwise.
#   test/load/compare.sh
# Knobs (environment): WEBHOOK_PAIRS (6) of WARMUP (20) and DURATION (8) seconds per h2load run,
# CONNECTIONS (16); ROUNDS (2) of the check and audit runs; OBJECTS (50000), CORPUS_OBJECTS
# (50000: 2.3 GB of YAML in 10 files), AUDIT_SMALL (1000), AUDIT_LARGE (100000); SKIP_BUILD=1 to
# reuse artifacts/load/ from an earlier run. Results: artifacts/load/compare/results.txt, every
# run in runs.tsv.
set -euo pipefail
LOAD_NAME=compare
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rounds=${ROUNDS:-2}
pairs=${WEBHOOK_PAIRS:-6}
# 20 s: the steady state a webhook that runs for days spends its life in. With 5 s, serve (more
# code than the floor on one core) is still moving its methods up the JIT tiers when h2load starts
# counting, and the ratio measured that instead (docs/performance.md, issue 27's fifth round).
warmup=${WARMUP:-20}
duration=${DURATION:-8}
connections=${CONNECTIONS:-16}
objects=${OBJECTS:-50000}
corpus_objects=${CORPUS_OBJECTS:-50000}
audit_small=${AUDIT_SMALL:-1000}
audit_large=${AUDIT_LARGE:-100000}
review=$root/docs/reviews/deployment-cross-account.json
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "compare: no native build for $(uname -m)" >&2; exit 2 ;; esac

missing=()
command -v h2load >/dev/null || missing+=(nghttp2-client)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

mkdir -p "$work"
floor=$load/floor/AcrGuard.Floor.dll native=$load/native/acrguard parse=$load/parse-floor/AcrGuard.ParseFloor fake=$load/fake/AcrGuard.FakeKubeApi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -x "$acrguard" ] || [ ! -x "$native" ] || [ ! -x "$parse" ] || [ ! -f "$floor" ] || [ ! -x "$fake" ]; then
  dotnet publish "$root/src/AcrGuard" -c Release -o "$load/acrguard" -v q -nologo
  dotnet publish "$root/test/AcrGuard.Floor" -c Release -o "$load/floor" -v q -nologo
  dotnet publish "$root/src/AcrGuard" -c Release -r "$rid" -o "$load/native" -v q -nologo
  dotnet publish "$root/test/AcrGuard.ParseFloor" -c Release -r "$rid" -o "$load/parse-floor" -v q -nologo
  dotnet publish "$root/test/AcrGuard.FakeKubeApi" -c Release -o "$load/fake" -v q -nologo
fi
load_certs "$work/certs"
results=$work/runs.tsv
: >"$results"

# record KIND NAME ROUND KEY=VALUE...: one line of runs.tsv.
record() { local IFS=$'\t'; printf '%s\n' "$*" >>"$results"; }

# Nearest-rank p99 of h2load's per-request durations (microseconds, third column), in ms.
p99() { cut -f3 "$1" | sort -n | awk '{ d[NR] = $1 } END { i = int(0.99 * NR); if (i < 0.99 * NR) i++; if (i < 1) i = 1; print NR ? d[i] / 1000 : 0 }'; }

# webhook NAME ROUND COMMAND...: starts it on CPU 0 (serve_pid, so lib.sh stops it on exit), loads it
# from CPU 1 with h2load, records req/s, p99 and peak RSS, stops it.
webhook() {
  local name=$1 round=$2 base=$work/$1-$2
  shift 2
  "${on_cpu0[@]}" "$@" --port "$port" --metrics-port "$metrics_port" --tls-cert "$work/certs/tls.crt" --tls-key "$work/certs/tls.key" >"$base.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$metrics_port/readyz" >/dev/null && break; sleep 0.1; done
  "${on_cpu1[@]}" h2load -c "$connections" -m 1 -D "$duration" --warm-up-time "$warmup" --log-file "$base.requests" \
    -d "$review" -H 'content-type: application/json' "https://127.0.0.1:$port/validate" >"$base.h2load" 2>&1 ||
    { echo "compare: h2load failed against $name: $(cat "$base.h2load")" >&2; exit 2; }
  local rss_kb
  rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$serve_pid/status")
  load_stop || true
  record webhook "$name" "$round" "rps=$(awk '/^finished in/ { print $4 }' "$base.h2load")" "p99=$(p99 "$base.requests")" "rss=$rss_kb"
}

# timed KIND NAME ROUND OBJECTS COMMAND...: wall, CPU and peak RSS of one run on CPU 0 (exit 1,
# something denied, is a finished run).
timed() {
  local kind=$1 name=$2 round=$3 count=$4 base=$work/$1-$2-$3
  shift 4
  /usr/bin/time -f '%e %U %S %M' -o "$base.time" "${on_cpu0[@]}" "$@" >"$base.out" 2>"$base.err" || [ $? -eq 1 ] ||
    { echo "compare: $name failed: $(cat "$base.err")" >&2; exit 2; }
  read -r wall user sys rss_kb < <(tail -n 1 "$base.time")
  [ "$count" != - ] || count=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['summary']['objects'])" "$base.out")
  record "$kind" "$name" "$round" "wall=$wall" "cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "rss=$rss_kb" "objects=$count"
}

# The corpus (kubernetes/api's round-trip test data: every field of each kind filled) as YAML,
# each object renamed, repeated to CORPUS_OBJECTS documents; and the seed Deployment to OBJECTS.
# The corpus goes in files of 5,000 objects (about 200 MB): check refuses a file over 10^9 bytes
# (a JSON file, or one that does not parse, is decoded into one string, and .NET strings end at 2^30).
seed=$work/seed-stream.yaml
rm -f "$work"/corpus-stream-*.yaml
python3 - "$root/test/AcrGuard.Core.Tests/assets" "$corpus_objects" "$work/corpus-stream" "$objects" "$seed" <<'PY'
import glob, json, os, sys, yaml
assets, count, out, seed_count, seed_out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
objects = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(assets, 'corpus', '*.json')))]
texts = []
for o in (o for o in objects if o.get('kind') != 'AdmissionReview'):
    o['metadata'] = dict(o.get('metadata') or {}, name='@name@')
    texts.append(yaml.safe_dump(o, sort_keys=False))
for first in range(0, count, 5000):
    with open(f'{out}-{first // 5000:03d}.yaml', 'w') as f:
        for i in range(first, min(count, first + 5000)):
            f.write('---\n' + texts[i % len(texts)].replace('@name@', f'corpus-{i}'))
t = open(os.path.join(assets, 'seed', '3-cross-account-deployment-good.yaml')).read()
with open(seed_out, 'w') as f:
    for i in range(seed_count):
        f.write('---\n' + t.replace('name: ', f'name: n{i}-'))
PY
corpus=("$work"/corpus-stream-*.yaml)

# The fake API servers, one per size, started once and audited in alternation.
declare -A fake_pid kubeconfig
for size in "$audit_small" "$audit_large"; do
  kubeconfig[$size]=$work/kubeconfig-$size
  "${on_cpu1[@]}" "$fake" --port 0 --pods $((size - size / 10)) --deployments $((size / 10)) --kubeconfig "${kubeconfig[$size]}" >"$work/fake-$size.log" 2>&1 &
  fake_pid[$size]=$!
done
stop_fakes() { for pid in "${fake_pid[@]}"; do kill "$pid" 2>/dev/null || true; done; load_cleanup; }
trap stop_fakes EXIT
for size in "$audit_small" "$audit_large"; do
  for _ in $(seq 600); do grep -q '^serving' "$work/fake-$size.log" 2>/dev/null && break; sleep 0.2; done
  grep -q '^serving' "$work/fake-$size.log" || { echo "compare: the fake API server did not start: $(cat "$work/fake-$size.log")" >&2; exit 2; }
done

load_average=$(cut -d' ' -f1-3 /proc/loadavg)
for pair in $(seq 1 "$pairs"); do
  echo "compare: webhook pair $pair of $pairs" >&2
  if [ $((pair % 2)) = 1 ]; then
    webhook floor "$pair" dotnet "$floor"
    webhook serve "$pair" "$acrguard" serve
  else
    webhook serve "$pair" "$acrguard" serve
    webhook floor "$pair" dotnet "$floor"
  fi
done
for round in $(seq 1 "$rounds"); do
  echo "compare: check and audit, round $round of $rounds" >&2
  timed check parse "$round" "$objects" "$parse" "$seed"
  timed check check "$round" "$objects" "$native" check "$seed"
  for i in "${!corpus[@]}"; do
    count=$(grep -c '^---$' "${corpus[$i]}")
    if [ $(((round + i) % 2)) = 0 ]; then
      timed corpus parse "$round.$i" "$count" "$parse" "${corpus[$i]}"
      timed corpus check "$round.$i" "$count" "$native" check "${corpus[$i]}"
    else
      timed corpus check "$round.$i" "$count" "$native" check "${corpus[$i]}"
      timed corpus parse "$round.$i" "$count" "$parse" "${corpus[$i]}"
    fi
  done
  timed audit small "$round" - "$native" audit --kubeconfig "${kubeconfig[$audit_small]}" --output json
  timed audit large "$round" - "$native" audit --kubeconfig "${kubeconfig[$audit_large]}" --output json
done

# values KIND NAME KEY: KEY of every run of NAME, one a line; the corpus's runs (ROUND.FILE)
# taken by round first (times summed, peak RSS the largest), so that each line is one round's
# whole corpus.
values() {
  awk -F'\t' -v k="$1" -v n="$2" -v key="$3" '$1 == k && $2 == n {
      for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) { r = int($3); sum[r] = key == "rss" ? (kv[2] > sum[r] ? kv[2] : sum[r]) : sum[r] + kv[2] } } }
    END { for (r in sum) print sum[r] }' "$results"
}
# middle: the median of the numbers on stdin.
middle() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median() { values "$@" | middle; }
# pair_ratio KEY: the median over the webhook pairs of serve's KEY over the floor's in that pair.
pair_ratio() {
  awk -F'\t' -v key="$1" '$1 == "webhook" { for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) v[$2, $3] = kv[2] } }
    END { for (p = 1; ("floor", p) in v; p++) if (("serve", p) in v && v["floor", p] > 0) print v["serve", p] / v["floor", p] }' "$results" | middle
}
# pairs KEY: each pair's serve/floor ratio of KEY, in order, for the record.
pairs() {
  awk -F'\t' -v key="$1" '$1 == "webhook" { for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) v[$2, $3] = kv[2] } }
    END { for (p = 1; ("floor", p) in v; p++) if (("serve", p) in v && v["floor", p] > 0) printf "%s%.2f", (p > 1 ? " " : ""), v["serve", p] / v["floor", p]; print "" }' "$results"
}
# line LABEL VALUE OP LIMIT: the figure, the target and PASS or FAIL.
failed=0
line() {
  local verdict
  verdict=$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { print (op == ">=" ? v >= l : v <= l) ? "PASS" : "FAIL" }')
  [ "$verdict" = PASS ] || failed=1
  printf '%-52s %10.3f  target %s %-8s %s\n' "$1" "$2" "$3" "$4" "$verdict"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : 0) }'; }

{
  echo "issue 27 compare: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) CPUs, load average at start $load_average"
  echo "webhook: h2load, $connections connections, ${warmup}s warm-up + ${duration}s, $pairs pairs; check: $objects seed and $corpus_objects corpus objects, $rounds rounds; audit: $audit_small and $audit_large objects, $rounds rounds"
  echo
  printf 'floor %.0f req/s p99 %.3f ms %.1f MiB | serve %.0f req/s p99 %.3f ms %.1f MiB\n' \
    "$(median webhook floor rps)" "$(median webhook floor p99)" "$(awk -v k="$(median webhook floor rss)" 'BEGIN { print k / 1024 }')" \
    "$(median webhook serve rps)" "$(median webhook serve p99)" "$(awk -v k="$(median webhook serve rss)" 'BEGIN { print k / 1024 }')"
  for kind in check corpus; do
    printf '%s stream: parse alone %.2f s (cpu %.2f s) | check %.2f s (cpu %.2f s, %.1f MiB)\n' "$([ $kind = check ] && echo seed || echo corpus)" \
      "$(median $kind parse wall)" "$(median $kind parse cpu)" "$(median $kind check wall)" "$(median $kind check cpu)" "$(awk -v k="$(median $kind check rss)" 'BEGIN { print k / 1024 }')"
  done
  printf 'audit %s objects %.2f s %.1f MiB | %s objects %.2f s (cpu %.2f s) %.1f MiB\n' \
    "$(median audit small objects)" "$(median audit small wall)" "$(awk -v k="$(median audit small rss)" 'BEGIN { print k / 1024 }')" \
    "$(median audit large objects)" "$(median audit large wall)" "$(median audit large cpu)" "$(awk -v k="$(median audit large rss)" 'BEGIN { print k / 1024 }')"
  echo "webhook serve/floor pair by pair: throughput $(pairs rps); p99 $(pairs p99); RSS $(pairs rss)"
  echo
  line 'webhook throughput serve/floor (median of pairs)' "$(pair_ratio rps)" '>=' 0.9
  line 'webhook p99 serve/floor (median of pairs)' "$(pair_ratio p99)" '<=' 1.5
  line 'webhook peak RSS serve/floor (median of pairs)' "$(pair_ratio rss)" '<=' 1.2
  line "check objects/s (seed stream, $objects objects)" "$(ratio "$objects" "$(median check check wall)")" '>=' 20000
  line "check objects/s (corpus, $corpus_objects objects)" "$(ratio "$corpus_objects" "$(median corpus check wall)")" '>=' 20000
  line 'check / YAML parse alone, seed stream (wall)' "$(ratio "$(median check check wall)" "$(median check parse wall)")" '<=' 2
  line 'check / YAML parse alone, corpus (wall)' "$(ratio "$(median corpus check wall)" "$(median corpus parse wall)")" '<=' 2
  line 'check / YAML parse alone, corpus (CPU)' "$(ratio "$(median corpus check cpu)" "$(median corpus parse cpu)")" '<=' 2
  line "audit peak RSS $audit_large / $audit_small objects" "$(ratio "$(median audit large rss)" "$(median audit small rss)")" '<=' 1.1
  line "audit objects/s ($audit_large objects, wall)" "$(ratio "$(median audit large objects)" "$(median audit large wall)")" '>=' 10000
} >"$work/results.txt"
cat "$work/results.txt"
exit "$failed"
