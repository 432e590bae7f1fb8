"""Benchmark wsgi_cors against do-nothing floors and its peers, in one interleaved run.

Usage::

    python benchmarks/run.py            # full run (about a minute)
    python benchmarks/run.py --quick    # under 20 s
    python benchmarks/plot.py           # benchmarks/results/overhead.png from the JSON

Prints, for every stack and request kind, the median ns/request and the overhead over
the stack's plain base; the overhead ratios against the floors and the peers; one
PASS/FAIL line per target; and writes everything, samples included, to
``benchmarks/results/latest.json``. See benchmarks/README.md for the method.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # also importable as benchmarks.run
    sys.path.insert(0, str(HERE))

import harness  # noqa: E402
import stacks as S  # noqa: E402

RESULTS = HERE / "results"
PACKAGES = (
    "wsgi-cors",
    "wsgicors",
    "falcon",
    "flask",
    "flask-cors",
    "django",
    "django-cors-headers",
    "werkzeug",
    "pyperf",
    "matplotlib",
)
KIND_SHORT = {
    "get_no_origin": "GET no-Origin",
    "get_allowed": "GET allowed",
    "get_disallowed": "GET disallowed",
    "preflight": "preflight",
    "preflight_hostile": "hostile pf",
}


# -- machine and versions ---------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_revision() -> dict[str, Any]:
    """The repository's commit and whether src/ differs from it (read-only git calls)."""
    root = HERE.parent

    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                 timeout=10, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip()

    status = git("status", "--porcelain", "--", "src")
    digest = hashlib.sha256()
    package = root / "src" / "wsgi_cors"
    for path in sorted([*package.glob("*.py"), *package.glob("*.c")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return {"commit": git("rev-parse", "HEAD"),
            "src_modified": None if status is None else bool(status),
            # Identifies the exact source measured, committed or not.
            "src_sha256": digest.hexdigest()}


def machine_info() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    try:
        affinity = sorted(os.sched_getaffinity(0))
    except AttributeError:
        affinity = None
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.replace("\n", " "),
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpu_affinity": affinity,
        "loadavg_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "packages": versions,
        "git": git_revision(),
        "speedups": speedups_in_use(),
    }


def speedups_in_use() -> bool:
    """Whether wsgi_cors runs with its C accelerator (README, "Speed")."""
    from wsgi_cors import middleware

    return middleware.SPEEDUPS


# -- sanity ------------------------------------------------------------------------------


def sanity(stacks: dict[str, S.Stack], environs: dict[str, dict[str, Any]]
           ) -> tuple[dict[str, Any], list[str], list[tuple[str, str, str]]]:
    """Call every (stack, request) once. Returns (record, fatal problems, peer notes)."""
    record: dict[str, Any] = {}
    fatal: list[str] = []
    notes: list[tuple[str, str, str]] = []
    for stack in stacks.values():
        record[stack.name] = {}
        for kind, environ in environs.items():
            try:
                answer = S.call_once(stack.app, environ)
            except Exception as exc:  # a broken stack must not be timed
                fatal.append(f"{stack.name} / {kind}: raised {exc!r}")
                record[stack.name][kind] = {"error": repr(exc)}
                continue
            if stack.role == "peer":
                problems = S.peer_warnings(stack, kind, answer)
                notes.extend((stack.name, kind, p) for p in problems)
            else:
                problems = S.expected_problems(stack, kind, answer)
                fatal.extend(f"{stack.name} / {kind}: {p}" for p in problems)
            record[stack.name][kind] = {
                "status": answer.status,
                "summary": S.describe(answer),
                "cors_headers": {n: (v if len(v) <= 200 else f"<{len(v)} bytes>")
                                 for n, v in answer.headers
                                 if n.lower().startswith("access-control-")
                                 or n.lower() == "vary"},
                "problems": problems,
            }
    return record, fatal, notes


# -- statistics ---------------------------------------------------------------------------


@dataclass
class Cell:
    n: int
    samples: list[float]
    total: tuple[float, float, float]
    overhead_samples: list[float]
    overhead: tuple[float, float, float]


def summarize(stacks: dict[str, S.Stack], samples: dict[tuple[str, str], list[float]],
              loops: dict[tuple[str, str], int]) -> dict[tuple[str, str], Cell]:
    cells = {}
    for (name, kind), values in samples.items():
        base = samples[(stacks[name].base, kind)]
        over = harness.paired_differences(values, base)
        cells[(name, kind)] = Cell(loops[(name, kind)], values, harness.quartiles(values),
                                   over, harness.quartiles(over))
    return cells


def measure(cells: dict[tuple[str, str], Cell], stack: str, kind: str, what: str
            ) -> tuple[float, list[float]]:
    cell = cells[(stack, kind)]
    if what == "overhead":
        return cell.overhead[1], cell.overhead_samples
    return cell.total[1], cell.samples


# -- targets ------------------------------------------------------------------------------


@dataclass
class Target:
    group: str
    text: str
    stack: str
    kind: str
    what: str  # "overhead" or "total"
    limit: float
    ref: str
    ref_kind: str


def targets(stacks: dict[str, S.Stack]) -> list[Target]:
    out: list[Target] = []

    def add(group: str, text: str, stack: str, kind: str, what: str, limit: float,
            ref: str, ref_kind: str | None = None) -> None:
        if stack in stacks and ref in stacks:
            out.append(Target(group, text, stack, kind, what, limit, ref, ref_kind or kind))

    t1 = "T1 GET no Origin, * policy vs class floor"
    add(t1, t1, "wc_star", "get_no_origin", "overhead", 1.5, "noop")
    t2 = "T2 list policy, no CORS answer vs start_response floor"
    for kind in ("get_no_origin", "get_disallowed"):
        add(t2, t2, "wc", kind, "overhead", 1.6, "noop_sr")
    t3 = "T3 GET allowed origin"
    add(t3, t3, "wc", "get_allowed", "overhead", 2.3, "noop_sr")
    add(t3, t3, "wc", "get_allowed", "overhead", 0.6, "wsgicors")
    add(t3, t3, "wc_falcon", "get_allowed", "overhead", 0.6, "falcon_cors_mw")
    t4 = "T4 short-circuit preflight total vs wsgicors"
    add(t4, t4, "wc_short", "preflight", "total", 0.7, "wsgicors")
    t5 = "T5 pass-through preflight on Falcon vs falcon.CORSMiddleware"
    add(t5, t5, "wc_falcon", "preflight", "overhead", 0.5, "falcon_cors_mw")
    t6 = "T6 hostile 8 KiB ACRH total vs normal preflight"
    for stack in stacks.values():
        if stack.role == "wsgi_cors":
            add(t6, t6, stack.name, "preflight_hostile", "total", 20.0, stack.name, "preflight")
    t7 = "T7 on Flask / Django vs flask-cors / django-cors-headers"
    for kind in S.KINDS:
        add(t7, t7, "wc_flask", kind, "overhead", 0.15, "flask_cors")
        add(t7, t7, "wc_django", kind, "overhead", 0.15, "django_cors")
    # Django: django-cors-headers answers preflights itself, so its like-for-like
    # wsgi_cors configuration there is the short-circuit one.
    for kind in S.PREFLIGHT_KINDS:
        add(t7, t7, "wc_short_django", kind, "overhead", 0.15, "django_cors")
    return out


def evaluate(target: Target, cells: dict[tuple[str, str], Cell]) -> dict[str, Any]:
    a, a_rounds = measure(cells, target.stack, target.kind, target.what)
    b, b_rounds = measure(cells, target.ref, target.ref_kind, target.what)
    passed = a <= target.limit * b
    agree = sum(x <= target.limit * y for x, y in zip(a_rounds, b_rounds, strict=True))
    ratio = a / b if b > 0 else None
    return {
        "target": target.group,
        "stack": target.stack,
        "kind": target.kind,
        "measure": target.what,
        "value_ns": a,
        "reference": target.ref,
        "reference_kind": target.ref_kind,
        "reference_ns": b,
        "ratio": ratio,
        "limit": target.limit,
        "pass": passed,
        "rounds_passing": agree,
        "rounds": len(a_rounds),
        # How far off: the ratio over the limit (> 1 fails).
        "margin": (ratio / target.limit) if ratio is not None else None,
    }


# -- printing -----------------------------------------------------------------------------


def fmt_ns(value: float) -> str:
    return f"{value:,.0f}"


def print_table(stacks: dict[str, S.Stack], cells: dict[tuple[str, str], Cell],
                kinds: list[str]) -> None:
    width = 18
    print("\nns/request: median total, and overhead = stack - its base (median of per-round"
          "\ndifferences, +- half its interquartile range)")
    head = f"{'stack':<18}" + "".join(f"{KIND_SHORT[k]:>{width + 2}}" for k in kinds)
    sub = f"{'':<18}" + "".join(f"{'total':>8}{'overhead':>12}" for _ in kinds)
    group = None
    for stack in stacks.values():
        if stack.group != group:
            group = stack.group
            print(f"\n[{group}]  base: {stacks[stack.base].label}")
            print(head)
            print(sub)
        line = f"{stack.name:<18}"
        for kind in kinds:
            cell = cells[(stack.name, kind)]
            if stack.name == stack.base:
                line += f"{fmt_ns(cell.total[1]):>8}{'-':>12}"
            else:
                q1, med, q3 = cell.overhead
                over = f"{med:+,.0f}~{(q3 - q1) / 2:<3.0f}"
                line += f"{fmt_ns(cell.total[1]):>8}{over:>12}"
        print(line)


def ratio_rows(stacks: dict[str, S.Stack], cells: dict[tuple[str, str], Cell],
               kinds: list[str]) -> list[dict[str, Any]]:
    rows = []
    for stack in stacks.values():
        for ref in stack.compare:
            if ref not in stacks:
                continue
            row: dict[str, Any] = {"stack": stack.name, "reference": ref, "ratios": {}}
            for kind in kinds:
                a = cells[(stack.name, kind)].overhead[1]
                b = cells[(ref, kind)].overhead[1]
                row["ratios"][kind] = a / b if b > 0 else None
            rows.append(row)
    return rows


def print_ratios(rows: list[dict[str, Any]], kinds: list[str]) -> None:
    print("\nOverhead ratios (wsgi_cors overhead / reference overhead; '-' where the"
          "\nreference overhead is <= 0, i.e. the reference is not slower than the base)")
    print(f"{'stack':<18}{'vs':<16}" + "".join(f"{KIND_SHORT[k]:>15}" for k in kinds))
    for row in rows:
        line = f"{row['stack']:<18}{row['reference']:<16}"
        for kind in kinds:
            r = row["ratios"][kind]
            line += f"{'-' if r is None else f'{r:.2f}x':>15}"
        print(line)


def print_targets(results: list[dict[str, Any]]) -> None:
    print("\nTargets (medians from this run; 'rounds' = rounds in which the paired samples"
          "\nalone would pass)")
    group = None
    for r in results:
        if r["target"] != group:
            group = r["target"]
            print(f"\n{group}")
        ratio = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        ref = r["reference"] + ("" if r["reference_kind"] == r["kind"]
                                else f" {KIND_SHORT[r['reference_kind']]}")
        verdict = "PASS" if r["pass"] else "FAIL"
        print(f"  {verdict}  {r['stack']:<16}{KIND_SHORT[r['kind']]:<15}"
              f"{r['measure']:<9}{fmt_ns(r['value_ns']):>8} ns vs {ref:<26}"
              f"{fmt_ns(r['reference_ns']):>8} ns  = {ratio:>7} (limit {r['limit']}x)"
              f"  rounds {r['rounds_passing']}/{r['rounds']}")
    passed = sum(r["pass"] for r in results)
    print(f"\n{passed}/{len(results)} target checks pass")


# -- main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="few short rounds (under 20 s); noisier figures")
    p.add_argument("--rounds", type=int, help="timed rounds (default 101, quick 15)")
    p.add_argument("--sample-ms", type=float,
                   help="target duration of one sample (default 10, quick 1.5)")
    p.add_argument("--warmup-rounds", type=int, help="untimed rounds first (default 2, quick 1)")
    p.add_argument("--groups", default=",".join(S.GROUPS),
                   help=f"comma-separated subset of {','.join(S.GROUPS)}")
    p.add_argument("--max-seconds", type=float,
                   help="stop starting new rounds after this many seconds from the start"
                   " (at least 5 rounds run; default 14 with --quick, none otherwise)")
    p.add_argument("--seed", type=int, default=20240601, help="shuffle seed")
    p.add_argument("--cpu", type=int, help="pin the process to this CPU")
    p.add_argument("--json", type=Path, default=RESULTS / "latest.json",
                   help="where to write the results (default benchmarks/results/latest.json)")
    p.add_argument("--no-json", action="store_true", help="write no JSON")
    p.add_argument("--keep-going", action="store_true",
                   help="benchmark even if the sanity check finds a misconfigured stack")
    p.add_argument("--strict", action="store_true", help="exit 1 if a target fails")
    args = p.parse_args(argv)
    args.rounds = args.rounds or (15 if args.quick else 101)
    args.sample_ms = args.sample_ms or (1.5 if args.quick else 10.0)
    if args.warmup_rounds is None:
        args.warmup_rounds = 1 if args.quick else 2
    if args.max_seconds is None and args.quick:
        args.max_seconds = 14.0
    args.groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = set(args.groups) - set(S.GROUPS)
    if unknown:
        p.error(f"unknown groups {sorted(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    info = machine_info()
    print(f"wsgi-cors benchmark: Python {platform.python_version()}, {info['cpu_model']}"
          f" ({info['cpu_count']} CPUs), {info['platform']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()))
    git = info["git"]
    print(f"source: commit {(git['commit'] or '?')[:12]}"
          f"{' + uncommitted changes in src/' if git['src_modified'] else ''}"
          f" (src sha256 {git['src_sha256'][:12]})")
    print("wsgi_cors C accelerator: " + ("in use" if info["speedups"] else
          "NOT in use (pure Python: not built, or WSGI_CORS_PURE_PYTHON is set)"))
    load = info["loadavg_start"]
    if load and info["cpu_count"] and load[0] > 0.5 * info["cpu_count"]:
        print(f"WARNING: load average {load[0]:.2f} on {info['cpu_count']} CPUs: other"
              " processes compete for the CPU, expect noisy figures")

    stacks = S.build_stacks(args.groups)
    environs = S.request_environs()
    kinds = list(S.KINDS)

    # 1. Sanity: every (stack, request) once, before any timing.
    record, fatal, notes = sanity(stacks, environs)
    if fatal:
        print("\nSANITY CHECK FAILED: these stacks do not answer as configured:")
        for problem in fatal:
            print(f"  {problem}")
        if not args.keep_going:
            print("Not benchmarking a broken configuration (--keep-going to override).")
            return 2
    else:
        print(f"\nsanity check: {len(stacks)} stacks x {len(kinds)} requests answer as"
              " expected (wsgi_cors, floors, bases)")
    if notes:
        print("\nWARNING: peers that do not produce the policy's CORS headers"
              " (benchmarked as they behave):")
        print(f"  {'peer':<20}{'request':<16}note")
        for name, kind, note in notes:
            print(f"  {name:<20}{KIND_SHORT[kind]:<16}{note}")

    # 2. Calibration.
    sample_ns = args.sample_ms * 1e6
    benches: dict[tuple[str, str], harness.Bench] = {}
    loops: dict[tuple[str, str], int] = {}
    for name, stack in stacks.items():
        for kind in kinds:
            bench = harness.make_bench(stack.app, environs[kind])
            benches[(name, kind)] = bench
            loops[(name, kind)], _ = harness.calibrate(bench, sample_ns)
    blocks = [
        [((name, kind), benches[(name, kind)], loops[(name, kind)])
         for name, stack in stacks.items() if stack.group == group]
        for group in args.groups for kind in kinds
    ]
    pairs = len(benches)
    print(f"\ntiming {pairs} (stack, request) pairs: {args.warmup_rounds} warm-up +"
          f" {args.rounds} rounds, ~{args.sample_ms:g} ms per sample, shuffled every round",
          file=sys.stderr)

    # 3. Interleaved rounds.
    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\rround {done}/{total}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)

    timing_started = time.perf_counter()
    deadline = None
    if args.max_seconds is not None:
        deadline = time.monotonic() + args.max_seconds - (time.perf_counter() - started)
    samples = harness.run_rounds(blocks, args.rounds, args.seed, args.warmup_rounds,
                                 progress, deadline)
    timing_s = time.perf_counter() - timing_started
    rounds_done = len(next(iter(samples.values())))
    if rounds_done < args.rounds:
        print(f"\nNOTE: time budget (--max-seconds {args.max_seconds:g}) reached: only"
              f" {rounds_done} of {args.rounds} rounds ran (is the machine busy?)")

    # 4. Report.
    cells = summarize(stacks, samples, loops)
    print_table(stacks, cells, kinds)
    rows = ratio_rows(stacks, cells, kinds)
    print_ratios(rows, kinds)
    results = [evaluate(t, cells) for t in targets(stacks)]
    print_targets(results)
    elapsed = time.perf_counter() - started
    info["loadavg_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    print(f"\n{'quick' if args.quick else 'full'} run: {elapsed:.1f} s total"
          f" ({timing_s:.1f} s timing); load average at start/end"
          f" {info['loadavg_start'][0]:.2f}/{info['loadavg_end'][0]:.2f}"
          if info["loadavg_start"] else "")

    if not args.no_json:
        out = {
            "meta": info,
            "config": {
                "mode": "quick" if args.quick else "full",
                "rounds": rounds_done,
                "rounds_requested": args.rounds,
                "max_seconds": args.max_seconds,
                "warmup_rounds": args.warmup_rounds,
                "sample_ms": args.sample_ms,
                "seed": args.seed,
                "groups": args.groups,
                "cpu": args.cpu,
                "elapsed_s": round(elapsed, 2),
                "timing_s": round(timing_s, 2),
                "argv": sys.argv[1:] if argv is None else argv,
            },
            "policy": {
                "origin": S.ORIGIN, "disallowed_origin": S.EVIL_ORIGIN,
                "expose_headers": S.EXPOSE, "max_age": S.MAX_AGE,
                "short_circuit_methods": S.METHODS,
                "short_circuit_headers": S.ALLOW_HEADERS,
                "hostile_header_bytes": len(S.HOSTILE_HEADERS),
            },
            "kinds": S.KINDS,
            "stacks": {
                s.name: {"label": s.label, "group": s.group, "role": s.role,
                         "base": s.base, "policy": s.policy, "preflight": s.preflight,
                         "compare": s.compare}
                for s in stacks.values()
            },
            "results": {
                s.name: {
                    kind: {
                        "loops": cells[(s.name, kind)].n,
                        "median_ns": cells[(s.name, kind)].total[1],
                        "q1_ns": cells[(s.name, kind)].total[0],
                        "q3_ns": cells[(s.name, kind)].total[2],
                        "overhead_median_ns": cells[(s.name, kind)].overhead[1],
                        "overhead_q1_ns": cells[(s.name, kind)].overhead[0],
                        "overhead_q3_ns": cells[(s.name, kind)].overhead[2],
                        "samples_ns": [round(v, 2) for v in cells[(s.name, kind)].samples],
                    }
                    for kind in kinds
                }
                for s in stacks.values()
            },
            "ratios": rows,
            "targets": results,
            "sanity": {"fatal": fatal, "peer_warnings": [list(n) for n in notes],
                       "answers": record},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.json.with_suffix(".tmp")
        tmp.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        tmp.replace(args.json)
        print(f"wrote {args.json}")

    if args.strict and not all(r["pass"] for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
