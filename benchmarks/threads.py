"""USE-m3 encoding time by BLAS thread count, on idle cores and under load.

PYTHONPATH=src:. python -m benchmarks.threads            # -> results/threads.json

Encodes the German side of Text+Berg test0..6 (991 sentences) with 1 and 2 BLAS threads
(``UseM3Encoder(threads=...)``), alternating, median of ``--repeats`` runs: first as the
machine is, then while ``--load`` busy processes (plain Python loops, one core each) stand
in for other work on a shared machine. The encoder's default thread count
(:func:`newsalign.embed.default_threads`) is chosen from these figures.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing as mp
import os
import statistics
import time
from collections.abc import Sequence
from typing import Any

from newsalign.embed import UseM3Encoder

from .data import load_textberg
from .env import environment, write_json

log = logging.getLogger("benchmarks.threads")


def _busy(stop: Any) -> None:
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x += 1


def _time(enc: UseM3Encoder, texts: list[str]) -> float:
    t0 = time.perf_counter()
    enc.encode(texts)
    return time.perf_counter() - t0


def measure(texts: list[str], threads: Sequence[int], repeats: int) -> dict[str, float]:
    encoders = {k: UseM3Encoder(threads=k) for k in threads}
    for enc in encoders.values():
        enc.encode(texts[:20])  # the model loads once a thread count
    times: dict[int, list[float]] = {k: [] for k in threads}
    for _ in range(repeats):
        for k, enc in encoders.items():
            times[k].append(_time(enc, texts))
    return {str(k): round(statistics.median(v), 2) for k, v in times.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.threads", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--shared", help="the shared folder with data/ (default ../shared)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--load", type=int, default=2, help="busy processes for the loaded runs")
    ap.add_argument("--out", default="threads.json", help="file name under benchmarks/results/")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    texts = [s for t in load_textberg("test", args.shared) for s in t.left if s.strip()]
    threads = [1, 2]
    idle_load = os.getloadavg()[0]
    idle = measure(texts, threads, args.repeats)
    log.info("as the machine is (load %.2f): %s", idle_load, idle)
    stop = mp.Event()
    procs = [mp.Process(target=_busy, args=(stop,), daemon=True) for _ in range(args.load)]
    for p in procs:
        p.start()
    try:
        time.sleep(1.0)
        loaded = measure(texts, threads, args.repeats)
    finally:
        stop.set()
        for p in procs:
            p.join()
    log.info("with %d busy processes: %s", args.load, loaded)
    out = {
        "env": environment(),
        "sentences": len(texts),
        "repeats": args.repeats,
        "load_average_before": round(idle_load, 2),
        "busy_processes": args.load,
        "seconds": {"as_is": idle, "under_load": loaded},
    }
    path = write_json(args.out, out)
    log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
