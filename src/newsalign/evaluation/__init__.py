"""Alignment evaluation that ships with the package: bead files, metrics, the benchmark.

* :mod:`~newsalign.evaluation.beads`: bead files as Vecalign and Bertalign write them,
  newsalign JSON and the seeds gold JSON in (:func:`read_alignment`), beads and TSV out.
* :mod:`~newsalign.evaluation.metrics`: strict and lax bead P/R/F1 counted as Vecalign's
  ``score.py`` counts them, and the sentence-pair metric of the seeds gold; the one
  implementation ``newsalign score`` and ``benchmarks/`` use.
* :mod:`~newsalign.evaluation.bench`: ``newsalign bench``, align every LEFT/RIGHT/GOLD triple
  of a data folder and score it.

Example:
    >>> from newsalign.evaluation import bead_prf
    >>> gold = [((0,), (0, 1)), ((1,), (2,))]
    >>> round(bead_prf([(gold, gold)])["strict"].f1, 3)
    1.0
"""

from __future__ import annotations

from .beads import AlignmentFile, FileFormat, format_tsv, read_alignment, read_beads, write_beads
from .bench import Triple, find_datasets, find_triples, format_bench, run_bench
from .metrics import (
    METRICS,
    PRF,
    bead_counts,
    bead_prf,
    micro_pair_prf,
    pair_counts,
    pair_prf,
    score_documents,
)

__all__ = [
    "METRICS",
    "PRF",
    "AlignmentFile",
    "FileFormat",
    "Triple",
    "bead_counts",
    "bead_prf",
    "find_datasets",
    "find_triples",
    "format_bench",
    "format_tsv",
    "micro_pair_prf",
    "pair_counts",
    "pair_prf",
    "read_alignment",
    "read_beads",
    "run_bench",
    "score_documents",
    "write_beads",
]
