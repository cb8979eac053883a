"""Word tables that several parts read: English month names and typographic folding.

One definition each, so that the facts extractor, the diff's normaliser and dedup's
signature read "Oct." and a curly quote the same way.
"""

from __future__ import annotations

__all__ = ["MONTHS", "TYPOGRAPHY"]

#: English month names and their abbreviations (lower case) -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: ``str.translate`` table folding typographic quotes and dashes to their ASCII forms.
TYPOGRAPHY = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "“": '"', "”": '"', "\u2013": "-", "\u2014": "-"}
)
