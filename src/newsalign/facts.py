"""Facts a news reader compares between versions of a story.

For each sentence, :func:`extract_facts` finds what a reader checks when two versions
disagree, with regular expressions only (fast, no model):

=================  =========================================================================
``quantity``       a number with its qualifier (*over*, *around*, *up to*, *nearly*...), its
                   role (*total* or *additional*) and the thing counted (*troops*, *%*, *mm*)
``date``           dates and times: *the 23rd*, *Wednesday*, *Oct. 23*, *in June*,
                   *by December*, *10 a.m.*, *23일*, *12월경*
``person``         person names, through :mod:`newsalign.names` when it is installed
                   (a capitalised-name heuristic otherwise)
``organization``   named bodies (*National Intelligence Service (NIS)*, *11th Storm Corps*)
``quote``          quoted spans of three words or more
=================  =========================================================================

:func:`compare_facts` compares the facts of two linked passages and returns
:class:`FactDifference` records whose ``kind`` is one of :data:`FACT_DIFFERENCE_KINDS`. A name
spelled differently is a ``name_variant`` of the same person, never a conflict.

The aligner also uses :func:`number_values` as a language-independent anchor: "3,000",
"3000명", "three thousand" and "3천" all give 3000.0, so a Korean sentence and its English
rewrite share the anchor.

This module sits beside the pipeline: it imports only records and errors (and, lazily,
:mod:`newsalign.names`), never the aligner or the diff.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from .errors import InputError
from .records import Document
from .text import MONTHS, TYPOGRAPHY, number_spans, number_values, parse_number

__all__ = [
    "CONFLICT_KINDS",
    "FACT_DIFFERENCE_KINDS",
    "FACT_KINDS",
    "Fact",
    "FactDifference",
    "FactDifferenceKind",
    "FactKind",
    "compare_facts",
    "document_facts",
    "extract_facts",
    "number_values",
    "parse_number",
    "same_fact",
]

logger = logging.getLogger(__name__)

FactKind = Literal["quantity", "date", "person", "organization", "quote"]
#: The closed set of fact kinds, in the order :func:`extract_facts` reports them.
FACT_KINDS: tuple[FactKind, ...] = ("quantity", "date", "person", "organization", "quote")

FactDifferenceKind = Literal[
    "conflict", "qualifier", "role", "unit", "restated", "name_variant", "left_only", "right_only"
]
#: The closed set of fact-difference kinds:
#:
#: ================  ==================================================================
#: ``conflict``      the same quantity or date has different values (3,000 / 2,500)
#: ``qualifier``     same value, different hedge (*over* 3,000 / *around* 3,000;
#:                   *by* December / *in* December)
#: ``role``          same number, different role (10,000 in *total* / an *additional* 10,000)
#: ``unit``          same number, different thing counted (3,000 troops / 3,000 workers)
#: ``restated``      both sides state it in forms that cannot be compared (*the 23rd* /
#:                   *Wednesday*; two differently worded quotations)
#: ``name_variant``  the same person spelled differently (Lee Seong-gwon / Lee Seong Kwon);
#:                   never a conflict
#: ``left_only``     the fact is in the left passage only
#: ``right_only``    the fact is in the right passage only
#: ================  ==================================================================
FACT_DIFFERENCE_KINDS: tuple[FactDifferenceKind, ...] = (
    "conflict", "qualifier", "role", "unit", "restated", "name_variant", "left_only",
    "right_only",
)  # fmt: skip
#: The kinds counted as conflicts in summaries: the two sides disagree on a value.
CONFLICT_KINDS: frozenset[FactDifferenceKind] = frozenset({"conflict", "qualifier", "role", "unit"})


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact found in a sentence.

    Attributes:
        kind: one of :data:`FACT_KINDS`.
        text: the words as written, ``sentence_text[start:end]``.
        start: offset of the first character in the sentence.
        end: offset one past the last character.
        value: the canonical value facts are compared on: ``"3000"`` for a quantity,
            ``"day 23"``, ``"month 12"`` or ``"weekday wednesday"`` for a date, the name key
            for a person, the folded name or acronym for an organisation, the folded words
            for a quotation.
        sentence: index of the sentence in its document, when known.
        number: a quantity's value as a float.
        qualifier: canonical hedge of a quantity (``"over"``, ``"about"``, ``"nearly"``,
            ``"up to"``, ``"at least"``, ``"under"``) or a date's preposition (``"by"``,
            ``"since"``, ``"around"``, ``"between"``...).
        role: ``"total"`` or ``"additional"`` for a quantity whose sentence says which.
        unit: the thing counted, canonical (``"troops"`` for troops and soldiers, ``"%"``).
        role_cue: the words that gave the role (``"total"``, ``"an additional"``).

    Example:
        >>> f = extract_facts("An additional 10,000 troops will follow.")[0]
        >>> (f.kind, f.number, f.role, f.unit)
        ('quantity', 10000.0, 'additional', 'troops')
    """

    kind: FactKind
    text: str
    start: int
    end: int
    value: str
    sentence: int | None = None
    number: float | None = None
    qualifier: str | None = None
    role: str | None = None
    unit: str | None = None
    role_cue: str | None = None

    def label(self) -> str:
        """A short readable form: the words as written, plus the role when it is elsewhere.

        Example:
            >>> extract_facts("The total is expected to reach 10,000.")[0].label()
            '10,000 (total)'
        """
        if (
            self.kind == "quantity"
            and self.role
            and self.role_cue
            and self.role_cue.lower() not in self.text.lower()
        ):
            return f"{self.text} ({self.role})"
        return self.text


@dataclass(frozen=True, slots=True)
class FactDifference:
    """How two linked passages differ on one fact.

    Attributes:
        kind: one of :data:`FACT_DIFFERENCE_KINDS`.
        fact: the :data:`FACT_KINDS` entry the difference is about.
        left_value: the left fact as a reader would quote it, ``None`` if absent.
        right_value: the right fact, ``None`` if absent.
        left_sentence: the left sentence index holding the fact, when known.
        right_sentence: the right sentence index holding the fact, when known.
        explanation: one English sentence saying what differs.
        left_fact: the left :class:`Fact`, ``None`` if absent.
        right_fact: the right :class:`Fact`, ``None`` if absent.
        elsewhere: for a ``left_only`` or ``right_only`` fact, the sentences of the other
            version that carry the same fact outside this passage (empty: the other version
            never states it).

    Example:
        >>> d = compare_facts(extract_facts("Over 3,000 troops left."),
        ...                   extract_facts("Around 3,000 troops left."))[0]
        >>> (d.kind, d.left_value, d.right_value)
        ('qualifier', 'Over 3,000 troops', 'Around 3,000 troops')
    """

    kind: FactDifferenceKind
    fact: FactKind
    left_value: str | None
    right_value: str | None
    left_sentence: int | None
    right_sentence: int | None
    explanation: str
    left_fact: Fact | None = None
    right_fact: Fact | None = None
    elsewhere: tuple[int, ...] = ()

    @property
    def is_conflict(self) -> bool:
        """Whether the two sides disagree on a value (:data:`CONFLICT_KINDS`)."""
        return self.kind in CONFLICT_KINDS

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the schema is in ``docs/diff.md``).

        Example:
            >>> d = compare_facts(extract_facts("On the 23rd."), [])[0]
            >>> sorted(d.to_dict())[:4]
            ['elsewhere', 'explanation', 'fact', 'kind']
        """
        return {
            "kind": self.kind,
            "fact": self.fact,
            "left_value": self.left_value,
            "right_value": self.right_value,
            "left_sentence": self.left_sentence,
            "right_sentence": self.right_sentence,
            "left_span": _span(self.left_fact),
            "right_span": _span(self.right_fact),
            "explanation": self.explanation,
            "elsewhere": list(self.elsewhere),
        }


def _span(fact: Fact | None) -> list[int] | None:
    return None if fact is None else [fact.start, fact.end]


# =======================================================================================
# Extraction
# =======================================================================================
def extract_facts(text: str, *, sentence: int | None = None) -> tuple[Fact, ...]:
    """The facts of one sentence, in text order within each kind.

    Args:
        text: one sentence (a longer text works too; offsets are into ``text``).
        sentence: the sentence index to record on each fact.

    Returns:
        Facts of every kind in :data:`FACT_KINDS` order; a span belongs to at most one
        quantity or date.

    Raises:
        InputError: ``text`` is not a string.

    Example:
        >>> s = "On the 23rd, the NIS said over 3,000 troops had left, Rep. Park Sun Won said."
        >>> [(f.kind, f.text) for f in extract_facts(s)]  # doctest: +NORMALIZE_WHITESPACE
        [('quantity', 'over 3,000 troops'), ('date', 'On the 23rd'), ('person', 'Park Sun Won'),
         ('organization', 'NIS')]
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}")
    return _sentence_facts(text, sentence, _people_in_text(text, sentence))


def document_facts(document: Document) -> tuple[tuple[Fact, ...], ...]:
    """The facts of every sentence of a document (one tuple per sentence).

    Person names are found over the whole document, so a back-reference (*Park said*) carries
    the key of the full name it refers to when :mod:`newsalign.names` is installed.

    Raises:
        InputError: ``document`` is not a :class:`~newsalign.records.Document`.

    Example:
        >>> doc = Document.from_text("Troops left on the 8th. Nobody knows why.")
        >>> [[f.text for f in facts] for facts in document_facts(doc)]
        [['on the 8th'], []]
    """
    if not isinstance(document, Document):
        raise InputError(f"document must be a Document, got {type(document).__name__}")
    people = _people_in_document(document)
    return tuple(_sentence_facts(s.text, k, people[k]) for k, s in enumerate(document.sentences))


def _sentence_facts(text: str, sentence: int | None, people: list[Fact]) -> tuple[Fact, ...]:
    dates = _dates(text, sentence)
    taken = [(f.start, f.end) for f in dates]
    quantities = _quantities(text, sentence, taken)
    orgs = _organizations(text, sentence, [(p.start, p.end) for p in people])
    quotes = _quotes(text, sentence)
    return (*quantities, *dates, *people, *orgs, *quotes)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _fold(text: str) -> str:
    """Lower case, accents and typographic quotes removed, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(TYPOGRAPHY).casefold()
    return " ".join(text.split())


# -- quantities ---------------------------------------------------------------------------
def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)  # longest first: "more than" before "more"
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_QUALIFIERS = {
    "over": "over", "more than": "over", "above": "over", "exceeding": "over",
    "exceed": "over", "exceeds": "over", "exceeded": "over", "in excess of": "over",
    "upwards of": "over", "just over": "over", "well over": "over", "greater than": "over",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least",
    "around": "about", "about": "about", "approximately": "about", "approx.": "about",
    "roughly": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "circa": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "approaching": "nearly",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "a maximum of": "up to",
    "at most": "up to",
    "under": "under", "less than": "under", "fewer than": "under", "below": "under",
    "약": "about", "최대": "up to", "최소": "at least", "거의": "nearly",
}  # fmt: skip
_POST_QUALIFIERS = {
    "or more": "at least", "or so": "about", "plus": "over", "odd": "over",
    "이상": "at least", "여": "over", "넘는": "over", "넘게": "over", "넘어": "over",
    "가량": "about", "정도": "about", "쯤": "about", "안팎": "about", "내외": "about",
    "미만": "under", "이하": "up to",
}  # fmt: skip
_ROLE_BEFORE = {
    "additional": "additional", "an additional": "additional", "another": "additional",
    "a further": "additional", "further": "additional", "extra": "additional",
    "an extra": "additional", "increased by": "additional", "rose by": "additional",
    "grew by": "additional", "up by": "additional", "added": "additional",
    "a total of": "total", "total of": "total", "totaling": "total", "totalling": "total",
    "totaled": "total", "totalled": "total", "total": "total",
    "총": "total", "누적": "total", "추가": "additional", "추가로": "additional",
}  # fmt: skip
_ROLE_AFTER = {
    "more": "additional", "additional": "additional", "extra": "additional",
    "in total": "total", "in all": "total", "altogether": "total", "all told": "total",
    "overall": "total",
}  # fmt: skip
_QUAL_BEFORE_RE = re.compile(rf"(?<![\w.])({_alternation(_QUALIFIERS)})\s*$", re.IGNORECASE)
_ROLE_BEFORE_RE = re.compile(rf"(?<![\w.])({_alternation(_ROLE_BEFORE)})\s*$", re.IGNORECASE)
_POST_QUAL_RE = re.compile(
    rf"^(?:[\s-]*({_alternation(k for k in _POST_QUALIFIERS if k.isascii())})\b"
    rf"|\s*({_alternation(k for k in _POST_QUALIFIERS if not k.isascii())}))",
    re.IGNORECASE,
)
_ROLE_AFTER_RE = re.compile(rf"^\s+({_alternation(_ROLE_AFTER)})\b(?!\s+than)", re.IGNORECASE)
# Role cues anywhere in the clause before the number (the nearest one wins).
_ROLE_WINDOW_RE = re.compile(
    r"\b(total(?:s|ed|ing|led|ling)?|in all|altogether|cumulative(?:ly)?|reach(?:es|ed|ing)?"
    r"|bring(?:s|ing)?\b[^,;]*?\bto"
    r"|additional|another|further|extra|increase[sd]?\s+by|rose\s+by|grew\s+by)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]“”\"\u2014\u2013]|\.\s")
_ROLE_WINDOW = 90  # characters: a role cue further back belongs to another clause

_UNITS = {
    "troops": "troops", "troop": "troops", "soldiers": "troops", "soldier": "troops",
    "personnel": "troops", "servicemen": "troops", "forces": "troops", "service members": "troops",
    "workers": "workers", "worker": "workers", "employees": "workers", "staff": "workers",
    "people": "people", "persons": "people", "individuals": "people", "residents": "people",
    "civilians": "civilians", "casualties": "casualties", "deaths": "deaths", "dead": "deaths",
    "killed": "deaths", "fatalities": "deaths", "injured": "injured", "wounded": "injured",
    "refugees": "refugees", "migrants": "migrants", "students": "students",
    "children": "children", "members": "members", "lawmakers": "lawmakers",
    "interpreters": "interpreters", "cases": "cases", "patients": "patients",
    "votes": "votes", "seats": "seats", "jobs": "jobs", "missiles": "missiles",
    "drones": "drones", "rockets": "rockets", "shells": "shells", "tanks": "tanks",
    "aircraft": "aircraft", "jets": "aircraft", "ships": "ships", "vessels": "ships",
    "homes": "homes", "houses": "homes", "buildings": "buildings", "vehicles": "vehicles",
    "cars": "vehicles", "units": "units", "companies": "companies", "firms": "companies",
    "tons": "tons", "tonnes": "tons", "barrels": "barrels", "dollars": "$", "euros": "€",
    "yen": "¥", "yuan": "yuan", "pounds": "£", "shares": "shares", "points": "points",
    "years": "years", "months": "months", "weeks": "weeks", "days": "days", "hours": "hours",
    "minutes": "minutes", "kilometers": "km", "kilometres": "km", "miles": "miles",
    "meters": "m", "metres": "m", "percent": "%", "per cent": "%", "percentage points": "pp",
}  # fmt: skip
_SYMBOL_UNITS = {
    "%": "%", "mm": "mm", "cm": "cm", "km": "km", "kg": "kg", "km/h": "km/h", "°c": "°C",
    "won": "won", "명": "people", "개": "items", "대": "vehicles", "발": "rounds", "원": "won",
    "달러": "$", "톤": "tons",
}  # fmt: skip
_UNIT_AFTER_RE = re.compile(
    rf"^\s*({_alternation(k for k in _SYMBOL_UNITS if k.isascii() and not k.isalpha())})"
    rf"|^\s?({_alternation(k for k in _SYMBOL_UNITS if k.isascii() and k.isalpha())})\b"
    rf"|^({_alternation(k for k in _SYMBOL_UNITS if not k.isascii())})"
    rf"|^(?:[\s-]+[A-Za-z][\w\u2019'-]*){{0,3}}?[\s-]+({_alternation(_UNITS)})\b",
    re.IGNORECASE,
)
_CURRENCY_BEFORE_RE = re.compile(r"(US\$|\$|€|£|¥|₩)\s*$")


def _format_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"


def _quantities(text: str, sentence: int | None, taken: list[tuple[int, int]]) -> list[Fact]:
    out: list[Fact] = []
    prev_end = 0
    for start, end, value in number_spans(text):
        if _overlaps(start, end, taken) or re.match(r"(?:st|nd|rd|th)\b", text[end:]):
            prev_end = end
            continue  # part of a date, or an ordinal (the 11th Storm Corps)
        span_start, span_end = start, end
        qualifier = role = role_cue = unit = None
        # words right before the number: hedge and role, in either order
        cursor = start
        for _ in range(3):
            head = text[prev_end:cursor]
            q = _QUAL_BEFORE_RE.search(head)
            if q and qualifier is None:
                qualifier = _QUALIFIERS[_squash(q.group(1))]
                cursor = prev_end + q.start(1)
                continue
            r = _ROLE_BEFORE_RE.search(head)
            if r and role is None:
                role = _ROLE_BEFORE[_squash(r.group(1))]
                role_cue = r.group(1)
                cursor = prev_end + r.start(1)
                continue
            break
        span_start = cursor
        c = _CURRENCY_BEFORE_RE.search(text[prev_end:span_start])
        if c:
            unit = {"US$": "$", "₩": "won"}.get(c.group(1), c.group(1))
            span_start = prev_end + c.start(1)
        # words right after: "or more", "10,000 more", the thing counted
        after = text[end:]
        pq = _post_qualifier(after)
        if pq is not None:
            word, length = pq
            qualifier = qualifier or _POST_QUALIFIERS[word]
            span_end = end + length
            after = text[span_end:]
        ra = _ROLE_AFTER_RE.match(after)
        if ra and role is None:
            role = _ROLE_AFTER[_squash(ra.group(1))]
            role_cue = ra.group(1)
            span_end += ra.end()
            after = text[span_end:]
        u = _UNIT_AFTER_RE.match(after)
        if u and unit is None:
            raw = next(g for g in u.groups() if g)
            unit = _SYMBOL_UNITS.get(raw.lower()) or _UNITS.get(_squash(raw.lower()), raw.lower())
            span_end += u.end()
            after = text[span_end:]
            if role is None:
                ra = _ROLE_AFTER_RE.match(after)
                if ra and _squash(ra.group(1)) != "more":
                    role = _ROLE_AFTER[_squash(ra.group(1))]
                    role_cue = ra.group(1)
                    span_end += ra.end()
        if pq is None:  # Korean hedges follow the counter: 3천명 이상
            pq2 = _post_qualifier(text[span_end:])
            if pq2 is not None and not pq2[0].isascii():
                qualifier = qualifier or _POST_QUALIFIERS[pq2[0]]
                span_end += pq2[1]
        if role is None:
            role, role_cue = _role_in_clause(text, prev_end, span_start)
        out.append(
            Fact(
                "quantity", text[span_start:span_end], span_start, span_end,
                _format_number(value), sentence, value, qualifier, role, unit, role_cue,
            )
        )  # fmt: skip
        prev_end = span_end
    return out


def _post_qualifier(after: str) -> tuple[str, int] | None:
    m = _POST_QUAL_RE.match(after)
    if not m:
        return None
    word = m.group(1) or m.group(2)
    return _squash(word.lower()), m.end()


def _squash(words: str) -> str:
    return " ".join(words.split()).lower()


def _role_in_clause(text: str, prev_end: int, start: int) -> tuple[str | None, str | None]:
    lo = max(prev_end, start - _ROLE_WINDOW)
    window = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    cues = list(_ROLE_WINDOW_RE.finditer(window))
    if not cues:
        return None, None
    # an explicit "total" or "additional" beats a verb that only implies a total ("reach")
    explicit = [c for c in cues if not c.group(1).lower().startswith(("reach", "bring"))]
    cue = (explicit or cues)[-1].group(1)
    low = cue.lower()
    if low.startswith(("total", "in all", "altogether", "cumulative", "reach", "bring")):
        return "total", cue
    return "additional", cue


# -- dates --------------------------------------------------------------------------------
_MONTH_RE = "(?:" + "|".join(
    sorted((m.capitalize() + (r"\.?" if len(m) <= 4 and m != "may" else "") for m in MONTHS),
           key=len, reverse=True)
) + ")"  # fmt: skip
_PREP = (
    r"(?:(?P<prep>[Oo]n|[Ii]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter"
    r"|[Aa]round|[Ee]arly|[Ll]ate|[Mm]id|[Tt]hrough|[Dd]uring|[Ee]nd\s+of)[\s-]+(?:the\s+)?)?"
)
_ORD = r"(?:st|nd|rd|th)"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", re.compile(
        rf"\b(?P<prep>[Bb]etween|[Ff]rom)\s+(?:the\s+)?(?P<a>\d{{1,2}}){_ORD}\s+(?:and|to|-)\s+"
        rf"(?:the\s+)?(?P<b>\d{{1,2}}){_ORD}\b")),
    ("monthday", re.compile(
        rf"{_PREP}\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:{_ORD})?\b"
        rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("daymonth", re.compile(
        rf"{_PREP}\b(?P<day>\d{{1,2}})(?:{_ORD})?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\b"
        rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("month", re.compile(
        rf"{_PREP}\b(?P<month>{_MONTH_RE})(?![\w])(?:\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("weekday", re.compile(
        r"(?:(?P<prep>[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
        r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("day", re.compile(
        r"(?:(?P<prep>[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter)\s+)?"
        rf"\bthe\s+(?P<day>[12]?\d|3[01]){_ORD}\b"
        r"(?!\s+(?:[A-Z]|century|anniversary|time|floor|round|straight|consecutive|largest"
        r"|biggest|most|person|place|day|week|month|year|minute|hour|amendment|grade))")),
    ("year_end", re.compile(
        r"(?:(?P<prep>[Bb]y|[Bb]efore|[Uu]ntil|[Aa]t)\s+)?\b(?:the\s+)?"
        r"(?:[Yy]ear[\u2019']s\s+[Ee]nd|[Ee]nd\s+of\s+(?:the\s+)?[Yy]ear|[Yy]ear-[Ee]nd)\b")),
    ("time", re.compile(
        r"(?:(?P<prep>[Aa]t|[Bb]y|[Uu]ntil|[Ss]ince|[Aa]round|[Aa]bout)\s+)?"
        r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)")),
    ("clock", re.compile(
        r"(?:(?P<prep>[Aa]t|[Bb]y|[Uu]ntil|[Ss]ince)\s+)?\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b")),
    ("ko_monthday", re.compile(
        r"(?P<month>1[0-2]|[1-9])월\s*(?P<day>[12]?\d|3[01])일(?P<post>까지|경|쯤|께)?")),
    ("ko_month", re.compile(r"(?P<month>1[0-2]|[1-9])월(?P<post>경|쯤|께|까지|말|초|중순|부터)?")),
    ("ko_day", re.compile(r"(?<![\d.])(?P<day>[12]?\d|3[01])일(?P<post>까지|경|쯤|께|부터)?")),
    ("year", re.compile(
        r"(?:(?P<prep>[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter)\s+)?"
        r"(?<![\w.,$])(?P<year>(?:19|20)\d\d)(?:년)?(?![\w,.]\d|\s*%)")),
    ("relative", re.compile(
        r"\b(?P<rel>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+(?:week|month|year|night)"
        r"|[Nn]ext\s+(?:week|month|year)|[Tt]his\s+(?:week|month|year)|[Ee]arlier\s+this\s+(?:week|month|year))\b")),
)  # fmt: skip
_DATE_PREPS = {
    "on": None, "in": None, "during": None, "at": None, "by": "by", "until": "by", "till": "by",
    "through": "by", "since": "since", "from": "since", "before": "before", "after": "after",
    "around": "around", "about": "around", "early": "early", "late": "late", "mid": "mid",
    "end of": "late", "between": "between", "last": None, "next": None, "this": None,
    "까지": "by", "경": "around", "쯤": "around", "께": "around", "말": "late", "초": "early",
    "중순": "mid", "부터": "since",
}  # fmt: skip


def _dates(text: str, sentence: int | None) -> list[Fact]:
    found: list[Fact] = []
    spans: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), spans):
                continue
            value = _date_value(kind, m)
            if value is None:
                continue
            groups = m.groupdict()
            prep = groups.get("prep") or groups.get("post")
            if kind == "year_end":
                prep = groups.get("prep")
            qualifier = _DATE_PREPS.get(_squash(prep)) if prep else None
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            found.append(Fact("date", text[start:end], start, end, value, sentence,
                              qualifier=qualifier))  # fmt: skip
            spans.append((start, end))
    return sorted(found, key=lambda f: f.start)


def _date_value(kind: str, m: re.Match[str]) -> str | None:
    g = m.groupdict()
    raw_month = g.get("month") or ""
    month = int(raw_month) if raw_month.isdigit() else MONTHS.get(raw_month.rstrip(".").lower())
    year = f" {g['year']}" if g.get("year") else ""
    if kind == "range":
        a, b = int(g["a"]), int(g["b"])
        return f"day {a}-{b}" if 1 <= a <= 31 and 1 <= b <= 31 else None
    if kind in ("monthday", "daymonth", "ko_monthday"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        return f"date {month:02d}-{day:02d}{year}"
    if kind in ("month", "ko_month"):
        if kind == "month" and g["month"] == "May" and m.start("month") == 0:
            return None  # "May I..." at the start of a sentence
        return f"month {month}{year}"
    if kind == "weekday":
        return f"weekday {g['weekday'].lower()}"
    if kind in ("day", "ko_day"):
        return f"day {int(g['day'])}"
    if kind == "year_end":
        return "month 12"
    if kind in ("time", "clock"):
        hour = int(g["hour"])
        ampm = (g.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        return f"time {hour:02d}:{g.get('minute') or '00'}"
    if kind == "year":
        return f"year {g['year']}"
    if kind == "relative":
        return "relative " + _squash(g["rel"])
    return None  # pragma: no cover


def _date_slot(fact: Fact) -> str:
    return fact.value.split(" ", 1)[0]


# -- people -------------------------------------------------------------------------------
@functools.cache
def _names_module() -> ModuleType | None:
    """:mod:`newsalign.names` when it is installed (looked up once: a failed import is not
    cached by Python, and this is asked for every sentence)."""
    try:
        return importlib.import_module("newsalign.names")
    except ImportError:
        logger.debug("newsalign.names is not importable; using the capitalised-name heuristic")
        return None


def _people_in_text(text: str, sentence: int | None) -> list[Fact]:
    names = _names_module()
    if names is None:
        return _fallback_people(text, sentence)
    if not text.strip():
        return []
    out = []
    for m in names.extract_people(text):
        out.append(Fact("person", str(m.text), int(m.start), int(m.end), str(m.key), sentence))
    return out


def _people_in_document(document: Document) -> list[list[Fact]]:
    per: list[list[Fact]] = [[] for _ in document.sentences]
    names = _names_module()
    if names is None:
        for k, s in enumerate(document.sentences):
            per[k] = _fallback_people(s.text, k)
        return per
    if not document.sentences:
        return per
    for m in names.extract_people(document):
        k = int(m.sentence)
        if not 0 <= k < len(per):
            continue
        offset = document.sentences[k].start
        start, end = int(m.start) - offset, int(m.end) - offset
        per[k].append(Fact("person", str(m.text), start, end, str(m.key), k))
    return per


_NAME_PART = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
_NAME_RUN = re.compile(rf"(?<![\w\u2019'-]){_NAME_PART}(?:\s+{_NAME_PART})+(?![\w\u2019'-])")
_NOT_NAMES = frozenset(  # a word list reads better as text
    """the a an and or but in on at of for to from by with within without during after before
    according additionally also however meanwhile regarding in response while when if as this
    that these those there their they he she it we his her its our some many most all no one
    reports report officials official sources president director minister chairman chief
    rep sen gov gen adm lt col maj capt dr mr mrs ms prof lawmaker lawmakers spokesman
    spokeswoman spokesperson secretary ambassador leader leaders commander premier
    prime chairwoman vice deputy head speaker king queen prince princess pope
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    north south east west northern southern eastern western central korea korean koreans
    russia russian russians ukraine ukrainian china chinese japan japanese united states
    america american americans europe european union nations seoul pyongyang moscow kyiv
    kiev beijing tokyo washington kursk britain british england english france french
    germany german israel israeli iran iranian india indian africa african asia asian
    national international federal state republic democratic people power party
    assembly committee service agency ministry council army navy corps force forces
    command office department bank university institute association company group court
    parliament congress senate commission organization organisation storm intelligence
    news times post daily press agency white house kremlin pentagon blue cabinet
    """.split()
)  # fmt: skip


def _is_headline(text: str) -> bool:
    """Title Case and no final full stop: a headline, where capitals say nothing about names."""
    if text.rstrip().rstrip("\"'\u201d\u2019)").endswith((".", "!", "?")):
        return False
    words = re.findall(r"[A-Za-z][\w\u2019'-]*", text)
    long = [w for w in words if len(w) >= 4]
    capitalised = sum(w[0].isupper() for w in long)
    return len(words) <= 16 and len(long) >= 3 and capitalised >= 0.75 * len(long)


def _fallback_people(text: str, sentence: int | None) -> list[Fact]:
    """Two or three capitalised words that are not places, bodies, titles or openers."""
    if _is_headline(text):
        return []
    out: list[Fact] = []
    for m in _NAME_RUN.finditer(text):
        tokens = [(t.group(), m.start() + t.start()) for t in re.finditer(r"\S+", m.group())]
        run: list[tuple[str, int]] = []
        for tok in [*tokens, ("", -1)]:
            if tok[1] >= 0 and tok[0].lower() not in _NOT_NAMES:
                run.append(tok)
                continue
            if 2 <= len(run) <= 3:
                start = run[0][1]
                end = run[-1][1] + len(run[-1][0])
                name = text[start:end]
                out.append(Fact("person", name, start, end, _fallback_name_key(name), sentence))
            run = []
    return out


def _fallback_name_key(name: str) -> str:
    return " ".join(re.split(r"[\s-]+", _fold(name)))


def _same_person(a: Fact, b: Fact) -> bool:
    names = _names_module()
    if a.value == b.value:
        return True
    if names is not None:
        return bool(names.same_person(a.text, b.text))
    return _fallback_same_person(a.text, b.text)


def _fallback_same_person(a: str, b: str) -> bool:
    """Same surname, and the folded full names are near-equal (RapidFuzz ratio >= 80)."""
    from rapidfuzz import fuzz

    ta, tb = _fallback_name_key(a).split(), _fallback_name_key(b).split()
    if not ta or not tb or ta[0] != tb[0]:
        return False
    return fuzz.ratio("".join(ta), "".join(tb)) >= 80.0


# -- organisations ------------------------------------------------------------------------
_ORG_HEADS = (
    "Service|Party|Committee|Assembly|Corps|Agency|Ministry|Council|Army|Navy|Command|Office"
    "|Department|Bank|University|Institute|Association|Union|Company|Group|Court|Parliament"
    "|Congress|Senate|Commission|Organization|Organisation|Federation|Foundation|Fund|Forces"
    "|Force|Guard|Police|Bureau|Authority|Administration|Cabinet|Network|News|Times|Post"
    "|Brigade|Division|Regiment|Battalion|Unit|Fleet|Staff|Chiefs|Inc\\.|Corp\\.|Ltd\\.?"
)
_ORG_WORD = r"[A-Z][A-Za-z&.-]*(?<![\u2019'])"
_ORG_RE = re.compile(
    rf"(?:(?<![\w\u2019'])\d{{1,3}}(?:st|nd|rd|th)\s+)?"
    rf"(?:{_ORG_WORD}\s+(?:(?:of|for|and|on|the)\s+)?)*(?:{_ORG_HEADS})\b(?![\u2019']s?\w)"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:{_ORG_WORD}\s*)+)?"
    rf"(?:\s*\((?P<acronym>[A-Z][A-Z&]{{1,7}})\))?"
)
_ACRONYM_RE = re.compile(r"(?<![\w.&-])(?P<acronym>[A-Z][A-Z&]{1,7})(?![\w.&-])")
_NOT_ACRONYMS = frozenset(
    {"I", "II", "III", "IV", "US", "UK", "EU", "AM", "PM", "TV", "OK", "CEO", "GDP", "AI"}
)
_ORG_LEADING = frozenset(
    """The A An And During According In On At For From By Within While When After Before
    Regarding However Meanwhile Additionally Also But Of""".split()
)


def _organizations(text: str, sentence: int | None, people: list[tuple[int, int]]) -> list[Fact]:
    out: list[Fact] = []
    spans: list[tuple[int, int]] = list(people)
    for m in _ORG_RE.finditer(text):
        start, end = m.start(), m.end()
        words = text[start:end].split()
        while words and words[0] in _ORG_LEADING:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        # a lone head word ("Party") is not a name; "11th Corps" is
        if len(words) < 2 and not m.group("acronym") and not re.match(r"\d", text[start:end]):
            continue
        if _overlaps(start, end, spans):
            continue
        name = text[start:end]
        acronym = m.group("acronym")
        value = acronym if acronym else _org_value(re.sub(r"\s*\([^)]*\)$", "", name))
        out.append(Fact("organization", name, start, end, value, sentence))
        spans.append((start, end))
    for m in _ACRONYM_RE.finditer(text):
        if m.group() in _NOT_ACRONYMS or _overlaps(m.start(), m.end(), spans):
            continue
        if _is_headline(text) and not re.search(r"[a-z]", text):
            continue
        out.append(Fact("organization", m.group(), m.start(), m.end(), m.group(), sentence))
    return sorted(out, key=lambda f: f.start)


def _org_value(name: str) -> str:
    folded = _fold(name)
    folded = re.sub(r"^the\s+", "", folded)
    return re.sub(r"'s\b", "", folded)


def _initials(value: str) -> str:
    return "".join(w[0] for w in value.split() if w not in ("of", "for", "and", "on", "the"))


def _same_org(a: Fact, b: Fact) -> bool:
    from rapidfuzz import fuzz

    va, vb = a.value, b.value
    if va == vb:
        return True
    if va.isupper() != vb.isupper():  # an acronym against a spelled-out name
        acr, full = (va, vb) if va.isupper() else (vb, va)
        return _initials(full).upper() == acr
    if va.isupper():
        return False
    wa, wb = set(va.split()), set(vb.split())
    if wa <= wb or wb <= wa:
        return True
    return fuzz.token_set_ratio(va, vb) >= 90.0


# -- quotations ---------------------------------------------------------------------------
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("「", "」"))


def _quotes(text: str, sentence: int | None) -> list[Fact]:
    spans: list[tuple[int, int]] = []
    for open_q, close_q in _QUOTE_PAIRS:
        depth_start: int | None = None
        for k, ch in enumerate(text):
            if ch == open_q:
                depth_start = k + 1
            elif ch == close_q:
                spans.append((0 if depth_start is None else depth_start, k))
                depth_start = None
        if depth_start is not None:
            spans.append((depth_start, len(text)))
    straight = [k for k, ch in enumerate(text) if ch == '"']
    for a, b in zip(straight[0::2], straight[1::2], strict=False):
        spans.append((a + 1, b))
    if len(straight) % 2:
        spans.append((straight[-1] + 1, len(text)))
    out: list[Fact] = []
    for start, end in sorted(spans):
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
            end -= 1
        inner = text[start:end]
        if len(re.findall(r"\w+", inner)) < 3:
            continue
        if start <= 1 and end >= len(text) - 2 and _is_headline(inner):
            continue  # a headline printed in quotation marks
        value = " ".join(re.findall(r"\w+", _fold(inner)))
        out.append(Fact("quote", inner, start, end, value, sentence))
    return out


# =======================================================================================
# Comparison
# =======================================================================================
def compare_facts(left: Sequence[Fact], right: Sequence[Fact]) -> tuple[FactDifference, ...]:
    """How the facts of two linked passages differ.

    Quantities are paired by value first (then their qualifier, role and unit are compared),
    then a leftover pair with compatible units is a ``conflict``; dates likewise by value,
    then by slot (day, month, weekday...); people by name key or
    :func:`newsalign.names.same_person`, so a spelling difference is a ``name_variant``;
    organisations by name, acronym or containment; quotations by fuzzy wording. Whatever is
    left is ``left_only`` or ``right_only``.

    Args:
        left: the facts of the left passage (one or more sentences).
        right: the facts of the right passage.

    Returns:
        Differences grouped by fact kind (quantities, dates, people, organisations,
        quotations), in text order within a kind; equal facts produce nothing.

    Example:
        >>> diffs = compare_facts(
        ...     extract_facts("The total is expected to reach 10,000 by December."),
        ...     extract_facts("An additional 10,000 are expected by December."))
        >>> [(d.kind, d.left_value, d.right_value) for d in diffs]
        [('role', '10,000 (total)', 'An additional 10,000')]
    """
    out: list[FactDifference] = []
    by_kind = {k: ([f for f in left if f.kind == k], [f for f in right if f.kind == k])
               for k in FACT_KINDS}  # fmt: skip
    out += _compare_quantities(*by_kind["quantity"])
    out += _compare_dates(*by_kind["date"])
    out += _compare_people(*by_kind["person"])
    out += _compare_orgs(*by_kind["organization"])
    out += _compare_quotes(*by_kind["quote"])
    return tuple(out)


_FACT_NOUN = {
    "quantity": "the figure", "date": "the date", "person": "the name",
    "organization": "the name", "quote": "the quotation",
}  # fmt: skip


def _pair(kind: FactDifferenceKind, a: Fact, b: Fact, why: str) -> FactDifference:
    return FactDifference(kind, a.kind, a.label(), b.label(), a.sentence, b.sentence, why, a, b)


def _only(side: Literal["left", "right"], f: Fact) -> FactDifference:
    what = {
        "quantity": f"the figure {f.label()!r}",
        "date": f"the date {f.label()!r}",
        "person": f"{f.text!r}",
        "organization": f"{f.text!r}",
        "quote": f"the quotation {_short(f.text)!r}",
    }[f.kind]
    verb = {"quote": "has", "person": "names", "organization": "names"}.get(f.kind, "gives")
    why = f"only the {side} version {verb} {what}"
    if side == "left":
        return FactDifference("left_only", f.kind, f.label(), None, f.sentence, None, why, f, None)
    return FactDifference("right_only", f.kind, None, f.label(), None, f.sentence, why, None, f)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _leftovers(
    left: list[Fact], right: list[Fact], used_l: set[int], used_r: set[int]
) -> tuple[list[Fact], list[Fact]]:
    return (
        [f for k, f in enumerate(left) if k not in used_l],
        [f for k, f in enumerate(right) if k not in used_r],
    )


def _compare_quantities(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        same = [j for j, b in enumerate(right) if j not in used_r and b.number == a.number]
        if not same:
            continue
        # prefer the one with the same role, then the same unit
        j = min(same, key=lambda j: (right[j].role != a.role, right[j].unit != a.unit, j))
        b = right[j]
        used_l.add(i)
        used_r.add(j)
        if a.role and b.role and a.role != b.role:
            out.append(
                _pair(
                    "role",
                    a,
                    b,
                    (
                        f"{_pretty(a)}: the left version gives it as the {_role_word(a)} "
                        f"({a.role_cue!r}), the right as the {_role_word(b)} ({b.role_cue!r})"
                    ),
                )
            )
        if a.qualifier != b.qualifier:
            out.append(
                _pair(
                    "qualifier",
                    a,
                    b,
                    (
                        f"{_pretty(a)}: the left version says {_hedge(a)}, "
                        f"the right says {_hedge(b)}"
                    ),
                )
            )
        if a.unit and b.unit and a.unit != b.unit:
            out.append(
                _pair(
                    "unit",
                    a,
                    b,
                    (f"{_pretty(a)}: the left version counts {a.unit}, the right {b.unit}"),
                )
            )
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    paired: list[tuple[Fact, Fact]] = []
    if len(rest_l) == 1 and len(rest_r) == 1 and _units_compatible(rest_l[0], rest_r[0]):
        paired.append((rest_l[0], rest_r[0]))
    else:
        for unit in sorted({f.unit for f in rest_l if f.unit}):
            ls = [f for f in rest_l if f.unit == unit]
            rs = [f for f in rest_r if f.unit == unit]
            if len(ls) == 1 and len(rs) == 1:
                paired.append((ls[0], rs[0]))
    for a, b in paired:
        out.append(
            _pair(
                "conflict", a, b, (f"the left version says {a.label()!r}, the right {b.label()!r}")
            )
        )
        rest_l.remove(a)
        rest_r.remove(b)
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def _units_compatible(a: Fact, b: Fact) -> bool:
    if a.role and b.role and a.role != b.role:
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit


def _role_word(f: Fact) -> str:
    return "total" if f.role == "total" else "additional amount"


def _hedge(f: Fact) -> str:
    if not f.qualifier:
        return "the bare figure"
    low = f.text.lower()
    for surface, canonical in sorted(_QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        if canonical == f.qualifier and re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", low):
            return repr(surface)
    return repr(f.qualifier)


def _compare_dates(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if j in used_r or b.value != a.value:
                continue
            used_l.add(i)
            used_r.add(j)
            if a.qualifier != b.qualifier:
                out.append(
                    _pair(
                        "qualifier",
                        a,
                        b,
                        (
                            f"same date, but the left version says {a.text!r} and the right "
                            f"{b.text!r}"
                        ),
                    )
                )
            break
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    for slot in sorted({_date_slot(f) for f in rest_l}):
        ls = [f for f in rest_l if _date_slot(f) == slot]
        rs = [f for f in rest_r if _date_slot(f) == slot]
        if len(ls) == 1 and len(rs) == 1 and slot != "relative":
            out.append(
                _pair(
                    "conflict",
                    ls[0],
                    rs[0],
                    (f"the left version dates it {ls[0].text!r}, the right {rs[0].text!r}"),
                )
            )
            rest_l.remove(ls[0])
            rest_r.remove(rs[0])
    if len(rest_l) == 1 and len(rest_r) == 1:
        a, b = rest_l.pop(), rest_r.pop()
        out.append(
            _pair(
                "restated",
                a,
                b,
                (
                    f"the left version dates it {a.text!r}, the right {b.text!r}; "
                    "the two forms cannot be compared without a calendar"
                ),
            )
        )
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for f in facts:
        if f.value not in seen:
            seen.add(f.value)
            out.append(f)
    return out


def _compare_people(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    left, right = _dedupe(left), _dedupe(right)
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for rule in ("key", "same_person"):
        for i, a in enumerate(left):
            if i in used_l:
                continue
            for j, b in enumerate(right):
                if j in used_r:
                    continue
                if (a.value == b.value) if rule == "key" else _same_person(a, b):
                    used_l.add(i)
                    used_r.add(j)
                    if _spelling_differs(a.text, b.text):
                        out.append(
                            _pair(
                                "name_variant",
                                a,
                                b,
                                (
                                    f"the same person, spelled {a.text!r} in the left version and "
                                    f"{b.text!r} in the right"
                                ),
                            )
                        )
                    break
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def _spelling_differs(a: str, b: str) -> bool:
    ta, tb = set(_fallback_name_key(a).split()), set(_fallback_name_key(b).split())
    # a surname alone ("Park") refers back to a full name; that is not a variant spelling
    return not (ta <= tb or tb <= ta)


def _compare_orgs(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    left, right = _dedupe(left), _dedupe(right)
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if j not in used_r and _same_org(a, b):
                used_l.add(i)
                used_r.add(j)
                break
    # an acronym matched on one side may stand for several spellings on the other
    for j, b in enumerate(right):
        if j not in used_r and any(_same_org(a, b) for a in left):
            used_r.add(j)
    for i, a in enumerate(left):
        if i not in used_l and any(_same_org(a, b) for b in right):
            used_l.add(i)
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    return [_only("left", f) for f in rest_l] + [_only("right", f) for f in rest_r]


def _compare_quotes(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    from rapidfuzz import fuzz

    left, right = _dedupe(left), _dedupe(right)
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if j not in used_r and fuzz.token_set_ratio(a.value, b.value) >= 75.0:
                used_l.add(i)
                used_r.add(j)
                break
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    while rest_l and rest_r:
        a, b = rest_l.pop(0), rest_r.pop(0)
        out.append(
            _pair(
                "restated",
                a,
                b,
                (
                    f"both versions quote here, in different words: {_short(a.text, 40)!r} / "
                    f"{_short(b.text, 40)!r}"
                ),
            )
        )
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def same_fact(a: Fact, b: Fact) -> bool:
    """Whether two facts state the same thing (used to find a fact elsewhere in a document).

    Example:
        >>> a = extract_facts("Lee Seong-gwon spoke.")[0]
        >>> b = extract_facts("Lee Seong Kwon spoke.")[0]
        >>> same_fact(a, b)
        True
    """
    if a.kind != b.kind:
        return False
    if a.kind == "person":
        return _same_person(a, b)
    if a.kind == "organization":
        return _same_org(a, b)
    if a.kind == "quote":
        from rapidfuzz import fuzz

        return fuzz.token_set_ratio(a.value, b.value) >= 75.0
    return a.value == b.value


def _pretty(f: Fact) -> str:
    if f.number is None:
        return f.text
    if f.number == int(f.number) and abs(f.number) < 1e15:
        return f"{int(f.number):,}"
    return f"{f.number:,g}"
