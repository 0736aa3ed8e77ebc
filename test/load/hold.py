#!/usr/bin/env python3
"""Idle connections for connection-memory.sh: opens many TLS connections and holds them open.

  hold.py PORT REVIEW_FILE [--connections 100] [--protocol http1|h2] [--duration 10] [--source 127.0.0.1]

http1: each connection posts REVIEW_FILE once (HTTP/1.1, keep-alive) and reads the answer, then
sits idle, as a client between requests does. h2: each sends the HTTP/2 preface and an empty
SETTINGS frame, acknowledges the server's, and sits idle, as kube-apiserver's pooled connections
do. Prints `open N` once all are up (the caller samples the server then), holds them DURATION
seconds, and prints `still-open N` at the end. Connections open 50 at a time. Only ever to 127.0.0.1.
"""
import argparse
import asyncio
import ssl


async def one(port, review, args, opened, ready):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols(["h2" if args.protocol == "h2" else "http/1.1"])
    reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=context, local_addr=(args.source, 0))
    if args.protocol == "h2":
        writer.write(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0]))
        writer.write(bytes([0, 0, 0, 4, 1, 0, 0, 0, 0]))  # ACK of the server's SETTINGS
    else:
        writer.write((f"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      f"Content-Length: {len(review)}\r\n\r\n").encode() + review)
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(f"answered {status!r}")
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
    await writer.drain()
    opened.append(writer)
    if len(opened) == args.connections:
        ready.set()
    # Drain whatever the server sends (HTTP/2 SETTINGS, WINDOW_UPDATE) until it closes.
    try:
        while await reader.read(4096):
            pass
    except (OSError, ssl.SSLError):
        pass
    opened.remove(writer)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("review")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--protocol", choices=["http1", "h2"], default="http1")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--source", default="127.0.0.1")
    args = parser.parse_args()
    with open(args.review, "rb") as f:
        review = f.read()
    opened, ready, tasks = [], asyncio.Event(), []
    for start in range(0, args.connections, 50):
        batch = [asyncio.ensure_future(one(args.port, review, args, opened, ready)) for _ in range(start, min(start + 50, args.connections))]
        tasks += batch
        await asyncio.sleep(0.2)
    try:
        await asyncio.wait_for(ready.wait(), timeout=60)
    except asyncio.TimeoutError:
        failed = [t.exception() for t in tasks if t.done() and t.exception()]
        print(f"open {len(opened)} of {args.connections}; {failed[:1]}", flush=True)
        return
    print(f"open {len(opened)}", flush=True)
    await asyncio.sleep(args.duration)
    print(f"still-open {len(opened)}", flush=True)
    for writer in list(opened):
        writer.close()


asyncio.run(main())
