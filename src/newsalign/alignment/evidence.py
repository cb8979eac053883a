"""What a sentence pair or a bead shows for and against "the two sides say the same thing".

The calibrated link score (:mod:`.calibration`) reads a fixed list of features,
:data:`FEATURES`, each a property of the two passages alone: nothing in it depends on the
other sentences of the documents (no mean cosine of the document pair, no IDF estimated on
them), so the same pair gets the same features, and the same score, wherever it occurs.

==============  =================================================================================
feature         meaning
==============  =================================================================================
``cos``         cosine of the two passages' vectors (the encoder's)
``cos_high``    ``max(0, cos - 0.6)``: the encoders' cosines rise steeply among true paraphrases
``lex``         cosine of the passages' character 2-4-gram counts (sublinear, no IDF)
``num_share``   numbers both sides have over the larger side's count (``3,000`` = ``3천``)
``num_miss``    numbers only one side has, over all the numbers the two sides have
``conflict``    quantities that the fact comparison pairs and finds different, at least one
                of them with a unit (``3,000 troops`` against ``10,900 troops``; two bare
                numbers may count different things: ``975`` m² against ``10,500``-square-foot),
                and date slots (day, weekday, month, year...) both
                sides fill with no value in common (``on the 23rd`` against ``on the 9th``;
                ``8일`` against ``31일(한국 시각 1일)``)
``name_share``  people (name keys, any spelling or script) both sides name, over the larger count
``name_miss``   people only one side names, over all the people named
``name_clash``  1 when the two sides are in one language, both name people and none is named
                by both (``VOA 뉴스 백성원입니다`` against ``VOA 뉴스 함지하입니다``), else 0;
                across languages the keys of one person agree less often (a Hangul
                rendering of a foreign name), so there a clash is left to ``name_miss``
``clash_short`` ``name_clash`` times ``short``: in a short sentence the names are much of
                what it says (two reporters' sign-offs, ``Kim said so`` against ``Lee said
                so``), and the cosine of the rest is high whoever is named
``len_gap``     ``|log(length ratio)|``, lengths in characters with a CJK character counted as 3
``short``       ``exp(-shorter length / 40)``: short passages give noisy vectors
``extra``       sentences beyond one a side in the bead
``quotes``      share of quoted strings of one side found in the other (0 without quotes)
``cross``       1 when the two sides are in different languages as their scripts tell
                (:func:`~newsalign.text.detect_lang`: Hangul, Han, Kana, Cyrillic, Arabic,
                Latin), else 0: a translation's cosine runs lower than a rewrite's, and an
                unrelated sentence in the same language shares more of it
``cos_cross``   ``cos`` when ``cross``, else 0 (a cosine slope of its own for translations)
``lex_same``    ``lex`` when not ``cross``, else 0: shared wording means something only
                between two texts in one language
==============  =================================================================================

Two languages in one script (German and French) read as one language here: the features
see the script, not the language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..facts import Fact, FactKind, compare_facts, extract_facts
from ..facts.dates import date_slot, same_date
from ..names import sentence_name_keys
from ..text import detect_lang, number_values

__all__ = ["FEATURES", "SentenceEvidence", "feature_rows", "sentence_evidence"]

FEATURES: tuple[str, ...] = (
    "cos", "cos_high", "lex", "num_share", "num_miss", "conflict", "name_share", "name_miss",
    "len_gap", "short", "extra", "quotes", "cross", "cos_cross", "lex_same", "name_clash",
    "clash_short",
)  # fmt: skip

_COS_KNEE = 0.6
_SHORT_SCALE = 40.0
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_QUOTE = re.compile(r"[\"“”«»「」『』]([^\"“”«»「」『』]{3,200})[\"“”«»「」『』]")
_FACT_KINDS: tuple[FactKind, ...] = ("quantity", "date")


@dataclass(frozen=True, slots=True)
class SentenceEvidence:
    """What one sentence brings to the features: its anchors and its length.

    Attributes:
        numbers: the number values it states.
        names: the name keys of the people it names.
        facts: its quantities and dates (for conflicts).
        quotes: its quoted strings, casefolded.
        length: its length in characters, a CJK character counted as 3.
        lang: its language as the script tells (:func:`~newsalign.text.detect_lang`;
            ``""`` for Latin script or no letters).
    """

    numbers: frozenset[float]
    names: frozenset[str]
    facts: tuple[Fact, ...]
    quotes: frozenset[str]
    length: float
    lang: str = ""


def sentence_evidence(
    text: str, *, numbers: frozenset[float] | None = None, names: frozenset[str] | None = None
) -> SentenceEvidence:
    """The anchors and length of one sentence.

    ``numbers`` and ``names``, when given, are the sentence's :func:`~newsalign.text.number_values`
    and :func:`~newsalign.names.sentence_name_keys` already computed (the aligner's search has
    them), so they are not computed again.

    Example:
        >>> ev = sentence_evidence("Over 3,000 troops left on the 23rd, Kim Jong Un said.")
        >>> sorted(ev.numbers), sorted(f.kind for f in ev.facts), ev.length
        ([23.0, 3000.0], ['date', 'quantity'], 53.0)
    """
    facts = extract_facts(text, kinds=_FACT_KINDS)
    cjk = len(_CJK.findall(text))
    return SentenceEvidence(
        numbers=number_values(text) if numbers is None else numbers,
        names=sentence_name_keys(text) if names is None else names,
        facts=facts,
        quotes=frozenset(m.group(1).strip().casefold() for m in _QUOTE.finditer(text)),
        length=float(len(text) - cjk + 3 * cjk),
        lang=detect_lang(text) or "",
    )


def _share(a: frozenset[object], b: frozenset[object]) -> tuple[float, float]:
    """(shared over the larger side, one-sided over the union); zeros when neither has any."""
    if not a and not b:
        return 0.0, 0.0
    both = len(a & b)
    share = both / max(len(a), len(b)) if a and b else 0.0
    return share, (len(a | b) - both) / len(a | b)


def _union(side: Sequence[SentenceEvidence]) -> SentenceEvidence:
    if len(side) == 1:
        return side[0]
    return SentenceEvidence(
        numbers=frozenset().union(*(e.numbers for e in side)),
        names=frozenset().union(*(e.names for e in side)),
        facts=tuple(f for e in side for f in e.facts),
        quotes=frozenset().union(*(e.quotes for e in side)),
        length=sum(e.length for e in side) + len(side) - 1,
        lang=max(side, key=lambda e: e.length).lang,  # the language of most of the text
    )


def _quotes_found(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    found = sum(1 for q in a if any(q in r or r in q for r in b))
    found += sum(1 for r in b if any(r in q or q in r for q in a))
    return found / (len(a) + len(b))


def _conflicts(a: SentenceEvidence, b: SentenceEvidence) -> float:
    """Facts the two sides state differently: quantities the fact comparison pairs and finds
    different (one of them with a unit), and date slots (day, weekday, month, year...) that
    both sides fill with no value in common (``8일`` against ``31일 ... 1일``: the comparison
    pairs dates one to one only, so two days against one would pass for no conflict)."""
    if not a.facts or not b.facts:
        return 0.0
    diffs = compare_facts(a.facts, b.facts)
    found = sum(
        1
        for d in diffs
        if d.kind == "conflict"
        and d.fact == "quantity"
        and ((d.left_fact and d.left_fact.unit) or (d.right_fact and d.right_fact.unit))
    )
    slots_a, slots_b = _date_slots(a.facts), _date_slots(b.facts)
    for slot in slots_a.keys() & slots_b.keys():
        if slot != "relative" and not any(
            same_date(x, y) for x in slots_a[slot] for y in slots_b[slot]
        ):
            found += 1
    return float(found)


def _date_slots(facts: Sequence[Fact]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in facts:
        if f.kind == "date":
            out.setdefault(date_slot(f), set()).add(f.value)
    return out


def feature_rows(
    cos: np.ndarray,
    lex: np.ndarray,
    lefts: Sequence[Sequence[SentenceEvidence]],
    rights: Sequence[Sequence[SentenceEvidence]],
) -> np.ndarray:
    """The :data:`FEATURES` of each bead, one row each (float64, ``len(cos) x len(FEATURES)``).

    Args:
        cos: the cosine of each bead's two passages.
        lex: the character n-gram cosine of each bead's two passages.
        lefts: the evidence of each bead's left sentences.
        rights: the evidence of each bead's right sentences.

    Every feature is symmetric in the two sides, so swapping them gives the same row.
    """
    out = np.zeros((len(cos), len(FEATURES)))
    out[:, 0] = cos
    out[:, 1] = np.maximum(0.0, np.asarray(cos) - _COS_KNEE)
    out[:, 2] = lex
    for k, (left, right) in enumerate(zip(lefts, rights, strict=True)):
        a, b = _union(left), _union(right)
        out[k, 3:5] = _share(a.numbers, b.numbers)
        out[k, 5] = _conflicts(a, b)
        out[k, 6:8] = _share(a.names, b.names)
        short, long_ = sorted((a.length, b.length))
        out[k, 8] = abs(math.log((long_ + 1.0) / (short + 1.0)))
        out[k, 9] = math.exp(-short / _SHORT_SCALE)
        out[k, 10] = len(left) + len(right) - 2
        out[k, 11] = _quotes_found(a.quotes, b.quotes)
        out[k, 12] = float(a.lang != b.lang)
        clash = bool(a.names) and bool(b.names) and not a.names & b.names
        out[k, 15] = float(clash and a.lang == b.lang)
    out[:, 13] = out[:, 0] * out[:, 12]
    out[:, 14] = out[:, 2] * (1.0 - out[:, 12])
    out[:, 16] = out[:, 15] * out[:, 9]
    return out
