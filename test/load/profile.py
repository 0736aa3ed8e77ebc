#!/usr/bin/env python3
"""Per-request CPU cost by component, from `perf script` output of the floor and of acrguard.

  profile.py FLOOR.script FLOOR_REQUESTS ACRGUARD.script ACRGUARD_REQUESTS

A sample counts towards a component when any frame of its stack matches (inclusive time) and,
for the middleware rows, no frame is the handler's (middleware calls the handler, which has rows
of its own). Components nest (the review contains binding), so the rows do not add up. Each count becomes
microseconds of CPU per request: samples / frequency / requests.
"""
import sys

FREQUENCY = 999  # perf record -F

# (label, substrings of a frame[, substrings that exclude the sample]); AcrGuard's own work first,
# then the HTTP stack around it.
HANDLERS = ["ReviewHandler+<HandleAsync>", "Echo+<HandleAsync>"]
COMPONENTS = [
    ("review handler (acrguard) / echo handler (floor)", HANDLERS),
    ("  read the body into a pooled buffer", ["RequestBody+<ReadAsync>"]),
    ("  parse the review (floor: JsonDocument)", ["JsonDocument::Parse"]),
    ("  decode the review (envelope and object)", ["AdmissionRequestDecoder::Decode"]),
    ("    bind the object (KubernetesClient model)", ["ObjectReader::Bind("]),
    ("  judge: rules (FluentValidation) and verdict", ["AdmissionReviewer::Judge"]),
    ("    FluentValidation validators", ["FluentValidation.AbstractValidator"]),
    ("  write the answer", ["ReviewHandler+<WriteAsync>"]),
    ("  AcrGuard's metrics and log", ["WebhookMetrics::", "ReviewTelemetry::"]),
    ("ASP.NET hosting (context, diagnostics, metrics)", ["HostingApplication::", "HostingApplicationDiagnostics::", "HostingMetrics::"]),
    ("OpenTelemetry SDK (all meters)", ["OpenTelemetry."]),
    ("Kestrel metrics", ["KestrelMetrics::"]),
    ("routing and middleware, outside the handler", ["EndpointRoutingMiddleware::", "EndpointMiddleware::", "ListenerMiddleware"], HANDLERS),
    ("HTTP/2 frames (Kestrel)", ["Http2Connection", "Http2FrameWriter", "Http2OutputProducer"]),
    ("TLS (SslStream)", ["System.Net.Security.SslStream"]),
    ("kernel (syscalls, network stack)", ["do_syscall_64", "entry_SYSCALL"]),
]
# Threads by name (perf's comm): the JIT's background tier-up competes with requests on one core.
THREADS = [("the runtime's background tier-up (JIT) thread", ".NET Tiered Com")]


def stacks(path):
    stack = []
    with open(path, errors="replace") as script:
        for line in script:
            if not line.strip():
                continue
            if not line.startswith("\t"):
                if stack:
                    yield stack
                # The sample's header line (the thread's name) goes first, as a frame of its own.
                stack = [line.strip()]
                continue
            frame = line.strip()
            if frame:
                stack.append(frame)
    if stack:
        yield stack


def costs(path, requests):
    counts = [0] * (len(COMPONENTS) + len(THREADS))
    total = 0
    for stack in stacks(path):
        total += 1
        for i, (_, needles, *excluded) in enumerate(COMPONENTS):
            if any(needle in frame for frame in stack for needle in needles) and not any(
                    needle in frame for frame in stack for needle in (excluded[0] if excluded else [])):
                counts[i] += 1
        for j, (_, thread) in enumerate(THREADS):
            if stack[0].startswith(thread):
                counts[len(COMPONENTS) + j] += 1
    per_request = lambda n: n / FREQUENCY / requests * 1e6
    return per_request(total), [per_request(n) for n in counts]


def main():
    floor_total, floor = costs(sys.argv[1], float(sys.argv[2]))
    acr_total, acr = costs(sys.argv[3], float(sys.argv[4]))
    print(f"{'us of CPU per request':<52} {'floor':>8} {'acrguard':>9} {'extra':>8}")
    print(f"{'all (the server process)':<52} {floor_total:8.1f} {acr_total:9.1f} {acr_total - floor_total:8.1f}")
    for (label, *_), f, a in zip(COMPONENTS + THREADS, floor, acr):
        print(f"{label:<52} {f:8.1f} {a:9.1f} {a - f:8.1f}")


if __name__ == "__main__":
    main()
