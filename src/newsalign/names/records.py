"""The records of person names: a mention in a text, a person across texts, a match verdict.

Public: :class:`Mention`, :class:`Person`, :class:`NameMatch`, the :data:`Verdict` type and
:data:`MATCH_VERDICTS`, its closed set of values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Verdict = Literal["same", "different", "ambiguous"]
#: The closed set of verdicts of :func:`match_names`.
MATCH_VERDICTS: tuple[Verdict, ...] = ("same", "different", "ambiguous")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a person in a text.

    Attributes:
        text: the mention exactly as written, ``document_text[start:end]``.
        key: the person's :func:`name_key`; a back-reference (``Park``) carries the key of
            the full name it refers to.
        sentence: 0-based index of the sentence holding the mention.
        start: offset of the first character in the document text.
        end: offset one past the last character.
        document: the document's name, when it has one.
    """

    text: str
    key: str
    sentence: int
    start: int
    end: int
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """One individual seen across one or more documents.

    Attributes:
        canonical: the spelling used most often (ties: the first seen), full names first.
        key: the :func:`name_key` shared by the spellings.
        spellings: every distinct spelling seen, in order of first appearance.
        mentions: every mention, in input order.
    """

    canonical: str
    key: str
    spellings: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The result of comparing two names.

    Attributes:
        verdict: ``"same"``, ``"different"`` or ``"ambiguous"`` (spelling alone cannot tell,
            e.g. ``Kim Dae-jung`` / ``Kim Dae-jong``, or a surname alone against a full name).
        score: :func:`name_similarity` of the two names, in [0, 1].
        reason: a short explanation, for logs and debugging.
    """

    verdict: Verdict
    score: float
    reason: str
