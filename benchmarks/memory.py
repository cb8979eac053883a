"""Peak resident memory and wall time of ``newsalign align`` / ``diff`` against input size.

Each point runs the CLI in a fresh process under ``/usr/bin/time -v`` on two texts of about
``size`` MB each, built (seeded) from the ko_en_news lines under ``../shared/data``:

``rewrite``      English against English: the right side keeps the left's lines, drops one
                 in ten, swaps neighbours and adds one foreign line in ten (rewrite mode).
``translation``  the same English lines against their Korean translations (translation mode).
``diff``         the rewrite pair through ``newsalign diff``.

A point that runs past ``--timeout`` is recorded as timed out; one that stops with the
documented limit (``AlignParams.max_sentences``) records its one-line error. Results go to
``benchmarks/results/memory.json`` (saved after every point); ``benchmarks.render`` turns
them into the table and the plot (``docs/memory.png``) of ``docs/benchmarks.md``.

Run from the project root::

    PYTHONPATH=src nice -n 10 python -m benchmarks.memory --sizes 0.1,0.5,2,10 --encoders use-m3,tfidf
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .env import environment

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ko_en_news"
OUT = ROOT / "benchmarks" / "results" / "memory.json"
KINDS = ("rewrite", "translation", "diff")


def _pairs() -> list[tuple[str, str]]:
    out = []
    for split in ("dev", "test"):
        en = (DATA / f"korean-english-park.{split}.en").read_text(encoding="utf-8").splitlines()
        ko = (DATA / f"korean-english-park.{split}.ko").read_text(encoding="utf-8").splitlines()
        out += [(e.strip(), k.strip()) for e, k in zip(en, ko, strict=True) if e.strip()]
    return out


def make_texts(kind: str, size_mb: float, seed: int = 0) -> tuple[str, str]:
    """Two texts of about ``size_mb`` MB (UTF-8) each for ``kind``."""
    pairs = _pairs()
    rng = random.Random(seed)
    left: list[str] = []
    right: list[str] = []
    total = 0
    while total < size_mb * 1e6:
        en, ko = rng.choice(pairs)
        left.append(en)
        total += len(en.encode("utf-8")) + 1
        if kind == "translation":
            right.append(ko)
        elif rng.random() >= 0.1:  # rewrite and diff: drop one line in ten
            right.append(en)
        if kind != "translation" and rng.random() < 0.1:
            right.append(rng.choice(pairs)[0])  # a line the left does not have
    if kind != "translation":
        for k in range(0, len(right) - 1, 7):  # swap some neighbours
            right[k], right[k + 1] = right[k + 1], right[k]
    return "\n".join(left) + "\n", "\n".join(right) + "\n"


def run_point(kind: str, encoder: str, size_mb: float, timeout: float) -> dict[str, object]:
    point: dict[str, object] = {"kind": kind, "encoder": encoder, "size_mb": size_mb}
    with tempfile.TemporaryDirectory() as tmp:
        left, right = make_texts(kind, size_mb)
        lp, rp = Path(tmp) / "left.txt", Path(tmp) / "right.txt"
        lp.write_text(left, encoding="utf-8")
        rp.write_text(right, encoding="utf-8")
        command = "diff" if kind == "diff" else "align"
        cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "newsalign.cli", command]
        cmd += [str(lp), str(rp), "--encoder", encoder, "-o", str(Path(tmp) / "out")]
        if kind == "translation":
            cmd += ["--mode", "translation"]
        if command == "align":
            cmd.remove("-o")
            cmd.remove(str(Path(tmp) / "out"))
        point["load_avg_1"] = round(os.getloadavg()[0], 2)
        t0 = time.perf_counter()
        # a session of its own, so that a point past the timeout is stopped whole: killing
        # only /usr/bin/time would leave the newsalign process running into the next points
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            point.update(rc=None, timed_out=timeout)
            return point
        point["seconds"] = round(time.perf_counter() - t0, 1)
        point["rc"] = proc.returncode
        for line in stderr.splitlines():
            if "Maximum resident set size" in line:
                point["peak_rss_mib"] = round(int(line.split()[-1]) / 1024)
            elif line.startswith("newsalign:"):
                point["error"] = line
    return point


def merge(
    saved: dict[str, Any] | None, run: dict[str, Any], points: list[dict[str, Any]]
) -> dict[str, Any]:
    """The saved results with the points of one more run: each run keeps its environment
    and time limit (``runs``), each point names its run, and a point measured again
    replaces the earlier one of the same kind, encoder and size."""
    runs = list(saved["runs"]) if saved else []
    old = list(saved["points"]) if saved else []
    index = len(runs)
    fresh = [{**p, "run": index} for p in points]
    keys = {(p["kind"], p["encoder"], p["size_mb"]) for p in fresh}
    kept = [p for p in old if (p["kind"], p["encoder"], p["size_mb"]) not in keys]
    return {"runs": [*runs, run], "points": kept + fresh}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,0.5,2,10", help="MB a side, comma-separated")
    ap.add_argument("--encoders", default="use-m3,tfidf")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per point")
    ap.add_argument(
        "--append", action="store_true",
        help="keep the points already saved (a point measured again replaces its old one)",
    )  # fmt: skip
    args = ap.parse_args(argv)
    saved = None
    if args.append and OUT.exists():
        saved = json.loads(OUT.read_text(encoding="utf-8"))
    run = {"env": environment(), "timeout_s": args.timeout}
    points: list[dict[str, Any]] = []
    for size in [float(x) for x in args.sizes.split(",")]:
        for encoder in args.encoders.split(","):
            for kind in args.kinds.split(","):
                point = run_point(kind, encoder, size, args.timeout)
                print(json.dumps(point), flush=True)
                points.append(point)
                # saved after every point: a long grid stopped half-way keeps what it measured
                OUT.parent.mkdir(parents=True, exist_ok=True)
                payload = merge(saved, run, points)
                OUT.write_text(json.dumps(payload, indent=1) + "\n")


if __name__ == "__main__":
    main()
