"""Rewrite mode: competitive linking of 1-1 pairs in any order, then beads by attachment.

Steps 2 and 3 of the algorithm (see :mod:`newsalign.alignment`); the :class:`Linker` also
turns any set of beads into scored, typed links, for both modes.
"""

from __future__ import annotations

import numpy as np

from ..records import LinkKind
from .params import AlignParams, Mode
from .probability import LinkProbability
from .scoring import Scorer

__all__ = ["Linker"]


# -- the aligner ------------------------------------------------------------------------
class Linker:
    def __init__(
        self, scorer: Scorer, mode: Mode, p: AlignParams, probability: LinkProbability
    ) -> None:
        self.s = scorer
        self.probability = probability
        self.mode = mode
        self.p = p
        self.owner = (np.full(scorer.n, -1, dtype=np.int64), np.full(scorer.m, -1, dtype=np.int64))
        self.beads: list[tuple[list[int], list[int]]] = []

    def run(self) -> list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]]:
        """Rewrite mode: backbone, then beads (translation mode runs its own search)."""
        i, j = self.s.candidates()
        scores = self.s.pair_scores(i, j)
        best = _best_partners(i, j, scores, self.s.n, self.s.m)
        eligible = scores >= self.p.threshold
        held = self._held_back(i, j, scores, best)
        self._backbone(i, j, scores, eligible & ~held)
        self._attach(best)
        if held.any():
            # pairs held back get their turn once the beads are built, if still free
            own_l, own_r = self.owner
            self._backbone(i, j, scores, eligible & held & (own_l[i] < 0) & (own_r[j] < 0))
            self._attach(best)
        return self.scored_batch()

    def scored_batch(self) -> list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]]:
        """The beads with their calibrated scores and kinds, scored in one batch.

        A bead whose probability of the same content is below ``link_floor`` is not a link:
        its sentences go back to unmatched.
        """
        beads = [(sorted(a), sorted(b)) for a, b in self.beads]
        if not beads:
            return []
        scores = np.clip(self.probability.scores(beads), 0.0, 1.0)
        out: list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]] = []
        for (left, right), score in zip(beads, scores.tolist(), strict=True):
            if score < self.p.link_floor:
                continue
            kind: LinkKind = "equivalent" if score >= self.p.equivalent_threshold else "partial"
            out.append((tuple(left), tuple(right), round(score, 6), kind))
        return out

    def _held_back(
        self, i: np.ndarray, j: np.ndarray, scores: np.ndarray, best: tuple[np.ndarray, np.ndarray]
    ) -> np.ndarray:
        """Candidate pairs kept out of the first backbone: one of the two sentences scores
        ``merge_gap`` more with its best match, and that match's own best is the sentence's
        neighbour, so the sentence is likely half of a merge or split there."""
        held = np.zeros(len(i), dtype=bool)
        if not self.p.attach_neighbours or not len(i):
            return held  # without neighbours the result must not depend on order
        for side, (x, sizes) in enumerate(((i, self.s.n), (j, self.s.m))):
            top = np.full(sizes, -np.inf)
            np.maximum.at(top, x, scores)
            partner = best[side][x]  # every candidate sentence has a best partner
            back = best[1 - side][partner]  # ... and so has that partner
            held |= (top[x] - scores > self.p.merge_gap) & (np.abs(back - x) == 1)
        return held

    def _backbone(self, i: np.ndarray, j: np.ndarray, scores: np.ndarray, keep: np.ndarray) -> None:
        i, j, scores = i[keep], j[keep], scores[keep]
        # Best first; exact ties go to the pair nearer the diagonal, then the lower indices,
        # so that align(a, b) and align(b, a) agree.
        order = np.lexsort((np.minimum(i, j), i + j, np.abs(i - j), -np.round(scores, 9)))
        own_l, own_r = self.owner
        for k in order.tolist():
            a, b = int(i[k]), int(j[k])
            if own_l[a] < 0 and own_r[b] < 0:
                own_l[a] = own_r[b] = len(self.beads)
                self.beads.append(([a], [b]))

    # leftover sentences join the link whose other side they help to match
    def _attach(self, best: tuple[np.ndarray, np.ndarray]) -> None:
        for _ in range(2 * self.p.max_bead):
            proposals: list[tuple[int, int, int]] = []  # (side, sentence, bead)
            for side in (0, 1):
                for x in np.flatnonzero(self.owner[side] < 0).tolist():
                    for bead_id in self._beads_for(side, x, best):
                        if self._admissible(side, x, bead_id):
                            proposals.append((side, x, bead_id))
            if not proposals:
                return
            deltas = self.s.attach_deltas([(self.beads[b], side, x) for side, x, b in proposals])
            ranked = sorted(
                (
                    (-round(d, 9), side, x, b)
                    for d, (side, x, b) in zip(deltas, proposals)
                    if d >= self.p.attach_threshold
                ),
            )
            changed: set[int] = set()
            for _, side, x, bead_id in ranked:
                if bead_id in changed or self.owner[side][x] >= 0:
                    continue  # one change per link a round: its score has to be recomputed
                self.beads[bead_id][side].append(x)
                self.owner[side][x] = bead_id
                changed.add(bead_id)
            if not changed:
                return

    def _beads_for(self, side: int, x: int, best: tuple[np.ndarray, np.ndarray]) -> list[int]:
        own, other = self.owner[side], self.owner[1 - side]
        if self.mode == "translation":
            # only a neighbour of the link's sentences, as in Bertalign and Vecalign beads
            return sorted(
                {int(own[y]) for y in (x - 1, x + 1) if 0 <= y < len(own) and own[y] >= 0}
            )
        # rewrite mode: the link of the sentence it resembles most, wherever that is
        partner = int(best[side][x])
        out = [int(other[partner])] if partner >= 0 and other[partner] >= 0 else []
        if self.p.attach_neighbours:  # a merge or split usually joins neighbours
            for y in (x - 1, x + 1):
                if 0 <= y < len(own) and own[y] >= 0 and int(own[y]) not in out:
                    out.append(int(own[y]))
        return out

    def _admissible(self, side: int, x: int, bead_id: int) -> bool:
        bead = self.beads[bead_id]
        if len(bead[side]) >= self.p.max_bead:
            return False
        other = bead[1 - side]
        vec = (self.s.lv if side == 0 else self.s.rv)[x]
        other_vecs = self.s.rv if side == 0 else self.s.lv
        return bool(self.s.rescale(np.max(other_vecs[other] @ vec)) >= self.p.attach_floor)


def _best_partners(
    i: np.ndarray, j: np.ndarray, scores: np.ndarray, n: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each sentence, its highest-scoring candidate on the other side (-1 if none)."""
    best_l = np.full(n, -1, dtype=np.int64)
    best_r = np.full(m, -1, dtype=np.int64)
    order = np.lexsort((np.maximum(i, j), np.abs(i - j), -np.round(scores, 9)))
    # best first: each sentence's first pair in this order is its best
    for best, mine, theirs in ((best_l, i[order], j[order]), (best_r, j[order], i[order])):
        _, first = np.unique(mine, return_index=True)
        best[mine[first]] = theirs[first]
    return best_l, best_r
