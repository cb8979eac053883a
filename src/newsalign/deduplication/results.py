"""What a deduplication run returns: relations, evidence, decisions, groups, pairs, stats.

The relations are a closed set (:data:`RELATIONS`, documented in
:mod:`newsalign.deduplication`); every record gets one :class:`DedupDecision`, and every
decision that joins two records keeps its :class:`DedupEvidence`, the sentence alignment
behind it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from ..records import Link, sort_links

__all__ = [
    "PAIR_RELATIONS",
    "PAIR_STRENGTH",
    "RELATIONS",
    "DedupDecision",
    "DedupEvidence",
    "DedupResult",
    "DedupStats",
    "DuplicateGroup",
    "DuplicatePair",
    "RecordId",
    "Relation",
]

Relation = Literal[
    "unique", "representative", "exact", "near_duplicate", "translation", "same_story"
]
#: The closed set of relations, documented in :mod:`newsalign.deduplication`.
RELATIONS: tuple[Relation, ...] = (
    "unique",
    "representative",
    "exact",
    "near_duplicate",
    "translation",
    "same_story",
)
#: Strength order of the relations a verified pair can have (strongest first).
PAIR_RELATIONS: tuple[Relation, ...] = ("exact", "near_duplicate", "translation", "same_story")
#: Rank of each pair relation in :data:`PAIR_RELATIONS` (0 is the strongest).
PAIR_STRENGTH: dict[Relation, int] = {rel: k for k, rel in enumerate(PAIR_RELATIONS)}

#: A record id, kept as given.
RecordId = str | int


@dataclass(frozen=True, slots=True)
class DedupEvidence:
    """Why two records were joined (or, for ``unique`` and ``representative``, nothing).

    ``share_left`` is the share of the record's own sentences that are aligned, and
    ``share_right`` that of the matched record's; ``links`` are the alignment's beads with
    left = the record, right = the match, so every decision can be shown sentence by sentence.

    Attributes:
        match: id of the record the decision was verified against (``None`` if none).
        method: ``"none"``, ``"hash"``, ``"lexical"`` (MinHash candidate, lexical alignment)
            or ``"semantic"`` (signature + embedding candidate, :func:`newsalign.align`).
        share_left: aligned share of this record's sentences.
        share_right: aligned share of the match's sentences.
        jaccard: MinHash estimate of the shingle Jaccard similarity, when computed.
        cosine: cosine of the two passage embeddings, when computed.
        shared_features: signature features the two records share, when computed.
        links: the sentence alignment (beads over sentence indices).
    """

    match: RecordId | None = None
    method: str = "none"
    share_left: float = 0.0
    share_right: float = 0.0
    jaccard: float | None = None
    cosine: float | None = None
    shared_features: int | None = None
    links: tuple[Link, ...] = ()

    def inverse(self, match: RecordId) -> DedupEvidence:
        """The same evidence seen from the other record, whose match is ``match``."""
        return replace(
            self,
            match=match,
            share_left=self.share_right,
            share_right=self.share_left,
            links=sort_links([link.inverse() for link in self.links]),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``links`` as ``[[left...], [right...], score]``).

        Example:
            >>> DedupEvidence(match="a", method="hash", share_left=1.0, share_right=1.0).to_dict()
            {'match': 'a', 'method': 'hash', 'share_left': 1.0, 'share_right': 1.0, 'links': []}
        """
        out: dict[str, Any] = {
            "match": self.match,
            "method": self.method,
            "share_left": round(self.share_left, 4),
            "share_right": round(self.share_right, 4),
        }
        if self.jaccard is not None:
            out["jaccard"] = round(self.jaccard, 4)
        if self.cosine is not None:
            out["cosine"] = round(self.cosine, 4)
        if self.shared_features is not None:
            out["shared_features"] = self.shared_features
        out["links"] = [[list(k.left), list(k.right), round(k.score, 4)] for k in self.links]
        return out


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """A verified pair: ``left`` comes before ``right`` in the input.

    The evidence is oriented left to right (``share_left`` is the left record's share).
    """

    left: RecordId
    right: RecordId
    relation: Relation
    evidence: DedupEvidence


@dataclass(frozen=True, slots=True)
class DedupDecision:
    """The answer for one record; its JSON form is one line of ``newsalign dedup`` output.

    Attributes:
        id: the record id, as given.
        cluster: story cluster number (0, 1, 2... in order of first appearance).
        relation: one of :data:`RELATIONS`.
        representative: id of the cluster's first record (itself when it is the first).
        evidence: the verified pair behind ``relation``, oriented from this record.
    """

    id: RecordId
    cluster: int
    relation: Relation
    representative: RecordId
    evidence: DedupEvidence

    def to_json(self) -> str:
        """One line of ``newsalign dedup`` output, without its newline.

        Example:
            >>> DedupDecision("a", 0, "unique", "a", DedupEvidence()).to_json()[:30]
            '{"id": "a", "cluster": 0, "rel'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "cluster", "relation", "representative", "evidence"}``.

        Example:
            >>> d = DedupDecision("a", 0, "unique", "a", DedupEvidence())
            >>> sorted(d.to_dict())
            ['cluster', 'evidence', 'id', 'relation', 'representative']
        """
        return {
            "id": self.id,
            "cluster": self.cluster,
            "relation": self.relation,
            "representative": self.representative,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """One story cluster: its representative and every member id in input order."""

    cluster: int
    representative: RecordId
    members: tuple[RecordId, ...]


@dataclass(frozen=True, slots=True)
class DedupStats:
    """Counts of the work done (deterministic, so part of result equality).

    Attributes:
        records: input records.
        exact_pairs: pairs found by the text hash.
        lsh_pairs: MinHash LSH candidate pairs verified lexically.
        signature_pairs: pairs the signature found plausible.
        poor_records: records whose signature was too poor to judge (embedded anyway).
        embedded: records that got a passage embedding.
        semantic_pairs: pairs verified by :func:`newsalign.align`.
        verified_pairs: pairs that got a relation.
    """

    records: int = 0
    exact_pairs: int = 0
    lsh_pairs: int = 0
    signature_pairs: int = 0
    poor_records: int = 0
    embedded: int = 0
    semantic_pairs: int = 0
    verified_pairs: int = 0

    def to_dict(self) -> dict[str, int]:
        """Every count by its name, in field order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class DedupResult:
    """Everything :func:`newsalign.dedup` found: one decision per record, the groups and the
    pairs.

    ``decisions`` are in input order; ``groups`` partition the input (singletons
    included), by cluster number; ``pairs`` are every verified pair, by input position.
    """

    decisions: tuple[DedupDecision, ...]
    groups: tuple[DuplicateGroup, ...]
    pairs: tuple[DuplicatePair, ...]
    stats: DedupStats = field(default_factory=DedupStats)

    def to_jsonl(self) -> str:
        """The decisions as JSON lines (what ``newsalign dedup`` writes)."""
        return "".join(d.to_json() + "\n" for d in self.decisions)
