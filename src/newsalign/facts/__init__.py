"""Facts a news reader compares between versions of a story.

For each sentence, :func:`extract_facts` finds what a reader checks when two versions
disagree, with regular expressions only (fast, no model):

=================  =========================================================================
``quantity``       a number with its qualifier (*over*, *around*, *up to*, *nearly*...), its
                   role (*total* or *additional*) and the thing counted (*troops*, *%*, *mm*)
``date``           dates and times: *the 23rd*, *Wednesday*, *Oct. 23*, *in June*,
                   *by December*, *10 a.m.*, *23일*, *12월경*
``person``         person names, through :mod:`newsalign.names`
``organization``   named bodies (*National Intelligence Service (NIS)*, *11th Storm Corps*)
``quote``          quoted spans of three words or more
=================  =========================================================================

:func:`compare_facts` compares the facts of two linked passages and returns
:class:`FactDifference` records whose ``kind`` is one of :data:`FACT_DIFFERENCE_KINDS`. A name
spelled differently is a ``name_variant`` of the same person, never a conflict.

Public names: :class:`Fact`, :class:`FactDifference`, :data:`FactKind`, :data:`FACT_KINDS`,
:data:`FactDifferenceKind`, :data:`FACT_DIFFERENCE_KINDS`, :data:`CONFLICT_KINDS`,
:func:`extract_facts`, :func:`document_facts`, :func:`compare_facts`, :func:`same_fact`.

Modules, each importing only those above it: :mod:`.records` (the records and kinds),
:mod:`.surface` (folding and span tests), one module per kind (:mod:`.quantities`,
:mod:`.dates`, :mod:`.people`, :mod:`.orgs`, :mod:`.quotes`), then :mod:`.extract` and
:mod:`.compare`. The numbers themselves are read by :mod:`newsalign.text`.

This package sits beside the pipeline: it imports text, records, errors and names, never the
aligner or the diff.
"""

from __future__ import annotations

from .compare import compare_facts, same_fact
from .extract import document_facts, extract_facts
from .records import (
    CONFLICT_KINDS,
    FACT_DIFFERENCE_KINDS,
    FACT_KINDS,
    Fact,
    FactDifference,
    FactDifferenceKind,
    FactKind,
)

__all__ = [
    "CONFLICT_KINDS",
    "FACT_DIFFERENCE_KINDS",
    "FACT_KINDS",
    "Fact",
    "FactDifference",
    "FactDifferenceKind",
    "FactKind",
    "compare_facts",
    "document_facts",
    "extract_facts",
    "same_fact",
]
