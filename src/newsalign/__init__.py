"""newsalign: align the versions of a news story, sentence by sentence and fact by fact.

Example:
    >>> import newsalign as na
    >>> al = na.align("Troops moved. Talks failed.", "Talks failed. Troops moved.",
    ...               encoder="tfidf")
    >>> len(al.links)
    2
"""

from __future__ import annotations  # noqa: I001 (the dedup block stays apart, for merges)

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

# dedup: importing it loads neither datasketch nor dask (they load when a run starts)
from .dedup import (
    RELATIONS,
    DedupDecision,
    DedupEvidence,
    DedupParams,
    DedupResult,
    DuplicateGroup,
    DuplicatePair,
    dedup,
)
from .dedup_dask import dedup_dask

__version__ = "0.1.0"

__all__ = [  # noqa: RUF022 (one block per module, for merges)
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
    # dedup
    "RELATIONS",
    "DedupDecision",
    "DedupEvidence",
    "DedupParams",
    "DedupResult",
    "DuplicateGroup",
    "DuplicatePair",
    "dedup",
    "dedup_dask",
]
