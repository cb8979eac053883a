"""Organisation facts: named bodies and their acronyms.

:func:`find_organizations` finds a run of capitalised words ending in a head word
(*Service*, *Party*, *Corps*...), with an ordinal in front (*11th Storm Corps*) and an
acronym in brackets after (*National Intelligence Service (NIS)*), then any bare acronym.
:func:`same_org` matches a name against its acronym or a shorter form of it.

Public names (of this module): :func:`find_organizations`, :func:`same_org`.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .records import Fact
from .surface import fold, is_headline, overlaps

__all__ = ["find_organizations", "same_org"]


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


def find_organizations(
    text: str, sentence: int | None, people: list[tuple[int, int]]
) -> list[Fact]:
    """The organisation facts of ``text``, in text order, outside the spans of ``people``.

    Args:
        text: one sentence.
        sentence: the sentence index to record on each fact.
        people: the spans of the sentence's person names (a name is never an organisation).

    Example:
        >>> s = "The National Intelligence Service (NIS) said so."
        >>> [(f.text, f.value) for f in find_organizations(s, 0, [])]
        [('National Intelligence Service (NIS)', 'NIS')]
    """
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
        if overlaps(start, end, spans):
            continue
        name = text[start:end]
        acronym = m.group("acronym")
        value = acronym if acronym else _org_value(re.sub(r"\s*\([^)]*\)$", "", name))
        out.append(Fact("organization", name, start, end, value, sentence))
        spans.append((start, end))
    for m in _ACRONYM_RE.finditer(text):
        if m.group() in _NOT_ACRONYMS or overlaps(m.start(), m.end(), spans):
            continue
        if is_headline(text) and not re.search(r"[a-z]", text):
            continue
        out.append(Fact("organization", m.group(), m.start(), m.end(), m.group(), sentence))
    return sorted(out, key=lambda f: f.start)


def _org_value(name: str) -> str:
    folded = fold(name)
    folded = re.sub(r"^the\s+", "", folded)
    return re.sub(r"'s\b", "", folded)


def _initials(value: str) -> str:
    return "".join(w[0] for w in value.split() if w not in ("of", "for", "and", "on", "the"))


def same_org(a: Fact, b: Fact) -> bool:
    """Whether two organisation facts name one body: the same name, an acronym and the
    name it abbreviates, one name's words inside the other's, or near-equal wording.

    Example:
        >>> (nis,) = find_organizations("The NIS said so.", 0, [])
        >>> (full,) = find_organizations("The National Intelligence Service said so.", 0, [])
        >>> same_org(nis, full)
        True
    """
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
