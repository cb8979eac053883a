"""The calibrated score of a link: P(its two sides say the same thing), read from them alone.

The search (:mod:`.scoring`, :mod:`.rewrite`, :mod:`.translation`) ranks candidate pairs with
a score measured from the document pair's mean cosine: that is what makes one threshold work
for rewrites and translations, and it only decides which sentences go together. The score a
link is given, and its kind, come from here: :mod:`.calibration`'s model over the features
of :mod:`.evidence`, which depend on the two passages and nothing else, so the same pair
gets the same score in any pair of documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..embed import char_ngram_counts
from .calibration import Calibration
from .evidence import SentenceEvidence, feature_rows, sentence_evidence
from .scoring import Scorer, indicator, row_norms, row_sums

__all__ = ["LinkProbability"]

Bead = tuple[Sequence[int], Sequence[int]]


class LinkProbability:
    """Calibrated P(same content) of beads, for one scorer's two sides.

    The sentences' evidence and character n-gram counts are computed once, on first use;
    passages of several sentences use the scorer's joined vectors (encoded as one text).
    """

    def __init__(self, scorer: Scorer, calibration: Calibration) -> None:
        self.s = scorer
        self.calibration = calibration
        ltexts, rtexts = scorer.texts
        self.has_texts = ltexts is not None and rtexts is not None
        self._ready = False
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self.ev: tuple[list[SentenceEvidence], list[SentenceEvidence]] = ([], [])
        self.grams: tuple[Any, Any] = (None, None)

    def _prepare(self) -> None:
        if self._ready:
            return
        self._ready = True
        ltexts, rtexts = self.s.texts
        if ltexts is None or rtexts is None:
            empty = SentenceEvidence(frozenset(), frozenset(), (), frozenset(), 0.0)
            self.ev = ([empty] * self.s.n, [empty] * self.s.m)
            return
        self.ev = ([sentence_evidence(t) for t in ltexts], [sentence_evidence(t) for t in rtexts])
        counts = _sublinear_unit_rows(char_ngram_counts([*ltexts, *rtexts]))
        self.grams = (counts[: self.s.n], counts[self.s.n :])

    def features(self, beads: Sequence[Bead]) -> np.ndarray:
        """The :data:`~.evidence.FEATURES` rows of beads (one row a bead)."""
        self._prepare()
        keys = [(tuple(sorted(a)), tuple(sorted(b))) for a, b in beads]
        if not keys:
            return feature_rows(np.zeros(0), np.zeros(0), [], [])
        self.s.prepare([(0, a) for a, _ in keys] + [(1, b) for _, b in keys])
        lvec = np.stack([self.s.side_vector(0, a) for a, _ in keys])
        rvec = np.stack([self.s.side_vector(1, b) for _, b in keys])
        cos = np.einsum("ij,ij->i", lvec, rvec).astype(np.float64)
        lefts, rights = [a for a, _ in keys], [b for _, b in keys]
        lex = np.zeros(len(keys))
        if self.has_texts:
            gl, gr = self.grams
            la, lb = indicator(lefts, self.s.n) @ gl, indicator(rights, self.s.m) @ gr
            norms = row_norms(la) * row_norms(lb)
            dot = row_sums(la.multiply(lb))
            lex = np.where(norms > 0, dot / np.where(norms > 0, norms, 1.0), 0.0)
        ev_l, ev_r = self.ev
        return feature_rows(
            cos, lex, [[ev_l[x] for x in a] for a in lefts], [[ev_r[x] for x in b] for b in rights]
        )

    def scores(self, beads: Sequence[Bead]) -> np.ndarray:
        """P(same content) of each bead (each distinct bead computed once)."""
        keys = [(tuple(sorted(a)), tuple(sorted(b))) for a, b in beads]
        todo = [k for k in dict.fromkeys(keys) if k not in self._cache]
        if todo:
            p = self.calibration.probability(self.features(todo), texts=self.has_texts)
            self._cache.update(zip(todo, p.tolist()))
        return np.array([self._cache[k] for k in keys], dtype=np.float64)


def _sublinear_unit_rows(counts: Any) -> Any:
    """``1 + log`` of the counts, each row scaled to unit length (an empty row stays empty)."""
    m = counts.astype(np.float64).tocsr()
    m.data = 1.0 + np.log(m.data)
    norms = row_norms(m)
    m.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(m.indptr))
    return m
