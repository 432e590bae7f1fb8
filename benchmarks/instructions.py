"""Count the CPU instructions each stack executes per request, with Valgrind's
callgrind, and check the targets on those counts.

Usage::

    sudo apt-get install valgrind          # once (Debian/Ubuntu)
    python benchmarks/instructions.py      # every group; --groups bare,falcon for fewer

Why: wall-clock overheads of a few hundred nanoseconds against a Django request of
60 µs, or two peers' overheads measured on a busy virtual machine, move by tens of
per cent from run to run. An instruction count does not: the same code on the same
interpreter executes the same instructions (``PYTHONHASHSEED`` is fixed), so the
ratios below are reproducible to a fraction of a per cent. They are not times (a
cache miss costs more than an add), so ``run.py`` stays the measure of record; this
script says whether a target failed on the code or on noise.

Method: for each (stack, request kind) a worker process runs the benchmark's own
request loop (:func:`harness.make_bench`) *n1* times and another *n2* times under
``valgrind --tool=callgrind``; ``(I(n2) - I(n1)) / (n2 - n1)`` is the count per
request, free of start-up and import costs. Overhead = stack - its plain base.
Results go to ``benchmarks/results/instructions.json``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import harness  # noqa: E402
import stacks as S  # noqa: E402

RESULTS = HERE / "results"
#: Requests per worker: (n1, n2). The frameworks' requests execute ~100x more
#: instructions than the plain app's, so fewer of them give the same precision.
LOOPS = {"bare": (1000, 6000), "falcon": (300, 1800), "flask": (100, 600), "django": (100, 600)}
_COLLECTED = re.compile(rb"Collected : (\d+)")


def worker(group: str, stack: str, kind: str, n: int) -> None:
    """Run in the child under Valgrind: *n* requests of *kind* to *stack*."""
    app = S.build_stacks([group])[stack].app
    bench = harness.make_bench(app, S.request_environs()[kind])
    bench(20)  # let the interpreter specialize the loop first, as run.py's warm-up does
    bench(n)


def count(group: str, stack: str, kind: str, n: int) -> int:
    """Instructions executed by a whole worker process making *n* requests."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cmd = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, str(Path(__file__).resolve()), "--worker", group, stack, kind, str(n),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
    found = _COLLECTED.search(proc.stderr)
    if proc.returncode != 0 or found is None:
        tail = proc.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{stack} / {kind}: the worker failed:\n{tail}")
    return int(found.group(1))


def per_request(group: str, stack: str, kind: str) -> float:
    n1, n2 = LOOPS[group]
    return (count(group, stack, kind, n2) - count(group, stack, kind, n1)) / (n2 - n1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", default=",".join(S.GROUPS),
                        help="comma-separated subset of " + ",".join(S.GROUPS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes at once (default: one per CPU)")
    parser.add_argument("--json", default=str(RESULTS / "instructions.json"),
                        help="where to write the counts")
    parser.add_argument("--worker", nargs=4, metavar=("GROUP", "STACK", "KIND", "N"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        group, stack, kind, n = args.worker
        worker(group, stack, kind, int(n))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: sudo apt-get install valgrind", file=sys.stderr)
        return 2

    import run  # the targets are run.py's

    groups = [g for g in args.groups.split(",") if g]
    stacks = S.build_stacks(groups)
    cells = [(s.group, s.name, kind) for s in stacks.values() for kind in S.KINDS]
    print(f"callgrind: {len(cells)} (stack, request) pairs, 2 workers each,"
          f" {args.jobs} at a time; Python {platform.python_version()}; C accelerator"
          f" {'in use' if run.speedups_in_use() else 'NOT in use'}", file=sys.stderr)
    counts: dict[tuple[str, str], float] = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(per_request, *cell): cell for cell in cells}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            _, name, kind = futures[future]
            counts[(name, kind)] = future.result()
            if sys.stderr.isatty():
                print(f"\r{done}/{len(cells)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)

    def overhead(name: str, kind: str) -> float:
        return counts[(name, kind)] - counts[(stacks[name].base, kind)]

    kinds = list(S.KINDS)
    print(f"\nInstructions per request (total, and +overhead over the stack's base)\n"
          f"{'stack':<18}" + "".join(f"{run.KIND_SHORT[k]:>24}" for k in kinds))
    for name in stacks:
        cols = []
        for kind in kinds:
            extra = "" if stacks[name].role == "base" else f" {overhead(name, kind):+,.0f}"
            cols.append(f"{counts[(name, kind)]:,.0f}{extra}")
        print(f"{name:<18}" + "".join(f"{c:>24}" for c in cols))

    results = []
    print("\nTargets on instruction counts")
    for target in run.targets(stacks):
        if target.what == "overhead":
            a = overhead(target.stack, target.kind)
            b = overhead(target.ref, target.ref_kind)
        else:
            a = counts[(target.stack, target.kind)]
            b = counts[(target.ref, target.ref_kind)]
        ratio = a / b if b > 0 else None
        passed = a <= target.limit * b
        results.append({"target": target.group, "stack": target.stack, "kind": target.kind,
                        "measure": target.what, "value": a, "reference": target.ref,
                        "reference_kind": target.ref_kind, "reference_value": b,
                        "ratio": ratio, "limit": target.limit, "pass": passed})
        shown = f"{ratio:6.2f}x" if ratio is not None else "      -"
        print(f"  {'PASS' if passed else 'FAIL'}  {target.group.split()[0]}"
              f"  {target.stack:<16}{run.KIND_SHORT[target.kind]:<15}{target.what:<9}"
              f"{a:>10,.0f} vs {target.ref:<15}{b:>10,.0f} = {shown}"
              f" (limit {target.limit:g}x)")
    passed = sum(r["pass"] for r in results)
    print(f"\n{passed}/{len(results)} target checks pass on instruction counts")

    if args.json:
        out = {
            "meta": {"python": platform.python_version(), "platform": platform.platform(),
                     "git": run.git_revision(), "loops": LOOPS,
                     "speedups": run.speedups_in_use()},
            "counts": {f"{name}/{kind}": value for (name, kind), value in counts.items()},
            "targets": results,
        }
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
