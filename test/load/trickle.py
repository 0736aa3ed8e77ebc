#!/usr/bin/env python3
"""Slow clients for flood.sh: many TLS connections, each announcing a large body and trickling it.

  trickle.py PORT BODY_FILE [--connections 300] [--chunk 4096] [--interval 0.2] [--duration 30]
             [--source 127.0.0.2] [--reconnect] [--reconnect-delay 0.05] [--grace 20]

Each connection sends HTTP/1.1 headers with the body's Content-Length, then CHUNK bytes every
INTERVAL seconds until the server answers or closes, or DURATION passes. With --reconnect, a
connection that is answered, closed or refused opens again after RECONNECT_DELAY seconds, until
DURATION passes: a client that keeps every slot it can get. Connections come from SOURCE (another
loopback address: another client to the server's per-address share). Prints one line per outcome
of each attempt, `outcome COUNT`: `status-NNN` (the server answered), `closed` (closed without an
answer), `refused` (the connection or the TLS handshake was refused or closed: past the connection
limit or the client's share, or, against --client-ca, no client certificate), `handshake-timeout`
(no handshake within 30 s: a server starved of CPU), `hanging` (nothing from the server GRACE
seconds after DURATION, 20 by default: an admitted body gets 408 at most 10 s after the server
took it, which with reconnects can be just before DURATION ends, and a body waiting for the
budget 429 within 1 s; past that, a failure). Connections start 10 ms apart, as a client opening hundreds would.
Only ever to 127.0.0.1.
"""
import argparse
import asyncio
import collections
import ssl


async def one(port, body, args, outcomes, delay):
    await asyncio.sleep(delay)
    loop = asyncio.get_running_loop()
    end = loop.time() + args.duration
    while True:
        outcomes[await attempt(port, body, args, end)] += 1
        if not args.reconnect or loop.time() + args.reconnect_delay >= end:
            return
        await asyncio.sleep(args.reconnect_delay)


async def attempt(port, body, args, deadline):
    """One connection: its outcome."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    loop = asyncio.get_running_loop()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, ssl=context, local_addr=(args.source, 0)), timeout=30)
    except asyncio.TimeoutError:
        return "handshake-timeout"
    except (OSError, ssl.SSLError):
        return "refused"
    headers = (f"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode()
    answer = asyncio.ensure_future(reader.readline())
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
        line = await asyncio.wait_for(asyncio.shield(answer), timeout=max(0.1, deadline - loop.time()) + args.grace)
        parts = line.split()
        # TLS 1.3: a handshake the server refuses (no client certificate) fails at the first read.
        return f"status-{parts[1].decode()}" if len(parts) > 1 else "closed"
    except asyncio.TimeoutError:
        return "hanging"
    except ssl.SSLError:
        return "refused"
    except (OSError, asyncio.IncompleteReadError):
        return "closed"
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
    parser.add_argument("--source", default="127.0.0.1")
    parser.add_argument("--reconnect", action="store_true")
    parser.add_argument("--reconnect-delay", type=float, default=0.05)
    parser.add_argument("--grace", type=float, default=20)
    args = parser.parse_args()
    with open(args.body, "rb") as f:
        body = f.read()
    outcomes = collections.Counter()
    await asyncio.gather(*(one(args.port, body, args, outcomes, i * 0.01) for i in range(args.connections)))
    for outcome, count in sorted(outcomes.items()):
        print(f"{outcome} {count}")


asyncio.run(main())
