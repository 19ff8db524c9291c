#!/usr/bin/env python3
"""Route benchmark of `sessions serve` against nginx serving the same bytes (see routes.sh).

Seeds 100 Konnect sessions, captures the mock's answers for health, one session and a list
page, writes them where nginx serves them, then runs wrk on each route in rounds, the two
servers alternated (mock first in odd rounds, nginx first in even ones). POST /v1/chat and a
CID222 send have no static equivalent: they are reported for the mock alone. Standard library
only."""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from hold_connections import rss_kib

KONNECT_KEY = "sk_test_bench"
CHAT_KEY = "sk_test_chat"
SEEDED_SESSIONS = 100
SEND_SESSIONS = 256


def start_mock(binary):
    process = subprocess.Popen(
        [binary, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        sys.exit(f"the mock did not print its address: {line!r}")
    return process, int(match.group(1))


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 300:
        sys.exit(f"{method} {path} answered {response.status}: {data[:200]!r}")
    return response, data


def konnect_sessions(port, key, count):
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    ids = []
    for index in range(count):
        body = json.dumps({"message": f"Seed question {index}: what is a benchmark?"})
        _, data = request(port, "POST", "/v1/chat", headers, body)
        ids.append(json.loads(data)["session_id"])
    return ids


def cid222_sessions(port, jwt, namespace, count):
    headers = {"Authorization": f"Bearer {jwt}", "Content-Type": "application/json",
               "X-Mock-Namespace": namespace}
    ids = []
    for _ in range(count):
        _, data = request(port, "POST", "/sessions", headers, json.dumps({"session_name": "bench"}))
        ids.append(json.loads(data)["id"])
    return ids


NGINX_CONF = """worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    keepalive_requests 10000000;
    keepalive_timeout 60;
    server {{
        listen 127.0.0.1:{port};
        location = /__admin/health {{ default_type application/json; alias {root}/health.json; }}
        location = /v1/sessions/{session} {{ default_type application/json; alias {root}/session.json; }}
        location = /v1/sessions {{ default_type application/json; alias {root}/list.json; }}
    }}
}}
"""


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(binary, root, session, bodies):
    os.chmod(root, 0o755)
    for name, data in bodies.items():
        path = os.path.join(root, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o644)
    port = free_port()
    conf = os.path.join(root, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(root=root, port=port, session=session))
    process = subprocess.Popen([binary, "-p", root, "-c", conf], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            _, data = request(port, "GET", "/__admin/health")
            if data == bodies["health.json"]:
                return process, port
        except (ConnectionError, OSError):
            time.sleep(0.05)
    process.kill()
    sys.exit("nginx did not start; see " + os.path.join(root, "error.log"))


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, args, headers=(), script=None):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=120).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    if not (rate and p50 and p99):
        sys.exit(f"could not read wrk's output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:(.*)", output)
    return {"rps": float(rate.group(1)), "p50": to_ms(p50.group(1)), "p99": to_ms(p99.group(1)),
            "non2xx": int(bad.group(1)) if bad else 0,
            "errors": errors.group(1).strip() if errors else ""}


def to_lua(value):
    if isinstance(value, dict):
        return "{" + ",".join(f"[{json.dumps(k)}]={to_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ",".join(to_lua(v) for v in value) + "}"
    return json.dumps(value)


def lua_poster(path_for, headers, body):
    """A wrk script that POSTs `body`, rotating over the paths in `path_for` (one list per wrk
    thread), so concurrent sends rarely meet in one session."""
    lines = ["local threads = 0", "function setup(thread) thread:set('tid', threads); threads = threads + 1 end",
             "local lists = " + to_lua(path_for),
             "local n = 0",
             "local headers = " + to_lua(headers),
             "function request()",
             "  local paths = lists[(tid % #lists) + 1]",
             "  n = n + 1",
             "  local path, body = paths[(n % #paths) + 1], " + json.dumps(body),
             "  if type(path) == 'table' then return wrk.format('POST', path.path, headers, path.body) end",
             "  return wrk.format('POST', path, headers, body)",
             "end"]
    return "\n".join(lines) + "\n"


def write_script(root, name, text):
    path = os.path.join(root, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", required=True, help="the sessions binary")
    parser.add_argument("--nginx", default="nginx")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="8s")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    root = tempfile.mkdtemp(prefix="routes-bench-")
    mock, port = start_mock(args.sessions)
    nginx = None
    try:
        jwt = subprocess.run([args.sessions, "token", "--tenant", "bench", "--user", "bench"],
                             capture_output=True, text=True, check=True).stdout.strip()
        ids = konnect_sessions(port, KONNECT_KEY, SEEDED_SESSIONS)
        chat_ids = konnect_sessions(port, CHAT_KEY, SEEDED_SESSIONS)
        auth = {"Authorization": f"Bearer {KONNECT_KEY}"}
        session_path = f"/v1/sessions/{ids[len(ids) // 2]}"
        bodies = {"health.json": request(port, "GET", "/__admin/health")[1],
                  "session.json": request(port, "GET", session_path, auth)[1],
                  "list.json": request(port, "GET", "/v1/sessions?limit=20", auth)[1]}
        nginx, nginx_port = start_nginx(args.nginx, root, session_path.rsplit("/", 1)[1], bodies)

        chat_script = write_script(root, "chat.lua", lua_poster(
            [[{"path": "/v1/chat", "body": json.dumps({"message": "Tell me more", "session_id": i})}
              for i in chat_ids]],
            {"Authorization": f"Bearer {CHAT_KEY}", "Content-Type": "application/json"}, ""))

        static_routes = [("health", "/__admin/health", []),
                         ("GET session", session_path, [f"Authorization: Bearer {KONNECT_KEY}"]),
                         ("list ?limit=20", "/v1/sessions?limit=20", [f"Authorization: Bearer {KONNECT_KEY}"])]
        sizes = {"health": len(bodies["health.json"]), "GET session": len(bodies["session.json"]),
                 "list ?limit=20": len(bodies["list.json"])}
        load = open("/proc/loadavg").read().split()[:3]
        print(f"== {os.cpu_count()} cores, load average {' '.join(load)}; wrk -t{args.threads} "
              f"-c{args.connections} -d{args.duration}; {args.rounds} rounds; mock {args.sessions}")
        print(f"== bodies: " + ", ".join(f"{name} {size} B" for name, size in sizes.items()))
        for name, path, headers in static_routes:  # warm both up
            wrk(f"http://127.0.0.1:{port}{path}", argparse.Namespace(**{**vars(args), "duration": "2s"}), headers)
            wrk(f"http://127.0.0.1:{nginx_port}{path}", argparse.Namespace(**{**vars(args), "duration": "2s"}))

        results = {name: [] for name, _, _ in static_routes}
        results["POST /v1/chat"] = []
        results["CID222 send"] = []
        header = f"{'round':>5}  {'route':<16} {'mock req/s':>11} {'p50 ms':>7} {'p99 ms':>7}  " \
                 f"{'nginx req/s':>11} {'p50 ms':>7} {'p99 ms':>7}  {'ratio':>5}"
        print(header)
        for round_number in range(1, args.rounds + 1):
            mock_first = round_number % 2 == 1
            for name, path, headers in static_routes:
                runs = {}
                for server in (["mock", "nginx"] if mock_first else ["nginx", "mock"]):
                    target = port if server == "mock" else nginx_port
                    runs[server] = wrk(f"http://127.0.0.1:{target}{path}", args,
                                       headers if server == "mock" else [])
                m, n = runs["mock"], runs["nginx"]
                ratio = m["rps"] / n["rps"]
                results[name].append((m, n, ratio))
                flag = f"  ({m['non2xx']} non-2xx)" if m["non2xx"] else ""
                print(f"{round_number:>5}  {name:<16} {m['rps']:>11,.0f} {m['p50']:>7.2f} {m['p99']:>7.2f}  "
                      f"{n['rps']:>11,.0f} {n['p50']:>7.2f} {n['p99']:>7.2f}  {ratio:>5.2f}{flag}")
            namespace = f"bench-send-{round_number}"
            send_ids = cid222_sessions(port, jwt, namespace, SEND_SESSIONS)
            send_script = write_script(root, f"send-{round_number}.lua", lua_poster(
                [[f"/sessions/{i}/messages" for i in send_ids[t::args.threads]] for t in range(args.threads)],
                {"Authorization": f"Bearer {jwt}", "Content-Type": "application/json",
                 "X-Mock-Namespace": namespace},
                json.dumps({"content": "Summarize our plan in two sentences", "model": "gpt-4o"})))
            for name, script in (("POST /v1/chat", chat_script), ("CID222 send", send_script)):
                m = wrk(f"http://127.0.0.1:{port}/", args, script=script)
                results[name].append((m, None, None))
                flag = f"  ({m['non2xx']} non-2xx)" if m["non2xx"] else ""
                print(f"{round_number:>5}  {name:<16} {m['rps']:>11,.0f} {m['p50']:>7.2f} {m['p99']:>7.2f}  "
                      f"{'':>11} {'':>7} {'':>7}  {'':>5}{flag}")

        print("== summary (median over rounds; worst p99)")
        targets = {"health": 0.75, "GET session": 0.5, "list ?limit=20": 0.35}
        for name, rows in results.items():
            rates = [m["rps"] for m, _, _ in rows]
            worst = max(m["p99"] for m, _, _ in rows)
            line = f"{name:<16} mock {statistics.median(rates):>9,.0f} req/s, worst p99 {worst:.2f} ms"
            if rows[0][2] is not None:
                ratios = [r for _, _, r in rows]
                line += f"; ratio median {statistics.median(ratios):.2f} (rounds " + \
                        ", ".join(f"{r:.2f}" for r in ratios) + f"), target ≥ {targets[name]}"
            print(line)
        print(f"== mock RSS after the run: {rss_kib(mock.pid)} KiB")
    finally:
        for process in (mock, nginx):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
