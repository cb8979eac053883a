"""The records of the facts package: :class:`Fact`, :class:`FactDifference` and their kinds.

Public names: :class:`Fact`, :class:`FactDifference`, :data:`FactKind`, :data:`FACT_KINDS`,
:data:`FactDifferenceKind`, :data:`FACT_DIFFERENCE_KINDS`, :data:`CONFLICT_KINDS`. Nothing here
finds or compares facts; every other module of the package builds on this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "CONFLICT_KINDS",
    "FACT_DIFFERENCE_KINDS",
    "FACT_KINDS",
    "Fact",
    "FactDifference",
    "FactDifferenceKind",
    "FactKind",
]

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
        >>> from newsalign.facts import extract_facts
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
            >>> from newsalign.facts import extract_facts
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
        >>> from newsalign.facts import compare_facts, extract_facts
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
            >>> from newsalign.facts import compare_facts, extract_facts
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
