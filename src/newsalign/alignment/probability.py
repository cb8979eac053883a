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
_EMPTY = SentenceEvidence(frozenset(), frozenset(), (), frozenset(), 0.0)


class LinkProbability:
    """Calibrated P(same content) of beads, for one scorer's two sides.

    A sentence's evidence is computed once, when a bead first holds it; the character n-gram
    counts are the scorer's (computed again only when its lexical anchor is off); passages of
    several sentences use the scorer's joined vectors (encoded as one text).
    """

    def __init__(self, scorer: Scorer, calibration: Calibration) -> None:
        self.s = scorer
        self.calibration = calibration
        ltexts, rtexts = scorer.texts
        self.has_texts = ltexts is not None and rtexts is not None
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self._evidence: tuple[dict[int, SentenceEvidence], dict[int, SentenceEvidence]] = ({}, {})
        self._grams: tuple[Any, Any] | None = None

    def evidence(self, side: int, x: int) -> SentenceEvidence:
        """The anchors of sentence ``x`` of ``side``, computed on first use: only the
        sentences of the beads scored need them (the others stay unmatched)."""
        found = self._evidence[side].get(x)
        if found is None:
            text = self.s.texts[side]
            if text is None:
                found = _EMPTY
            else:
                # the search's number and name sets, when it computed them (weight > 0)
                p = self.s.p
                nums = (self.s.num_l, self.s.num_r)[side][x] if p.number_weight > 0 else None
                names = (self.s.names_l, self.s.names_r)[side][x] if p.name_weight > 0 else None
                found = sentence_evidence(text[x], numbers=nums, names=names)
            self._evidence[side][x] = found
        return found

    def grams(self) -> tuple[Any, Any]:
        """Each side's character n-gram counts, sublinear and scaled to unit rows."""
        if self._grams is None:
            left, right = self.s.gram_counts
            if left is None or right is None:  # the search had no lexical anchor
                ltexts, rtexts = self.s.texts
                counts = char_ngram_counts([*(ltexts or ()), *(rtexts or ())])
                left, right = counts[: self.s.n], counts[self.s.n :]
            self._grams = (_sublinear_unit_rows(left), _sublinear_unit_rows(right))
        return self._grams

    def features(self, beads: Sequence[Bead]) -> np.ndarray:
        """The :data:`~.evidence.FEATURES` rows of beads (one row a bead)."""
        keys = [(tuple(sorted(a)), tuple(sorted(b))) for a, b in beads]
        if not keys:
            return feature_rows(np.zeros(0), np.zeros(0), [], [])
        cos = self.s.passage_cosines(keys)
        lefts, rights = [a for a, _ in keys], [b for _, b in keys]
        lex = np.zeros(len(keys))
        if self.has_texts:
            gl, gr = self.grams()
            la, lb = indicator(lefts, self.s.n) @ gl, indicator(rights, self.s.m) @ gr
            norms = row_norms(la) * row_norms(lb)
            dot = row_sums(la.multiply(lb))
            lex = np.where(norms > 0, dot / np.where(norms > 0, norms, 1.0), 0.0)
        return feature_rows(
            cos,
            lex,
            [[self.evidence(0, x) for x in a] for a in lefts],
            [[self.evidence(1, x) for x in b] for b in rights],
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
    """``1 + log`` of the counts, each row scaled to unit length (an empty row stays empty):
    scikit-learn's TF-IDF without the IDF, which would depend on the documents."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True, use_idf=False).fit_transform(counts).tocsr()
