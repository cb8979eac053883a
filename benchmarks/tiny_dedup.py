"""Full-path ``newsalign dedup`` on many tiny unrelated records: wall time and peak memory.

Records are single news lines spliced from two random ko_en_news lines under
``../shared/data`` (seeded; English and Korean in turn): on one topic, related to no other
record, so every record should come out ``unique``, once. Each size runs the CLI in a
fresh process (default encoder, semantic stage on) and the result is written to
``benchmarks/results/tiny_dedup.json``.

Run from the project root::

    PYTHONPATH=src nice -n 10 python -m benchmarks.tiny_dedup --records 1000,10000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ko_en_news"
OUT = ROOT / "benchmarks" / "results" / "tiny_dedup.json"


def tiny_records(count: int, seed: int = 0) -> list[dict[str, str]]:
    """``count`` one-line news records: the first half of one line and the second half of
    another, drawn at random (seeded), English and Korean in turn."""
    lines: dict[str, list[list[str]]] = {}
    for lang in ("en", "ko"):
        lines[lang] = [
            line.split()
            for name in sorted(DATA.glob(f"*.{lang}"))
            for line in name.read_text(encoding="utf-8").splitlines()
            if len(line.split()) >= 4
        ]
    rng = random.Random(seed)
    out = []
    for k in range(count):
        lang = "en" if k % 2 == 0 else "ko"
        a, b = rng.choice(lines[lang]), rng.choice(lines[lang])
        text = " ".join(a[: len(a) // 2] + b[len(b) // 2 :])
        out.append({"id": f"t{k}", "text": text, "lang": lang})
    return out


def run_point(count: int, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in tiny_records(count):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "newsalign.cli", "dedup"]
        cmd += [str(src), "-o", str(dst)]
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"records": count, "seconds": None, "timed_out": timeout}
        seconds = time.perf_counter() - t0
        peak = 0
        for line in proc.stderr.splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split()[-1]) * 1024
        rows = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
        ids = [r["id"] for r in rows]
        relations: dict[str, int] = {}
        for r in rows:
            relations[r["relation"]] = relations.get(r["relation"], 0) + 1
        return {
            "records": count,
            "rc": proc.returncode,
            "seconds": round(seconds, 1),
            "peak_rss_mib": round(peak / 2**20),
            "out_rows": len(rows),
            "every_record_once": sorted(ids) == sorted(f"t{k}" for k in range(count)),
            "relations": relations,
        }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", default="1000,10000", help="comma-separated sizes")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per size")
    args = ap.parse_args(argv)
    points = []
    for count in [int(x) for x in args.records.split(",")]:
        point = run_point(count, args.timeout)
        print(json.dumps(point), flush=True)
        points.append(point)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"machine": machine, "points": points}, indent=1) + "\n")


if __name__ == "__main__":
    main()
