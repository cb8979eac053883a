"""Numbers as news writes them: digits with separators, scale words, Korean scale syllables.

``number_values`` is the aligner's and dedup's language-independent anchor ("3,000" and
"3천" are one value); ``number_spans`` gives the facts extractor each number's place.
"""

from __future__ import annotations

import re

__all__ = ["number_spans", "number_values", "parse_number"]

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "bn": 1e9, "mn": 1e6,
}  # fmt: skip
_KO_SCALES = {"십": 10, "백": 100, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}

# A digit group (1,500 / 12.3 / 3000), optionally followed by an English scale word.
_NUM = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(thousand|million|billion|trillion|bn|mn)\b)?",
    re.IGNORECASE,
)
# Korean numerals written with digits and scale syllables: 1만, 1억1천만, 12조3천억, 3천.
_KO_NUM = re.compile(
    r"\d+(?:\.\d+)?[십백천만억조]+(?:\d+(?:\.\d+)?[십백천만억조]+)*(?:\d+(?![\d.]))?"
)
_KO_TOKEN = re.compile(r"\d+(?:\.\d+)?|[십백천만억조]")
_WORD_NUM = re.compile(
    r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
    r"(?:[\s-]+(thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
# The same words for lower-cased text: matching case-sensitively is three times faster.
_WORD_NUM_LOWER = re.compile(_WORD_NUM.pattern)
_DIGIT = re.compile(r"\d")


def parse_number(token: str) -> float | None:
    """Parse one number as written in news: ``"1,500"``, ``"1.5 million"``, ``"1억1천만"``.

    Returns ``None`` when ``token`` is not a number.

    Example:
        >>> parse_number("1억1천만")
        110000000.0
        >>> parse_number("2.5 billion")
        2500000000.0
    """
    token = token.strip()
    if _KO_NUM.fullmatch(token):
        return _parse_korean(token)
    m = _NUM.fullmatch(token)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2).lower()]
        return value
    w = _WORD_NUM.fullmatch(token)
    if w:
        value = float(_WORD_NUMBERS[w.group(1).lower()])
        if w.group(2):
            value *= _SCALES[w.group(2).lower()]
        return value
    return None


def _parse_korean(token: str) -> float:
    # 1억1천만 = 1*10^8 + (1*10^3)*10^4: the small scales (십 백 천) build a section that
    # the next large scale (만 억 조) multiplies.
    total = section = current = 0.0
    for tok in _KO_TOKEN.findall(token):
        unit = _KO_SCALES.get(tok)
        if unit is None:
            current = float(tok)
        elif unit < 1e4:
            section += (current or 1.0) * unit
            current = 0.0
        else:
            total += ((section + current) or 1.0) * unit
            section = current = 0.0
    return total + section + current


def number_values(text: str) -> frozenset[float]:
    """Every number in ``text`` as a float, years and ordinals included.

    Digits with thousands separators, decimals, English scale words ("1.5 million"),
    small number words ("three thousand") and Korean scale syllables ("1만", "3천") are
    understood.

    Example:
        >>> sorted(number_values("over 3,000 troops, 10,000 by December"))
        [3000.0, 10000.0]
        >>> sorted(number_values("북한군 3천명, 12월까지 1만명"))
        [12.0, 3000.0, 10000.0]
    """
    values: set[float] = set()
    consumed: list[tuple[int, int]] = []
    if _DIGIT.search(text):
        for m in _KO_NUM.finditer(text):
            values.add(_parse_korean(m.group()))
            consumed.append(m.span())
        for m in _NUM.finditer(text):
            if any(a <= m.start() < b for a, b in consumed):
                continue
            value = float(m.group(1).replace(",", ""))
            if m.group(2):
                value *= _SCALES[m.group(2).lower()]
            values.add(value)
    for m in _WORD_NUM_LOWER.finditer(text.lower()):
        value = float(_WORD_NUMBERS[m.group(1)])
        if m.group(2):
            value *= _SCALES[m.group(2)]
        values.add(value)
    return frozenset(values)


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """Every number of ``text`` as ``(start, end, value)``, sorted by position.

    Unlike :func:`number_values`, a number word inside a digit span is not counted twice.

    Example:
        >>> number_spans("3,000 troops and 1만 more")
        [(0, 5, 3000.0), (17, 19, 10000.0)]
    """
    spans: list[tuple[int, int, float]] = []
    if _DIGIT.search(text):  # both digit patterns need one: most sentences have none
        for m in _KO_NUM.finditer(text):
            spans.append((m.start(), m.end(), _parse_korean(m.group())))
        for m in _NUM.finditer(text):
            if any(m.start() < b and a < m.end() for a, b, _ in spans):
                continue
            value = float(m.group(1).replace(",", ""))
            if m.group(2):
                value *= _SCALES[m.group(2).lower()]
            spans.append((m.start(), m.end(), value))
    for m in _WORD_NUM.finditer(text):
        if any(m.start() < b and a < m.end() for a, b, _ in spans):
            continue
        value = float(_WORD_NUMBERS[m.group(1).lower()])
        if m.group(2):
            value *= _SCALES[m.group(2).lower()]
        spans.append((m.start(), m.end(), value))
    return sorted(spans)
