"""Cross-check a few (stack, request) pairs with pyperf's own runner.

Usage::

    python benchmarks/pyperf_check.py --stacks bare,noop,noop_sr,wc \\
        --kinds get_allowed --fast -o /tmp/check.json
    python -m pyperf stats /tmp/check.json

pyperf times each benchmark in its own worker processes, one benchmark after the
other, with its calibration, warm-ups and outlier-resistant statistics. That is the
wrong tool for the interleaved same-run comparisons of ``run.py`` (drift between two
benchmarks' minutes lands on one side only), but a good independent check of the
per-stack figures: both use the same request loop (:func:`harness.make_bench`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyperf

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import harness  # noqa: E402
import stacks as S  # noqa: E402


def add_cmdline_args(cmd: list[str], args: Any) -> None:
    cmd.extend(["--stacks", args.stacks, "--kinds", args.kinds])


def main() -> None:
    runner = pyperf.Runner(add_cmdline_args=add_cmdline_args)
    runner.argparser.add_argument("--stacks", default="bare,noop,noop_sr,wc,wsgicors")
    runner.argparser.add_argument("--kinds", default="get_allowed")
    args = runner.parse_args()
    names = [s for s in args.stacks.split(",") if s]
    groups = {next((g for g in S.GROUPS[1:] if g in name), "bare") for name in names}
    stacks = S.build_stacks([g for g in S.GROUPS if g in groups])
    environs = S.request_environs()
    for name in names:
        for kind in args.kinds.split(","):
            bench = harness.make_bench(stacks[name].app, environs[kind])
            runner.bench_time_func(
                f"{name} {kind}", lambda loops, bench=bench: bench(loops) / 1e9
            )


if __name__ == "__main__":
    main()
