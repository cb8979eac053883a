"""Surface tests the fact extractors share: folding, whitespace, span overlap, headlines.

Public names (of this module, not of the package): :func:`fold`, :func:`squash`,
:func:`overlaps`, :func:`is_headline`. They read strings only; no fact kind lives here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..text import TYPOGRAPHY

__all__ = ["fold", "is_headline", "overlaps", "squash"]


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` shares a character with any of ``spans``.

    Example:
        >>> overlaps(3, 6, [(0, 4)]), overlaps(4, 6, [(0, 4)])
        (True, False)
    """
    return any(start < b and a < end for a, b in spans)


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes removed, whitespace collapsed.

    Example:
        >>> fold("  Seoul’s  Café ")
        "seoul's cafe"
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(TYPOGRAPHY).casefold()
    return " ".join(text.split())


def squash(words: str) -> str:
    """Whitespace collapsed to single spaces, lower case: the key of a cue-word table.

    Example:
        >>> squash("More\\n than")
        'more than'
    """
    return " ".join(words.split()).lower()


def is_headline(text: str) -> bool:
    """Title Case and no final full stop: a headline, where capitals say nothing about names.

    Example:
        >>> is_headline("North Korea Sends More Troops To Russia")
        True
        >>> is_headline("North Korea sent more troops to Russia.")
        False
    """
    if text.rstrip().rstrip("\"'\u201d\u2019)").endswith((".", "!", "?")):
        return False
    words = re.findall(r"[A-Za-z][\w\u2019'-]*", text)
    long = [w for w in words if len(w) >= 4]
    capitalised = sum(w[0].isupper() for w in long)
    return len(words) <= 16 and len(long) >= 3 and capitalised >= 0.75 * len(long)
