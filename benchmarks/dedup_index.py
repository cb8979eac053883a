"""The dedup index at scale: reopening an index of 100,000 records, and ``lookup`` after it.

Builds (once, in ``--path``) an index of ``--records`` synthetic articles (seeded random
sentences over a 5,000-word vocabulary, 6 to 12 sentences, dated over a year; one in ten
is a near copy of an earlier one: a sentence dropped, a dateline added), added in
``--batches`` daily batches with ``DedupParams(semantic=False)`` (MinHash LSH and lexical
verification; no encoder, so the build fits the 2-core machine). To measure what a
semantic index loads too, ``--vectors D`` then writes a random unit passage vector of D
dimensions into every record's row (512, USE-m3's size, by default).

What a timing includes:

``reopen``  ``DedupIndex.open(path)`` in a fresh process: reading every row (features,
            decisions, vectors) and rebuilding the in-memory state; median of
            ``--repeats`` processes. The banded MinHash LSH index (sorted band hashes)
            and the passage rows are built from the stored values on first use:
            ``first_lookup_s`` is that first lookup (datasketch's import included), and
            ``reopen_and_first_lookup_s`` the two together (the figure for the 5 s bar).
``lookup``  ``idx.lookup(text, date=...)`` after that open, median and 95th percentile over
            ``--lookups`` texts: half near copies of indexed articles (found), half new
            (unique); each featurises the text, queries LSH, verifies lexically.

Writes ``benchmarks/results/dedup_index.json``.

    PYTHONPATH=src nice -n 10 python -m benchmarks.dedup_index --path /tmp/idx100k
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results" / "dedup_index.json"


def _words(rng: random.Random, n: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(n)]


def corpus(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` synthetic records, one in ten a near copy of an earlier one."""
    rng = random.Random(seed)
    vocab = _words(rng, 5000)
    recs: list[dict[str, Any]] = []
    for k in range(n):
        day = f"2025-{1 + k * 12 // n:02d}-{1 + k % 28:02d}"
        if k > 10 and rng.random() < 0.1:
            src = recs[rng.randrange(max(0, k - 2000), k)]
            sents = src["text"].split(". ")
            del sents[rng.randrange(len(sents))]
            text = "WASHINGTON - " + ". ".join(sents)
        else:
            sents = [
                " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 20))).capitalize()
                for _ in range(rng.randint(6, 12))
            ]
            text = ". ".join(sents) + "."
        recs.append({"id": f"r{k}", "text": text, "lang": "en", "date": day})
    return recs


def build(path: Path, n: int, batches: int, dim: int) -> dict[str, Any]:
    import numpy as np

    import newsalign as na
    from newsalign.deduplication import DedupParams

    recs = corpus(n)
    t0 = time.perf_counter()
    with na.DedupIndex.open(path, params=DedupParams(semantic=False)) as idx:
        size = -(-n // batches)
        for start in range(0, n, size):
            idx.add(recs[start : start + size])
        info = idx.info()
    built = time.perf_counter() - t0
    if dim:
        import sqlite3

        rng = np.random.default_rng(1)
        db = sqlite3.connect(path / "index.sqlite")
        with db:
            for start in range(0, n, 10000):
                vecs = rng.standard_normal((min(10000, n - start), dim)).astype(np.float32)
                vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
                db.executemany(
                    "UPDATE records SET vector = ? WHERE pos = ?",
                    [(v.tobytes(), start + k) for k, v in enumerate(vecs)],
                )
        db.close()
    return {"build_s": round(built, 1), "info": info}


_CHILD = """
import json, statistics, sys, time
t0 = time.perf_counter()
import newsalign as na
from benchmarks.dedup_index import corpus
t1 = time.perf_counter()
idx = na.DedupIndex.open(sys.argv[1])
t2 = time.perf_counter()
out = {"import_s": t1 - t0, "reopen_s": t2 - t1, "records": len(idx)}
if int(sys.argv[3]):
    recs = corpus(int(sys.argv[2]))
    found, new = [], []
    probe = corpus(int(sys.argv[3]), seed=2)
    s = time.perf_counter()
    idx.lookup(probe[0]["text"], lang="en")  # the first one rebuilds the MinHash LSH index
    out["first_lookup_s"] = time.perf_counter() - s
    for k in range(int(sys.argv[3])):
        src = recs[(k * 7919) % len(recs)]
        text, want = (src["text"] + " More follows.", found) if k % 2 else (probe[k]["text"], new)
        s = time.perf_counter()
        d = idx.lookup(text, lang="en", date=src["date"])
        want.append((time.perf_counter() - s, d.relation))
    out["lookup_found_s"] = [t for t, _ in found]
    out["lookup_new_s"] = [t for t, _ in new]
    out["found_relations"] = sorted({r for _, r in found})
    out["new_relations"] = sorted({r for _, r in new})
print(json.dumps(out))
"""


def measure(path: Path, n: int, repeats: int, lookups: int) -> dict[str, Any]:
    runs = []
    for k in range(repeats):
        argv = [sys.executable, "-c", _CHILD, str(path), str(n), str(lookups if k == 0 else 0)]
        done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(json.loads(done.stdout))
    first = runs[0]
    found, new = first["lookup_found_s"], first["lookup_new_s"]

    def ms(xs: list[float]) -> dict[str, float]:
        xs = sorted(xs)
        return {"median_ms": round(1000 * statistics.median(xs), 1),
                "p95_ms": round(1000 * xs[int(0.95 * (len(xs) - 1))], 1)}  # fmt: skip

    return {
        "records": first["records"],
        "reopen_s": [round(r["reopen_s"], 2) for r in runs],
        "reopen_median_s": round(statistics.median(r["reopen_s"] for r in runs), 2),
        # the first lookup after open rebuilds the LSH index from the stored MinHash values
        "first_lookup_s": round(first["first_lookup_s"], 2),
        "reopen_and_first_lookup_s": round(first["reopen_s"] + first["first_lookup_s"], 2),
        "lookup_found": {**ms(found), "relations": first["found_relations"]},
        "lookup_new": {**ms(new), "relations": first["new_relations"]},
        "bars": {"reopen_s": 5.0, "lookup_ms": 50.0},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, required=True, help="index folder (built if missing)")
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--vectors", type=int, default=512, help="passage vector size (0: none)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--lookups", type=int, default=100)
    args = ap.parse_args()
    from benchmarks.env import machine

    out: dict[str, Any] = {"machine": machine(), "settings": vars(args) | {"path": None}}
    if not (args.path / "index.sqlite").exists():
        out["build"] = build(args.path, args.records, args.batches, args.vectors)
    elif OUT.exists():  # an index built by an earlier run: keep that run's build record
        before = json.loads(OUT.read_text(encoding="utf-8"))
        if "build" in before and before.get("settings") == out["settings"]:
            out["build"] = {**before["build"], "reused": "built by an earlier run of this script"}
    out |= measure(args.path, args.records, args.repeats, args.lookups)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "machine"}, indent=2))


if __name__ == "__main__":
    main()
