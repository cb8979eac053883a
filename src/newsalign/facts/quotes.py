"""Quotation facts: quoted spans of three words or more.

:func:`find_quotes` reads curly (“…”), guillemet («…») and corner (「…」) quotes and pairs of
straight quotes; an unclosed quote runs to the end of the sentence, and a whole sentence in
quotation marks that reads as a headline is skipped. A fact's value is its folded words,
which :func:`same_quote` compares by fuzzy wording.

Public names (of this module): :func:`find_quotes`, :func:`same_quote`.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .records import Fact
from .surface import fold, is_headline

__all__ = ["find_quotes", "same_quote"]


_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("「", "」"))


def find_quotes(text: str, sentence: int | None) -> list[Fact]:
    """The quotation facts of ``text``, in text order.

    Example:
        >>> [f.text for f in find_quotes('He said “we will not go back” and left.', 0)]
        ['we will not go back']
    """
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
        if start <= 1 and end >= len(text) - 2 and is_headline(inner):
            continue  # a headline printed in quotation marks
        value = " ".join(re.findall(r"\w+", fold(inner)))
        out.append(Fact("quote", inner, start, end, value, sentence))
    return out


def same_quote(a: Fact, b: Fact) -> bool:
    """Whether two quotation facts give one quotation: RapidFuzz token-set ratio >= 75 on
    their folded words (a cut or a reordering keeps them the same).

    Example:
        >>> (a,) = find_quotes('“We will not go back,” he said.', 0)
        >>> (b,) = find_quotes('“We will never go back,” he said.', 0)
        >>> same_quote(a, b)
        True
    """
    return fuzz.token_set_ratio(a.value, b.value) >= 75.0
