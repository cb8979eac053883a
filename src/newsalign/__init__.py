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
from .segment import segment

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
    "Mention",
    "MissingDependencyError",
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
    "available_encoders",
    "cluster_people",
    "extract_people",
    "format_people",
    "get_encoder",
    "match_names",
    "name_key",
    "name_similarity",
    "same_person",
    "segment",
]
