"""Align three or more versions of a story at once.

:func:`align_many` aligns every pair of versions with :func:`newsalign.align` (one encoder
object for all pairs, so a sentence is encoded once however many pairs it is in) and groups
the sentences into :class:`Cluster` records: a cluster holds at most one bead (a group of
sentences from one link side) per version, and every sentence of every version is in exactly
one cluster, singletons included. "Which outlets carry this sentence" is then one lookup:
:meth:`MultiAlignment.carriers`.

Clustering is greedy and deterministic: pairwise links are taken best score first (ties by
version indices, then sentence indices) and merge two clusters unless the merge would put two
beads of one version in one cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..alignment import AlignParams, align
from ..embed import Encoder, get_encoder
from ..errors import InputError
from ..records import Document, Mode

__all__ = ["Cluster", "MultiAlignment", "align_many"]


@dataclass(frozen=True, slots=True)
class Cluster:
    """Sentences of several versions that say the same thing.

    Attributes:
        members: ``(document index, sentence indices)`` pairs, sorted by document; at most
            one entry per document, sentence indices sorted.
        score: the lowest score of the links that built the cluster; ``None`` for a
            sentence no other version carries.
    """

    members: tuple[tuple[int, tuple[int, ...]], ...]
    score: float | None = None

    @property
    def documents(self) -> tuple[int, ...]:
        """The indices of the documents that carry this cluster."""
        return tuple(d for d, _ in self.members)

    def sentences(self, document: int) -> tuple[int, ...]:
        """The sentence indices of ``document`` in this cluster (empty if it has none)."""
        for d, sentences in self.members:
            if d == document:
                return sentences
        return ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"members": [{"document": d, "sentences": [...]}], "score"}``."""
        return {
            "members": [{"document": d, "sentences": list(s)} for d, s in self.members],
            "score": None if self.score is None else round(float(self.score), 4),
        }


@dataclass(frozen=True, slots=True)
class MultiAlignment:
    """Clusters of sentences across several versions of a story.

    Attributes:
        documents: the versions, in input order.
        clusters: sorted by their first member (document index, then first sentence).
        encoder: the encoder's name.
        mode: ``"rewrite"`` or ``"translation"``.

    Example:
        >>> ma = align_many(["Troops moved. Talks failed. Rain fell.",
        ...                  "Talks failed. Troops moved. Rain fell.",
        ...                  "Troops moved. Snow fell. Rain fell."], encoder="tfidf")
        >>> ma.carriers(0, 0)
        (0, 1, 2)
        >>> ma.carriers(2, 1)
        (2,)
    """

    documents: tuple[Document, ...]
    clusters: tuple[Cluster, ...]
    encoder: str = "precomputed"
    mode: Mode = "rewrite"
    _where: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        where = [[-1] * len(doc) for doc in self.documents]
        for c, cluster in enumerate(self.clusters):
            seen_docs: set[int] = set()
            for d, sentences in cluster.members:
                if not 0 <= d < len(self.documents) or d in seen_docs:
                    raise InputError(f"cluster {c} has a bad or repeated document index {d}")
                seen_docs.add(d)
                for s in sentences:
                    if not 0 <= s < len(where[d]) or where[d][s] >= 0:
                        raise InputError(
                            f"sentence {s} of document {d} is out of range or in two clusters"
                        )
                    where[d][s] = c
        for d, row in enumerate(where):
            if -1 in row:
                raise InputError(f"sentence {row.index(-1)} of document {d} is in no cluster")
        object.__setattr__(self, "_where", tuple(tuple(row) for row in where))

    def cluster_of(self, document: int, sentence: int) -> Cluster:
        """The cluster holding one sentence.

        Raises:
            InputError: the indices are out of range.
        """
        if not 0 <= document < len(self.documents):
            raise InputError(f"document index {document} out of range for {len(self.documents)}")
        if not 0 <= sentence < len(self.documents[document]):
            raise InputError(
                f"sentence {sentence} out of range for document {document} "
                f"({len(self.documents[document])} sentences)"
            )
        return self.clusters[self._where[document][sentence]]

    def carriers(self, document: int, sentence: int) -> tuple[int, ...]:
        """The documents that carry this sentence (its own included)."""
        return self.cluster_of(document, sentence).documents

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; the schema is documented in ``docs/diff.md``."""
        return {
            "documents": [
                {"name": doc.name, "sentences": list(doc.texts)} for doc in self.documents
            ],
            "clusters": [c.to_dict() for c in self.clusters],
            "encoder": self.encoder,
            "mode": self.mode,
            "summary": {
                "documents": len(self.documents),
                "clusters": len(self.clusters),
                "shared_by_all": sum(len(c.members) == len(self.documents) for c in self.clusters),
                "singletons": sum(len(c.members) == 1 for c in self.clusters),
            },
        }


def align_many(
    documents: Sequence[Document | str],
    *,
    encoder: str | Encoder | None = None,
    mode: Mode = "rewrite",
    threshold: float | None = None,
    params: AlignParams | None = None,
) -> MultiAlignment:
    """Group the sentences of several versions into clusters of the same content.

    Args:
        documents: two or more versions (Documents, or texts to segment).
        encoder: as for :func:`newsalign.align`; resolved once for all pairs.
        mode: ``"rewrite"`` or ``"translation"``.
        threshold: lowest score of a 1-1 link.
        params: the aligner's other settings.

    Returns:
        A :class:`MultiAlignment`; every sentence of every document is in exactly one
        cluster, and a cluster holds at most one bead per document.

    Raises:
        InputError: fewer than two documents, or one is neither a Document nor a str.
        ConfigError: unknown mode or encoder, threshold outside [0, 1].

    Example:
        >>> ma = align_many(["A cat sat. It rained.", "It rained. A cat sat.",
        ...                  "A cat sat."], encoder="tfidf")
        >>> [c.members for c in ma.clusters]
        [((0, (0,)), (1, (1,)), (2, (0,))), ((0, (1,)), (1, (0,)))]
    """
    if isinstance(documents, (str, Document)) or len(documents) < 2:
        raise InputError("align_many needs a sequence of at least two documents")
    docs: list[Document] = []
    for k, doc in enumerate(documents):
        if isinstance(doc, Document):
            docs.append(doc)
        elif isinstance(doc, str):
            docs.append(Document.from_text(doc))
        else:
            raise InputError(f"document {k} must be a Document or a str, got {type(doc).__name__}")
    enc = get_encoder(encoder)
    candidates: list[tuple[float, int, int, tuple[int, ...], tuple[int, ...]]] = []
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            al = align(docs[a], docs[b], encoder=enc, mode=mode, threshold=threshold, params=params)
            candidates += [(link.score, a, b, link.left, link.right) for link in al.links]
    candidates.sort(key=lambda c: (-round(c[0], 9), c[1], c[2], c[3], c[4]))
    return MultiAlignment(tuple(docs), _cluster(docs, candidates), enc.name, mode)


def _cluster(
    docs: Sequence[Document],
    candidates: Sequence[tuple[float, int, int, tuple[int, ...], tuple[int, ...]]],
) -> tuple[Cluster, ...]:
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    members: dict[tuple[int, int], dict[int, set[int]]] = {}
    scores: dict[tuple[int, int], float] = {}
    for d, doc in enumerate(docs):
        for s in range(len(doc)):
            parent[(d, s)] = (d, s)
            members[(d, s)] = {d: {s}}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for score, a, b, left, right in candidates:
        roots = sorted({find((a, i)) for i in left} | {find((b, j)) for j in right})
        if not _mergeable(roots, members, {a: set(left), b: set(right)}):
            continue
        root = roots[0]
        for other in roots[1:]:
            parent[other] = root
            for d, sentences in members.pop(other).items():
                members[root].setdefault(d, set()).update(sentences)
            if other in scores:
                scores[root] = min(scores.get(root, 1.0), scores.pop(other))
        scores[root] = min(scores.get(root, 1.0), score)
    clusters = [
        Cluster(
            tuple((d, tuple(sorted(s))) for d, s in sorted(group.items())),
            scores.get(root),
        )
        for root, group in members.items()
    ]
    clusters.sort(key=lambda c: (c.members[0][0], c.members[0][1][0]))
    return tuple(clusters)


def _mergeable(
    roots: Sequence[tuple[int, int]],
    members: dict[tuple[int, int], dict[int, set[int]]],
    beads: dict[int, set[int]],
) -> bool:
    """Whether merging keeps at most one bead per document in the cluster."""
    per_doc: dict[int, list[set[int]]] = {}
    for root in roots:
        for d, sentences in members[root].items():
            per_doc.setdefault(d, []).append(sentences)
    for d, groups in per_doc.items():
        if len(groups) > 1 and not all(g <= beads.get(d, set()) for g in groups):
            return False
    return True
