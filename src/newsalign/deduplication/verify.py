"""Verifying a candidate pair: align its sentences, read the facts of its leads, decide.

A pair in one language is first aligned lexically (:func:`lexical_links`: identical
sentences, then RapidFuzz ratio between the rest): only that makes a ``near_duplicate``, the
same article re-published. Otherwise the leads' facts are compared
(:func:`~newsalign.deduplication.events.fact_conflicts`): a conflict of event days or of lead
counts means another event, and the pair is refused without aligning. A pair that passes is
aligned by meaning (:func:`newsalign.align`) for ``translation`` or ``same_story``.

The relation comes from :func:`decide_relation`, which reads a :class:`PairEvidence`; the
verifier takes the rule as an argument (a :class:`DecisionRule`), so a study of the rule can
run the pipeline with its own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from rapidfuzz import fuzz, process

from ..alignment import AlignParams, align
from ..embed import Encoder, get_encoder
from ..records import Document, Link, Mode, sort_links
from .events import (
    EventFacts,
    dates_agree,
    dates_conflict,
    fact_conflicts,
    format_date,
)
from .features import normalize_text, word_shingles
from .params import DedupParams
from .results import DedupEvidence, Relation

__all__ = [
    "DateAgreement",
    "DecisionRule",
    "Job",
    "Outcome",
    "PairEvidence",
    "copy_shares",
    "date_agreement",
    "decide_relation",
    "expected_share",
    "lexical_links",
    "may_relate",
    "shares",
    "story_evidence",
    "verify_pairs",
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


def copy_shares(
    links: Sequence[Link], left: Document, right: Document, ta: str, tb: str, k: int
) -> tuple[float, float]:
    """The lexical shares of a pair: for each side, the larger of the share of its sentences
    in a lexical link (:func:`shares`) and the share of its word ``k``-shingles found in the
    other text.

    The shingles see through a copy whose sentences were split or merged differently (an
    inserted quote cut in two, a trimmed sentence run into the next), which sentence links
    compared one to one miss.

    Example:
        >>> a = Document.from_text("Troops moved north. Talks failed in Geneva on Monday.")
        >>> b = Document.from_text("Troops moved north; talks failed in Geneva on Monday.")
        >>> copy_shares(lexical_links(a, b, 0.7), a, b, a.text, b.text, 3)
        (1.0, 1.0)
    """
    sl, sr = shares(links, len(left), len(right))
    ga, gb = word_shingles(ta, k), word_shingles(tb, k)
    if ga and gb:
        both = len(ga & gb)
        sl, sr = max(sl, round(both / len(ga), 6)), max(sr, round(both / len(gb), 6))
    return sl, sr


#: How the event days of two records compare.
DateAgreement = Literal["agree", "conflict", "unknown"]


def date_agreement(a: EventFacts, b: EventFacts, tolerance: int = 1) -> DateAgreement:
    """``"agree"`` when a day of each, with its month, is within ``tolerance``,
    ``"conflict"`` when both name days and none agree, ``"unknown"`` otherwise (a side
    names none, or only days of the month agree).

    Example:
        >>> date_agreement(EventFacts(days=((2022, 10, 4),)), EventFacts(days=((2022, 10, 5),)))
        'agree'
        >>> date_agreement(EventFacts(days=((2022, 10, 4),)), EventFacts())
        'unknown'
    """
    if not a.days or not b.days:
        return "unknown"
    if dates_conflict(a.days, b.days, tolerance):
        return "conflict"
    # a day of the month alone ("the 23rd" in an undated record) agrees by chance too often
    # to count as evidence; it still conflicts
    dated = any(
        x[1] is not None and y[1] is not None and dates_agree(x, y, tolerance)
        for x in a.days
        for y in b.days
    )
    return "agree" if dated else "unknown"


def expected_share(links: Sequence[Link], sentences: tuple[int, int]) -> float:
    """The expected share of the shorter side's sentences that say the same as the other:
    each link's calibrated score times the sentences of its smaller side, summed, over the
    shorter side's sentence count.

    Example:
        >>> expected_share([Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.5)], (4, 2))
        0.7
    """
    n = min(sentences)
    if n <= 0:
        return 0.0
    return round(sum(k.score * min(len(k.left), len(k.right)) for k in links) / n, 6)


def story_evidence(links: Sequence[Link]) -> float:
    """The probability that at least one linked pair says the same thing, ``1 - prod(1 - s)``
    over the calibrated link scores (taken as independent).

    Example:
        >>> round(story_evidence([Link((0,), (0,), 0.3), Link((1,), (1,), 0.4)]), 2)
        0.58
    """
    return 1.0 - math.prod(1.0 - k.score for k in links)


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """What the decision rule reads of a verified pair.

    Attributes:
        same_lang: the two records are in one language.
        method: ``"lexical"`` (sentences compared by their characters) or ``"semantic"``
            (aligned by meaning, :func:`newsalign.align`).
        share_left: aligned share of the left record's sentences (:func:`shares`).
        share_right: aligned share of the right record's.
        links: the alignment.
        sentences: the two records' sentence counts (0, 0 when not given).
        dates: how their event days compare (:func:`date_agreement`; for the lexical
            method, the days the texts name by themselves).
        conflicts: the facts that say another event (:func:`~.events.fact_conflicts`).
    """

    same_lang: bool
    method: Literal["lexical", "semantic"]
    share_left: float
    share_right: float
    links: tuple[Link, ...] = ()
    sentences: tuple[int, int] = (0, 0)
    dates: DateAgreement = "unknown"
    conflicts: tuple[str, ...] = ()


def decide_relation(ev: PairEvidence, p: DedupParams) -> Relation | None:
    """The relation of a verified pair, or ``None`` when it is none of them.

    With ``hi`` the larger and ``lo`` the smaller aligned share:

    - lexical, one language: ``near_duplicate`` when ``hi >= p.threshold`` and
      ``lo >= p.min_share`` and the texts name no conflicting days;
    - by meaning, a conflict of facts (``p.fact_veto``): nothing;
    - by meaning, two languages: ``translation`` when ``hi >= p.translation_threshold``,
      ``lo >= p.translation_min_share``, :func:`expected_share` reaches
      ``p.translation_evidence`` and the expected count of equal sentences
      ``p.translation_min_equal``;
    - by meaning: ``same_story`` when the event days agree and :func:`story_evidence`
      reaches ``p.dated_story_evidence``; without days to compare, when ``p.story_min_links``
      links are ``equivalent`` and ``hi >= p.story_threshold``.

    Example:
        >>> p = DedupParams()
        >>> decide_relation(PairEvidence(True, "lexical", 0.9, 0.8), p)
        'near_duplicate'
        >>> equal = tuple(Link((k,), (k,), 0.8) for k in range(5))
        >>> decide_relation(PairEvidence(False, "semantic", 1.0, 1.0, equal, (5, 5)), p)
        'translation'
        >>> decide_relation(PairEvidence(True, "semantic", 1.0, 1.0, equal, (5, 5)), p)
        'same_story'
        >>> decide_relation(PairEvidence(True, "semantic", 1.0, 1.0, equal, (5, 5), "conflict",
        ...                              ("dates: 2022-10-04 vs 2022-10-09",)), p) is None
        True
    """
    hi, lo = max(ev.share_left, ev.share_right), min(ev.share_left, ev.share_right)
    vetoed = p.fact_veto and bool(ev.conflicts)
    if ev.method == "lexical":
        ok = ev.same_lang and hi >= p.threshold and lo >= p.min_share and not vetoed
        return "near_duplicate" if ok else None
    if vetoed:
        return None
    strong = sum(1 for k in ev.links if k.kind == "equivalent")
    if (
        not ev.same_lang
        and expected_share(ev.links, ev.sentences) >= p.translation_evidence
        and expected_share(ev.links, (1, 1)) >= p.translation_min_equal
        and hi >= p.translation_threshold
        and lo >= p.translation_min_share
    ):
        return "translation"
    if ev.dates == "agree":
        if story_evidence(ev.links) >= p.dated_story_evidence:
            return "same_story"
    elif p.story_min_links and strong >= p.story_min_links and hi >= p.story_threshold:
        return "same_story"
    return None


def may_relate(
    n_left: int, n_right: int, same_lang: bool, dates: DateAgreement, p: DedupParams
) -> bool:
    """Whether an alignment by meaning of records of ``n_left`` and ``n_right`` sentences
    could reach any relation under :func:`decide_relation`.

    A pair in two languages may always be a translation. In one language, without agreeing
    days, the only relation by meaning is a same story with ``story_min_links``
    ``equivalent`` links, and an alignment has at most ``min(n_left, n_right)`` links: a
    shorter pair is decided ``None`` without aligning. The pipeline skips such pairs only
    under the default rule.

    Example:
        >>> p = DedupParams()
        >>> may_relate(2, 30, True, "unknown", p), may_relate(2, 30, True, "agree", p)
        (False, True)
        >>> may_relate(1, 3, False, "unknown", p)
        True
    """
    if dates == "agree" or not same_lang:
        return True
    return bool(p.story_min_links) and min(n_left, n_right) >= p.story_min_links


class DecisionRule(Protocol):
    """The signature of :func:`decide_relation`: what the verifier calls to decide a pair."""

    def __call__(self, ev: PairEvidence, p: DedupParams) -> Relation | None: ...


#: One verification job: (left pos, right pos, left text, right text, left lang, right lang,
#: left event facts, right event facts, the candidate's Jaccard / cosine / shared features,
#: whether only a copy is looked for: lexically, never by meaning).
Job = tuple[
    int,
    int,
    str,
    str,
    str,
    str,
    EventFacts,
    EventFacts,
    float | None,
    float | None,
    int | None,
    bool,
]
#: Its outcome: (left pos, right pos, relation or None, evidence without ids).
Outcome = tuple[int, int, Relation | None, DedupEvidence]


_UNLIMITED = AlignParams(max_sentences=0, max_bead=1, max_bead_total=2, refine=False)


class _DocCache:
    """Segmented documents of one batch (a record is often in several pairs)."""

    def __init__(self) -> None:
        self._docs: dict[int, Document] = {}

    def get(self, pos: int, text: str) -> Document:
        doc = self._docs.get(pos)
        if doc is None:
            doc = self._docs[pos] = Document.from_text(text)
        return doc


def _agreed(a: EventFacts, b: EventFacts, tolerance: int) -> tuple[str, ...]:
    out = []
    for x in a.days:
        for y in b.days:
            if dates_agree(x, y, tolerance):
                out.append(f"dates: {format_date(x)} ~ {format_date(y)}")
                break
        if out:
            break
    counts = sorted({(u, r, v) for u, r, v in a.counts} & {(u, r, v) for u, r, v in b.counts})
    out += [f"{u}{f' ({r})' if r else ''}: {v:,g}" for u, r, v in counts]
    return tuple(out)


def verify_pairs(
    jobs: Sequence[Job],
    encoder: str | Encoder | None,
    p: DedupParams,
    decide: DecisionRule = decide_relation,
) -> list[Outcome]:
    """Verify candidate pairs (runs on workers in the Dask path): lexically, then by meaning.

    A same-language pair that the rule calls a ``near_duplicate`` on its lexical alignment
    is decided there; otherwise, with ``p.semantic``, a pair whose facts conflict is refused
    without aligning (under ``p.fact_veto``), one that could reach no relation is skipped
    (:func:`may_relate`, default rule only), and the rest are aligned by meaning.

    Example:
        >>> a, b = "Troops moved. Talks failed.", "Troops moved. Talks failed. Rain fell."
        >>> e = EventFacts()
        >>> [(x, y, rel) for x, y, rel, _ in verify_pairs(
        ...     [(0, 1, a, b, "en", "en", e, e, None, None, None, False)], None,
        ...     DedupParams(min_share=0.6, semantic=False))]
        [(0, 1, 'near_duplicate')]
    """
    enc = get_encoder(encoder) if p.semantic else None
    cache = _DocCache()
    out: list[Outcome] = []
    for a, b, ta, tb, la, lb, ea, eb, jac, cos, shared, copy_only in jobs:
        da, db_ = cache.get(a, ta), cache.get(b, tb)
        same = la == lb
        if same:
            links = lexical_links(da, db_, p.lexical_link)
            sl, sr = copy_shares(links, da, db_, ta, tb, p.shingle_size)
            text_conflict = dates_conflict(ea.text_days, eb.text_days, p.date_tolerance)
            conflicts: tuple[str, ...] = (
                (
                    "dates named: "
                    + "/".join(map(format_date, ea.text_days))
                    + " vs "
                    + "/".join(map(format_date, eb.text_days)),
                )
                if text_conflict
                else ()
            )
            lex = PairEvidence(True, "lexical", sl, sr, links, (len(da), len(db_)), "unknown",
                               conflicts)  # fmt: skip
            rel = decide(lex, p)
            if rel is not None or not p.semantic or copy_only:
                ev = DedupEvidence(
                    None, "lexical", sl, sr, jac, cos, shared, links, conflicts=conflicts
                )
                out.append((a, b, rel if rel == "near_duplicate" else None, ev))
                continue
        dates = date_agreement(ea, eb, p.date_tolerance)
        conflicts = tuple(fact_conflicts(ea, eb, tolerance=p.date_tolerance))
        agreed = _agreed(ea, eb, p.date_tolerance)
        skip = (p.fact_veto and conflicts) or (
            decide is decide_relation and not may_relate(len(da), len(db_), same, dates, p)
        )
        if skip:
            method = "facts" if p.fact_veto and conflicts else "length"
            ev = DedupEvidence(None, method, 0.0, 0.0, jac, cos, shared, (), agreed, conflicts)
            out.append((a, b, None, ev))
            continue
        assert enc is not None
        mode: Mode = "rewrite" if same else "translation"
        # a record is never refused for its length here: the run must decide every record
        al = align(da, db_, encoder=enc, mode=mode, params=_UNLIMITED)
        sl, sr = shares(al.links, len(da), len(db_))
        sem = PairEvidence(same, "semantic", sl, sr, al.links, (len(da), len(db_)), dates,
                           conflicts)  # fmt: skip
        rel = decide(sem, p)
        if rel == "near_duplicate":
            rel = None  # copies are told by their characters, never by meaning
        ev = DedupEvidence(None, "semantic", sl, sr, jac, cos, shared, al.links, agreed, conflicts)
        out.append((a, b, rel, ev))
    return out
