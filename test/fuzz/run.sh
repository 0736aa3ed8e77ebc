#!/usr/bin/env bash
# Coverage-guided fuzzing of AcrGuard's input parsers with AFL++ through SharpFuzz.
#   test/fuzz/run.sh TARGET [SECONDS]      TARGET: manifests (the loader of `acrguard check`)
#                                          or review (the webhook's AdmissionReview decoder and the rules)
# Installs what it needs (Debian's afl++, the SharpFuzz.CommandLine tool), publishes the
# harness, instruments AcrGuard's assemblies and YamlDotNet, seeds from the test fixtures and
# ../shared/corpus when present, fuzzes for SECONDS (default 1800), then replays every crash
# and hang so that each can become a regression test. Exit 1 if anything crashed or hung.
set -euo pipefail
target=${1:-manifests}
seconds=${2:-1800}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${FUZZ_WORK:-$root/artifacts/fuzz/$target}
tools=$root/artifacts/tools

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi

rm -rf "$work/bin" "$work/plain" && mkdir -p "$work/in"
dotnet publish "$root/test/fuzz/AcrGuard.Fuzz" -c Release -o "$work/bin" -v q
# An uninstrumented copy replays findings: instrumented code needs AFL's shared memory.
cp -r "$work/bin" "$work/plain"
for dll in acrguard.dll AcrGuard.Core.dll AcrGuard.Webhook.dll YamlDotNet.dll; do
  "$tools/sharpfuzz" "$work/bin/$dll"
done

# Seeds: realistic, valid inputs that the fuzzer mutates into invalid ones.
case "$target" in
  manifests)
    cp "$root"/test/AcrGuard.Core.Tests/assets/seed/*.yaml "$work/in/"
    find "$root/docs/examples" -name '*.yaml' -exec cp {} "$work/in/" \;
    for f in "$root"/test/AcrGuard.Core.Tests/assets/corpus/*.json; do
      # AFL wants small seeds: the corpus objects are ~60 KB, keep them whole but only a few.
      case "$f" in *Pod.json|*Deployment.json|*CronJob.json) cp "$f" "$work/in/";; esac
    done
    ;;
  review)
    cp "$root"/docs/reviews/*.json "$work/in/"
    # Each example manifest wrapped as kube-apiserver would send it, CREATE and UPDATE.
    cp "$root/test/AcrGuard.Core.Tests/assets/corpus/admission.k8s.io.v1.AdmissionReview.json" "$work/in/"
    python3 - "$root/docs/examples" "$work/in" <<'PY'
import json, os, sys, yaml
src, out = sys.argv[1], sys.argv[2]
n = 0
for dirpath, _, files in sorted(os.walk(src)):
    for f in sorted(files):
        for obj in yaml.safe_load_all(open(os.path.join(dirpath, f))):
            n += 1
            review = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                      "request": {"uid": f"seed-{n}", "kind": {"group": "", "version": "v1", "kind": obj["kind"]},
                                  "operation": "CREATE" if n % 2 else "UPDATE", "object": obj,
                                  "oldObject": None if n % 2 else obj, "dryRun": n % 3 == 0}}
            open(os.path.join(out, f"review-{n}.json"), "w").write(json.dumps(review))
PY
    printf '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"d","operation":"DELETE","oldObject":{"apiVersion":"v1","kind":"Pod"}}}' > "$work/in/delete.json"
    ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
afl-fuzz -i "$work/in" -o "$work/out" -V "$seconds" -t 5000 -m none -- dotnet "$work/bin/AcrGuard.Fuzz.dll" "$target" | tail -n 40

stats=$work/out/default/fuzzer_stats
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$stats" || true
crashes=$(find "$work/out/default/crashes" "$work/out/default/hangs" -type f ! -name README.txt 2>/dev/null | sort)
if [ -n "$crashes" ]; then
  echo "Replaying crashes and hangs:"
  # shellcheck disable=SC2086
  timeout 120 dotnet "$work/plain/AcrGuard.Fuzz.dll" "$target" $crashes || true
  exit 1
fi
echo "no crash, no hang"
