"""Classic baselines every quality table carries.

* :func:`gale_church`: the length-based aligner of Gale & Church (1993), reimplemented:
  a dynamic programme over 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 beads whose cost is
  ``-log P(bead kind) - log P(length difference | match)``, with the lengths in characters,
  the expected ratio ``c`` estimated on the document pair and the variance ``s2 = 6.8``.
* :func:`best_match`: every left sentence is linked to its most similar right sentence when
  their cosine reaches one threshold (left sentences that pick the same right sentence form
  one n-1 bead). The threshold is tuned on development data.
* :func:`diagonal`: the naive monotone 1-1 diagonal (left i with right i).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

Bead = tuple[tuple[int, ...], tuple[int, ...]]

# Gale & Church (1993), table 5: prior probabilities of the bead kinds.
_GC_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
_GC_S2 = 6.8


def _norm_sf(x: float) -> float:
    """Upper tail of the standard normal distribution."""
    return 0.5 * math.erfc(x / math.sqrt(2.0))


def _gc_cost(l1: float, l2: float, c: float) -> float:
    if l1 == 0 and l2 == 0:
        return 0.0
    mean = (l1 + l2 / c) / 2.0
    delta = (l2 - l1 * c) / math.sqrt(max(mean, 1e-9) * _GC_S2)
    p = 2.0 * _norm_sf(abs(delta))
    return -math.log(max(p, 1e-300))


def gale_church(left: Sequence[str], right: Sequence[str]) -> list[Bead]:
    """Align by sentence length alone (Gale & Church 1993). Returns beads in order.

    Example:
        >>> gale_church(["a" * 10, "b" * 40], ["c" * 11, "d" * 39])
        [((0,), (0,)), ((1,), (1,))]
    """
    n, m = len(left), len(right)
    ll = [len(s) for s in left]
    lr = [len(s) for s in right]
    c = (sum(lr) / sum(ll)) if sum(ll) and sum(lr) else 1.0
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    prior = {k: -math.log(v) for k, v in _GC_PRIORS.items()}
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, (0, 0)
            for (a, b), pc in prior.items():
                if i < a or j < b or cost[i - a][j - b] == inf:
                    continue
                l1 = sum(ll[i - a : i])
                l2 = sum(lr[j - b : j])
                v = cost[i - a][j - b] + pc + _gc_cost(l1, l2, c)
                if v < best:
                    best, arg = v, (a, b)
            cost[i][j] = best
            back[i][j] = arg
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = back[i][j]
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def best_match(lv: np.ndarray, rv: np.ndarray, threshold: float) -> list[Bead]:
    """Best-match cosine with one threshold (rows of ``lv`` and ``rv`` are unit vectors).

    Example:
        >>> v = np.eye(3, dtype=np.float32)
        >>> best_match(v, v[[1, 0]], 0.5)
        [((0,), (1,)), ((1,), (0,)), ((2,), ())]
    """
    n, m = len(lv), len(rv)
    if n == 0 or m == 0:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    sims = lv @ rv.T
    best = sims.argmax(axis=1)
    groups: dict[int, list[int]] = {}
    alone: list[int] = []
    for i in range(n):
        j = int(best[i])
        if sims[i, j] >= threshold:
            groups.setdefault(j, []).append(i)
        else:
            alone.append(i)
    beads: list[Bead] = [(tuple(v), (j,)) for j, v in groups.items()]
    beads += [((i,), ()) for i in alone]
    beads += [((), (j,)) for j in range(m) if j not in groups]
    return sorted(beads, key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))


def diagonal(n: int, m: int) -> list[Bead]:
    """The naive monotone 1-1 diagonal; what is left over on the longer side is unmatched.

    Example:
        >>> diagonal(2, 3)
        [((0,), (0,)), ((1,), (1,)), ((), (2,))]
    """
    k = min(n, m)
    return (
        [((i,), (i,)) for i in range(k)]
        + [((i,), ()) for i in range(k, n)]
        + [((), (j,)) for j in range(k, m)]
    )
