"""What CORS costs under a real server (gunicorn gthread, waitress), loaded by wrk."""

from __future__ import annotations  # not evaluated per request (SameAnswers's wrappers)

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

import waitress  # type: ignore[import-untyped]

import stacks as S  # this directory: sys.path[0], or gunicorn's cwd

TARGETS = {"floor": 1.1, "falcon": 1.0, "flask": 0.2, "django": 0.2}  # ratio limits: floor, peers
PEERS = {"falcon": "falcon_cors_mw", "flask": "flask_cors", "django": "django_cors"}
MIX = [  # (kind, method, headers, whether a CORS layer sends Access-Control-Allow-Origin)
    ("allowed", "GET", {"Origin": S.ORIGIN}, True),
    ("no_origin", "GET", {}, False),
    ("disallowed", "GET", {"Origin": S.EVIL}, False),
    ("preflight", *S.REQUESTS["preflight"][1:], True),
    ("credentialed", "GET", {"Origin": S.ORIGIN, "Cookie": "session=abc123"}, True),
]
# One connection per wrk thread: request() and response() alternate, `cur` is the kind being
# answered; mix: {method, headers, 1 if ACAO is due}; quota > 0 (--rss): new origins, quota each,
# on the paths of tenants_app, every one allowed (cur stays 0): its ACAO and ACAC are checked.
LUA = """local mix, offset, quota, nt, n, cur = @MIX@, @OFF@, @QUOTA@, @NT@, 0, 0
local threads, rq, due, a, base = {}, {}, {[0] = 1}, "Access-Control-Request-", "@ROLE@" == "base"
wrong, got, closed, counts = 0, 0, 0, {"wrong", "got", "closed"}  -- for thread:get()
function setup(t) t:set("id", #threads); table.insert(threads, t) end
function init() for k, m in ipairs(mix) do rq[k], due[k] = wrk.format(m[1], nil, m[2]), m[3] end end
function request() n = n + 1
  if quota == 0 then cur = (id + n) % #rq + 1; return rq[cur] end
  local i = offset + id + (n - 1) * nt  -- odd: GET, even: preflight with its own ACRH
  local c = i % 5 < 2  -- credentials for *.c.example.org: 2 in 5
  org, cc = "https://tenant-" .. i .. (c and ".c" or "") .. ".example.org", c and "true" or nil
  local h = {Host = "@HOST@", Origin = org}
  if i % 2 == 0 then h[a .. "Method"], h[a .. "Headers"] = "PUT", "x-h" .. i .. ", content-type" end
  return wrk.format(i % 2 == 1 and "GET" or "OPTIONS", ({"/items", "/ask", "/pass"})[i % 3 + 1], h)
end
function response(status, headers) local h, o = {}, "access-control-allow-"
  for k, v in pairs(headers) do h[k:lower()] = v end  -- names as the server sent them
  if (h.connection or ""):lower() == "close" then closed = closed + 1 end
  local has = h[o .. "origin"] ~= nil  -- and, for a tenant, the values due
  if org then has = h[o .. "origin"] == org and h[o .. "credentials"] == cc end
  if status >= 500 or has ~= (due[cur] == 1 and not base) then wrong = wrong + 1 end
  got = got + 1; if got == quota then io.write("stopped\\n"); io.flush(); wrk.thread:stop() end
end
function done(s, l) local r = {us = s.duration, p50 = l:percentile(50), p99 = l:percentile(99)}
  for k, v in pairs(s.errors) do r[k] = v end  -- connect, read, write, status, timeout
  for _, t in ipairs(threads) do for _, k in ipairs(counts) do r[k] = (r[k] or 0) + t:get(k) end end
  r.errors, r.rps = r.connect + r.read + r.write + r.timeout, math.floor(r.got / r.us * 1e6)
  for k, v in pairs(r) do io.write(k, "=", v, " ") end
end
""".replace("@HOST@", S.HOST)
CPUS = sorted(os.sched_getaffinity(0))  # the server's: the last; wrk's: the others
COLUMNS = "rps p50 p99 ovh_us cpu_us cpu_ovh_us errors wrong closed".split()


class SameAnswers:  # floor: wsgi-cors's headers and 204s per (Origin, method), precomputed
    def __init__(self, app: Any, preflights: str) -> None:  # preflights: any or pass
        wc, self.app, self.table = S.wc("t", "t", S.bare_app, preflights, S.ORIGIN).app, app, {}
        self.answers = preflights != "pass"
        for _, method, headers, _ in MIX:
            seen = S.call(wc, S.environ(method, headers))[1].items()
            extra = [(n, v) for n, v in seen if n.startswith("access-control-")]
            self.table[headers.get("Origin"), method] = extra + [x for x in seen if x[0] == "vary"]

    def __call__(self, env: dict[str, Any], start_response: Any) -> Any:
        extra = self.table[env.get("HTTP_ORIGIN"), env["REQUEST_METHOD"]]
        if env["REQUEST_METHOD"] != "OPTIONS":
            return self.app(env, lambda s, h, e=None: start_response(s, h + extra, e))
        if self.answers:  # answered here, as wsgi-cors does, without the app
            start_response("204 No Content", list(extra))
            return []

        def start(s: str, h: list[Any], e: Any = None) -> Any:  # wsgi-cors turns Allow into ACAM
            return start_response(s, [x for x in h if x[0].lower() != "allow"] + extra, e)

        return self.app(env, start)


def on_cpus(cpus: list[int]) -> Any:  # a preexec_fn pinning the child and its threads
    return (lambda: os.sched_setaffinity(0, cpus)) if len(CPUS) > 1 else None


def tenants_app() -> Any:
    """--rss: GETs, preflights (PUT, own request headers) from https://tenant-<i>[.c].example.org,
    allowed by https://*.example.org, credentials for *.c.example.org, on /items, /ask
    (credentials: a function decides) and /pass (the app answers preflights)."""
    pol = {"allow_origins": [S.ORIGIN, "https://*.example.org"], "expose_headers": [S.EXPOSE]}
    pol |= {"allow_credentials": [S.ORIGIN, "https://*.c.example.org"], "max_age": S.MAX_AGE}
    ask = pol | {"allow_credentials": [S.ORIGIN, lambda origin: ".c." in origin]}
    paths = {"/items": pol, "/ask": ask, "/pass": pol | {"allow_methods": None}}
    return S.CORSMiddleware(S.bare_app, paths=paths)


def wsgi_app(group: str, stack: str, preflights: str) -> Any:  # ('bare', 'floor', 'any')
    if stack == "tenants":
        return tenants_app()
    built = S.build_stacks((group,))
    if stack == "peer":
        return built[PEERS[group]].app
    if stack == "wsgi_cors":
        return S.wc("wc", "", built[group].app, preflights, S.ORIGIN).app
    return SameAnswers(built[group].app, preflights) if stack == "floor" else built[group].app


class Server:  # one server subprocess on a free 127.0.0.1 port; stop() ends it, by its id
    def __init__(self, server: str, group: str, stack: str, preflights: str) -> None:
        sock = socket.create_server(("127.0.0.1", 0))  # queues connections until served
        self.port, self.role, fd = sock.getsockname()[1], stack, sock.fileno()
        args = [sys.executable, __file__, "--serve", group, stack, preflights, str(fd)]
        if server == "gunicorn":  # cwd: on gunicorn's sys.path
            args = [sys.executable, "-m", "gunicorn", "-b", f"fd://{fd}", "-k", "gthread", "-w",
                    "1", "--threads", "4", "--no-control-socket", "--log-level", "warning",
                    f"server:wsgi_app({group!r}, {stack!r}, {preflights!r})"]  # fmt: skip
        with sock:
            self.process = subprocess.Popen(args, cwd=Path(__file__).parent, pass_fds=[fd],
                                            preexec_fn=on_cpus(CPUS[-1:]))  # fmt: skip

    def proc(self) -> Path:  # the serving process: gunicorn's worker (the only child)
        kids = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return Path("/proc", (kids or str(self.process.pid)).split()[0])

    def cpu_ns(self) -> int:  # CPU time its threads have run (schedstat)
        tasks = (self.proc() / "task").iterdir()
        return sum(int((t / "schedstat").read_text().split()[0]) for t in tasks)

    def wrk(self, seconds: int, args: Any, offset: int = 0, quota: int = 0) -> dict[str, Any]:
        # One bounded wrk run; SIGINT once every thread has sent its quota (--rss).
        hs = [", ".join(f"[{k!r}]={v!r}" for k, v in {"Host": S.HOST, **m[2]}.items()) for m in MIX]
        mix = ", ".join(f"{{{m[1]!r}, {{{h}}}, {m[3]:d}}}" for m, h in zip(MIX, hs, strict=True))
        cpu, n, lines = self.cpu_ns(), args.connections, list[str]()
        subs = {"MIX": f"{{{mix}}}", "OFF": offset, "QUOTA": quota, "NT": n, "ROLE": self.role}
        lua = "".join(str(subs.get(p, p)) for p in LUA.split("@"))
        os.write(fd := os.memfd_create("mix.lua"), lua.encode())
        cmd = ["wrk", f"-t{n}", f"-c{n}", f"-d{seconds}s", f"--timeout={args.timeout}s", "-s"]
        cmd += [f"/proc/self/fd/{fd}", f"http://127.0.0.1:{self.port}/items"]  # read per thread
        wrk = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, pass_fds=[fd],
                               preexec_fn=on_cpus(CPUS[:-1]))  # fmt: skip
        os.close(fd)  # wrk has its own
        for line in wrk.stdout or ():
            lines.append(line)
            if line == "stopped\n" and lines.count(line) == n:
                wrk.send_signal(signal.SIGINT)
        if wrk.wait() or "got=" not in "".join(lines[-1:]):
            raise RuntimeError(f"wrk on port {self.port}: {''.join(lines)}")
        r: dict[str, Any] = {k: int(v) for k, v in (kv.split("=") for kv in lines[-1].split())}
        return {**r, "cpu_us": (self.cpu_ns() - cpu) / 1000 / max(1, r["got"])}

    def stop(self) -> None:  # gunicorn's graceful timeout is 30 s
        self.process.terminate()
        self.process.wait(timeout=40)


def run_group(server: str, group: str, args: argparse.Namespace) -> dict[str, Any]:
    names = ["base", "floor", "wsgi_cors"] + ["peer"] * (group in PEERS)
    servers: dict[str, Server] = {}
    try:  # started one by one: if one fails to start, those before it are stopped
        for s in names:
            servers[s] = Server(server, group, s, args.preflights)
        samples: dict[str, list[dict[str, Any]]] = {s: [] for s in names}
        for i in range(args.rounds + 1):  # round 0: warm-up, not kept
            for s in random.sample(names, len(names)):
                samples[s] += [servers[s].wrk(args.duration if i else 1, args)] * (i > 0)
    finally:
        for srv in servers.values():
            srv.stop()
    out: dict[str, Any] = {}
    for s, rows in samples.items():  # rounds where either answered nothing are left out
        pairs = [(r, b) for r, b in zip(rows, samples["base"], strict=True) if r["got"] * b["got"]]
        out[s] = {k: median(r[k] for r, _ in pairs) for k in ("rps", "p50", "p99", "cpu_us")}
        out[s]["ovh_us"] = median(1e6 / r["rps"] - 1e6 / b["rps"] for r, b in pairs)
        out[s]["cpu_ovh_us"] = median(r["cpu_us"] - b["cpu_us"] for r, b in pairs)
        out[s] |= {k: sum(r[k] for r in rows) for k in rows[0] if k not in out[s]}
        out[s]["rounds"] = len(pairs)
        print(f"{server:9} {group:7} {s:10}", *(f"{out[s][k]:8.1f}" for k in COLUMNS))
    wc = out["wsgi_cors"]  # ratios; None (JSON null): an overhead <= 0, no ratio measured
    for ref, m in [(r, m) for r in ("floor", "peer") if r in out for m in ("ovh", "cpu_ovh")]:
        us, den, t = wc[f"{m}_us"], out[ref][f"{m}_us"], TARGETS[ref if ref == "floor" else group]
        x = wc[f"{ref}_ratio_{m}"] = round(us / den, 2) if min(us, den) > 0 else None
        no = f"not measured ({us:.1f} against {den:.1f} µs; <= 0: noise or work saved), not judged"
        print(f"{'':18}wsgi-cors {m} / {ref}'s:", no if x is None else f"{x} (target <= {t})",
              flush=True)  # fmt: skip
    return out


def write_chart(results: dict[str, Any], path: Path) -> None:
    """Overhead per request over the plain app (from throughput), per server and group."""
    from run import bar_chart

    peers = "falcon.CORSMiddleware / flask-cors / django-cors-headers"
    names = {"floor": "floor (the same headers)", "wsgi_cors": "wsgi-cors", "peer": peers}
    m = results["meta"]
    panels = {
        f"{server}: overhead over the plain application": {
            group: {names[s]: r["ovh_us"] for s, r in stacks.items() if s in names}
            for group, stacks in results[server].items()
        }
        for server in m["servers"].split(",")
    }
    run = f"{m['rounds']} rounds of {m['duration']} s, mix: {m['kinds'].replace(',', ', ')}"
    title = f"benchmarks/server.py, Python {m['python']}, {run}"
    bar_chart(panels, path, title, "µs/request, from throughput (median of rounds)")


def main() -> None:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--quick", action="store_true", help="2 rounds of 1 s samples")
    p.add_argument("--rss", action="store_true", help="only gunicorn worker RSS, 1k/100k origins")
    help = "any (default): wsgi-cors answers them (allow_methods='*'); pass: the application"
    p.add_argument("--preflights", default="any", choices=["any", "pass"], help=help)
    opts: dict[str, Any] = {"rounds": 5, "duration": 3, "timeout": 2, "connections": 8}
    opts |= {"rss-seconds": 120, "json": "", "servers": "gunicorn,waitress"}
    opts |= {"groups": ",".join(S.GROUPS), "kinds": ",".join(m[0] for m in MIX)}
    for k, v in opts.items():  # duration, timeout: seconds; connections: wrk threads
        p.add_argument(f"--{k}", default=v, type=type(v), help=f"default: {v}")
    p.add_argument("--serve", nargs=4, help=argparse.SUPPRESS)  # group stack preflights fd
    args = p.parse_args()
    MIX[:] = [m for m in MIX if m[0] in args.kinds.split(",")]
    if args.serve:  # waitress, on the parent's listening socket; "Task queue depth" is no news
        waitress.task.ThreadedTaskDispatcher.queue_logger.disabled = True
        sockets, app = [socket.socket(fileno=int(args.serve[3]))], wsgi_app(*args.serve[:3])
        sys.exit(waitress.serve(app, sockets=sockets, threads=4, _quiet=True))
    if not any(Path(d, "wrk").exists() for d in os.get_exec_path()):
        sys.exit("server.py needs wrk, the HTTP load generator: sudo apt-get install wrk")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that servers get stopped
    args.rounds, args.duration = (2, 1) if args.quick else (args.rounds, args.duration)
    t0, meta = time.monotonic(), {**vars(args), "python": sys.version.split()[0]}
    results: dict[str, Any] = {"meta": {**meta, "load": os.getloadavg()}}
    if args.rss:  # gunicorn, tenants_app: the mix for 1 s, then distinct origins
        srv, n, runs, kib = Server("gunicorn", "bare", "tenants", "any"), args.connections, [], []
        try:
            for offset, count, secs in ((0, 0, 1), (0, 1000, 30), (1000, 99_000, args.rss_seconds)):
                runs.append(srv.wrk(secs, args, offset, count // n))
                kib.append(int((srv.proc() / "status").read_text().split("VmRSS:")[1].split()[0]))
        finally:
            srv.stop()
        results["rss_kib"], results["origins"] = kib, (got := runs[1]["got"] + runs[2]["got"])
        results["growth_mib"], results["mix"] = (kib[2] - kib[1]) / 1024, tenants_app.__doc__
        if got < 100_000:  # --rss-seconds ran out first: say so
            print(f"growth_mib: after {got:,} origins, NOT 100,000 (rss-seconds)", file=sys.stderr)
        print(json.dumps(results))
        results["runs"], rows = runs, {f"--rss run {i}": r for i, r in enumerate(runs)}
    else:
        print("server    group   stack     ", *(f"{k.removesuffix('_us'):>8}" for k in COLUMNS))
        for server in args.servers.split(","):
            for group in args.groups.split(","):
                results.setdefault(server, {})[group] = run_group(server, group, args)
        rows = {f"{v} {g} {k}": r for v in args.servers.split(",") for g in results[v]
                for k, r in results[v][g].items()}  # fmt: skip
    results["meta"]["seconds"] = round(time.monotonic() - t0, 1)
    if args.json:  # and, for the mix, its chart beside it (server-mix.json: .png)
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
        if not args.rss:
            write_chart(results, Path(args.json).with_suffix(".png"))
    bad = [f"{k}: wrong {r['wrong']}, status {r['status']}" for k, r in rows.items()
           if r["status"] or r["wrong"] and not k.endswith("peer")]  # fmt: skip
    if bad:  # every answer is 2xx; only a peer may differ from the policy (flask-cors)
        sys.exit("FAIL, wrong answers or statuses >= 400: " + "; ".join(bad))


if __name__ == "__main__":
    main()
