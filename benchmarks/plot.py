"""Plot the overheads of a benchmark run.

Usage::

    python benchmarks/plot.py [results.json] [-o overhead.png]

Reads ``benchmarks/results/latest.json`` (written by ``benchmarks/run.py``) and writes
``benchmarks/results/overhead.png``: one horizontal grouped bar chart per stack group,
a bar per request kind for every stack, the bar being the median overhead over the
group's plain base in ns/request (its value written at the end of the bar) and the
whisker its interquartile range. The x axis is logarithmic (overheads span 100 ns to
milliseconds); overheads <= 0 are drawn as an empty marker at the left edge. The title
gives the commit measured, the date, the Python version and the CPU.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
TOP = 0.95  # inches above the first panel: the title and the legend
COLORS = ["#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974"]


def plot(data: dict[str, Any], out: Path) -> None:
    kinds: dict[str, str] = data["kinds"]
    stacks: dict[str, Any] = data["stacks"]
    results: dict[str, Any] = data["results"]
    groups: list[str] = []
    for info in stacks.values():
        if info["group"] not in groups:
            groups.append(info["group"])
    rows = {g: [n for n, s in stacks.items() if s["group"] == g and s["base"] != n]
            for g in groups}

    heights = [max(1, len(rows[g])) * (len(kinds) * 0.22 + 0.35) + 0.9 for g in groups]
    fig, axes = plt.subplots(len(groups), 1, figsize=(11, sum(heights) + TOP),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    bar = 0.8 / len(kinds)
    floor = 10.0  # ns: the left edge of the log axis
    for ax, group in zip(axes[:, 0], groups, strict=True):
        names = rows[group]
        base = next(n for n, s in stacks.items() if s["group"] == group and s["base"] == n)
        right = floor * 10
        for k, (kind, label) in enumerate(kinds.items()):
            ys, widths, lo, hi, empty = [], [], [], [], []
            for i, name in enumerate(names):
                cell = results[name][kind]
                med = cell["overhead_median_ns"]
                y = i + (k - (len(kinds) - 1) / 2) * bar
                if med <= 0:
                    empty.append(y)
                    continue
                ys.append(y)
                widths.append(med)
                lo.append(max(0.0, med - max(cell["overhead_q1_ns"], floor)))
                hi.append(max(0.0, cell["overhead_q3_ns"] - med))
            ax.barh(ys, widths, height=bar, color=COLORS[k % len(COLORS)],
                    label=label if group == groups[0] else None,
                    xerr=[lo, hi], error_kw={"elinewidth": 0.7, "capsize": 1.5,
                                              "ecolor": "#333333"})
            for y, med, up in zip(ys, widths, hi, strict=True):
                ax.text((med + up) * 1.06, y, f"{med:,.0f}", va="center", ha="left",
                        fontsize=6, color="#333333")
                right = max(right, (med + up) * 4)
            if empty:
                ax.plot([floor * 1.2] * len(empty), empty, linestyle="none", marker="o",
                        markerfacecolor="none", markeredgecolor=COLORS[k % len(COLORS)],
                        markersize=4)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels([f"{stacks[n]['label']}\n({n})" for n in names], fontsize=8)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlim(floor, right)
        ax.grid(axis="x", which="both", linewidth=0.3, alpha=0.6)
        ax.set_title(f"{group}: overhead over {stacks[base]['label']}"
                     f" ({results[base]['get_allowed']['median_ns']:,.0f} ns/request"
                     " for an allowed GET)", fontsize=9, loc="left")
    axes[-1, 0].set_xlabel("overhead, ns/request (median, IQR whiskers, log scale;"
                           " o = no overhead)")
    meta = data.get("meta", {})
    config = data.get("config", {})
    git = meta.get("git") or {}
    commit = (git.get("commit") or "unknown")[:7]
    if git.get("src_modified"):
        commit += " + uncommitted src/ changes"
    date = str(meta.get("date", "?")).replace("T", " ").replace("+00:00", " UTC")
    total = sum(heights) + TOP
    fig.tight_layout(rect=(0, 0, 1, 1 - TOP / total))
    fig.suptitle(
        f"wsgi-cors benchmark: commit {commit}, {date}\n"
        f"Python {meta.get('python', '?').split()[0]}, {meta.get('cpu_model', '?')}"
        f" ({meta.get('cpu_count', '?')} CPUs), {config.get('mode', '?')} run"
        f" ({config.get('rounds', '?')} rounds); overhead = stack - plain base",
        fontsize=10, y=1 - 0.12 / total, va="top",
    )
    fig.legend(loc="upper center", ncol=len(kinds), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.55 / total))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Plot benchmarks/results/latest.json.")
    p.add_argument("json", nargs="?", type=Path, default=RESULTS / "latest.json")
    p.add_argument("-o", "--output", type=Path, default=RESULTS / "overhead.png")
    args = p.parse_args(argv)
    try:
        data = json.loads(args.json.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"{args.json} not found: run python benchmarks/run.py first", file=sys.stderr)
        return 1
    plot(data, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
