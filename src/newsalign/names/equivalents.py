"""The equivalence table: skeletons of translations and national spellings of one name.

Package data (``names/data/name_equivalents.tsv``), built from Wikidata name-variant groups
by ``benchmarks/build_name_equivalents.py``; see docs/names.md for the licence.

Public seam: :func:`name_equivalents`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

logger = logging.getLogger(__name__)

#: The table's file name, under ``data/`` in this package.
_TABLE = "name_equivalents.tsv"


@lru_cache(maxsize=1)
def name_equivalents() -> Mapping[str, str]:
    """Skeleton -> canonical skeleton of the same name (package data, built from Wikidata).

    Built by ``benchmarks/build_name_equivalents.py``; see docs/names.md for the licence.
    Read once and shared: do not modify the mapping. A canonical skeleton is never itself a
    source, so folding through the table once is enough and keys stay idempotent.

    Example:
        >>> table = name_equivalents()
        >>> len(table) > 1000 and all(dst not in table for dst in table.values())
        True
    """
    table: dict[str, str] = {}
    try:
        text = (resources.files("newsalign.names") / "data" / _TABLE).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - a broken install
        logger.warning("newsalign/names/data/%s is missing; names fold by rule only", _TABLE)
        return table
    for line in text.splitlines():
        if line and not line.startswith("#"):
            src, _, dst = line.partition("\t")
            if dst:
                table[src] = dst
    return table
