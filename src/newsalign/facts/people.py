"""Person facts, through :mod:`newsalign.names`.

The names package finds the mentions and gives each its name key, so a fact's ``value`` is
the key (``Lee Seong-gwon`` and ``Lee Seong Kwon`` share one) and a back-reference (*Park
said*) carries the key of the full name it refers to when the whole document is read.

Public names (of this module): :func:`people_in_text`, :func:`people_in_document`,
:func:`same_person_fact`, :func:`spelling_differs`.
"""

from __future__ import annotations

import re

from ..names import extract_people, same_person
from ..records import Document
from .records import Fact
from .surface import fold

__all__ = ["people_in_document", "people_in_text", "same_person_fact", "spelling_differs"]


def people_in_text(text: str, sentence: int | None) -> list[Fact]:
    """The person facts of one sentence (a back-reference resolves within ``text`` only).

    Example:
        >>> [(f.text, f.value) for f in people_in_text("Rep. Park Seon-won spoke.", 0)]
        [('Park Seon-won', 'pak son-won')]
    """
    if not text.strip():
        return []
    return [Fact("person", m.text, m.start, m.end, m.key, sentence) for m in extract_people(text)]


def people_in_document(document: Document) -> list[list[Fact]]:
    """The person facts of every sentence of ``document``, offsets into each sentence.

    Names are found over the whole document, so *Park said* in a later sentence carries the
    key of the *Park Seon-won* named before.

    Example:
        >>> doc = Document.from_text("Rep. Park Seon-won spoke. Park said no.")
        >>> [[(f.text, f.value) for f in facts] for facts in people_in_document(doc)]
        [[('Park Seon-won', 'pak son-won')], [('Park', 'pak son-won')]]
    """
    per: list[list[Fact]] = [[] for _ in document.sentences]
    if not document.sentences:
        return per
    for m in extract_people(document):
        k = m.sentence
        if not 0 <= k < len(per):
            continue
        offset = document.sentences[k].start
        per[k].append(Fact("person", m.text, m.start - offset, m.end - offset, m.key, k))
    return per


def same_person_fact(a: Fact, b: Fact) -> bool:
    """Whether two person facts name one person: the same key, or
    :func:`newsalign.names.same_person` says so.

    Example:
        >>> (a,) = people_in_text("Rep. Lee Seong-gwon spoke.", 0)
        >>> (b,) = people_in_text("Rep. Lee Seong Kwon spoke.", 0)
        >>> same_person_fact(a, b)
        True
    """
    if a.value == b.value:
        return True
    return same_person(a.text, b.text)


def spelling_differs(a: str, b: str) -> bool:
    """Whether two spellings of one person differ in their words.

    Words are compared folded (case, accents) and split at spaces and hyphens, so
    *Seong-gwon* and *Seong Gwon* are one spelling; a surname alone against the full name
    (*Park* / *Park Sun Won*) refers back to it and is not a different spelling either.

    Example:
        >>> spelling_differs("Lee Seong-gwon", "Lee Seong Kwon")
        True
        >>> spelling_differs("Park", "Park Sun Won"), spelling_differs("Seong-gwon", "seong gwon")
        (False, False)
    """
    ta, tb = _name_words(a), _name_words(b)
    # a surname alone ("Park") refers back to a full name; that is not a variant spelling
    return not (ta <= tb or tb <= ta)


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s-]+", fold(name)) if w)
