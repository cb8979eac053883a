"""`newsalign score` against Vecalign's own ``score.py``, on Text+Berg test0..6.

Run from the project root, with a checkout of github.com/thompsonb/vecalign whose Cython
extension is built (``pip install cython numpy && python setup.py build_ext --inplace``)::

    PYTHONPATH=src:. python -m benchmarks.vecalign_scores /path/to/vecalign
    PYTHONPATH=src:. python -m benchmarks.vecalign_scores /path/to/vecalign --no-vecalign-run

For each system below, the predictions of test0..6 are written as bead files to a temporary
folder, then scored twice against the gold ``bleualign_data/test*.defr`` of the checkout:
by Vecalign's ``python -m vecalign.score`` (run in the checkout, its code untouched) and by
``newsalign score --gold-dir --pred-dir``. Both print 3 decimals; the JSON records both tables
and whether they agree. Systems:

* the gold against itself, the naive 1-1 diagonal and Gale-Church (``benchmarks.baselines``);
* newsalign (bundled USE-m3, ``mode="translation"``), written by ``Alignment.to_beads``;
* Vecalign itself (``-a 8``, overlaps ``-n 10``), unless ``--no-vecalign-run``. The LASER
  embedding files of its README (``bleualign_data/overlaps.*.emb``) are not in every copy of
  the repository; when they are missing the overlaps are embedded with newsalign's USE-m3
  instead, and the row says so.

``--keep DIR`` keeps the bead files (``pred<k>/test<n>.beads``, Vecalign's raw output) there.
Writes ``benchmarks/results/vecalign_scores.json``; ``python -m benchmarks.render_evaluate``
puts the table into ``docs/evaluate.md``.
"""

from __future__ import annotations

import argparse
import logging
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

import newsalign as na
from newsalign.evaluation import write_beads
from newsalign.records import Bead

from .baselines import diagonal, gale_church
from .env import environment, write_json

log = logging.getLogger("benchmarks.vecalign_scores")
DOCS = [f"test{k}" for k in range(7)]
_ROW = re.compile(r"^\|\s*(Precision|Recall|F1)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def vecalign_score(checkout: Path, golds: Sequence[Path], preds: Sequence[Path]) -> dict[str, Any]:
    """Run ``python -m vecalign.score`` in the checkout; its table as numbers (3 decimals)."""
    cmd = [sys.executable, "-m", "vecalign.score", "-t", *map(str, preds), "-g", *map(str, golds)]
    done = subprocess.run(cmd, cwd=checkout, capture_output=True, text=True, check=True)
    table: dict[str, dict[str, str]] = {"strict": {}, "lax": {}}
    for line in done.stderr.splitlines():
        m = _ROW.match(line.strip())
        if m:
            key = m.group(1).lower()
            table["strict"][key], table["lax"][key] = m.group(2), m.group(3)
    if not table["strict"]:
        raise RuntimeError(f"no score table in Vecalign's output: {done.stderr[-500:]}")
    return table


def newsalign_score(gold_dir: Path, pred_dir: Path) -> dict[str, Any]:
    """Run ``newsalign score --gold-dir --pred-dir``; its printed table (3 decimals)."""
    cmd = [sys.executable, "-m", "newsalign.cli", "score", "--gold-dir", str(gold_dir),
           "--pred-dir", str(pred_dir), "--metric", "strict,lax"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    table: dict[str, dict[str, str]] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in ("strict", "lax"):
            table[parts[0]] = dict(zip(("precision", "recall", "f1"), parts[1:4], strict=True))
    return table


def _newsalign_beads(data: Path) -> tuple[list[list[Bead]], float]:
    enc = na.get_encoder("use-m3")
    t0 = time.perf_counter()
    out = []
    for name in DOCS:
        left = na.Document.from_lines((data / f"{name}.de").read_text(encoding="utf-8"))
        right = na.Document.from_lines((data / f"{name}.fr").read_text(encoding="utf-8"))
        al = na.align(left, right, encoder=enc, mode="translation")
        out.append(list(al.beads()))
    return out, time.perf_counter() - t0


def _vecalign_run(checkout: Path, tmp: Path) -> tuple[list[list[Bead]], str, float]:
    """Vecalign's own alignments of test0..6 (its stdout, one bead file per document)."""
    data = checkout / "bleualign_data"
    t0 = time.perf_counter()
    emb: dict[str, tuple[Path, Path]] = {}
    laser = all((data / f"overlaps.{s}.emb").is_file() for s in ("de", "fr"))
    for side in ("de", "fr"):
        if laser:
            emb[side] = (data / f"overlaps.{side}", data / f"overlaps.{side}.emb")
            continue
        ov = tmp / f"overlaps.{side}"
        inputs = [str(data / f"{d}.{side}") for d in DOCS]
        subprocess.run([sys.executable, "-m", "vecalign.overlap", "-i", *inputs, "-o", str(ov),
                        "-n", "10"], cwd=checkout, check=True)  # fmt: skip
        texts = [line.strip() for line in _lines(ov)]
        vecs = na.embed.normalize_rows(na.get_encoder("use-m3").encode(texts))
        np.asarray(vecs, dtype=np.float32).tofile(tmp / f"overlaps.{side}.emb")
        emb[side] = (ov, tmp / f"overlaps.{side}.emb")
    embed_s = time.perf_counter() - t0
    out = []
    for name in DOCS:
        cmd = [sys.executable, "-m", "vecalign.vecalign", "--alignment_max_size", "8",
               "--src", str(data / f"{name}.de"), "--tgt", str(data / f"{name}.fr"),
               "--src_embed", *map(str, emb["de"]), "--tgt_embed", *map(str, emb["fr"])]  # fmt: skip
        done = subprocess.run(cmd, cwd=checkout, capture_output=True, text=True, check=True)
        (tmp / f"vecalign_{name}.txt").write_text(done.stdout, encoding="utf-8")
        out.append([na.records.parse_bead(line)[:2] for line in done.stdout.splitlines() if line])
    label = (
        "LASER (the repository's files)" if laser else "USE-m3 (newsalign's, LASER files absent)"
    )
    log.info("Vecalign: embedding %.1f s, total %.1f s", embed_s, time.perf_counter() - t0)
    return out, label, time.perf_counter() - t0


def run(checkout: Path, *, vecalign_run: bool = True, keep: Path | None = None) -> dict[str, Any]:
    data = checkout / "bleualign_data"
    golds = [data / f"{d}.defr" for d in DOCS]
    missing = [str(p) for p in golds if not p.is_file()]
    if missing:
        raise SystemExit(f"not a Vecalign checkout (missing {missing[0]})")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="vecalign_scores_") as t:
        tmp = keep or Path(t)
        tmp.mkdir(parents=True, exist_ok=True)
        gold_dir = tmp / "gold"
        gold_dir.mkdir(exist_ok=True)
        for g in golds:  # newsalign matches by name; the checkout holds .de/.fr of each too
            if not (gold_dir / g.name).exists():
                (gold_dir / g.name).symlink_to(g)
        systems: list[tuple[str, list[list[Bead]], dict[str, Any]]] = []
        gold_beads = [[na.records.parse_bead(x)[:2] for x in _lines(g) if x.strip()] for g in golds]
        systems.append(("gold against itself", gold_beads, {}))
        de = {d: _lines(data / f"{d}.de") for d in DOCS}
        fr = {d: _lines(data / f"{d}.fr") for d in DOCS}
        systems.append(("naive 1-1 diagonal", [diagonal(len(de[d]), len(fr[d])) for d in DOCS], {}))
        systems.append(
            ("Gale-Church (lengths only)", [gale_church(de[d], fr[d]) for d in DOCS], {})
        )
        beads, secs = _newsalign_beads(data)
        log.info("newsalign aligned test0..6 in %.1f s", secs)
        systems.append(("newsalign (use-m3, translation)", beads, {"seconds": round(secs, 1)}))
        if vecalign_run:
            beads, label, secs = _vecalign_run(checkout, tmp)
            systems.append(
                (f"Vecalign -a 8, embeddings {label}", beads, {"seconds": round(secs, 1)})
            )
        for k, (name, preds, extra) in enumerate(systems):
            pred_dir = tmp / f"pred{k}"
            pred_dir.mkdir(exist_ok=True)
            paths = []
            for d, p in zip(DOCS, preds, strict=True):
                write_beads(p, pred_dir / f"{d}.beads")
                paths.append(pred_dir / f"{d}.beads")
            v = vecalign_score(checkout, golds, paths)
            n = newsalign_score(gold_dir, pred_dir)
            rows.append({"system": name, "vecalign_score_py": v, "newsalign_score": n,
                         "agree": v == n, **extra})  # fmt: skip
            log.info("%s: strict F1 %s (score.py) / %s (newsalign), agree=%s", name,
                     v["strict"]["f1"], n["strict"]["f1"], v == n)  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    return {"env": environment(), "vecalign_commit": commit or "unknown",
            "documents": DOCS, "rows": rows}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vecalign", type=Path, help="path of a Vecalign checkout (extension built)")
    ap.add_argument("--no-vecalign-run", action="store_true", help="score only, do not align")
    ap.add_argument("-o", "--output", default="vecalign_scores.json", help="file under results/")
    ap.add_argument("--keep", type=Path, help="keep the bead files and overlaps in this folder")
    args = ap.parse_args(argv)
    result = run(args.vecalign.resolve(), vecalign_run=not args.no_vecalign_run, keep=args.keep)
    path = write_json(args.output, result)
    print(f"wrote {path}")
    return 0 if all(r["agree"] for r in result["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
