"""Clusters: the union of the verified pairs, and the answer assembled from them.

Components are named by their first record (the smallest input position is the root), so
clusters, representatives and the decision each record gets depend only on the input order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
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

__all__ = ["UnionFind", "assemble"]


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


def assemble(
    feats: Sequence[Features], outcomes: Sequence[Outcome], stats: DedupStats
) -> DedupResult:
    """The result of a run: decisions, groups and pairs from the verified outcomes.

    A record's decision is its strongest verified pair (ties go to the earlier match); the
    first record of a cluster of two or more is its ``representative``.
    """
    n = len(feats)
    uf = UnionFind(n)
    pairs: list[DuplicatePair] = []
    best: dict[int, tuple[int, int, DedupEvidence, Relation]] = {}
    for a, b, rel, ev in sorted(outcomes, key=lambda o: (o[0], o[1])):
        if rel is None:
            continue
        uf.union(a, b)
        pairs.append(DuplicatePair(feats[a].id, feats[b].id, rel, replace(ev, match=feats[b].id)))
        for me, other, oriented in (
            (a, b, replace(ev, match=feats[b].id)),
            (b, a, ev.inverse(feats[a].id)),
        ):
            rank = (PAIR_STRENGTH[rel], other)
            cur = best.get(me)
            if cur is None or rank < (cur[0], cur[1]):
                best[me] = (rank[0], other, oriented, rel)
    cluster_of: dict[int, int] = {}
    members: dict[int, list[RecordId]] = defaultdict(list)
    decisions = []
    for f in feats:
        root = uf.find(f.pos)
        cluster = cluster_of.setdefault(root, len(cluster_of))
        members[cluster].append(f.id)
        rep = feats[root].id
        if f.pos not in best:
            decisions.append(DedupDecision(f.id, cluster, "unique", rep, DedupEvidence()))
        elif root == f.pos:
            decisions.append(DedupDecision(f.id, cluster, "representative", rep, DedupEvidence()))
        else:
            _, _, ev, rel = best[f.pos]
            decisions.append(DedupDecision(f.id, cluster, rel, rep, ev))
    groups = tuple(DuplicateGroup(c, members[c][0], tuple(members[c])) for c in range(len(members)))
    stats = replace(stats, records=n, verified_pairs=len(pairs))
    return DedupResult(tuple(decisions), groups, tuple(pairs), stats)
