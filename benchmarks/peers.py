"""newsalign against Bertalign and Vecalign at equal encoder, timed in one process.

Run from the project root, with checkouts of the peers' repositories (their code is imported
in place from these paths, never copied here)::

    PYTHONPATH=src:. python -m benchmarks.peers --bertalign PATH --vecalign PATH

or with ``$NEWSALIGN_BERTALIGN`` / ``$NEWSALIGN_VECALIGN``. Needs what the peers import:
``numba``, ``faiss-cpu`` and ``torch`` for Bertalign, Vecalign's Cython extension built in
its checkout (``python setup.py build_ext --inplace``).

Both peers embed with newsalign's encoder (USE-m3 by default) in place of theirs (LaBSE and
LASER cannot be loaded offline): Bertalign's ``SentenceTransformer`` is a stand-in whose
``encode`` calls newsalign's encoder (Bertalign's own ``Encoder.transform`` builds and
encodes its overlapping windows); Vecalign's overlaps (``dp_utils.yield_overlaps``) are
encoded by it and handed to ``make_doc_embedding`` and ``vecalign`` as its ``vecalign.py``
does. Bertalign's language detection calls Google Translate; the stand-in answers the
language the dataset states. Everything else is the peers' code, with their default
settings (Bertalign ``max_align=5``; Vecalign ``-a 8`` with its README's settings).

Timing: one encoder, loaded once and warmed up (numba compiles Bertalign's DP there too); no
encoder cache, so each run encodes all it needs. Each round runs every system on all test
documents, end to end (segment + embed + align), the order rotating from round to round;
the figure is the median over rounds. Quality comes from the first round (every system is
deterministic). Writes ``benchmarks/results/peers.json``; ``python -m benchmarks.render``
puts it into ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import os
import random
import statistics
import sys
import time
import types
from collections.abc import Callable, Iterator, Sequence
from math import ceil
from pathlib import Path
from typing import Any

import numpy as np

import newsalign as na
from newsalign.embed import UseM3Encoder

from .data import Task, load_textberg
from .env import environment, write_json
from .metrics import bead_prf
from .quality import _beads_of, _nonblank

log = logging.getLogger("benchmarks.peers")
Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]
Aligner = Callable[[Task], Beads]
LANGS = {"textberg": ("de", "fr")}


class _Counting:
    """newsalign's encoder, counting the texts it encodes (no cache)."""

    name = "use-m3"

    def __init__(self, threads: int) -> None:
        self.inner = UseM3Encoder(threads=threads)
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.encode(list(texts))


# -- the peers, imported in place -------------------------------------------------------
@contextlib.contextmanager
def _stand_ins(enc: _Counting, lang: list[str]) -> Iterator[None]:
    """Modules Bertalign imports that need a network or a model: stand-ins while it loads."""

    class SentenceTransformer:
        def __init__(self, name: str) -> None:
            self.name = name

        def encode(self, texts: Sequence[str]) -> np.ndarray:
            # a fresh array that owns its data: Bertalign resizes it in place
            return np.array(enc.encode(list(texts)), dtype=np.float32, copy=True)

    class Translator:
        def __init__(self, **_: Any) -> None:
            pass

        def detect(self, _text: str) -> Any:
            return types.SimpleNamespace(lang=lang.pop(0) if lang else "en")

    fakes = {
        "sentence_transformers": types.SimpleNamespace(SentenceTransformer=SentenceTransformer),
        "googletrans": types.SimpleNamespace(Translator=Translator),
        "sentence_splitter": types.SimpleNamespace(SentenceSplitter=None),
    }
    saved = {k: sys.modules.get(k) for k in fakes}
    sys.modules.update(fakes)  # type: ignore[arg-type]
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


def bertalign_system(path: Path, enc: _Counting, langs: tuple[str, str]) -> Aligner:
    """Bertalign's ``Bertalign(...).align_sents()`` from the checkout at ``path``."""
    sys.path.insert(0, str(path))
    pending: list[str] = []
    with _stand_ins(enc, pending):
        mod = importlib.import_module("bertalign")

    def run(t: Task) -> Beads:
        (lt, keep_l), (rt, keep_r) = _nonblank(t.left), _nonblank(t.right)
        pending[:] = list(langs)
        with contextlib.redirect_stdout(io.StringIO()):
            aligner = mod.Bertalign("\n".join(lt), "\n".join(rt), is_split=True)
            aligner.align_sents()
        return [
            (tuple(keep_l[i] for i in a), tuple(keep_r[j] for j in b)) for a, b in aligner.result
        ]

    return run


def vecalign_system(path: Path, enc: _Counting, max_size: int = 8) -> Aligner:
    """Vecalign's ``vecalign.py`` steps (``-a 8``, defaults otherwise) from ``path``."""
    sys.path.insert(0, str(path))
    du = importlib.import_module("vecalign.dp_utils")
    logging.getLogger("vecalign").setLevel(logging.ERROR)

    def embed(lines: Sequence[str]) -> np.ndarray:
        overlaps = list(dict.fromkeys(du.yield_overlaps(list(lines), max_size)))
        vecs = np.asarray(enc.encode(overlaps), dtype=np.float32)
        sent2line = {s.strip(): k for k, s in enumerate(overlaps)}
        return du.make_doc_embedding(sent2line, vecs, list(lines), max_size)  # type: ignore[no-any-return]

    def run(t: Task) -> Beads:
        random.seed(42)
        np.random.seed(42)
        vecs0, vecs1 = embed(t.left), embed(t.right)
        stack = du.vecalign(
            vecs0=vecs0, vecs1=vecs1, final_alignment_types=du.make_alignment_types(max_size),
            del_percentile_frac=0.2, width_over2=ceil(max_size / 2.0) + 5,
            max_size_full_dp=300, costs_sample_size=20000, num_samps_for_norm=100,
        )  # fmt: skip
        return [(tuple(a), tuple(b)) for a, b in stack[0]["final_alignments"]]

    return run


def newsalign_system(enc: _Counting, params: na.AlignParams) -> Aligner:
    def run(t: Task) -> Beads:
        (lt, keep_l), (rt, keep_r) = _nonblank(t.left), _nonblank(t.right)
        left = na.Document.from_lines("\n".join(lt))
        right = na.Document.from_lines("\n".join(rt))
        al = na.align(left, right, encoder=enc, mode="translation", params=params)
        return _beads_of(al, keep_l, keep_r)

    return run


# -- the run ----------------------------------------------------------------------------
def _score(preds: Sequence[Beads], tasks: Sequence[Task]) -> dict[str, Any]:
    r = bead_prf([(p, t.gold) for p, t in zip(preds, tasks, strict=True)])
    return {k: v.as_dict() for k, v in r.items()}


def run(
    systems: dict[str, Aligner], enc: _Counting, dev: list[Task], test: list[Task], rounds: int
) -> dict[str, Any]:
    names = list(systems)
    for name in names:  # warm-up: the model, numba's compilation, first-call costs
        systems[name](dev[0])
    times: dict[str, list[float]] = {n: [] for n in names}
    texts: dict[str, int] = {}
    quality: dict[str, Any] = {}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            enc.texts = 0
            t0 = time.perf_counter()
            preds = [systems[name](t) for t in test]
            times[name].append(time.perf_counter() - t0)
            texts[name] = enc.texts
            if name not in quality:
                quality[name] = {"test": _score(preds, test)}
            log.info("round %d %s: %.1f s, %d texts encoded, strict F1 %.4f", r + 1, name,
                     times[name][-1], enc.texts, quality[name]["test"]["strict"]["f1"])  # fmt: skip
    for name in names:  # the dev document, untimed
        quality[name]["dev"] = _score([systems[name](t) for t in dev], dev)
    return {
        name: {
            **quality[name],
            "seconds": [round(x, 2) for x in times[name]],
            "median_s": round(statistics.median(times[name]), 2),
            "texts_encoded": texts[name],
        }
        for name in names
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.peers", description=__doc__.splitlines()[0]
    )
    ap.add_argument(
        "--bertalign",
        default=os.environ.get("NEWSALIGN_BERTALIGN"),
        help="checkout of github.com/bfsujason/bertalign ($NEWSALIGN_BERTALIGN)",
    )
    ap.add_argument("--vecalign", default=os.environ.get("NEWSALIGN_VECALIGN"),
                    help="checkout of github.com/thompsonb/vecalign, extension built "
                    "($NEWSALIGN_VECALIGN)")  # fmt: skip
    ap.add_argument("--shared", help="the shared folder with data/ (default ../shared)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1, help="encoder BLAS threads (default 1)")
    ap.add_argument("--out", default="peers.json", help="file name under benchmarks/results/")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    enc = _Counting(args.threads)
    params = na.AlignParams()
    systems: dict[str, Aligner] = {"newsalign": newsalign_system(enc, params)}
    for flag, name, make in (
        (args.bertalign, "Bertalign", lambda p: bertalign_system(p, enc, LANGS["textberg"])),
        (args.vecalign, "Vecalign", lambda p: vecalign_system(p, enc)),
    ):
        if not flag:
            print(f"peers: error: no {name} checkout (--{name.lower()} PATH)", file=sys.stderr)
            return 2
        path = Path(flag).resolve()
        if not path.is_dir():
            print(f"peers: error: {name} checkout not found: {path}", file=sys.stderr)
            return 2
        systems[name] = make(path)
    dev, test = load_textberg("dev", args.shared), load_textberg("test", args.shared)
    started = time.perf_counter()
    rows = run(systems, enc, dev, test, args.rounds)
    out = {
        "env": environment(),
        "encoder": "use-m3",
        "threads": args.threads,
        "rounds": args.rounds,
        "dataset": "textberg test0..6 (quality also on dev)",
        "settings": {"Bertalign": "Bertalign(max_align=5, top_k=3, win=5, skip=-0.1)",
                     "Vecalign": "vecalign.py -a 8, -d 0.2, search buffer 5",
                     "newsalign": "AlignParams() defaults, mode='translation'"},
        "systems": rows,
        "ratios": {f"newsalign/{n}": round(rows["newsalign"]["median_s"] / rows[n]["median_s"], 3)
                   for n in rows if n != "newsalign"},
        "seconds_total": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    path = write_json(args.out, out)
    log.info("wrote %s; ratios %s", path, out["ratios"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
