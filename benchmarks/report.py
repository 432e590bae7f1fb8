"""Write the benchmark results as reStructuredText for the docs.

Usage::

    python benchmarks/report.py [results.json] [-o docs/benchmark_results.inc] [--check]

Reads ``benchmarks/results/latest.json`` (written by ``benchmarks/run.py``) and writes
``docs/benchmark_results.inc``, which ``docs/benchmarks.rst`` includes: the machine and
versions the run was measured on, one table per stack group (median total and overhead
of every stack for every request kind), the overhead ratios against the floors and the
peers, and the target verdicts; and, when ``benchmarks/results/instructions.json``
(``benchmarks/instructions.py``) exists, the targets checked on instruction counts.
Everything comes from the JSON, nothing from the machine running this script, so the
page only changes when the results do.

``--check`` writes nothing and exits with status 1 if the file is not what the JSON
gives (e.g. in CI, after a new run without a new report).
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
OUTPUT = HERE.parent / "docs" / "benchmark_results.inc"
GROUP_ORDER = ("bare", "falcon", "flask", "django")
MINUS = "\N{MINUS SIGN}"
TIMES = "\N{MULTIPLICATION SIGN}"
PLUS_MINUS = "\N{PLUS-MINUS SIGN}"


# -- formatting ---------------------------------------------------------------------------


def esc(text: object) -> str:
    """``text`` as literal reStructuredText (no inline markup, no substitutions)."""
    # "\\:" also keeps "https://..." from becoming a link.
    return re.sub(r"([\\`*_|]|:(?=//))", r"\\\1", str(text))


def ns(value: float) -> str:
    """Whole nanoseconds with thousands separators (the JSON's medians are fractions of
    a per-sample mean: their decimals are below the resolution of the measurement)."""
    return f"{value:,.0f}".replace("-", MINUS)


def signed_ns(value: float) -> str:
    return f"{value:+,.0f}".replace("-", MINUS)


def ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}{TIMES}".replace("-", MINUS)


def limit(value: float) -> str:
    return f"{value:g}{TIMES}"


def field_list(fields: Iterable[tuple[str, str]]) -> list[str]:
    return [f":{name}: {body}" for name, body in fields]


def list_table(header: list[str], rows: list[list[list[str] | str]], widths: list[int],
               caption: str = "", stub: bool = True) -> list[str]:
    """A ``list-table``; a cell given as a list of strings becomes a line block."""
    out = [f".. list-table:: {caption}".rstrip(),
           "   :header-rows: 1",
           f"   :widths: {' '.join(str(w) for w in widths)}"]
    if stub:
        out.append("   :stub-columns: 1")
    out.append("")
    all_rows: list[list[list[str] | str]] = [list(header), *rows]
    for row in all_rows:
        for i, cell in enumerate(row):
            lead = "   * - " if i == 0 else "     - "
            if isinstance(cell, list):
                out.append(lead + "| " + cell[0])
                out.extend("       | " + line for line in cell[1:])
            else:
                out.append((lead + cell).rstrip())
    out.append("")
    return out


def heading(text: str, char: str) -> list[str]:
    return [text, char * len(text), ""]


# -- sections -----------------------------------------------------------------------------


def stack_name(stacks: dict[str, Any], name: str) -> str:
    return f"{esc(stacks[name]['label'])} (``{name}``)" if name in stacks else f"``{name}``"


def measured_on(data: dict[str, Any]) -> list[str]:
    meta: dict[str, Any] = data.get("meta", {})
    config: dict[str, Any] = data.get("config", {})
    fields: list[tuple[str, str]] = []

    date = meta.get("date")
    if date:
        try:
            when = datetime.datetime.fromisoformat(date)
        except ValueError:
            fields.append(("Date", esc(date)))
        else:
            offset = when.utcoffset()
            zone = "UTC" if offset == datetime.timedelta(0) else when.strftime("UTC%z")
            fields.append(("Date", f"{when:%Y-%m-%d %H:%M:%S} {zone}"))

    git = meta.get("git") or {}
    commit = git.get("commit")
    source = {True: "with uncommitted changes to ``src/``",
              False: "``src/`` as committed",
              None: "state of ``src/`` unknown"}[git.get("src_modified")]
    text = f"``{commit[:7]}``, {source}" if commit else f"unknown, {source}"
    if git.get("src_modified") and git.get("src_sha256"):
        text += f" (SHA-256 of ``src/wsgi_cors/*.py, *.c``: ``{git['src_sha256'][:12]}``)"
    fields.append(("Git commit", text))
    speedups = meta.get("speedups")
    if speedups is not None:
        fields.append(("C accelerator", "in use (``wsgi_cors._speedups``)" if speedups
                       else "not in use: pure Python"))

    python = " ".join(str(meta.get("python", "unknown")).split())
    version, _, build = python.partition(" ")
    impl = meta.get("python_implementation", "")
    fields.append(("Python", f"{esc(impl)} {esc(version)} {esc(build)}".strip()))
    fields.append(("Platform", esc(meta.get("platform", "unknown"))))

    cpu = esc(meta.get("cpu_model", "unknown"))
    count = meta.get("cpu_count")
    if count:
        cpu += f", {count} logical CPU{'s' if count != 1 else ''}"
    affinity = meta.get("cpu_affinity")
    if config.get("cpu") is not None:
        cpu += f"; the run pinned to CPU {config['cpu']}"
    elif affinity and count and len(affinity) != count:
        cpu += f"; the process allowed on CPUs {', '.join(map(str, affinity))}"
    fields.append(("CPU", cpu))

    start, end = meta.get("loadavg_start"), meta.get("loadavg_end")
    if start or end:
        def load(avg: list[float] | None) -> str:
            return "unknown" if not avg else f"{avg[0]:.2f}"
        fields.append(("Load average", f"{load(start)} at the start, {load(end)} at the end"
                                       " (1 minute)"))

    packages: dict[str, str | None] = meta.get("packages", {})
    if packages:
        fields.append(("Packages", ", ".join(
            f"{esc(name)} {esc(version) if version else '(not installed)'}"
            for name, version in packages.items())))

    if config:
        run = (f"{config.get('mode', '?')}, {config.get('rounds', '?')} timed rounds"
               f" (of {config.get('rounds_requested', '?')} requested)"
               if config.get("rounds") != config.get("rounds_requested")
               else f"{config.get('mode', '?')}, {config.get('rounds', '?')} timed rounds")
        if config.get("sample_ms") is not None:
            run += f" of about {config['sample_ms']:g} ms per sample"
        if config.get("warmup_rounds") is not None:
            run += f" after {config['warmup_rounds']} warm-up round"
            run += "" if config["warmup_rounds"] == 1 else "s"
        if config.get("elapsed_s") is not None:
            run += f"; {config['elapsed_s']:g} s in all"
        if config.get("argv"):
            run += f"; ``run.py {' '.join(config['argv'])}``"
        fields.append(("Run", run))

    out = heading("Measured on", "-")
    out += field_list(fields)
    out.append("")
    if config.get("mode") == "quick":
        out += ["This is a ``--quick`` run: fewer and shorter samples, noisier figures.", ""]
    return out


def groups_of(stacks: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for info in stacks.values():
        if info["group"] not in seen:
            seen.append(info["group"])
    return sorted(seen, key=lambda g: (GROUP_ORDER.index(g) if g in GROUP_ORDER
                                       else len(GROUP_ORDER), seen.index(g)))


def stack_tables(data: dict[str, Any]) -> list[str]:
    kinds: dict[str, str] = data["kinds"]
    stacks: dict[str, Any] = data["stacks"]
    results: dict[str, Any] = data["results"]
    out = heading("Results", "-")
    out += [
        "ns/request. In each cell: the median total time of a request; below it, the",
        "overhead over the group's plain base (the median of the per-round differences",
        f"stack {MINUS} base); below that, {PLUS_MINUS} half the overhead's interquartile range.",
        "",
    ]
    for group in groups_of(stacks):
        names = [n for n, s in stacks.items() if s["group"] == group]
        base = next((n for n in names if stacks[n]["base"] == n), None)
        out += heading(group, "~")
        if base is not None:
            out += [f"Base: {stack_name(stacks, base)}.", ""]
        rows: list[list[list[str] | str]] = []
        for name in names:
            row: list[list[str] | str] = [stack_name(stacks, name)]
            for kind in kinds:
                cell = results.get(name, {}).get(kind)
                if cell is None:
                    row.append("n/a")
                elif name == base:
                    row.append([ns(cell["median_ns"]), "(base)"])
                else:
                    spread = (cell["overhead_q3_ns"] - cell["overhead_q1_ns"]) / 2
                    row.append([ns(cell["median_ns"]), signed_ns(cell["overhead_median_ns"]),
                                f"{PLUS_MINUS}{ns(spread)}"])
            rows.append(row)
        out += list_table(["Stack", *(esc(label) for label in kinds.values())], rows,
                          [25] + [15] * len(kinds))
    return out


def ratio_table(data: dict[str, Any]) -> list[str]:
    rows_in: list[dict[str, Any]] = data.get("ratios") or []
    if not rows_in:
        return []
    kinds: dict[str, str] = data["kinds"]
    out = heading("Overhead ratios", "-")
    out += [
        "The overhead of each wsgi_cors stack divided by that of a floor or a peer in the",
        "same group, per request kind (below 1: cheaper). n/a where the reference's",
        "overhead is not above zero.",
        "",
    ]
    rows: list[list[list[str] | str]] = [
        [[f"``{r['stack']}``", f"vs ``{r['reference']}``"],
         *(ratio(r["ratios"].get(kind)) for kind in kinds)]
        for r in rows_in
    ]
    out += list_table(["Stack", *(esc(label) for label in kinds.values())], rows,
                      [25] + [15] * len(kinds))
    return out


def target_cells(t: dict[str, Any], kinds: dict[str, str], value: float,
                 reference_value: float) -> list[list[str] | str]:
    """The stack, request, figures and ratio cells of one target check's row."""
    reference = f"vs ``{t['reference']}``"
    if t["reference_kind"] != t["kind"]:
        reference += f", {esc(kinds.get(t['reference_kind'], t['reference_kind']))}"
    return [
        [f"``{t['stack']}``", reference],
        [esc(kinds.get(t["kind"], t["kind"])), f"*{t['measure']}*"],
        [ns(value), f"vs {ns(reference_value)}"],
        [ratio(t["ratio"]), f"\N{LESS-THAN OR EQUAL TO} {limit(t['limit'])}"],
    ]


def target_table(data: dict[str, Any]) -> list[str]:
    targets: list[dict[str, Any]] = data.get("targets") or []
    if not targets:
        return []
    kinds: dict[str, str] = data["kinds"]
    passed = sum(bool(t["pass"]) for t in targets)
    out = heading("Targets", "-")
    out += [
        f"{passed} of {len(targets)} checks pass. Each compares the median overhead (or",
        "total time) of a wsgi_cors stack with a reference's, for the same request kind",
        "unless stated. Below each verdict, in how many of the rounds the paired per-round",
        "figures alone would pass.",
        "",
    ]
    short: dict[str, str] = {}
    for t in targets:
        if t["target"] not in short:
            code = t["target"].split(" ", 1)[0]
            short[t["target"]] = code if re.fullmatch(r"T\d+", code) else esc(t["target"])
            if code != t["target"] and short[t["target"]] == code:
                out.append(f"* **{code}** {esc(t['target'].split(' ', 1)[1])}")
    if out[-1]:
        out.append("")
    rows: list[list[list[str] | str]] = [
        [short[t["target"]], *target_cells(t, kinds, t["value_ns"], t["reference_ns"]),
         ["**PASS**" if t["pass"] else "**FAIL**", f"{t['rounds_passing']}/{t['rounds']}"]]
        for t in targets
    ]
    out += list_table(["Target", "Stack", "Request", "ns", "Ratio, limit", "Verdict, rounds"],
                      rows, [8, 24, 20, 15, 12, 12], stub=False)
    return out


def peer_notes(data: dict[str, Any]) -> list[str]:
    sanity: dict[str, Any] = data.get("sanity") or {}
    kinds: dict[str, str] = data["kinds"]
    stacks: dict[str, Any] = data["stacks"]
    out: list[str] = []
    if sanity.get("fatal"):
        out += ["**The sanity check failed** (the run was made with ``--keep-going``):", ""]
        out += [f"* {esc(' '.join(map(str, item)) if isinstance(item, list) else item)}"
                for item in sanity["fatal"]]
        out.append("")
    warnings: list[list[str]] = sanity.get("peer_warnings") or []
    if warnings:
        grouped: dict[tuple[str, str], list[str]] = {}
        for stack, kind, problem in warnings:
            grouped.setdefault((stack, problem), []).append(kind)
        out += heading("Peers and the policy", "-")
        out += ["Peers are timed as they behave. Where they do not send what the policy",
                "asks for, the sanity check noted:", ""]
        for (stack, problem), kinds_hit in grouped.items():
            which = ("every request kind" if len(kinds_hit) == len(kinds) else
                     ", ".join(esc(kinds.get(k, k)) for k in kinds_hit))
            out.append(f"* {stack_name(stacks, stack)}: {esc(problem)} ({which})")
        out.append("")
    return out


def instruction_table(counts: dict[str, Any] | None, kinds: dict[str, str]) -> list[str]:
    """The targets checked on callgrind instruction counts (``instructions.py``)."""
    if not counts or not counts.get("targets"):
        return []
    targets: list[dict[str, Any]] = counts["targets"]
    meta: dict[str, Any] = counts.get("meta", {})
    commit = ((meta.get("git") or {}).get("commit") or "?")[:12]
    passed = sum(bool(t["pass"]) for t in targets)
    out = heading("Targets on instruction counts", "-")
    out += [
        "The same checks on the CPU instructions executed per request, counted with",
        "Valgrind's callgrind by ``python benchmarks/instructions.py`` (CPython",
        f"{esc(meta.get('python', '?'))}, commit ``{commit}``). Counts do not drift with",
        "the machine's load, so they tell a target missed on the code from one missed on",
        "noise; they are not times (a cache miss costs more than an add), so the timed",
        f"run above remains the measure of record. {passed} of {len(targets)} checks pass.",
        "",
    ]
    rows: list[list[list[str] | str]] = [
        [t["target"].split(" ", 1)[0], *target_cells(t, kinds, t["value"], t["reference_value"]),
         "**PASS**" if t["pass"] else "**FAIL**"]
        for t in targets
    ]
    out += list_table(["Target", "Stack", "Request", "Instructions", "Ratio, limit", "Verdict"],
                      rows, [8, 24, 20, 15, 12, 10], stub=False)
    return out


def render(data: dict[str, Any], source: str, counts: dict[str, Any] | None = None) -> str:
    lines = [
        f".. Generated by benchmarks/report.py from {source}: do not edit.",
        "   Rerun python benchmarks/report.py after python benchmarks/run.py.",
        "",
    ]
    lines += measured_on(data)
    lines += stack_tables(data)
    lines += ratio_table(data)
    lines += target_table(data)
    lines += instruction_table(counts, data["kinds"])
    lines += peer_notes(data)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write docs/benchmark_results.inc from a run.")
    p.add_argument("json", nargs="?", type=Path, default=RESULTS / "latest.json")
    p.add_argument("-o", "--output", type=Path, default=OUTPUT)
    p.add_argument("--instructions", type=Path, default=RESULTS / "instructions.json",
                   help="instruction counts from instructions.py, shown when the file exists")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if the output is not up to date")
    args = p.parse_args(argv)
    try:
        data = json.loads(args.json.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"{args.json} not found: run python benchmarks/run.py first", file=sys.stderr)
        return 1
    try:
        source = args.json.resolve().relative_to(HERE.parent).as_posix()
    except ValueError:
        source = args.json.name
    counts = None
    if args.instructions.exists():
        counts = json.loads(args.instructions.read_text(encoding="utf-8"))
    text = render(data, source, counts)
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.output} is out of date: run python benchmarks/report.py",
                  file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
