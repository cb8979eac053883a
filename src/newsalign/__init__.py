"""newsalign: align the versions of a news story, sentence by sentence and fact by fact.

Example:
    >>> import newsalign as na
    >>> al = na.align("Troops moved. Talks failed.", "Talks failed. Troops moved.",
    ...               encoder="tfidf")
    >>> len(al.links)
    2
"""

from __future__ import annotations

from .alignment import MODES, AlignParams, align, align_embeddings

# Importing deduplication loads neither datasketch nor dask: they load when a run starts.
from .deduplication import (
    RELATIONS,
    DedupDecision,
    DedupEvidence,
    DedupIndex,
    DedupParams,
    DedupResult,
    DuplicateGroup,
    DuplicatePair,
    dedup,
    dedup_dask,
)
from .diffing import (
    DIFF_TAGS,
    Cluster,
    Diff,
    DiffOp,
    DiffSummary,
    MultiAlignment,
    align_many,
    diff,
    diff_alignment,
    render,
    render_html,
    render_json,
    render_text,
)
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
from .facts import (
    FACT_DIFFERENCE_KINDS,
    FACT_KINDS,
    Fact,
    FactDifference,
    compare_facts,
    extract_facts,
)
from .names import (
    Mention,
    NameMatch,
    Person,
    cluster_people,
    extract_people,
    format_people,
    match_names,
    name_key,
    name_similarity,
    same_person,
)
from .records import LINK_KINDS, Alignment, Document, Link, Sentence
from .text import segment
from .version import __version__

__all__ = [
    "DIFF_TAGS",
    "FACT_DIFFERENCE_KINDS",
    "FACT_KINDS",
    "LINK_KINDS",
    "MODES",
    "RELATIONS",
    "AlignParams",
    "Alignment",
    "CachedEncoder",
    "Cluster",
    "ConfigError",
    "DataError",
    "DedupDecision",
    "DedupEvidence",
    "DedupIndex",
    "DedupParams",
    "DedupResult",
    "Diff",
    "DiffOp",
    "DiffSummary",
    "Document",
    "DuplicateGroup",
    "DuplicatePair",
    "Encoder",
    "Fact",
    "FactDifference",
    "InputError",
    "Link",
    "Mention",
    "MissingDependencyError",
    "MultiAlignment",
    "NameMatch",
    "NewsalignError",
    "Person",
    "Sentence",
    "SentenceTransformerEncoder",
    "TfidfEncoder",
    "UseM3Encoder",
    "__version__",
    "align",
    "align_embeddings",
    "align_many",
    "available_encoders",
    "cluster_people",
    "compare_facts",
    "dedup",
    "dedup_dask",
    "diff",
    "diff_alignment",
    "extract_facts",
    "extract_people",
    "format_people",
    "get_encoder",
    "match_names",
    "name_key",
    "name_similarity",
    "render",
    "render_html",
    "render_json",
    "render_text",
    "same_person",
    "segment",
]
