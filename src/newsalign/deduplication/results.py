"""What a deduplication run returns: relations, evidence, decisions, groups, pairs, stats.

The relations are a closed set (:data:`RELATIONS`, documented in
:mod:`newsalign.deduplication`); every record gets one :class:`DedupDecision`, and every
decision that joins two records keeps its :class:`DedupEvidence`, the sentence alignment
behind it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from ..records import Link, sort_links
from .extras import pandas_module, pyarrow_module

__all__ = [
    "DECISION_COLUMNS",
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
    "decision_cells",
    "decision_table",
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
        method: ``"none"``, ``"hash"`` (same normalised text), ``"lexical"`` (sentences
            compared by their characters), ``"semantic"`` (aligned by meaning,
            :func:`newsalign.align`), ``"facts"`` (refused on conflicting facts without
            aligning) or ``"length"`` (too short for any relation, not aligned).
        share_left: aligned share of this record's sentences.
        share_right: aligned share of the match's sentences.
        jaccard: MinHash estimate of the shingle Jaccard similarity, when computed.
        cosine: cosine of the two passage embeddings, when computed.
        shared_features: signature features the two records share, when computed.
        links: the sentence alignment (beads over sentence indices).
        agreed: facts of the two leads that agree (``"dates: 2022-10-04 ~ 2022-10-05"``,
            ``"rounds: 1"``), this record's first.
        conflicts: facts that say another event (``"dates: 2022-10-04 vs 2022-10-09"``,
            ``"troops: 3,000 vs 10,900"``), this record's first; a pair with any is never
            a translation or same story, and one whose texts name conflicting days is never
            a near duplicate.
    """

    match: RecordId | None = None
    method: str = "none"
    share_left: float = 0.0
    share_right: float = 0.0
    jaccard: float | None = None
    cosine: float | None = None
    shared_features: int | None = None
    links: tuple[Link, ...] = ()
    agreed: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()

    def inverse(self, match: RecordId) -> DedupEvidence:
        """The same evidence seen from the other record, whose match is ``match``.

        Example:
            >>> ev = DedupEvidence("b", "semantic", conflicts=("dates: 2022-10-04 vs 2022-10-09",))
            >>> ev.inverse("a").conflicts
            ('dates: 2022-10-09 vs 2022-10-04',)
        """
        return replace(
            self,
            match=match,
            share_left=self.share_right,
            share_right=self.share_left,
            links=sort_links([link.inverse() for link in self.links]),
            agreed=tuple(_swap(x, " ~ ") for x in self.agreed),
            conflicts=tuple(_swap(x, " vs ") for x in self.conflicts),
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
        if self.agreed:
            out["agreed"] = list(self.agreed)
        if self.conflicts:
            out["conflicts"] = list(self.conflicts)
        return out


def _swap(fact: str, sep: str) -> str:
    """``"what: A<sep>B"`` as ``"what: B<sep>A"`` (a fact seen from the other record)."""
    what, colon, sides = fact.rpartition(": ")
    left, found, right = sides.partition(sep)
    return f"{what}{colon}{right}{sep}{left}" if found else fact


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
        lsh_pairs: MinHash LSH candidate pairs (same language).
        embedded: records that got a passage embedding.
        candidates: (record, earlier record) candidate pairs proposed by LSH and the
            nearest-neighbour search.
        verified: pairs verified (a record against a cluster representative), at most
            ``max_candidates`` per record.
        lexical_pairs: verified pairs aligned lexically.
        semantic_pairs: verified pairs aligned by meaning (:func:`newsalign.align`).
        vetoed_pairs: verified pairs refused on conflicting facts before aligning.
        verified_pairs: pairs that joined a record to a cluster.
    """

    records: int = 0
    exact_pairs: int = 0
    lsh_pairs: int = 0
    embedded: int = 0
    candidates: int = 0
    verified: int = 0
    lexical_pairs: int = 0
    semantic_pairs: int = 0
    vetoed_pairs: int = 0
    verified_pairs: int = 0

    @property
    def aligned_pairs(self) -> int:
        """Pairs aligned, lexically or by meaning (the work that grows as ``n * k``)."""
        return self.lexical_pairs + self.semantic_pairs

    def to_dict(self) -> dict[str, int]:
        """Every count by its name, in field order, then ``aligned_pairs``."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["aligned_pairs"] = self.aligned_pairs
        return out


@dataclass(frozen=True, slots=True)
class DedupResult:
    """Everything :func:`newsalign.dedup` found: one decision per record, the groups and the
    pairs.

    ``decisions`` are in input order; ``groups`` partition the input (singletons
    included), by cluster number; ``pairs`` are the verified pairs that joined a record to
    its cluster (the record and the cluster's representative, or its original for an exact
    copy), by input position.
    """

    decisions: tuple[DedupDecision, ...]
    groups: tuple[DuplicateGroup, ...]
    pairs: tuple[DuplicatePair, ...]
    stats: DedupStats = field(default_factory=DedupStats)

    def to_jsonl(self) -> str:
        """The decisions as JSON lines (what ``newsalign dedup`` writes)."""
        return "".join(d.to_json() + "\n" for d in self.decisions)

    def to_arrow(self) -> Any:
        """The decisions as a ``pyarrow.Table``, in input order: ``id``, ``cluster``,
        ``relation``, ``representative``, ``match``, ``method``, ``evidence`` (its JSON).

        Raises:
            MissingDependencyError: pyarrow is not installed (``newsalign[parquet]``).
        """
        return decision_table(self)

    def to_pandas(self) -> Any:
        """:meth:`to_arrow` as a ``pandas.DataFrame``.

        Raises:
            MissingDependencyError: pyarrow or pandas is not installed
                (``newsalign[parquet]``).
        """
        table = self.to_arrow()
        pandas_module()  # pyarrow converts with pandas: a missing one names the extra
        return table.to_pandas()


#: The columns of a decision in a table (after ``id``, or the input's own columns).
DECISION_COLUMNS = ("cluster", "relation", "representative", "match", "method", "evidence")


def decision_cells(result: DedupResult) -> dict[str, list[Any]]:
    """The :data:`DECISION_COLUMNS` of every decision, in input order."""
    cols: dict[str, list[Any]] = {name: [] for name in DECISION_COLUMNS}
    for d in result.decisions:
        cols["cluster"].append(d.cluster)
        cols["relation"].append(d.relation)
        cols["representative"].append(d.representative)
        cols["match"].append(d.evidence.match)
        cols["method"].append(d.evidence.method)
        cols["evidence"].append(json.dumps(d.evidence.to_dict(), ensure_ascii=False))
    return cols


def _ids(values: Sequence[Any]) -> list[Any]:
    """Ids as one type for a typed column: integers if all are, else strings."""
    if all(isinstance(v, int) or v is None for v in values):
        return list(values)
    return [None if v is None else str(v) for v in values]


def decision_table(result: DedupResult) -> Any:
    """The decisions as a ``pyarrow.Table``: ``id`` then :data:`DECISION_COLUMNS`.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    pa = pyarrow_module()
    cols = decision_cells(result)
    data = {"id": _ids([d.id for d in result.decisions])}
    data.update(cols)
    data["representative"] = _ids(cols["representative"])
    data["match"] = _ids(cols["match"])
    return pa.table(data)
