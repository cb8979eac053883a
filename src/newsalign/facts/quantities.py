"""Quantity facts: a number with its hedge, its role and the thing counted.

:func:`find_quantities` reads each number of a sentence (found by
:func:`newsalign.text.number_spans`) together with the words around it: a qualifier before
or after (*over*, *around*, *or more*, 이상), a role (*a total of*, *an additional*, *10,000
more*) and a unit (*troops*, *%*, *mm*, 명). :func:`hedge_phrase` gives back the hedge as
written, for the explanations of :mod:`.compare`.

Public names (of this module): :func:`find_quantities`, :func:`hedge_phrase`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import number_spans
from .records import Fact
from .surface import overlaps, squash

__all__ = ["find_quantities", "hedge_phrase"]


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


def find_quantities(text: str, sentence: int | None, taken: list[tuple[int, int]]) -> list[Fact]:
    """The quantity facts of ``text``, in text order, skipping numbers inside ``taken``.

    Args:
        text: one sentence.
        sentence: the sentence index to record on each fact.
        taken: spans already claimed (by dates); a number inside one is not a quantity.

    Example:
        >>> [(f.text, f.qualifier, f.unit) for f in find_quantities("Over 3,000 troops.", 0, [])]
        [('Over 3,000 troops', 'over', 'troops')]
    """
    out: list[Fact] = []
    prev_end = 0
    for start, end, value in number_spans(text):
        if overlaps(start, end, taken) or re.match(r"(?:st|nd|rd|th)\b", text[end:]):
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
                qualifier = _QUALIFIERS[squash(q.group(1))]
                cursor = prev_end + q.start(1)
                continue
            r = _ROLE_BEFORE_RE.search(head)
            if r and role is None:
                role = _ROLE_BEFORE[squash(r.group(1))]
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
            role = _ROLE_AFTER[squash(ra.group(1))]
            role_cue = ra.group(1)
            span_end += ra.end()
            after = text[span_end:]
        u = _UNIT_AFTER_RE.match(after)
        if u and unit is None:
            raw = next(g for g in u.groups() if g)
            unit = _SYMBOL_UNITS.get(raw.lower()) or _UNITS.get(squash(raw.lower()), raw.lower())
            span_end += u.end()
            after = text[span_end:]
            if role is None:
                ra = _ROLE_AFTER_RE.match(after)
                if ra and squash(ra.group(1)) != "more":
                    role = _ROLE_AFTER[squash(ra.group(1))]
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
    return squash(word.lower()), m.end()


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


def hedge_phrase(f: Fact) -> str:
    """How a quantity hedges, quoted as written (``"'over'"``), or ``the bare figure``.

    Example:
        >>> hedge_phrase(find_quantities("More than 3,000 left.", 0, [])[0])
        "'more than'"
    """
    if not f.qualifier:
        return "the bare figure"
    low = f.text.lower()
    for surface, canonical in sorted(_QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        if canonical == f.qualifier and re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", low):
            return repr(surface)
    return repr(f.qualifier)
