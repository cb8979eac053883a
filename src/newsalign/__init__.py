"""newsalign: align the versions of a news story, sentence by sentence and fact by fact.

Example:
    >>> import newsalign as na
    >>> al = na.align("Troops moved. Talks failed.", "Talks failed. Troops moved.",
    ...               encoder="tfidf")
    >>> len(al.links)
    2
"""

from __future__ import annotations

from .align import MODES, AlignParams, align, align_embeddings
from .embed import (
    CachedEncoder,
    Encoder,
    SentenceTransformerEncoder,
    TfidfEncoder,
    UseM3Encoder,
    available_encoders,
    get_encoder,
)
from .errors import ConfigError, DataError, InputError, MissingDependencyError, NewsalignError
from .records import LINK_KINDS, Alignment, Document, Link, Sentence
from .segment import segment

# -- diff, facts, renderers and N versions (branch diff) --------------------------------
# isort: split
from .diff import DIFF_TAGS, Diff, DiffOp, DiffSummary, diff, diff_alignment
from .facts import (
    FACT_DIFFERENCE_KINDS,
    FACT_KINDS,
    Fact,
    FactDifference,
    compare_facts,
    extract_facts,
)
from .multi import Cluster, MultiAlignment, align_many
from .render import render, render_html, render_json, render_text

__version__ = "0.1.0"

__all__ = [
    "LINK_KINDS",
    "MODES",
    "AlignParams",
    "Alignment",
    "CachedEncoder",
    "ConfigError",
    "DataError",
    "Document",
    "Encoder",
    "InputError",
    "Link",
    "MissingDependencyError",
    "NewsalignError",
    "Sentence",
    "SentenceTransformerEncoder",
    "TfidfEncoder",
    "UseM3Encoder",
    "__version__",
    "align",
    "align_embeddings",
    "available_encoders",
    "get_encoder",
    "segment",
]

# diff, facts, renderers and N versions
__all__ += [
    "DIFF_TAGS",
    "FACT_DIFFERENCE_KINDS",
    "FACT_KINDS",
    "Cluster",
    "Diff",
    "DiffOp",
    "DiffSummary",
    "Fact",
    "FactDifference",
    "MultiAlignment",
    "align_many",
    "compare_facts",
    "diff",
    "diff_alignment",
    "extract_facts",
    "render",
    "render_html",
    "render_json",
    "render_text",
]
