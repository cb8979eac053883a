"""Translation mode's second pass: the bead search's close calls re-decided on encoded text.

The bead search (:mod:`.translation`) scores a passage of several sentences by the normalised
sum of their vectors, so that each sentence is encoded once. That is cheap and mostly right,
but where the document pair splits its sentences differently (a 2-2 bead against two 1-1
beads, a sentence at the edge of a bead that belongs to its neighbour) the composed vectors
decide poorly. This pass re-decides those places:

1. Every stretch of one or two consecutive steps of the path (a bead, or a sentence left
   unmatched) spans a rectangle of sentences; every way of cutting such a rectangle into
   beads (up to ``p.refine_bead_total`` sentences each, or ``p.max_bead_total`` if more),
   1-0 and 0-1 steps is an alternative. Together with the path they form a small graph of
   monotone paths.
2. Each alternative is scored as the search scores it (composed vectors); an alternative is
   *close* when the best path through it is within ``p.refine_gap`` of the best path.
3. The close beads alone have their passages encoded (about one for every three or four
   sentences; the peers encode four texts a sentence), and the best path over them is
   taken with scores read on the encoded passages, whose bead sizes are weighed by
   ``p.refine_size_weight``.

Both passes add ``p.refine_number_weight`` for each number the two passages of a bead have in
common: the score of a passage does not grow with its numbers, so a number that one version
states in the neighbouring sentence pulls the two beads together only through this term.
"""

from __future__ import annotations

import numpy as np

from .params import AlignParams
from .scoring import Pairs, Scorer, _sparse_pair_dots

__all__ = ["refine_beads"]

Beads = list[tuple[list[int], list[int]]]
Edges = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # i0, j0, i1, j1


def refine_beads(s: Scorer, p: AlignParams, beads: Beads, skips: Pairs) -> Beads:
    """The best monotone path near ``beads`` (a monotone path of the bead search), scored on
    encoded passages where the composed scores make it a close call (see the module).

    ``skips`` are the costs of leaving each left and each right sentence unmatched.
    """
    # the search's own beads stay among the alternatives, whatever the two limits
    most = max(p.refine_bead_total, p.max_bead_total)
    edges = _window_edges(_path_nodes(beads, s.n, s.m), most)
    composed = _edge_weights(s, p, edges, skips, encoded=False)
    close = _close_edges(edges, composed, s.n, s.m, p.refine_gap)
    kept: Edges = (edges[0][close], edges[1][close], edges[2][close], edges[3][close])
    weights = _edge_weights(s, p, kept, skips, encoded=True)
    return _best_path(kept, weights, s.n, s.m)


def _path_nodes(beads: Beads, n: int, m: int) -> list[tuple[int, int]]:
    """The cells a monotone path visits: after each bead and each sentence left out (left
    ones first between two beads)."""
    nodes = [(0, 0)]
    i = j = 0
    for left, right in beads:
        while i < left[0]:
            i += 1
            nodes.append((i, j))
        while j < right[0]:
            j += 1
            nodes.append((i, j))
        i, j = left[-1] + 1, right[-1] + 1
        nodes.append((i, j))
    while i < n:
        i += 1
        nodes.append((i, j))
    while j < m:
        j += 1
        nodes.append((i, j))
    return nodes


def _window_edges(nodes: list[tuple[int, int]], most: int) -> Edges:
    """Every step inside the rectangle of one path step or of two consecutive ones: beads of
    at most ``most`` sentences (any shape), 1-0 and 0-1 steps. Sorted by end cell, then
    start cell, so a forward pass over them meets every edge after those that reach its
    start."""
    found: set[tuple[int, int, int, int]] = set()
    for k in range(len(nodes) - 1):
        for span in (1, 2):
            if k + span >= len(nodes):
                break
            (i0, j0), (i1, j1) = nodes[k], nodes[k + span]
            if span > 1 and (i1 - i0) + (j1 - j0) > most:
                break
            for a0 in range(i0, i1 + 1):
                for b0 in range(j0, j1 + 1):
                    for a1 in range(a0, i1 + 1):
                        for b1 in range(b0, j1 + 1):
                            a, b = a1 - a0, b1 - b0
                            if a + b == 1 or (a and b and a + b <= most):
                                found.add((a0, b0, a1, b1))
    rows = np.array(sorted(found, key=lambda e: (e[2], e[3], e[0], e[1])), dtype=np.int64)
    rows = rows.reshape(-1, 4)
    return rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]


def _edge_weights(
    s: Scorer, p: AlignParams, edges: Edges, skips: Pairs, *, encoded: bool
) -> np.ndarray:
    """Score of each edge: a bead's score (composed or encoded passages), minus the cost of
    the sentence a 1-0 or 0-1 step leaves out."""
    i0, j0, i1, j1 = edges
    a, b = i1 - i0, j1 - j0
    out = np.empty(len(i0))
    skip_left, skip_right = a > 0, b > 0
    only_l = skip_left & ~skip_right
    only_r = skip_right & ~skip_left
    out[only_l] = -skips[0][i0[only_l]]
    out[only_r] = -skips[1][j0[only_r]]
    bead = np.flatnonzero(skip_left & skip_right)
    if len(bead):
        out[bead] = _bead_weights(s, p, i0[bead], j0[bead], a[bead], b[bead], encoded)
    return out


def _bead_weights(
    s: Scorer,
    p: AlignParams,
    i0: np.ndarray,
    j0: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    encoded: bool,
) -> np.ndarray:
    """The bead search's score (:meth:`Scorer.band_scores`) of beads given by their first
    sentences and sizes, on composed or encoded passages, plus the shared numbers."""
    cos = np.empty(len(i0))
    lex = np.zeros(len(i0))
    for ta, tb in sorted(set(zip(a.tolist(), b.tolist()))):
        idx = np.flatnonzero((a == ta) & (b == tb))
        idx = idx[np.argsort(i0[idx], kind="stable")]  # the sparse dots want sorted rows
        if not encoded:
            u, v = s.windows(0, ta)[i0[idx]], s.windows(1, tb)[j0[idx]]
            cos[idx] = np.einsum("ij,ij->i", u, v, dtype=np.float64)
        if p.anchor_weight > 0 and s.lex_l is not None:
            lw, rw = s._lex_windows(0, ta), s._lex_windows(1, tb)
            lex[idx] = _sparse_pair_dots(lw, rw, i0[idx], j0[idx])
    if encoded:
        cos = s.passage_cosines(
            [(range(x, x + k), range(y, y + q)) for x, y, k, q in zip(i0, j0, a, b)]
        )
    cs_l, cs_r = s._char_cumsum(0), s._char_cumsum(1)
    if cs_l is not None and cs_r is not None and p.length_weight > 0:
        ratio = float(cs_l[-1] / max(cs_r[-1], 1.0))
        ls = cs_l[i0 + a] - cs_l[i0] - 1
        lt = (cs_r[j0 + b] - cs_r[j0] - 1) * ratio
        agree = np.log2(1.0 + np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1.0))
        cos = cos * agree**p.length_weight
    if p.anchor_weight > 0 and s.lex_l is not None:
        cos = cos + p.anchor_weight * np.maximum(0.0, lex - s.lex_mean)
    weight = p.refine_size_weight if encoded else p.size_weight
    out: np.ndarray = cos * ((a + b) / 2) ** weight - p.bead_penalty * (a + b - 2)
    if p.refine_number_weight > 0:
        for k in range(len(i0)):
            x, y = int(i0[k]), int(j0[k])
            left = frozenset().union(*s.num_l[x : x + int(a[k])])
            right = frozenset().union(*s.num_r[y : y + int(b[k])])
            if left and right:
                out[k] += p.refine_number_weight * len(left & right)
    return out


def _close_edges(edges: Edges, weights: np.ndarray, n: int, m: int, gap: float) -> np.ndarray:
    """Edges on a path within ``gap`` of the best one (1-0 and 0-1 steps are always kept)."""
    i0, j0, i1, j1 = edges
    width = m + 1
    src, dst = (i0 * width + j0).tolist(), (i1 * width + j1).tolist()
    w = weights.tolist()
    forward: dict[int, float] = {0: 0.0}
    for k in range(len(w)):
        if src[k] in forward:
            value = forward[src[k]] + w[k]
            if value > forward.get(dst[k], -np.inf):
                forward[dst[k]] = value
    backward: dict[int, float] = {n * width + m: 0.0}
    for k in reversed(range(len(w))):
        if dst[k] in backward:
            value = backward[dst[k]] + w[k]
            if value > backward.get(src[k], -np.inf):
                backward[src[k]] = value
    best = forward[n * width + m]
    through = np.array(
        [forward.get(src[k], -np.inf) + w[k] + backward.get(dst[k], -np.inf) for k in range(len(w))]
    )
    step = ((i1 - i0) == 0) | ((j1 - j0) == 0)
    keep: np.ndarray = step | (through >= best - gap)
    return keep


def _best_path(edges: Edges, weights: np.ndarray, n: int, m: int) -> Beads:
    """The best path from (0, 0) to (n, m) over the edges, as its beads (steps dropped)."""
    i0, j0, i1, j1 = edges
    width = m + 1
    src, dst = (i0 * width + j0).tolist(), (i1 * width + j1).tolist()
    w = weights.tolist()
    best: dict[int, tuple[float, int]] = {0: (0.0, -1)}
    for k in range(len(w)):
        if src[k] in best:
            value = best[src[k]][0] + w[k]
            # the first edge found keeps a tie: the order is fixed by the cells alone
            if dst[k] not in best or value > best[dst[k]][0]:
                best[dst[k]] = (value, k)
    beads: Beads = []
    cell = n * width + m
    while cell != 0:
        k = best[cell][1]
        if i1[k] > i0[k] and j1[k] > j0[k]:
            beads.append((list(range(int(i0[k]), int(i1[k]))), list(range(int(j0[k]), int(j1[k])))))
        cell = src[k]
    beads.reverse()
    return beads
