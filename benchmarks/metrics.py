"""Alignment quality metrics: the package's own, so the benchmarks and ``newsalign score``
give the same numbers.

* :func:`pair_prf` scores sentence pairs the way the seeds gold file describes: precision
  counts a predicted (left, right) pair as correct if it lies in any gold link (equivalent or
  partial); recall is over the sentence pairs of the equivalent links.
* :func:`bead_prf` is the strict / lax bead metric of Bleualign, Vecalign and Bertalign,
  micro-averaged over documents, counted as Vecalign's ``score.py`` counts it (see
  :mod:`newsalign.evaluation.metrics` and ``benchmarks/vecalign_scores.py``, which checks the
  two agree).
"""

from __future__ import annotations

from newsalign.evaluation import (
    PRF,
    bead_counts,
    bead_prf,
    micro_pair_prf,
    pair_counts,
    pair_prf,
)
from newsalign.records import Bead

__all__ = [
    "PRF",
    "Bead",
    "bead_counts",
    "bead_prf",
    "micro_pair_prf",
    "pair_counts",
    "pair_prf",
    "self_check",
]


def self_check() -> None:
    """Hand-made cases for the metrics (run with ``python -m benchmarks.quality --self-check``;
    ``tests/test_evaluation.py`` holds the package's own)."""

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
    # lax precision: the 3 exact beads and [0]:[0]; the stray insertion []:[1] shares nothing
    assert c["lax_p"] == 4, c
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
