"""Verifying a candidate pair: align its sentences, measure the shares, decide the relation.

A MinHash candidate is aligned lexically (:func:`lexical_links`: identical sentences, then
RapidFuzz ratio between the rest; :func:`verify_lexical`); a signature + embedding candidate
by meaning (:func:`newsalign.align`; :func:`verify_semantic`). Either way the relation comes
from :func:`decide_relation`, which reads the aligned share of each side (:func:`shares`).
Both verifiers take the decision rule as an argument (a :class:`DecisionRule`), so a study of
the rule can run the pipeline with its own (``benchmarks/dedup_tune.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process

from ..alignment import AlignParams, align
from ..embed import Encoder, get_encoder
from ..records import Document, Link, Mode, sort_links
from .features import normalize_text
from .params import DedupParams
from .results import DedupEvidence, Relation

__all__ = [
    "DecisionRule",
    "Job",
    "Outcome",
    "decide_relation",
    "lexical_links",
    "may_relate",
    "shares",
    "verify_lexical",
    "verify_semantic",
]


def lexical_links(left: Document, right: Document, link_threshold: float) -> tuple[Link, ...]:
    """Identical sentences first (in order), then the best RapidFuzz ratios among the rest.

    Sentences are compared as :func:`~newsalign.deduplication.normalize_text`; a pair of
    sentences links when its ratio (in [0, 1]) reaches ``link_threshold``.

    Example:
        >>> a = Document.from_text("Troops moved. Talks failed on Monday.")
        >>> b = Document.from_text("TALKS FAILED ON MONDAY! Troops moved north.")
        >>> [(k.left, k.right, round(k.score, 2)) for k in lexical_links(a, b, 0.7)]
        [((0,), (1,), 0.8), ((1,), (0,), 1.0)]
    """
    ln = [normalize_text(t) for t in left.texts]
    rn = [normalize_text(t) for t in right.texts]
    free_r: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(rn):
        if s:
            free_r[s].append(j)
    links: list[Link] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, s in enumerate(ln):
        if s and free_r.get(s):
            j = free_r[s].pop(0)
            links.append(Link((i,), (j,), 1.0))
            used_l.add(i)
            used_r.add(j)
    rest_l = [i for i in range(len(ln)) if i not in used_l and ln[i]]
    rest_r = [j for j in range(len(rn)) if j not in used_r and rn[j]]
    if rest_l and rest_r:
        sim = (
            process.cdist(
                [ln[i] for i in rest_l], [rn[j] for j in rest_r], scorer=fuzz.ratio, workers=1
            )
            / 100.0
        )
        a, b = np.nonzero(sim >= link_threshold)
        neg = (-np.round(sim[a, b], 6)).tolist()
        order = sorted(zip(neg, a.tolist(), b.tolist(), strict=True))
        for neg, x, y in order:
            i, j = rest_l[x], rest_r[y]
            if i not in used_l and j not in used_r:
                links.append(Link((i,), (j,), float(min(1.0, -neg))))
                used_l.add(i)
                used_r.add(j)
    return sort_links(links)


def shares(links: Sequence[Link], n: int, m: int) -> tuple[float, float]:
    """The aligned share of each side: sentences in a link over ``n`` (left) and ``m`` (right).

    Example:
        >>> shares([Link((0,), (0,), 1.0), Link((1, 2), (1,), 0.9)], 4, 2)
        (0.75, 1.0)
    """
    sl = sum(len(k.left) for k in links) / n if n else 0.0
    sr = sum(len(k.right) for k in links) / m if m else 0.0
    return round(sl, 6), round(sr, 6)


def decide_relation(
    share_left: float,
    share_right: float,
    links: Sequence[Link],
    same_lang: bool,
    p: DedupParams,
    *,
    semantic: bool = False,
) -> Relation | None:
    """The relation of a verified pair, or ``None`` when it is not close enough for any.

    With ``hi`` the larger and ``lo`` the smaller share, a same-language pair is a
    ``near_duplicate`` when ``hi >= p.threshold`` and ``lo >= p.min_share``; a pair in two
    languages is a ``translation`` when ``hi >= p.translation_threshold`` and
    ``lo >= p.translation_min_share``. A pair aligned by meaning (``semantic=True``) also
    needs ``p.near_min_equivalent_links`` (same language) or ``p.min_equivalent_links``
    ``equivalent`` links. Otherwise it is ``same_story`` with at least ``p.story_min_links``
    equivalent links and ``hi >= p.story_threshold``.

    Args:
        share_left: aligned share of the left record's sentences (:func:`shares`).
        share_right: aligned share of the right record's sentences.
        links: the alignment (only the ``equivalent`` ones are counted); the lexical path
            passes none, so that its shares alone decide.
        same_lang: whether the two records are in one language.
        p: the bars (:class:`~newsalign.deduplication.DedupParams`).
        semantic: the alignment is by meaning (:func:`newsalign.align`), not lexical.

    Example:
        >>> p = DedupParams()
        >>> decide_relation(0.9, 0.8, (), True, p)
        'near_duplicate'
        >>> equal = [Link((k,), (k,), 0.8) for k in range(5)]
        >>> decide_relation(1.0, 1.0, equal, False, p, semantic=True)
        'translation'
        >>> decide_relation(0.5, 0.4, equal[:3], False, p, semantic=True) is None
        True
    """
    hi, lo = max(share_left, share_right), min(share_left, share_right)
    strong = sum(1 for k in links if k.kind == "equivalent")
    # A lexical alignment links near-identical sentences only; an alignment by meaning must
    # also show enough sentences of equal content (partial links and wide beads inflate the
    # shares of two unrelated articles on one topic).
    enough = not semantic or strong >= p.min_equivalent_links
    if same_lang:
        enough = not semantic or strong >= p.near_min_equivalent_links
        if enough and hi >= p.threshold and lo >= p.min_share:
            return "near_duplicate"
    elif enough and hi >= p.translation_threshold and lo >= p.translation_min_share:
        return "translation"
    if p.story_min_links and strong >= p.story_min_links and hi >= p.story_threshold:
        return "same_story"
    return None


def may_relate(n_left: int, n_right: int, same_lang: bool, p: DedupParams) -> bool:
    """Whether an alignment by meaning of records of ``n_left`` and ``n_right`` sentences
    could reach any relation under :func:`decide_relation`.

    Every relation by meaning needs some ``equivalent`` links (``near_min_equivalent_links``
    or ``min_equivalent_links`` for a copy or translation, ``story_min_links`` for the same
    story), and an alignment has at most ``min(n_left, n_right)`` links: a pair with fewer
    sentences on a side than the smallest of those bars is decided ``None`` without
    aligning. The pipeline skips such pairs only under the default rule.

    Example:
        >>> p = DedupParams()
        >>> may_relate(2, 30, True, p), may_relate(4, 30, True, p), may_relate(3, 3, False, p)
        (False, True, True)
    """
    bars = [p.near_min_equivalent_links if same_lang else p.min_equivalent_links]
    if p.story_min_links:
        bars.append(p.story_min_links)
    return min(n_left, n_right) >= min(bars)


class DecisionRule(Protocol):
    """The signature of :func:`decide_relation`: what the verifiers call to decide a pair."""

    def __call__(
        self,
        share_left: float,
        share_right: float,
        links: Sequence[Link],
        same_lang: bool,
        p: DedupParams,
        *,
        semantic: bool = False,
    ) -> Relation | None: ...


#: One verification job: (left pos, right pos, left text, right text, left lang, right lang,
#: the candidate's jaccard / cosine / shared features).
Job = tuple[int, int, str, str, str, str, float | None, float | None, int | None]
#: Its outcome: (left pos, right pos, relation or None, evidence without ids).
Outcome = tuple[int, int, Relation | None, DedupEvidence]


_UNLIMITED = AlignParams(max_sentences=0)


class _DocCache:
    """Segmented documents of one batch (a record is often in several pairs)."""

    def __init__(self) -> None:
        self._docs: dict[int, Document] = {}

    def get(self, pos: int, text: str) -> Document:
        doc = self._docs.get(pos)
        if doc is None:
            doc = self._docs[pos] = Document.from_text(text)
        return doc


def verify_lexical(
    jobs: Sequence[Job], p: DedupParams, decide: DecisionRule = decide_relation
) -> list[Outcome]:
    """Lexical sentence alignment of MinHash candidates (runs on workers in the Dask path).

    Only a ``near_duplicate`` is kept: a lexical alignment speaks only for copies.

    Example:
        >>> a, b = "Troops moved. Talks failed.", "Troops moved. Talks failed. Rain fell."
        >>> [(x, y, rel) for x, y, rel, _ in verify_lexical(
        ...     [(0, 1, a, b, "en", "en", None, None, None)], DedupParams(min_share=0.6))]
        [(0, 1, 'near_duplicate')]
    """
    cache = _DocCache()
    out: list[Outcome] = []
    for a, b, ta, tb, la, lb, jac, cos, shared in jobs:
        da, db_ = cache.get(a, ta), cache.get(b, tb)
        links = lexical_links(da, db_, p.lexical_link)
        sl, sr = shares(links, len(da), len(db_))
        rel = decide(sl, sr, (), la == lb, p)
        if rel not in (None, "near_duplicate"):
            rel = None  # a lexical alignment speaks only for copies; the semantic stage decides
        ev = DedupEvidence(None, "lexical", sl, sr, jac, cos, shared, links)
        out.append((a, b, rel, ev))
    return out


def verify_semantic(
    jobs: Sequence[Job],
    encoder: str | Encoder | None,
    p: DedupParams,
    decide: DecisionRule = decide_relation,
) -> list[Outcome]:
    """Sentence alignment (:func:`newsalign.align`) of signature + embedding candidates.

    Example:
        >>> a = "Troops moved north on Monday. Talks failed in Geneva."
        >>> b = "Talks failed in Geneva. Troops moved north on Monday."
        >>> [rel for *_, rel, _ in verify_semantic(
        ...     [(0, 1, a, b, "en", "en", None, 0.9, 2)], "tfidf", DedupParams())]
        [None]
    """
    enc = get_encoder(encoder)
    cache = _DocCache()
    out: list[Outcome] = []
    for a, b, ta, tb, la, lb, jac, cos, shared in jobs:
        da, db_ = cache.get(a, ta), cache.get(b, tb)
        mode: Mode = "rewrite" if la == lb else "translation"
        # a record is never refused for its length here: the run must decide every record
        al = align(da, db_, encoder=enc, mode=mode, params=_UNLIMITED)
        # The shares count every link; the calibrated evidence enters through the count of
        # equivalent links that each relation needs. Shares of equivalent links only gave
        # translation recall 0.33 on the synthetic test set where every link gave 0.82 (with
        # min_equivalent_links 3): a Korean-English link's calibrated score runs low
        # (benchmarks/results/calibration.json, ko_en).
        sl, sr = shares(al.links, len(da), len(db_))
        rel = decide(sl, sr, al.links, la == lb, p, semantic=True)
        ev = DedupEvidence(None, "semantic", sl, sr, jac, cos, shared, al.links)
        out.append((a, b, rel, ev))
    return out
