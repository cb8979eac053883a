"""Alignment speed and memory, end to end and for alignment alone, 100 to 10,000 sentences.

Run from the project root (timings are only meaningful on a quiet machine)::

    PYTHONPATH=src:. python -m benchmarks.speed            # writes results/speed.json
    PYTHONPATH=src:. python -m benchmarks.speed --e2e-sizes 100,300,1000,3000

What is timed (see benchmarks/README.md):

* **alignment alone**: ``align_embeddings(left_vecs, right_vecs, left=texts, right=texts,
  mode=...)`` on vectors computed beforehand (so: candidate search, anchors, bead search or
  linking, scoring of multi-sentence passages by summed vectors). Each (size, mode) runs in
  a fresh child process; its peak resident memory (``ru_maxrss``) is reported with the
  resident memory just before the call, so the difference is what alignment added.
* **end to end**: raw text -> ``Document.from_text`` (segment), then ``align(...)`` with an
  uncached USE-m3 encoder whose calls are timed: the sentence embeddings (embed) and the
  encodings of joined multi-sentence passages (passages) are reported apart from the rest
  of ``align`` (align). Each (size, mode) runs in a fresh child process; model loading
  and one-time loads (imports, the name-equivalence table, the garbage collection they
  leave due) are done before on a warm-up text that shares no sentence with the
  documents, and not counted.

Documents: Korean (left) and English (right) sentences of ``ko_en_news`` (dev + test, 3,000
pairs) in order; beyond 3,000 the pool repeats with a little noise on the vectors. On the
right, every 20th sentence is dropped, so the two sides differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import logging
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

import newsalign as na

from .data import shared_dir
from .env import environment, write_json

log = logging.getLogger("benchmarks.speed")
CACHE = Path(__file__).resolve().parent / ".cache"


def _pool(shared: str | None) -> tuple[list[str], list[str]]:
    folder = shared_dir(shared) / "data" / "ko_en_news"
    ko: list[str] = []
    en: list[str] = []
    for split in ("dev", "test"):
        k = (folder / f"korean-english-park.{split}.ko").read_text(encoding="utf-8").splitlines()
        e = (folder / f"korean-english-park.{split}.en").read_text(encoding="utf-8").splitlines()
        for a, b in zip(k, e, strict=True):
            if a.strip() and b.strip():
                ko.append(a.strip())
                en.append(b.strip())
    return ko, en


def _pool_vectors(
    shared: str | None, encoder: str
) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """The pool and its vectors (cached under benchmarks/.cache, not part of any timing)."""
    ko, en = _pool(shared)
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"pool_{encoder.replace(':', '_').replace('/', '_')}.npz"
    if path.is_file():
        z = np.load(path)
        if len(z["ko"]) == len(ko):
            return ko, en, z["ko"], z["en"]
    enc = na.get_encoder(encoder)
    kv, ev = enc.encode(ko), enc.encode(en)
    np.savez(path, ko=kv, en=ev)
    return ko, en, kv, ev


def _sides(n: int, ko: Sequence[str], en: Sequence[str]) -> tuple[list[int], list[int]]:
    """Pool indices of the left and right documents of ``n`` sentences (right: every 20th
    dropped)."""
    left = [k % len(ko) for k in range(n)]
    right = [k % len(en) for k in range(n) if k % 20 != 19]
    return left, right


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _current_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# One-time process costs are not alignment time: lazy imports (scipy, scikit-learn), the
# name-equivalence table, compiled patterns. The warm-up text shares no sentence with the
# pool, so no per-sentence cache (name parses) is warm for the timed run.
_WARM_LEFT = [
    "Warm-up: Rep. Jane Doe said 3,000 troops moved on Monday.",
    "이성권 의원은 1만명이 이동했다고 말했다.",
    "Prices rose.",
]
_WARM_RIGHT = [
    "Warm-up text: lawmaker Lee Seong-gwon said 10,000 had moved.",
    "Director John Roe said 3,000 troops moved on Monday.",
]


def _warm_up(mode: str, encoder: na.Encoder | None) -> None:
    vl = np.eye(len(_WARM_LEFT), 8, dtype=np.float32)
    vr = np.eye(len(_WARM_RIGHT), 8, dtype=np.float32)
    na.align_embeddings(vl, vr, left=_WARM_LEFT, right=_WARM_RIGHT, mode=mode)
    if encoder is not None:
        na.align(" ".join(_WARM_LEFT), " ".join(_WARM_RIGHT), encoder=encoder, mode=mode)
    # Imports leave tens of thousands of new objects behind; the first full collection
    # after them would land in whichever stage happens to run next, so settle it here.
    gc.collect()


# -- alignment alone (child process) ----------------------------------------------------
def child_align(n: int, mode: str, shared: str | None, encoder: str) -> dict[str, Any]:
    ko, en, kv, ev = _pool_vectors(shared, encoder)
    li, ri = _sides(n, ko, en)
    rng = np.random.default_rng(n)
    lv = kv[li] + (0.02 * rng.standard_normal((len(li), kv.shape[1])) if n > len(ko) else 0)
    rv = ev[ri] + (0.02 * rng.standard_normal((len(ri), ev.shape[1])) if n > len(en) else 0)
    lt = [ko[k] for k in li]
    rt = [en[k] for k in ri]
    lv, rv = lv.astype(np.float32), rv.astype(np.float32)
    _warm_up(mode, None)
    before = _current_rss_mib()
    t0 = time.perf_counter()
    al = na.align_embeddings(lv, rv, left=lt, right=rt, mode=mode)
    seconds = time.perf_counter() - t0
    return {
        "n_left": len(lt), "n_right": len(rt), "mode": mode, "seconds": round(seconds, 3),
        "sentences_per_s": round((len(lt) + len(rt)) / seconds, 1),
        "rss_before_mib": round(before, 1), "peak_rss_mib": round(_rss_mib(), 1),
        "links": len(al.links),
    }  # fmt: skip


# -- end to end -------------------------------------------------------------------------
class TimedEncoder:
    """Wraps an encoder and times every call; the first two calls of ``align`` are the
    sentence embeddings of the two sides, later ones encode joined passages."""

    def __init__(self, inner: na.Encoder) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls: list[tuple[int, float]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        t0 = time.perf_counter()
        out = self.inner.encode(texts)
        self.calls.append((len(texts), time.perf_counter() - t0))
        return out


def end_to_end(
    n: int, mode: str, ko: Sequence[str], en: Sequence[str], inner: na.Encoder
) -> dict[str, Any]:
    li, ri = _sides(n, ko, en)

    # paragraphs of 5 sentences, so the segmenter sees news-like text
    def text(idx: list[int], pool: Sequence[str]) -> str:
        return "\n\n".join(" ".join(pool[k] for k in idx[s : s + 5]) for s in range(0, len(idx), 5))

    lt, rt = text(li, ko), text(ri, en)
    enc = TimedEncoder(inner)
    t0 = time.perf_counter()
    left = na.Document.from_text(lt)
    right = na.Document.from_text(rt)
    t1 = time.perf_counter()
    al = na.align(left, right, encoder=enc, mode=mode)
    t2 = time.perf_counter()
    sent = enc.calls[:2]
    passages = enc.calls[2:]
    embed_s = sum(s for _, s in sent)
    passage_s = sum(s for _, s in passages)
    segment_s = t1 - t0
    align_s = (t2 - t1) - embed_s - passage_s
    total = t2 - t0
    return {
        "n_left": len(left), "n_right": len(right), "mode": mode,
        "segment_s": round(segment_s, 3), "embed_s": round(embed_s, 3),
        "passages_s": round(passage_s, 3), "passages_encoded": sum(k for k, _ in passages),
        "align_s": round(align_s, 3), "total_s": round(total, 3),
        "sentences_per_s": round((len(left) + len(right)) / total, 1),
        "non_embedding_share_of_embedding": round((segment_s + align_s) / (embed_s + passage_s), 4),
        "non_embedding_share_of_sentence_embedding": round((segment_s + align_s) / embed_s, 4),
        "links": len(al.links),
    }  # fmt: skip


def child_end_to_end(n: int, mode: str, shared: str | None, encoder: str) -> dict[str, Any]:
    ko, en = _pool(shared)
    inner = na.get_encoder(encoder)
    inner = getattr(inner, "inner", inner)  # uncached: every run embeds for real
    inner.encode(["warm up the model"])  # model loading is not counted
    _warm_up(mode, inner)
    return end_to_end(n, mode, ko, en, inner)


def _slopes(rows: list[dict[str, Any]], key: str) -> list[float | None]:
    """Local growth exponent: log(t2 / t1) / log(n2 / n1) between consecutive sizes."""
    out: list[float | None] = [None]
    for a, b in zip(rows, rows[1:]):
        na_, nb = a["n_left"] + a["n_right"], b["n_left"] + b["n_right"]
        out.append(
            round(float(np.log(b[key] / a[key]) / np.log(nb / na_)), 2) if a[key] > 0 else None
        )
    return out


def _median_run(flag: str, n: int, mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """The run with the median non-embedding share among ``--e2e-repeats`` fresh-process
    runs (a shared machine makes single timings of a fraction of a second jumpy); every
    run's share is kept in the row."""
    runs = [_run_child(flag, n, mode, args) for _ in range(max(1, args.e2e_repeats))]
    key = "non_embedding_share_of_embedding"
    runs.sort(key=lambda r: r[key])
    row = dict(runs[(len(runs) - 1) // 2])
    row["shares_of_all_runs"] = [r[key] for r in runs]
    return row


def _run_child(flag: str, n: int, mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """One measurement in a fresh process, so no cache of an earlier one is warm."""
    cmd = [sys.executable, "-m", "benchmarks.speed", "--encoder", args.encoder, flag, str(n), mode]
    if args.shared:
        cmd += ["--shared", args.shared]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    row: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return row


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.speed", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--shared", help="the shared folder (default ../shared)")
    ap.add_argument("--encoder", default="use-m3")
    ap.add_argument("--sizes", default="100,300,1000,3000,10000", help="alignment-alone sizes")
    ap.add_argument("--e2e-sizes", default="100,300,1000", help="end-to-end sizes")
    ap.add_argument("--modes", default="rewrite,translation")
    ap.add_argument(
        "--e2e-repeats",
        type=int,
        default=3,
        help="fresh-process runs per end-to-end row; the median one is reported",
    )
    ap.add_argument("--out", default="speed.json")
    ap.add_argument("--child", nargs=2, metavar=("N", "MODE"), help=argparse.SUPPRESS)
    ap.add_argument("--child-e2e", nargs=2, metavar=("N", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child_align(int(args.child[0]), args.child[1], args.shared, args.encoder)))
        return 0
    if args.child_e2e:
        print(json.dumps(child_end_to_end(int(args.child_e2e[0]), args.child_e2e[1], args.shared,
                                          args.encoder)))  # fmt: skip
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    modes = args.modes.split(",")
    _pool_vectors(args.shared, args.encoder)  # encoded once here; the children read the cache
    out: dict[str, Any] = {
        "env": environment(), "encoder": args.encoder,
        "params": dataclasses.asdict(na.AlignParams()), "align_alone": {}, "end_to_end": {},
    }  # fmt: skip
    sections = (
        ("align_alone", "align alone", "--child", args.sizes, "seconds"),
        ("end_to_end", "end to end", "--child-e2e", args.e2e_sizes, "total_s"),
    )
    for section, label, flag, sizes, seconds_key in sections:
        for mode in modes:
            rows = []
            for n in [int(x) for x in sizes.split(",") if x]:
                if section == "end_to_end":
                    rows.append(_median_run(flag, n, mode, args))
                else:
                    rows.append(_run_child(flag, n, mode, args))
                log.info("%s %s %d: %s", label, mode, n, rows[-1])
            for row, slope in zip(rows, _slopes(rows, seconds_key)):
                row["growth_exponent"] = slope
            out[section][mode] = rows
    path = write_json(args.out, out)
    log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
