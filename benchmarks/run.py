"""Time wsgi-cors against do-nothing floors and its peers in one interleaved run."""

import argparse
import gc
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import stacks as S  # this directory: sys.path[0]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "benchmarks"
PACKAGES = "wsgi-cors wsgicors falcon flask flask-cors django django-cors-headers".split()
Stacks = dict[str, S.Stack]
Cells = dict[tuple[str, str], dict[str, Any]]
RESULT_KEYS = ["target", "stack", "kind", "measure", "value_ns", "reference", "reference_kind"]
RESULT_KEYS += ["reference_ns", "ratio", "limit", "pass", "rounds_passing"]

LOOP = """def bench(n):
    def start_response(status, headers, exc_info=None):
        return write
    perf, copy, env, call = time.perf_counter_ns, dict, template, app
    t0 = perf()
    for _ in range(n):
        body = call(copy(env), start_response)
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return perf() - t0
"""


def make_bench(app: Any, template: dict[str, Any]) -> Any:
    """The same loop for every stack, compiled afresh for CPython to specialise it for *app*."""
    ns = {"app": app, "template": template, "write": lambda data: None, "time": time}
    exec(compile(LOOP, "<bench loop>", "exec"), ns)
    return ns["bench"]


def calibrate(bench: Any, sample_ns: float) -> int:
    """Warm up, then the loop count for one sample of about *sample_ns*."""
    bench(50)
    n = 1
    while (elapsed := bench(n)) < sample_ns / 4 and n < 1 << 22:
        n *= 2
    per_call = min(elapsed, bench(n)) / n
    return max(1, round(sample_ns / per_call))


def run_rounds(blocks: list[list[Any]], rounds: int, warmup: int, deadline: float) -> Any:
    """Every (key, bench, n) once a round, in a fresh random order, till *deadline* (5 at least)."""
    rng = random.Random(20240601)
    samples: dict[Any, list[float]] = {key: [] for block in blocks for key, _, _ in block}
    gc.collect()
    gc.freeze()  # everything built so far: makes the per-sample collections cheap
    for r in range(warmup + rounds):
        if r >= warmup + 5 and time.monotonic() > deadline:
            break
        rng.shuffle(blocks)
        for block in blocks:
            rng.shuffle(block)
            for key, bench, n in block:
                gc.collect()
                gc.disable()
                elapsed = bench(n)
                gc.enable()
                if r >= warmup:
                    samples[key].append(elapsed / n)
        if sys.stderr.isatty():
            print(f"\rround {r + 1}/{warmup + rounds}", end="", file=sys.stderr)
    gc.unfreeze()
    print(file=sys.stderr)
    return samples


def summarize(stacks: Stacks, samples: dict[Any, list[float]]) -> Cells:
    """Per pair: quartiles of the total and of the per-round overhead (stack - base)."""
    cells: Cells = {}
    for (name, kind), values in samples.items():
        base = samples[(stacks[name].group, kind)]
        rounds = {"total": values, "overhead": [a - b for a, b in zip(values, base, strict=True)]}
        cells[(name, kind)] = {"rounds": rounds} | {
            m: statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else v * 3
            for m, v in rounds.items()
        }
    return cells


def targets(stacks: Stacks, cells: Cells) -> list[dict[str, Any]]:
    """Every target whose stacks were run, with its figures (*rk*: the reference's kind)."""
    out, wcs = [], [s for s in stacks.values() if s.role == "wsgi_cors"]

    def add(t: str, stack: str, kind: str, what: str, lim: float, ref: str, rk: str = "") -> None:
        if stack not in stacks or ref not in stacks:
            return
        a, b = cells[(stack, kind)], cells[(ref, rk or kind)]
        value, ref_value = a[what][1], b[what][1]
        rounds = [x <= lim * y for x, y in zip(a["rounds"][what], b["rounds"][what], strict=True)]
        # A reference that costs nothing or less (noise) judges nothing: no ratio, no
        # pass. A negative value against a positive one is work saved (a preflight the
        # middleware answers without the framework), and passes.
        ratio = round(value / ref_value, 3) if ref_value > 0 else None
        passed = value <= lim * ref_value if ref_value > 0 else None
        agree = f"{sum(rounds)}/{len(rounds)}"
        values = [t, stack, kind, what, round(value, 1), ref, rk or kind, round(ref_value, 1)]
        out.append(dict(zip(RESULT_KEYS, [*values, ratio, lim, passed, agree], strict=True)))

    title = "GET from the allowed origin"
    add(title, "wc", "get_allowed", "overhead", 2.3, "noop_sr")
    add(title, "wc", "get_allowed", "overhead", 0.65, "wsgicors")
    add(title, "wc_falcon", "get_allowed", "overhead", 0.65, "falcon_cors_mw")
    title = "GET without Origin / from a disallowed origin, list policy"
    add(title, "wc", "get_no_origin", "overhead", 1.7, "noop_sr")
    add(title, "wc", "get_disallowed", "overhead", 2.0, "noop_sr")
    title = "Preflight answered by the middleware (total time)"
    for name in ("wc_listed", "wc_any"):
        add(title, name, "preflight", "total", 0.65, "wsgicors")
    title = "Pass-through preflight on Falcon"
    add(title, "wc_falcon", "preflight", "overhead", 0.5, "falcon_cors_mw")
    title = "Hostile 8 KiB Access-Control-Request-Headers (total time)"
    for s in wcs:
        add(title, s.name, "hostile", "total", 20.0, s.name, "preflight")
    title = "On Flask and Django, against flask-cors / django-cors-headers"
    for s in [s for s in wcs if s.group in ("flask", "django")]:
        for kind in S.KINDS:
            add(title, s.name, kind, "overhead", 0.15, f"{s.group}_cors")
    return out


def report(stacks: Stacks, cells: Cells, results: list[dict[str, Any]]) -> list[str]:
    """The run's table and targets, as printed and as the docs include them."""
    out = ["ns/request: median total and overhead (median of per-round stack - base)"]
    out.append(f"{'stack':<17}" + "".join(f"{k:>21}" for k in S.KINDS.values()))
    for s in stacks.values():
        out += [f"[{s.group}]"] if s.role == "base" else []
        over = "" if s.role == "base" else " {:+,.0f}"  # the base: its total only
        row = [cells[(s.name, k)] for k in S.KINDS]
        text = [f"{c['total'][1]:,.0f}" + over.format(c["overhead"][1]) for c in row]
        out.append(f"{s.name:<17}" + "".join(f"{t:>21}" for t in text))
    out += ["", "targets"]
    for r in results:
        ratio = "not measured" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        ref = r["reference"] + ("" if r["reference_kind"] == r["kind"] else " preflight")
        verdict = {True: "PASS", False: "FAIL", None: "NOT JUDGED"}[r["pass"]]
        out.append(
            f"  {verdict}  {r['stack']} {S.KINDS[r['kind']]}"
            f" {r['measure']} {r['value_ns']:,.0f} ns vs {ref} {r['reference_ns']:,.0f} ns:"
            f" {ratio} (limit {r['limit']}x; passes in {r['rounds_passing']} rounds)"
        )
    unjudged = sum(r["pass"] is None for r in results)
    passing = sum(r["pass"] is True for r in results)
    return out + [f"{passing}/{len(results)} target checks pass ({unjudged} not judged)"]


def machine(args: argparse.Namespace, rounds: int, elapsed: float) -> dict[str, Any]:
    info = Path("/proc/cpuinfo")
    found = re.search(r"model name\s*:\s*(.*)", info.read_text() if info.exists() else "")
    cpu = found.group(1).strip() if found else platform.processor() or "unknown CPU"
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run([*git, "status", "--porcelain", "src"], capture_output=True).stdout
    run = f"{'quick' if args.quick else 'full'}, {rounds} rounds of ~{args.sample_ms:g} ms"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "CPU": f"{cpu}, {os.cpu_count()} logical CPUs",
        "load_average_at_end": round(os.getloadavg()[0], 2),
        "commit": commit.stdout.strip() + (" + changes" if changed else ""),
        "packages": ", ".join(f"{p} {metadata.version(p)}" for p in PACKAGES),
        "run": f"{run} samples, {elapsed:.0f} s",
    }


def bar_chart(panels: dict[str, dict[str, dict[str, float]]], path: Path, title: str,
              xlabel: str, xlim: tuple[float, float] | None = None) -> None:  # fmt: skip
    """Bars, one panel per {row: {series: value}}; *xlim*: a log scale, else a zero line."""
    from matplotlib.figure import Figure  # no pyplot: no GUI backend, nothing to close

    heights = [len(rows) for rows in panels.values()]
    fig = Figure(figsize=(10, 1 + 0.6 * sum(heights)), layout="constrained")
    axes = fig.subplots(len(panels), 1, sharex=True, height_ratios=heights, squeeze=False)
    series = list(dict.fromkeys(k for rows in panels.values() for r in rows.values() for k in r))
    width, legend = 0.8 / len(series), {}
    for ax, (name, rows) in zip(axes[:, 0], panels.items(), strict=True):
        for k, label in enumerate(series):
            at = [(i + (k - (len(series) - 1) / 2) * width, bars[label])
                  for i, bars in enumerate(rows.values()) if label in bars]  # fmt: skip
            legend[label] = ax.barh([y for y, _ in at], [x for _, x in at], height=width)
        ax.set_yticks(range(len(rows)), list(rows), fontsize=7)
        ax.invert_yaxis()
        if xlim:
            ax.set(xscale="log", xlim=xlim)
        else:
            ax.axvline(0, color="black", linewidth=0.6)
        ax.grid(axis="x", which="both", linewidth=0.3)
        ax.set_title(name, fontsize=9, loc="left")
    axes[-1, 0].set_xlabel(xlabel)
    fig.legend(legend.values(), legend.keys(), loc="outside upper center", ncol=5, fontsize=8,
               title=title, title_fontsize=9)  # fmt: skip
    fig.savefig(path, dpi=100)


def write_files(meta: dict[str, Any], stacks: Stacks, cells: Cells, results: list[Any],
                lines: list[str]) -> None:  # fmt: skip
    """latest.json (every quartile), latest.txt (the report, which the docs show), overhead.png."""
    quartiles = {n: {k: {m: [round(v, 1) for v in cells[(n, k)][m]] for m in ("total", "overhead")}
                     for k in S.KINDS} for n in stacks}  # fmt: skip
    info = {n: {"label": s.label, "group": s.group, "role": s.role} for n, s in stacks.items()}
    data = {"meta": meta, "kinds": S.KINDS, "stacks": info, "results (quartiles, ns)": quartiles}
    text = json.dumps({**data, "targets": results}, indent=1) + "\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "latest.json").write_text(text, encoding="utf-8")
    head = [f"{k.replace('_', ' ')}: {v}" for k, v in meta.items()]
    (OUT / "latest.txt").write_text("\n".join([*head, "", *lines]) + "\n", encoding="utf-8")
    panels: dict[str, dict[str, dict[str, float]]] = {}
    for s in [s for s in stacks.values() if s.role != "base"]:
        rows = panels.setdefault(f"{s.group}: overhead over {stacks[s.group].label}", {})
        over = [max(cells[(s.name, k)]["overhead"][1], 1.0) for k in S.KINDS]
        rows[f"{s.label}\n({s.name})"] = dict(zip(S.KINDS.values(), over, strict=True))
    top = 2 * max(c["overhead"][1] for c in cells.values())
    title = f"wsgi-cors {meta['commit']}, {meta['date']}, {meta['python']}"
    xlabel = "overhead over the plain app, ns/request (median, log scale)"
    bar_chart(panels, OUT / "overhead.png", title, xlabel, (30, top))  # <= 30 ns: noise


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="under 20 s, noisier figures")
    p.add_argument("--no-json", action="store_true", help="no latest.json, .txt, overhead.png")
    p.add_argument("--rounds", type=int, help="timed rounds (default 101, quick 45)")
    p.add_argument("--sample-ms", type=float, help="one sample's length (default 10, quick 2)")
    p.add_argument("--max-seconds", type=float, help="no new round after (default 240, quick 15)")
    p.add_argument("--groups", default=",".join(S.GROUPS), help="bare,falcon,flask,django")
    args = p.parse_args()
    args.rounds = args.rounds or (45 if args.quick else 101)
    args.sample_ms = args.sample_ms or (2.0 if args.quick else 10.0)
    started = time.monotonic()
    deadline = started + (args.max_seconds or (15.0 if args.quick else 240.0))
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    print(f"wsgi-cors benchmark, Python {platform.python_version()}, load average {load:.2f}")
    if load > cpus / 2:
        print(f"WARNING: load average {load:.2f} on {cpus} CPUs: expect noisy figures")
    stacks, envs = S.build_stacks(tuple(args.groups.split(","))), S.ENVIRONS
    fatal, notes = list[str](), dict[str, list[str]]()
    for s in stacks.values():
        for kind, env in envs.items():
            for problem in S.problems(s, kind, *S.call(s.app, env)):
                if s.role == "peer":  # a peer's own choice: shown, not a fault of the run
                    notes.setdefault(f"{s.name} differs: {problem}", []).append(S.KINDS[kind])
                else:
                    fatal.append(f"{s.name} / {S.KINDS[kind]}: {problem}")
    for note, kinds in notes.items():
        print(f"note: peer {note} ({', '.join(kinds)})")
    if fatal:
        print("SANITY CHECK FAILED, nothing timed:\n  " + "\n  ".join(fatal))
        return 2

    blocks: dict[tuple[str, str], list[Any]] = {}  # per (group, kind): its stacks' benches
    for s in stacks.values():
        for kind, env in envs.items():
            bench = make_bench(s.app, env)
            n = calibrate(bench, args.sample_ms * 1e6)
            blocks.setdefault((s.group, kind), []).append(((s.name, kind), bench, n))
    print(f"timing {len(stacks) * len(S.KINDS)} pairs, interleaved, up to {args.rounds} rounds")
    samples = run_rounds(list(blocks.values()), args.rounds, 1 if args.quick else 2, deadline)
    rounds = len(next(iter(samples.values())))
    cells = summarize(stacks, samples)
    results = targets(stacks, cells)
    lines = report(stacks, cells, results)
    print("", *lines, sep="\n")
    elapsed = time.monotonic() - started
    print(f"{rounds} rounds in {elapsed:.1f} s")
    if not args.no_json:
        write_files(machine(args, rounds, elapsed), stacks, cells, results, lines)
        print(f"wrote latest.json, latest.txt and overhead.png in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
