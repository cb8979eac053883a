"""Alignment quality metrics.

* :func:`pair_prf` scores sentence pairs the way the seeds gold file describes: precision
  counts a predicted (left, right) pair as correct if it lies in any gold link (equivalent or
  partial); recall is over the sentence pairs of the equivalent links.
* :func:`bead_prf` is the strict / lax bead metric of Bleualign, Vecalign and Bertalign,
  micro-averaged over documents (see ``../shared/data/README.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp_p: int = 0
    n_pred: int = 0
    tp_r: int = 0
    n_gold: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> PRF:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, tp_p, n_pred, tp_r, n_gold)


def _pairs(beads: Iterable[Bead]) -> set[tuple[int, int]]:
    return {(i, j) for left, right in beads for i in left for j in right}


def pair_counts(
    pred: Iterable[Bead], gold: Iterable[Bead], partial: Iterable[Bead] = ()
) -> tuple[int, int, int, int]:
    gold = list(gold)
    pred_pairs = _pairs(pred)
    allowed = _pairs(gold) | _pairs(partial)
    gold_pairs = _pairs(gold)
    return (
        len(pred_pairs & allowed),
        len(pred_pairs),
        len(pred_pairs & gold_pairs),
        len(gold_pairs),
    )


def pair_prf(pred: Iterable[Bead], gold: Iterable[Bead], partial: Iterable[Bead] = ()) -> PRF:
    """Sentence-pair precision / recall / F1 (the seeds gold scoring)."""
    return _prf(*pair_counts(pred, gold, partial))


def micro_pair_prf(docs: Sequence[tuple[Iterable[Bead], Iterable[Bead], Iterable[Bead]]]) -> PRF:
    tot = [0, 0, 0, 0]
    for pred, gold, partial in docs:
        for k, v in enumerate(pair_counts(pred, gold, partial)):
            tot[k] += v
    return _prf(*tot)


def _lax_match(bead: Bead, others: Sequence[Bead]) -> bool:
    src, tgt = set(bead[0]), set(bead[1])
    return any(src & set(o[0]) and tgt & set(o[1]) for o in others)


def bead_counts(pred: Sequence[Bead], gold: Sequence[Bead]) -> dict[str, int]:
    """Strict and lax counts for one document (precision over all predicted beads)."""
    pred = [(tuple(a), tuple(b)) for a, b in pred]
    gold = [(tuple(a), tuple(b)) for a, b in gold]
    gold_set = set(gold)
    pred_set = set(pred)
    pred_nonempty = [b for b in pred if b[0] and b[1]]
    gold_nonempty = [b for b in gold if b[0] and b[1]]
    return {
        "n_pred": len(pred),
        "strict_p": sum(b in gold_set for b in pred),
        "lax_p": sum(_lax_match(b, gold_nonempty) for b in pred),
        "n_gold": len(gold_nonempty),
        "strict_r": sum(b in pred_set for b in gold_nonempty),
        "lax_r": sum(_lax_match(b, pred_nonempty) for b in gold_nonempty),
    }


def bead_prf(docs: Sequence[tuple[Sequence[Bead], Sequence[Bead]]]) -> dict[str, PRF]:
    """Strict and lax P/R/F1 micro-averaged over ``(predicted, gold)`` documents."""
    tot: dict[str, int] = {}
    for pred, gold in docs:
        for k, v in bead_counts(pred, gold).items():
            tot[k] = tot.get(k, 0) + v
    return {
        "strict": _prf(tot["strict_p"], tot["n_pred"], tot["strict_r"], tot["n_gold"]),
        "lax": _prf(tot["lax_p"], tot["n_pred"], tot["lax_r"], tot["n_gold"]),
    }


def self_check() -> None:
    """Hand-made cases for the metrics (benchmarks are not imported by ``tests/``, so the
    checks live here and run with ``python -m benchmarks.quality --self-check``)."""

    def f(d: dict[str, PRF], kind: str) -> tuple[float, float, float]:
        return (round(d[kind].precision, 4), round(d[kind].recall, 4), round(d[kind].f1, 4))

    gold: list[Bead] = [((0,), (0, 1)), ((1,), (2,)), ((), (3,)), ((2,), ())]
    # a perfect prediction, insertions included
    assert f(bead_prf([(gold, gold)]), "strict") == (1.0, 1.0, 1.0)
    # a 1-2 bead predicted as 1-1 + 0-1: strictly wrong, laxly right (the 1-1 overlaps it)
    pred: list[Bead] = [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((), (3,)), ((2,), ())]
    c = bead_counts(pred, gold)
    # precision over all 5 predicted beads: [1]:[2], []:[3], [2]:[] are exact
    assert (c["n_pred"], c["strict_p"]) == (5, 3), c
    # recall over the 2 gold beads non-empty on both sides; lax: both overlap a prediction
    assert (c["n_gold"], c["strict_r"], c["lax_r"]) == (2, 1, 2), c
    # lax precision: a bead with an empty side can never share a sentence on both sides
    assert c["lax_p"] == 2, c
    # micro-averaging sums counts over documents (not an average of per-document F1)
    both = bead_prf([(pred, gold), (gold, gold)])
    assert f(both, "strict") == (
        round(7 / 9, 4),
        round(3 / 4, 4),
        round(2 * (7 / 9) * 0.75 / (7 / 9 + 0.75), 4),
    )
    # pair scoring: partial links count for precision only
    pp = pair_prf([((0,), (0,)), ((1,), (1,))], gold=[((0,), (0,))], partial=[((1,), (1,))])
    assert (pp.precision, pp.recall) == (1.0, 1.0), pp
    pp = pair_prf([((0,), (1,))], gold=[((0,), (0,))])
    assert (pp.precision, pp.recall, pp.f1) == (0.0, 0.0, 0.0), pp
