"""Clusters: which verified pair a record joins by, and the answer assembled from them.

A cluster is an event: it is named by its representative, its first record in input order,
and a record joins it only by a verified pair with that representative (an exact copy, by
its original), never through another member, so clusters do not chain. Clusters,
representatives and every decision depend only on the input order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .features import Features
from .results import (
    PAIR_STRENGTH,
    DedupDecision,
    DedupEvidence,
    DedupResult,
    DedupStats,
    DuplicateGroup,
    DuplicatePair,
    RecordId,
    Relation,
)
from .verify import Outcome

__all__ = ["Join", "UnionFind", "assemble", "best_join"]


class UnionFind:
    """Disjoint sets over positions ``0..n-1``; the smallest position of a set is its root.

    Example:
        >>> uf = UnionFind(4)
        >>> uf.union(3, 1); uf.union(1, 2)
        >>> [uf.find(x) for x in range(4)]
        [0, 1, 1, 1]
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        """The root of ``x``'s set (compressing the path on the way)."""
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller position is the root: components are named by their first record
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


#: How a record came to its cluster: (the record it was verified against, the relation,
#: the verified outcome's evidence oriented from that earlier record).
Join = tuple[int, Relation, DedupEvidence]


def best_join(
    outcomes: Sequence[Outcome], order: Mapping[int, int]
) -> tuple[Outcome | None, Outcome | None]:
    """The outcome a record joins by, and the first refused one worth explaining.

    ``outcomes`` are the record's verified pairs (left = a cluster representative);
    the strongest relation wins (:data:`PAIR_STRENGTH`), ties going to the candidate ranked
    first (``order``: representative position -> rank). The refused outcome explains a
    record left on its own: the best-ranked one refused on facts, else on its alignment.
    """
    joined = [o for o in outcomes if o[2] is not None]
    best = None
    if joined:
        best = min(joined, key=lambda o: (PAIR_STRENGTH[o[2]], order[o[0]]))  # type: ignore[index]
    refused = sorted((o for o in outcomes if o[2] is None), key=lambda o: order[o[0]])
    # the closest call first: a pair aligned and found wanting, then one refused on facts
    aligned = [o for o in refused if o[3].links]
    pick = aligned or refused
    return best, pick[0] if pick else None


def assemble(
    feats: Sequence[Features],
    positions: Sequence[int],
    leader_of: Sequence[int],
    cluster_of: Mapping[int, int],
    sizes: Mapping[int, int],
    joins: Mapping[int, Join],
    refused: Mapping[int, Outcome],
    stats: DedupStats,
) -> DedupResult:
    """The decisions of the records at ``positions`` (ascending) from each record's cluster.

    A cluster is named by its representative, its first record (``leader_of`` gives each
    record's, ``cluster_of`` each representative's cluster number, ``sizes`` its members);
    a record that joined one has the relation it was verified with and that pair's
    evidence, oriented from the record; a representative of a cluster of two or more is
    ``representative``; any other record is ``unique``, with the evidence of its best
    refused candidate, if any (why it is on its own: the conflicting facts or the
    alignment). The groups hold the members among ``positions``, the pairs those that
    joined them.
    """
    members: dict[int, list[RecordId]] = defaultdict(list)
    reps: dict[int, RecordId] = {}
    decisions = []
    pairs: list[tuple[int, int, DuplicatePair]] = []
    for pos in positions:
        f = feats[pos]
        root = leader_of[pos]
        cluster = cluster_of[root]
        members[cluster].append(f.id)
        rep = reps[cluster] = feats[root].id
        if pos in joins:
            other, rel, ev = joins[pos]
            pair = DuplicatePair(feats[other].id, f.id, rel, replace(ev, match=f.id))
            pairs.append((other, pos, pair))
            decisions.append(DedupDecision(f.id, cluster, rel, rep, ev.inverse(feats[other].id)))
        elif sizes[root] > 1:
            decisions.append(DedupDecision(f.id, cluster, "representative", rep, DedupEvidence()))
        else:
            ev = DedupEvidence()
            if pos in refused:
                a, _, _, ev0 = refused[pos]
                ev = ev0.inverse(feats[a].id)
            decisions.append(DedupDecision(f.id, cluster, "unique", rep, ev))
    pairs.sort(key=lambda q: (q[0], q[1]))
    groups = tuple(DuplicateGroup(c, reps[c], tuple(m)) for c, m in sorted(members.items()))
    stats = replace(stats, records=len(positions), verified_pairs=len(pairs))
    return DedupResult(tuple(decisions), groups, tuple(q[2] for q in pairs), stats)
