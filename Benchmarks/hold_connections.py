#!/usr/bin/env python3
"""Opens many concurrent connections to a server, sends one request on each and waits for the
first bytes of its answer (a whole response, or the first chunk of a stream), keeps them all
open, prints the server's resident memory (VmRSS) while they are open, then closes them.

Used by idle_streams.sh. Standard library only."""
import argparse
import resource
import selectors
import socket
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--route", default="/__admin/health")
    parser.add_argument(
        "--routes-file", help="one route per line; connection i uses line i (mod their number)")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    parser.add_argument("--body", default="")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, args.count + 256)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))

    deadline = time.monotonic() + args.timeout
    body = args.body.encode()
    routes = [args.route]
    if args.routes_file:
        with open(args.routes_file) as f:
            routes = [line.strip() for line in f if line.strip()]

    def request_for(route):
        head = f"{args.method} {route} HTTP/1.1\r\nHost: {args.host}\r\n"
        for header in args.header:
            head += header + "\r\n"
        if body:
            head += f"Content-Length: {len(body)}\r\n"
        return (head + "\r\n").encode() + body

    before = rss_kib(args.pid)
    print(f"server VmRSS before: {before} KiB")
    sockets = []
    selector = selectors.DefaultSelector()
    for index in range(args.count):
        s = socket.create_connection((args.host, args.port), timeout=10)
        s.sendall(request_for(routes[index % len(routes)]))
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ, bytearray())
        sockets.append(s)

    # Ready once the head and the Content-Length body arrived, or, for a chunked stream, the head
    # and the first chunk.
    pending = len(sockets)
    while pending and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=1):
            buffer = key.data
            try:
                data = key.fileobj.recv(65536)
            except BlockingIOError:
                continue
            if not data:
                print("server closed a connection early", file=sys.stderr)
                return 1
            buffer.extend(data)
            head_end = buffer.find(b"\r\n\r\n")
            if head_end < 0:
                continue
            head = buffer[:head_end].decode("latin-1").lower()
            length = 0
            for line in head.split("\r\n"):
                if line.startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            chunked = "transfer-encoding: chunked" in head
            if (chunked and b"\r\n" in buffer[head_end + 4:]) or (
                not chunked and len(buffer) >= head_end + 4 + length
            ):
                if not head.startswith("http/1.1 2"):
                    print(f"unexpected answer: {head.splitlines()[0]}", file=sys.stderr)
                    return 1
                selector.unregister(key.fileobj)
                pending -= 1
    if pending:
        print(f"{pending} connections got no answer in time", file=sys.stderr)
        return 1

    alive = sum(1 for s in sockets if s.fileno() >= 0)
    print(f"held open: {alive} connections ({args.method} {routes[0]}{' …' if len(routes) > 1 else ''})")
    held = rss_kib(args.pid)
    print(f"server VmRSS with them open: {held} KiB")
    print(f"per connection: {(held - before) * 1024 / max(1, alive):.0f} bytes")
    for s in sockets:
        s.close()
    # The server notices each close on its next read, and hands freed memory back half a
    # second after a crowd has gone: settled means unchanged (within 256 KiB) for 2 s.
    settle_until = time.monotonic() + 20
    after = rss_kib(args.pid)
    steady = 0
    while time.monotonic() < settle_until and steady < 4:
        time.sleep(0.5)
        now = rss_kib(args.pid)
        steady = steady + 1 if abs(now - after) < 256 else 0
        after = now
    print(f"server VmRSS after they closed: {after} KiB ({100 * (after - before) / before:+.0f}% of before)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
