"""The internal record of a name found in a sentence, shared by the English and Korean finders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # offsets within the sentence
    end: int
    text: str
    key: str
    full: bool  # a full name (not a lone surname)
    surname_forms: tuple[str, ...]  # lower-case forms a back-reference may take
