#!/usr/bin/env python3
"""Slow clients for flood.sh: many TLS connections, each announcing a large body and trickling it.

  trickle.py PORT BODY_FILE [--connections 300] [--chunk 4096] [--interval 0.2] [--duration 30]

Each connection sends HTTP/1.1 headers with the body's Content-Length, then CHUNK bytes every
INTERVAL seconds until the server answers or closes, or DURATION passes. Prints one line per
outcome, `outcome COUNT`: `status-NNN` (the server answered), `closed` (closed without an
answer), `refused` (the connection or the TLS handshake was refused or closed: past the connection
limit), `handshake-timeout` (no handshake within 30 s: a server starved of CPU), `hanging` (nothing
from the server after DURATION plus 10 s: a failure). Connections start 10 ms apart, as a client
opening hundreds would. Only ever to 127.0.0.1.
"""
import argparse
import asyncio
import collections
import ssl


async def one(port, body, args, outcomes, delay):
    await asyncio.sleep(delay)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, ssl=context), timeout=30)
    except asyncio.TimeoutError:
        outcomes["handshake-timeout"] += 1
        return
    except (OSError, ssl.SSLError):
        outcomes["refused"] += 1
        return
    headers = (f"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode()
    answer = asyncio.ensure_future(reader.readline())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + args.duration
    try:
        writer.write(headers)
        await writer.drain()
        sent = 0
        while sent < len(body) and not answer.done() and loop.time() < deadline:
            writer.write(body[sent:sent + args.chunk])
            await writer.drain()
            sent += args.chunk
            await asyncio.sleep(args.interval)
    except (OSError, ssl.SSLError):
        pass
    try:
        line = await asyncio.wait_for(asyncio.shield(answer), timeout=max(0.1, deadline - loop.time()) + 10)
        parts = line.split()
        outcomes[f"status-{parts[1].decode()}" if len(parts) > 1 else "closed"] += 1
    except asyncio.TimeoutError:
        outcomes["hanging"] += 1
    except (OSError, ssl.SSLError, asyncio.IncompleteReadError):
        outcomes["closed"] += 1
    finally:
        answer.cancel()
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("body")
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=4096)
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--duration", type=float, default=30)
    args = parser.parse_args()
    with open(args.body, "rb") as f:
        body = f.read()
    outcomes = collections.Counter()
    await asyncio.gather(*(one(args.port, body, args, outcomes, i * 0.01) for i in range(args.connections)))
    for outcome, count in sorted(outcomes.items()):
        print(f"{outcome} {count}")


asyncio.run(main())
