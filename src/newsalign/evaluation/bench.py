"""The built-in quality benchmark: align every LEFT/RIGHT pair of a data folder, score its GOLD.

A data folder holds triples named as Bleualign names them: ``NAME.de``, ``NAME.fr`` and the
gold ``NAME.defr`` (the gold's extension is the two sides' extensions joined, left first), or
``NAME.left``, ``NAME.right`` and ``NAME.gold``. Sides have one sentence a line; the gold is a
bead file over line numbers. ``DIR`` is such a folder, or a folder of them (as
``../shared/data``, whose ``textberg_de_fr`` holds ``dev`` and ``test0..6``), one dataset each.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..alignment import AlignParams, align
from ..embed import Encoder, get_encoder
from ..errors import InputError
from ..records import Bead, Document, Mode
from .beads import read_beads
from .metrics import bead_prf

__all__ = ["Triple", "find_datasets", "find_triples", "format_bench", "run_bench"]


@dataclass(frozen=True, slots=True)
class Triple:
    """One document pair of a data folder and its gold bead file."""

    name: str
    left: Path
    right: Path
    gold: Path


def _sides(suffix: str, suffixes: set[str]) -> tuple[str, str] | None:
    """``("de", "fr")`` for ``"defr"`` when ``de`` and ``fr`` are extensions in the folder;
    one of the two is enough (the other side's file may be the one missing)."""
    if suffix == "gold":
        return ("left", "right")
    splits = [(suffix[:k], suffix[k:]) for k in range(2, len(suffix) - 1)]
    for want in (2, 1):
        for a, b in splits:
            if a != b and a.isalpha() and b.isalpha() and (a in suffixes) + (b in suffixes) >= want:
                return (a, b)
    return None


def find_triples(folder: str | os.PathLike[str]) -> tuple[Triple, ...]:
    """The LEFT/RIGHT/GOLD triples of ``folder``, sorted by name.

    A gold file whose LEFT or RIGHT is missing raises :class:`newsalign.InputError` naming it.
    """
    root = Path(folder)
    files = sorted(p for p in root.iterdir() if p.is_file() and "." in p.name)
    suffixes = {p.name.rsplit(".", 1)[1] for p in files}
    out: list[Triple] = []
    for p in files:
        stem, suffix = p.name.rsplit(".", 1)
        sides = _sides(suffix, suffixes - {suffix})
        if sides is None:
            continue
        left, right = root / f"{stem}.{sides[0]}", root / f"{stem}.{sides[1]}"
        for side in (left, right):
            if not side.is_file():
                raise InputError(f"{side}: no such file (the sentences of gold file {p})")
        out.append(Triple(stem, left, right, p))
    return tuple(out)


def find_datasets(
    data: str | os.PathLike[str], names: Iterable[str] | None = None
) -> dict[str, tuple[Triple, ...]]:
    """The datasets of ``data``: the folder itself if it holds triples, else its subfolders.

    ``names`` picks subfolders; a name that is missing or holds no triples is an error.
    """
    root = Path(data)
    if not root.is_dir():
        raise InputError(f"--data {root}: no such folder")
    wanted = list(names) if names is not None else None
    own = find_triples(root)
    if own and not wanted:
        return {root.name: own}
    found: dict[str, tuple[Triple, ...]] = {}
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        if wanted is not None and sub.name not in wanted:
            continue
        triples = find_triples(sub)
        if triples:
            found[sub.name] = triples
    for name in wanted or ():
        if name not in found:
            raise InputError(f"{root / name}: no such dataset (a folder of LEFT/RIGHT/GOLD files)")
    if not found:
        raise InputError(f"--data {root}: no LEFT/RIGHT/GOLD triples in it or its subfolders")
    return found


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def _check_gold(gold: Sequence[Bead], path: Path, n_left: int, n_right: int) -> None:
    n = 0
    text = _lines(path)
    for line_no, line in enumerate(text, 1):
        if not line.strip():
            continue
        left, right = gold[n]
        n += 1
        for side, idx, size in (("left", left, n_left), ("right", right, n_right)):
            bad = [k for k in idx if k >= size]
            if bad:
                raise InputError(
                    f"{path}:{line_no}: {side} index {bad[0]} out of range ({size} lines)"
                )


def _predict(
    triple: Triple, encoder: Encoder, mode: Mode, params: AlignParams | None
) -> tuple[list[Bead], tuple[Bead, ...], int, int]:
    left, right = _lines(triple.left), _lines(triple.right)
    gold = read_beads(triple.gold, role="gold file")
    _check_gold(gold, triple.gold, len(left), len(right))
    keep_l = [k for k, s in enumerate(left) if s.strip()]
    keep_r = [k for k, s in enumerate(right) if s.strip()]
    if not keep_l or not keep_r:
        empty = triple.left if not keep_l else triple.right
        raise InputError(f"{empty}: empty file (no sentences to align)")
    al = align(
        Document.from_sentences([left[k] for k in keep_l], name=str(triple.left)),
        Document.from_sentences([right[k] for k in keep_r], name=str(triple.right)),
        encoder=encoder,
        mode=mode,
        params=params,
    )
    # beads over line numbers, so blank lines in a side keep the gold's numbering
    pred = [(tuple(keep_l[i] for i in a), tuple(keep_r[j] for j in b)) for a, b in al.beads()]
    return pred, gold, len(keep_l), len(keep_r)


def run_bench(
    data: str | os.PathLike[str],
    *,
    datasets: Iterable[str] | None = None,
    encoder: str | Encoder | None = None,
    mode: Mode = "translation",
    params: AlignParams | None = None,
) -> dict[str, Any]:
    """Align and score every triple of the datasets of ``data``; returns a JSON-ready dict.

    Each dataset reports strict and lax P/R/F1 micro-averaged over its documents, the
    per-document figures and the alignment time (encoding included; the encoder is loaded
    before the clock starts).
    """
    found = find_datasets(data, datasets)
    enc = get_encoder(encoder)
    results: list[dict[str, Any]] = []
    for name, triples in found.items():
        docs: list[dict[str, Any]] = []
        pairs: list[tuple[list[Bead], tuple[Bead, ...]]] = []
        t0 = time.perf_counter()
        for triple in triples:
            t1 = time.perf_counter()
            pred, gold, n_left, n_right = _predict(triple, enc, mode, params)
            one = bead_prf([(pred, gold)])
            docs.append({
                "name": triple.name, "left_sentences": n_left, "right_sentences": n_right,
                "gold_beads": len(gold), "strict": one["strict"].as_dict(),
                "lax": one["lax"].as_dict(), "seconds": round(time.perf_counter() - t1, 3),
            })  # fmt: skip
            pairs.append((pred, gold))
        total = bead_prf(pairs)
        results.append({
            "dataset": name, "documents": docs, "strict": total["strict"].as_dict(),
            "lax": total["lax"].as_dict(), "seconds": round(time.perf_counter() - t0, 3),
        })  # fmt: skip
    return {"data": str(data), "encoder": enc.name, "mode": mode, "datasets": results}


def format_bench(result: dict[str, Any]) -> str:
    """The table ``newsalign bench`` prints: one row per document, one per dataset."""
    head = f"{'dataset / document':<32} {'strict P':>8} {'R':>6} {'F1':>6}  {'lax P':>6} "
    head += f"{'R':>6} {'F1':>6} {'sec':>7}"
    rows = [f"encoder {result['encoder']}, mode {result['mode']}", head, "-" * len(head)]

    def row(label: str, r: dict[str, Any]) -> str:
        s, lx = r["strict"], r["lax"]
        return (
            f"{label:<32} {s['precision']:>8.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  "
            f"{lx['precision']:>6.3f} {lx['recall']:>6.3f} {lx['f1']:>6.3f} {r['seconds']:>7.1f}"
        )

    for ds in result["datasets"]:
        rows += [row(f"  {d['name']}", d) for d in ds["documents"]]
        rows.append(row(f"{ds['dataset']} (all {len(ds['documents'])})", ds))
    return "".join(r + "\n" for r in rows)
