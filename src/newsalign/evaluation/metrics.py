"""Alignment quality: strict and lax bead P/R/F1, and the sentence-pair metric of the seeds gold.

The bead metric is the one Bleualign, Vecalign and Bertalign report (Sennrich & Volk 2010,
as implemented in Vecalign's ``score.py``), counted the same way so the figures agree to the
last decimal:

* precision is over the distinct predicted beads, insertions and deletions (``[]:[j]``,
  ``[i]:[]``) included. A bead is a strict hit if it is exactly a gold bead; a lax hit if it
  is a strict hit or one of its left sentences and one of its right sentences lie in one gold
  bead (so a wrong insertion or deletion is never a lax hit).
* recall is the same computation with gold and prediction swapped, after dropping every bead
  with an empty side from both.
* several documents are micro-averaged: the counts are summed, then divided.

The pair metric scores sentence pairs as ``../shared/gold/seeds_en_en.json`` describes: a
predicted (left, right) pair is correct if it lies in any gold link, equivalent or partial;
recall is over the pairs of the equivalent links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import ConfigError
from ..records import Bead

__all__ = [
    "METRICS",
    "PRF",
    "bead_counts",
    "bead_prf",
    "micro_pair_prf",
    "pair_counts",
    "pair_prf",
    "score_documents",
]

#: The metric names ``newsalign score --metric`` takes.
METRICS: tuple[str, ...] = ("strict", "lax", "pairs")


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them.

    Attributes:
        precision: ``tp_p / n_pred`` (0 when nothing was predicted).
        recall: ``tp_r / n_gold`` (0 when the gold is empty).
        f1: their harmonic mean (0 when both are 0).
        tp_p: predicted items that are correct.
        n_pred: predicted items.
        tp_r: gold items that were found.
        n_gold: gold items.
    """

    precision: float
    recall: float
    f1: float
    tp_p: int = 0
    n_pred: int = 0
    tp_r: int = 0
    n_gold: int = 0

    @classmethod
    def from_counts(cls, tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> PRF:
        """Build from counts.

        Example:
            >>> PRF.from_counts(3, 4, 3, 6).f1
            0.6
        """
        p = tp_p / n_pred if n_pred else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f, tp_p, n_pred, tp_r, n_gold)

    def as_dict(self, *, digits: int = 4) -> dict[str, float | int]:
        """JSON-ready: the three ratios rounded to ``digits``, and the four counts."""
        return {
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
            "tp_p": self.tp_p,
            "n_pred": self.n_pred,
            "tp_r": self.tp_r,
            "n_gold": self.n_gold,
        }


def _canon(beads: Iterable[Bead]) -> set[Bead]:
    return {(tuple(a), tuple(b)) for a, b in beads if len(a) or len(b)}


def _pairs(beads: Iterable[Bead]) -> set[tuple[int, int]]:
    return {(i, j) for left, right in beads for i in left for j in right}


def _hits(test: set[Bead], gold: set[Bead]) -> tuple[int, int]:
    """Strict and lax hits of ``test`` beads against ``gold`` beads."""
    gold_pairs = _pairs(gold)
    strict = lax = 0
    for left, right in test:
        if (left, right) in gold:
            strict += 1
            lax += 1
        elif any((i, j) in gold_pairs for i in left for j in right):
            lax += 1
    return strict, lax


def bead_counts(pred: Iterable[Bead], gold: Iterable[Bead]) -> dict[str, int]:
    """Strict and lax counts for one document.

    Example:
        >>> gold = [((0,), (0, 1)), ((1,), (2,)), ((), (3,))]
        >>> pred = [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((), (3,))]
        >>> bead_counts(pred, gold)
        {'n_pred': 4, 'strict_p': 2, 'lax_p': 3, 'n_gold': 2, 'strict_r': 1, 'lax_r': 2}
    """
    test, ref = _canon(pred), _canon(gold)
    strict_p, lax_p = _hits(test, ref)
    test_both = {b for b in test if b[0] and b[1]}
    ref_both = {b for b in ref if b[0] and b[1]}
    strict_r, lax_r = _hits(ref_both, test_both)
    return {
        "n_pred": len(test),
        "strict_p": strict_p,
        "lax_p": lax_p,
        "n_gold": len(ref_both),
        "strict_r": strict_r,
        "lax_r": lax_r,
    }


def bead_prf(docs: Iterable[tuple[Iterable[Bead], Iterable[Bead]]]) -> dict[str, PRF]:
    """Strict and lax P/R/F1 micro-averaged over ``(predicted, gold)`` documents.

    Example:
        >>> gold = [((0,), (0, 1)), ((1,), (2,))]
        >>> r = bead_prf([([((0,), (0,)), ((), (1,)), ((1,), (2,))], gold)])
        >>> round(r["strict"].f1, 3), round(r["lax"].f1, 3)
        (0.4, 0.8)
    """
    tot = dict.fromkeys(("n_pred", "strict_p", "lax_p", "n_gold", "strict_r", "lax_r"), 0)
    for pred, gold in docs:
        for k, v in bead_counts(pred, gold).items():
            tot[k] += v
    return {
        "strict": PRF.from_counts(tot["strict_p"], tot["n_pred"], tot["strict_r"], tot["n_gold"]),
        "lax": PRF.from_counts(tot["lax_p"], tot["n_pred"], tot["lax_r"], tot["n_gold"]),
    }


def pair_counts(
    pred: Iterable[Bead], gold: Iterable[Bead], partial: Iterable[Bead] = ()
) -> tuple[int, int, int, int]:
    """``(correct predicted pairs, predicted pairs, found gold pairs, gold pairs)``."""
    pred_pairs = _pairs(pred)
    gold_pairs = _pairs(gold)
    allowed = gold_pairs | _pairs(partial)
    return (
        len(pred_pairs & allowed),
        len(pred_pairs),
        len(pred_pairs & gold_pairs),
        len(gold_pairs),
    )


def pair_prf(pred: Iterable[Bead], gold: Iterable[Bead], partial: Iterable[Bead] = ()) -> PRF:
    """Sentence-pair precision / recall / F1 (partial gold links count for precision only).

    Example:
        >>> pair_prf([((0,), (0,)), ((1,), (1,))], [((0,), (0,))], [((1,), (1,))]).f1
        1.0
    """
    return PRF.from_counts(*pair_counts(pred, gold, partial))


def micro_pair_prf(
    docs: Iterable[tuple[Iterable[Bead], Iterable[Bead], Iterable[Bead]]],
) -> PRF:
    """:func:`pair_prf` micro-averaged over ``(predicted, gold, partial)`` documents."""
    tot = [0, 0, 0, 0]
    for pred, gold, partial in docs:
        for k, v in enumerate(pair_counts(pred, gold, partial)):
            tot[k] += v
    return PRF.from_counts(*tot)


def score_documents(
    docs: Sequence[tuple[Sequence[Bead], Sequence[Bead], Sequence[Bead]]],
    metrics: Iterable[str] = METRICS,
) -> dict[str, PRF]:
    """The named metrics over ``(predicted, gold, gold partial)`` documents, micro-averaged.

    Bead metrics read the gold beads only; the pair metric lets predicted pairs inside a
    partial gold link count as correct.

    Example:
        >>> gold = [((0,), (0,)), ((1,), ())]
        >>> r = score_documents([(gold, gold, ())], ["strict", "pairs"])
        >>> sorted(r), r["strict"].f1
        (['pairs', 'strict'], 1.0)
    """
    wanted = list(dict.fromkeys(metrics))
    unknown = [m for m in wanted if m not in METRICS]
    if unknown or not wanted:
        raise ConfigError(f"metrics must be among {', '.join(METRICS)}, got {wanted!r}")
    out: dict[str, PRF] = {}
    beads = bead_prf((p, g) for p, g, _ in docs)
    pairs = micro_pair_prf(docs) if "pairs" in wanted else None
    for m in wanted:
        out[m] = pairs if m == "pairs" and pairs is not None else beads[m]
    return out
