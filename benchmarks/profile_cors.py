"""Where wsgi_cors spends its time, per request kind (cProfile).

Usage::

    python benchmarks/profile_cors.py                     # wc, wc_short, wc_star
    python benchmarks/profile_cors.py --stacks wc_falcon --kinds preflight -n 20000

Runs each (stack, request) *n* times under :mod:`cProfile`, through the same loop as
the benchmark, and prints the functions with the most own time, in ns per request.
cProfile adds a fixed cost to every Python-level call, so the absolute figures are
inflated (more for paths with many small calls); read them for the call counts and
the ranking, and take the real cost from ``run.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import harness  # noqa: E402
import stacks as S  # noqa: E402


def profile(stack: S.Stack, kind: str, n: int, top: int) -> None:
    bench = harness.make_bench(stack.app, ENVIRONS[kind])
    bench(100)
    prof = cProfile.Profile()
    prof.enable()
    bench(n)
    prof.disable()
    stats = pstats.Stats(prof)
    entries = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in \
            stats.stats.items():  # type: ignore[attr-defined]
        if func == "bench" or filename.endswith("harness.py"):
            continue
        where = f"{Path(filename).name}:{line}({func})" if line else func
        entries.append((tottime, cumtime, ncalls, where))
    entries.sort(reverse=True)
    total = sum(e[0] for e in entries)
    print(f"\n{stack.name} / {S.KINDS[kind]}: {total / n * 1e9:,.0f} ns/request"
          " (profiled, own time of everything the loop calls)")
    print(f"  {'own ns/req':>10} {'cum ns/req':>10} {'calls/req':>9}  function")
    for tottime, cumtime, ncalls, where in entries[:top]:
        print(f"  {tottime / n * 1e9:>10,.0f} {cumtime / n * 1e9:>10,.0f}"
              f" {ncalls / n:>9.2f}  {where}")


ENVIRONS = S.request_environs()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="cProfile wsgi_cors per request kind.")
    p.add_argument("--stacks", default="wc,wc_short,wc_star")
    p.add_argument("--kinds", default=",".join(S.KINDS))
    p.add_argument("-n", type=int, default=20000, help="requests per (stack, kind)")
    p.add_argument("--top", type=int, default=8)
    args = p.parse_args(argv)
    names = [s for s in args.stacks.split(",") if s]
    groups = {next((g for g in S.GROUPS[1:] if g in name), "bare") for name in names}
    stacks = S.build_stacks([g for g in S.GROUPS if g in groups])
    for name in names:
        if name not in stacks:
            p.error(f"unknown stack {name!r}; one of {', '.join(stacks)}")
        for kind in args.kinds.split(","):
            n = args.n if kind != "preflight_hostile" else max(1, args.n // 10)
            profile(stacks[name], kind, n, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
