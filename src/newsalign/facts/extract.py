"""Finding facts: :func:`extract_facts` for one sentence, :func:`document_facts` for a document.

Each kind has its own module (:mod:`.quantities`, :mod:`.dates`, :mod:`.people`,
:mod:`.orgs`, :mod:`.quotes`); this one runs them in the order that keeps one span one fact:
dates first, so the numbers inside a date are not quantities, and people before
organisations, so a name is never read as a body.
"""

from __future__ import annotations

from collections.abc import Collection

from ..errors import InputError
from ..records import Document
from .dates import find_dates
from .orgs import find_organizations
from .people import people_in_document, people_in_text
from .quantities import find_quantities
from .quotes import find_quotes
from .records import FACT_KINDS, Fact, FactKind

__all__ = ["document_facts", "extract_facts"]


def extract_facts(
    text: str, *, sentence: int | None = None, kinds: Collection[FactKind] | None = None
) -> tuple[Fact, ...]:
    """The facts of one sentence, in text order within each kind.

    Args:
        text: one sentence (a longer text works too; offsets are into ``text``).
        sentence: the sentence index to record on each fact.
        kinds: only these kinds (default: all of :data:`FACT_KINDS`); the finders of the
            others do not run (person names are the costly one). The facts of a kind are
            the same either way.

    Returns:
        Facts of every kind in :data:`FACT_KINDS` order; a span belongs to at most one
        quantity or date.

    Raises:
        InputError: ``text`` is not a string, or ``kinds`` names an unknown kind.

    Example:
        >>> s = "On the 23rd, the NIS said over 3,000 troops had left, Rep. Park Sun Won said."
        >>> [(f.kind, f.text) for f in extract_facts(s)]  # doctest: +NORMALIZE_WHITESPACE
        [('quantity', 'over 3,000 troops'), ('date', 'On the 23rd'), ('person', 'Park Sun Won'),
         ('organization', 'NIS')]
        >>> [f.text for f in extract_facts(s, kinds=("date",))]
        ['On the 23rd']
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}")
    wanted = frozenset(FACT_KINDS if kinds is None else kinds)
    unknown = sorted(wanted - set(FACT_KINDS))
    if unknown:
        raise InputError(f"unknown fact kind {unknown[0]!r}; known: {', '.join(FACT_KINDS)}")
    # organisations are found around the people, so they need the people found first
    people = people_in_text(text, sentence) if wanted & {"person", "organization"} else []
    facts = _sentence_facts(text, sentence, people, wanted)
    return facts if kinds is None else tuple(f for f in facts if f.kind in wanted)


def document_facts(document: Document) -> tuple[tuple[Fact, ...], ...]:
    """The facts of every sentence of a document (one tuple per sentence).

    Person names are found over the whole document (by :mod:`newsalign.names`), so a
    back-reference (*Park said*) carries the key of the full name it refers to.

    Raises:
        InputError: ``document`` is not a :class:`~newsalign.records.Document`.

    Example:
        >>> doc = Document.from_text("Troops left on the 8th. Nobody knows why.")
        >>> [[f.text for f in facts] for facts in document_facts(doc)]
        [['on the 8th'], []]
    """
    if not isinstance(document, Document):
        raise InputError(f"document must be a Document, got {type(document).__name__}")
    people = people_in_document(document)
    every = frozenset(FACT_KINDS)
    return tuple(
        _sentence_facts(s.text, k, people[k], every) for k, s in enumerate(document.sentences)
    )


def _sentence_facts(
    text: str, sentence: int | None, people: list[Fact], wanted: frozenset[str]
) -> tuple[Fact, ...]:
    # dates run whenever quantities do: the numbers inside a date are not quantities
    dates = find_dates(text, sentence) if wanted & {"date", "quantity"} else []
    taken = [(f.start, f.end) for f in dates]
    quantities = find_quantities(text, sentence, taken) if "quantity" in wanted else []
    orgs = (
        find_organizations(text, sentence, [(p.start, p.end) for p in people])
        if "organization" in wanted
        else []
    )
    quotes = find_quotes(text, sentence) if "quote" in wanted else []
    return (*quantities, *dates, *people, *orgs, *quotes)
