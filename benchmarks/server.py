"""What CORS costs under a real server: gunicorn gthread and waitress, over loopback.

    python benchmarks/server.py            # 5 interleaved rounds, about 5 minutes
    python benchmarks/server.py --quick    # 2 rounds of 600 requests, under a minute
    python benchmarks/server.py --kinds allowed,no_origin,disallowed,credentialed
    python benchmarks/server.py --rss      # gunicorn worker RSS after 1,000 and
                                           # 100,000 distinct origins (wsgi-cors, bare)

Per framework group (bare WSGI, Falcon, Flask, Django) four stacks: the plain app; a
floor that adds, per kind of request, the very headers wsgi-cors adds (precomputed); wsgi-cors
(benchmarks/stacks.py's policy, allow_methods="*": it answers preflights itself); the peer
(falcon.CORSMiddleware, flask-cors, django-cors-headers). Each stack runs in its own server
subprocess on a free 127.0.0.1 port (gunicorn: 1 worker, 4 threads; waitress: 4 threads);
this process sends the mix over raw keep-alive connections, one thread each. Each round
takes one sample of every stack of a (server, group) in random order. A stack's overhead
is the median over rounds of 1/throughput minus the plain app's; "cpu" is the serving
process's CPU time per request (schedstat), less disturbed by neighbours. Also
``--serve GROUP STACK PORT`` (the waitress runner) and ``server:wsgi_app(GROUP, STACK)``
(gunicorn's). Method and caveats: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import stacks as S  # noqa: E402

HOST = "api.example.com"  # Django's ALLOWED_HOSTS
PEERS = {"falcon": "falcon_cors_mw", "flask": "flask_cors", "django": "django_cors"}
STACKS = ("base", "floor", "wsgi_cors", "peer")
TARGETS = {"floor": 1.1, "falcon": 1.0, "flask": 0.2, "django": 0.2}
PF = {"Origin": S.ORIGIN, "Access-Control-Request-Method": "PUT"}
#: The mix, sent in this order on every connection: (kind, method, headers).
MIX = [
    ("allowed", "GET", {"Origin": S.ORIGIN}),
    ("no_origin", "GET", {}),
    ("disallowed", "GET", {"Origin": S.EVIL}),
    ("preflight", "OPTIONS", {**PF, "Access-Control-Request-Headers": S.ACRH}),
    ("credentialed", "GET", {"Origin": S.ORIGIN, "Cookie": "session=abc123"}),
]
#: Seconds without an answer after which a request counts as an error (waitress 3.0.2
#: sometimes stops answering every connection for longer than this; see the README).
STALL = 2.0
GETS_CORS = {"allowed", "preflight", "credentialed"}  # kinds answered with ACAO


# -- the server side: applications ---------------------------------------------------------


def kind_of(environ: dict[str, Any]) -> str:
    origin = environ.get("HTTP_ORIGIN")
    if origin is None:
        return "no_origin"
    if environ["REQUEST_METHOD"] == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ:
        return "preflight"
    if origin != S.ORIGIN:
        return "disallowed"
    return "credentialed" if "HTTP_COOKIE" in environ else "allowed"


class SameHeaders:
    """Floor: adds, per kind of request, the headers wsgi-cors adds (precomputed), and
    nothing else; preflights go on to the application."""

    def __init__(self, app: Any, table: dict[str, list[tuple[str, str]]]) -> None:
        self.app, self.table = app, table

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        extra = self.table[kind_of(environ)]

        def wrapped(status: str, headers: list[Any], exc_info: Any = None) -> Any:
            headers += extra  # the app's list grows; ours is never changed
            return start_response(status, headers, exc_info)

        return self.app(environ, wrapped)


def added_headers(wc: Any) -> dict[str, list[tuple[str, str]]]:
    """The CORS and Vary headers *wc* (wsgi-cors around the bare app) sends, per kind."""
    table = {}
    for kind, method, headers in MIX:
        env = S.environ(method, **{k.replace("-", "_"): v for k, v in headers.items()})
        _status, seen = S.call(wc, env)
        table[kind] = [(n, v) for n, v in seen.items() if n.startswith("access-control-")]
        table[kind] += [(n, v) for n, v in seen.items() if n == "vary"]
    return table


def wsgi_app(group: str, stack: str) -> Any:
    """The application of one stack (gunicorn: ``server:wsgi_app('bare', 'floor')``)."""
    built = S.build_stacks((group,))
    base = built[group].app
    wc = S.wc("wc_any", "wsgi-cors", base, "any", S.ORIGIN)
    if stack == "base":
        return base
    if stack == "wsgi_cors":
        return wc.app
    if stack == "floor":
        table = added_headers(S.wc("t", "t", S.bare_app, "any", S.ORIGIN).app)
        return SameHeaders(base, table)
    return built[PEERS[group]].app


# -- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def command(server: str, group: str, stack: str, port: int) -> list[str]:
    if server == "waitress":
        return [sys.executable, str(HERE / "server.py"), "--serve", group, stack, str(port)]
    return [
        *(sys.executable, "-m", "gunicorn", "--pythonpath", str(HERE)),
        *("--bind", f"127.0.0.1:{port}", "--worker-class", "gthread"),
        *("--workers", "1", "--threads", "4", "--no-control-socket", "--log-level", "warning"),
        f"server:wsgi_app({group!r}, {stack!r})",
    ]


class Server:
    """One server subprocess on a free port; stop() always ends it (by its own id)."""

    def __init__(self, server: str, group: str, stack: str) -> None:
        self.name = f"{server}/{group}/{stack}"
        self.port = free_port()
        self.pid = 0  # the serving process, once it answers
        args = command(server, group, stack, self.port)
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def wait_ready(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                    exchange(sock, request_bytes("GET", {}))
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer within {seconds} s")

    def worker_pid(self) -> int:
        """gunicorn's worker: the master's only child."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return int(children[0])

    def serving_pid(self) -> int:
        return self.worker_pid() if self.name.startswith("gunicorn") else self.process.pid

    def cpu_ns(self) -> int:
        """CPU time the serving process's threads have run, in ns (schedstat)."""
        total = 0
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            total += int((task / "schedstat").read_text().split()[0])
        return total

    def measure(self, *args: Any) -> dict[str, Any]:
        """One sample, with the server's CPU time per request."""
        before = self.cpu_ns()
        result = sample(self.port, *args)
        result["cpu_us"] = (self.cpu_ns() - before) / 1000 / max(1, result["done"])
        return result

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


# -- the client ------------------------------------------------------------------------------


CONTENT_LENGTH = re.compile(rb"\r\ncontent-length: *(\d+)", re.IGNORECASE)


def request_bytes(method: str, headers: dict[str, str]) -> bytes:
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return f"{method} /items HTTP/1.1\r\nHost: {HOST}\r\n{lines}\r\n".encode("latin-1")


def exchange(sock: socket.socket, data: bytes) -> bytes:
    """Send one request and read its answer (Content-Length, chunked or none): the head."""
    sock.sendall(data)
    buf = b""
    while (end := buf.find(b"\r\n\r\n")) < 0:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by the server")
        buf += chunk
    head, rest = buf[:end], buf[end + 4 :]
    if match := CONTENT_LENGTH.search(head):
        need = int(match.group(1))
        while len(rest) < need:
            rest += sock.recv(65536) or b"x" * need  # closed early: stop
    elif b"chunked" in head.lower():
        while not (rest.startswith(b"0\r\n\r\n") or b"\r\n0\r\n\r\n" in rest):
            rest += sock.recv(65536) or b"0\r\n\r\n"
    return head


def sample(
    port: int, requests: int, connections: int, cap: float, role: str, origins: Any = None
) -> dict[str, Any]:
    """*requests* of the mix over *connections* keep-alive connections (one thread each,
    raw sockets, one request in flight), stopping at *cap* seconds: throughput, latency,
    errors and answers whose Access-Control-Allow-Origin is present when it should not be
    or missing when it should (a 5xx is wrong too). *origins(i)*: the i-th request's
    (method, headers) instead of the mix."""
    per = requests // connections
    mix = [(kind, request_bytes(method, headers)) for kind, method, headers in MIX]
    lat: list[float] = []
    counts = {"done": 0, "errors": 0, "wrong": 0, "closed": 0}
    lock = threading.Lock()
    start = threading.Barrier(connections + 1)

    def connect() -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", port), timeout=STALL)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def worker(index: int) -> None:
        sock = connect()
        mine, done, errors, wrong, closed = [], 0, 0, 0, 0
        start.wait()
        deadline = time.perf_counter() + cap
        for i in range(per):
            if time.perf_counter() > deadline:
                break
            if origins is None:
                kind, data = mix[(index + i) % len(mix)]
            else:
                kind, data = "", request_bytes(*origins(index * per + i))
            t0 = time.perf_counter()
            try:
                head = exchange(sock, data)
            except OSError:
                errors += 1
                sock.close()
                sock = connect()
                continue
            mine.append(time.perf_counter() - t0)
            done += 1
            head = head.lower()
            if b"\r\nconnection: close" in head:  # waitress: any answer without a length
                closed += 1
                sock.close()
                sock = connect()
            has = b"\r\naccess-control-allow-origin:" in head
            expect = role != "base" and kind in GETS_CORS
            if head[9:10] == b"5" or (kind and has != expect):
                wrong += 1
        sock.close()
        with lock:
            lat.extend(mine)
            counts["done"] += done
            counts["errors"] += errors
            counts["wrong"] += wrong
            counts["closed"] += closed

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    start.wait()
    t0 = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0.0] * 99
    return {**counts, "seconds": elapsed, "rps": counts["done"] / elapsed,
            "p50_us": q[49] * 1e6, "p99_us": q[98] * 1e6}  # fmt: skip


# -- the run ---------------------------------------------------------------------------------


def stacks_of(group: str) -> list[str]:
    return [s for s in STACKS if s != "peer" or group in PEERS]


def run_group(server: str, group: str, args: argparse.Namespace) -> dict[str, Any]:
    names = stacks_of(group)
    servers = {s: Server(server, group, s) for s in names}
    try:
        for srv in servers.values():
            srv.wait_ready()
            srv.pid = srv.serving_pid()
        for s, srv in servers.items():  # warm-up round, not kept
            sample(srv.port, args.requests // 4, args.connections, args.cap, s)
        samples: dict[str, list[dict[str, Any]]] = {s: [] for s in names}
        for _ in range(args.rounds):
            for s in random.sample(names, len(names)):
                samples[s].append(servers[s].measure(args.requests, args.connections, args.cap, s))
    finally:
        for srv in servers.values():
            srv.stop()
    return summarise(samples)


def summarise(samples: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    base = samples["base"]
    for s, rows in samples.items():  # a round where either answered nothing is left out
        pairs = [(r, b) for r, b in zip(rows, base, strict=True) if r["done"] and b["done"]]
        rows = [r for r, _ in pairs]
        diffs = [1e6 / r["rps"] - 1e6 / b["rps"] for r, b in pairs]
        out[s] = {
            "rps": statistics.median(r["rps"] for r in rows),
            "p50_us": statistics.median(r["p50_us"] for r in rows),
            "p99_us": statistics.median(r["p99_us"] for r in rows),
            "overhead_us": statistics.median(diffs),
            "cpu_us": statistics.median(r["cpu_us"] for r in rows),
            "cpu_overhead_us": statistics.median(r["cpu_us"] - b["cpu_us"] for r, b in pairs),
            "requests": sum(r["done"] for r in rows),
            "errors": sum(r["errors"] for r in rows),
            "wrong": sum(r["wrong"] for r in rows),
            "closed": sum(r["closed"] for r in rows),
            "rounds": len(rows),  # with answers
        }
    for measure in ("overhead_us", "cpu_overhead_us"):
        wc = out["wsgi_cors"][measure]
        for ref in ("floor", "peer"):
            if ref in out:
                den = out[ref][measure]
                ratio = wc / den if den > 0 else None  # no overhead to compare with
                out["wsgi_cors"][f"{ref}_ratio_{measure[:-3]}"] = ratio
    return out


def fmt(ratio: float | None) -> str:
    return "n/a (reference overhead <= 0)" if ratio is None else f"{ratio:.2f}"


def print_table(server: str, group: str, res: dict[str, Any]) -> None:
    for s, r in res.items():
        print(
            f"{server:9} {group:7} {s:10} {r['rps']:7.0f} {r['p50_us']:7.0f} {r['p99_us']:7.0f}"
            f" {r['overhead_us']:8.1f} {r['cpu_us']:7.1f} {r['cpu_overhead_us']:8.1f}"
            f" {r['errors']:4d} {r['wrong']:4d} {r['closed']:6d}",
            flush=True,
        )
    wc = res["wsgi_cors"]
    for measure in ("overhead", "cpu_overhead"):
        ratios = [f"{ref} {fmt(wc[f'{ref}_ratio_{measure}'])} (target <= {TARGETS[key]})"
                  for ref, key in (("floor", "floor"), ("peer", group))
                  if f"{ref}_ratio_{measure}" in wc]  # fmt: skip
        print(f"{'':18}wsgi-cors {measure} / " + ", ".join(ratios), flush=True)


HEADER = (
    f"{'server':9} {'group':7} {'stack':10} {'req/s':>7} {'p50 µs':>7} {'p99 µs':>7}"
    f" {'ovh µs':>8} {'cpu µs':>7} {'cpu ovh':>8} {'err':>4} {'bad':>4} {'closed':>6}"
)


def rss_run(args: argparse.Namespace) -> dict[str, Any]:
    """gunicorn gthread, wsgi-cors on the bare app: worker RSS after 1,000 and after
    up to 100,000 distinct origins (half GETs, half preflights with their own ACRH)."""

    def distinct(i: int) -> tuple[str, dict[str, str]]:
        origin = f"https://tenant-{i}.example.org"
        if i % 2:
            return "GET", {"Origin": origin}
        acrh = f"x-h{i}, content-type"
        return "OPTIONS", {"Origin": origin, "Access-Control-Request-Method": "PUT",
                           "Access-Control-Request-Headers": acrh}  # fmt: skip

    srv = Server("gunicorn", "bare", "wsgi_cors")
    try:
        srv.wait_ready()
        pid = srv.worker_pid()
        before = rss_kib(pid)
        first = sample(srv.port, 1000, args.connections, 30, "wsgi_cors", distinct)
        after_1k = rss_kib(pid)
        offset = lambda i: distinct(1000 + i)  # noqa: E731
        rest = sample(srv.port, 99_000, args.connections, args.rss_seconds, "x", offset)
        after = rss_kib(pid)
    finally:
        srv.stop()
    total = first["done"] + rest["done"]
    return {"rss_start_kib": before, "rss_1k_kib": after_1k, "rss_end_kib": after,
            "distinct_origins": total, "seconds": first["seconds"] + rest["seconds"],
            "errors": first["errors"] + rest["errors"],
            "growth_mib": (after - after_1k) / 1024}  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="2 rounds of 600 requests")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--requests", type=int, default=2000, help="per sample")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--cap", type=float, default=10.0, help="seconds per sample at most")
    p.add_argument("--servers", default="gunicorn,waitress")
    p.add_argument("--groups", default=",".join(S.GROUPS))
    p.add_argument("--kinds", default=",".join(k for k, _, _ in MIX), help="of the mix")
    p.add_argument("--rss", action="store_true", help="only the worker RSS measurement")
    p.add_argument("--rss-seconds", type=float, default=60.0)
    p.add_argument("--json", metavar="PATH", help="write the results here")
    p.add_argument("--serve", nargs=3, metavar=("GROUP", "STACK", "PORT"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        import waitress

        group, stack, port = args.serve
        app = wsgi_app(group, stack)
        waitress.serve(app, listen=f"127.0.0.1:{port}", threads=4, _quiet=True)
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that servers get stopped
    if args.quick:
        args.rounds, args.requests = min(args.rounds, 2), min(args.requests, 600)
    MIX[:] = [m for m in MIX if m[0] in args.kinds.split(",")]
    t0 = time.monotonic()
    meta = {"kinds": args.kinds, "python": platform.python_version(), "cpus": os.cpu_count(),
            "load": os.getloadavg(), "rounds": args.rounds, "requests": args.requests,
            "connections": args.connections}  # fmt: skip
    results: dict[str, Any] = {"meta": meta}
    if args.rss:
        results["rss"] = rss_run(args)
        print(json.dumps(results["rss"], indent=1))
    else:
        print(HEADER)
        for server in args.servers.split(","):
            for group in args.groups.split(","):
                res = run_group(server, group, args)
                results.setdefault(server, {})[group] = res
                print_table(server, group, res)
    meta["seconds"] = round(time.monotonic() - t0, 1)
    print(f"{meta['seconds']} s, load average before: {meta['load']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
