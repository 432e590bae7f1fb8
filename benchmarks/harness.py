"""The timing harness: calibrated loops, interleaved rounds, medians.

Why not ``pyperf.Runner``: it times one benchmark per worker process, one after the
other, so a comparison between two stacks spans different processes and different
minutes, and machine drift (frequency scaling, a neighbour's load) lands on one side
only. The comparisons here are between overheads of a few tens of nanoseconds, so
every (stack, request) pair is timed in the same process, round after round, in a
fresh random order each round, and only medians are compared.

Method:

* Every pair gets a ``bench(n)`` closure (:func:`make_bench`) whose loop body is the
  same for every stack: copy the environ template, call the application with a
  recording ``start_response``, iterate the body, call its ``close()``. Only the
  application differs, so the harness' own cost cancels in ``stack - base``.
* :func:`calibrate` warms the pair up, then picks the loop count *n* so that one
  sample takes about ``sample_ns``.
* :func:`run_rounds` runs *rounds* rounds. A round visits every (group, request kind)
  *block* in a shuffled order, and inside a block every stack of the group in a
  shuffled order, so that a stack and its base are always timed a few milliseconds
  apart and each round gives one paired overhead sample.
* The garbage collector is off while a sample runs, and a full collection runs before
  every sample, so each starts from the same heap (Flask and Django leave a few cyclic
  objects per request). :func:`run_rounds` first moves everything built so far into
  the permanent generation (``gc.freeze()``), which makes those collections cheap.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

Bench = Callable[[int], int]


def _write(data: bytes) -> None:
    """The ``write`` callable the recording ``start_response`` hands back."""


# The request loop. It is compiled afresh for every (stack, request) pair, as pyperf's
# timeit does, so that each pair's loop has its own code object: CPython 3.11
# specialises bytecode per code object, and one loop shared by every stack would keep
# re-specialising its call sites (a function here, a class instance there) as the
# stacks take turns.
_LOOP = """
def bench(n):
    recorded = [None, None]

    def start_response(status, headers, exc_info=None):
        recorded[0] = status
        recorded[1] = headers
        return write

    copy = dict
    env = template
    call = app
    perf = perf_counter_ns
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


def make_bench(app: Callable[..., Any], template: dict[str, Any]) -> Bench:
    """``bench(n)`` makes *n* requests to *app* and returns the elapsed nanoseconds.

    Each request: a fresh copy of *template*, a call with a recording
    ``start_response``, the body iterated and its ``close()`` called when it has one.
    """
    namespace: dict[str, Any] = {
        "app": app,
        "template": template,
        "write": _write,
        "perf_counter_ns": time.perf_counter_ns,
    }
    exec(compile(_LOOP, "<bench loop>", "exec"), namespace)
    bench: Bench = namespace["bench"]
    return bench


def calibrate(bench: Bench, sample_ns: float, warmup: int = 50) -> tuple[int, float]:
    """Warm *bench* up, then return ``(n, ns_per_call)`` with ``n`` calls taking about
    *sample_ns*."""
    bench(warmup)
    n = 1
    while True:
        elapsed = bench(n)
        if elapsed >= sample_ns / 4 or n >= 1 << 24:
            break
        n *= 2
    per_call = elapsed / n
    # Take the lower of two estimates: a single slow sample must not shrink n.
    per_call = min(per_call, bench(n) / n)
    return max(1, math.ceil(sample_ns / per_call)), per_call


def run_rounds(
    blocks: Sequence[Sequence[tuple[Any, Bench, int]]],
    rounds: int,
    seed: int,
    warmup_rounds: int = 1,
    progress: Callable[[int, int], None] | None = None,
    deadline: float | None = None,
    min_rounds: int = 5,
) -> dict[Any, list[float]]:
    """Time every ``(key, bench, n)`` of every block *rounds* times.

    Returns ``{key: [ns per request, one per round]}`` (warm-up rounds dropped). With
    a *deadline* (a ``time.monotonic()`` value), no round starts after it once
    *min_rounds* timed rounds are done, so a loaded machine cannot stretch the run.
    """
    rng = random.Random(seed)
    samples: dict[Any, list[float]] = {key: [] for block in blocks for key, _, _ in block}
    order = [list(block) for block in blocks]
    was_enabled = gc.isenabled()
    gc.collect()
    gc.freeze()
    try:
        for r in range(warmup_rounds + rounds):
            done = r - warmup_rounds
            if deadline is not None and done >= min_rounds and time.monotonic() > deadline:
                break
            rng.shuffle(order)
            for block in order:
                rng.shuffle(block)
            for block in order:
                for key, bench, n in block:
                    gc.collect()
                    gc.disable()
                    elapsed = bench(n)
                    gc.enable()
                    if r >= warmup_rounds:
                        samples[key].append(elapsed / n)
            if progress is not None:
                progress(r + 1, warmup_rounds + rounds)
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
        else:
            gc.disable()
    return samples


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """(first quartile, median, third quartile)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def paired_differences(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """``a[i] - b[i]``: per-round overheads (both lists come from the same rounds)."""
    return [x - y for x, y in zip(a, b, strict=True)]
