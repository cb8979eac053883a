"""Candidate pairs on the index, cheapest first: exact copies, MinHash LSH, signature, kNN.

Every generator here reads only :class:`~newsalign.deduplication.features.Features` (and,
for the nearest neighbours, passage vectors): the texts stay where they were spilled.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from .cluster import UnionFind
from .extras import minhash_class, minhash_lsh_class
from .features import Features, minhash_permutations
from .params import DedupParams

__all__ = [
    "exact_pairs",
    "knn",
    "lsh_pairs",
    "semantic_candidates",
    "signature_candidates",
    "within_days",
]


def within_days(fa: Features, fb: Features, p: DedupParams) -> bool:
    """Whether two records may pair under ``p.max_days`` (always, without both dates)."""
    if p.max_days is None or fa.day is None or fb.day is None:
        return True
    return abs(fa.day - fb.day) <= p.max_days


def exact_pairs(feats: Sequence[Features]) -> tuple[list[tuple[int, int]], set[int]]:
    """(first, copy) pairs of records with the same normalised text; the copies' positions.

    Example:
        >>> from newsalign.deduplication import DedupParams, Record, featurize
        >>> recs = [Record(k, t, None, None) for k, t in enumerate(["A b.", "x", "a, B!"])]
        >>> exact_pairs(featurize(recs, 0, DedupParams(semantic=False)))
        ([(0, 2)], {2})
    """
    first: dict[bytes, int] = {}
    pairs: list[tuple[int, int]] = []
    copies: set[int] = set()
    for f in feats:
        if f.minhash is None:
            continue  # empty text: nothing to compare
        k = first.setdefault(f.text_hash, f.pos)
        if k != f.pos:
            pairs.append((k, f.pos))
            copies.add(f.pos)
    return pairs, copies


def lsh_pairs(
    feats: Sequence[Features], skip: set[int], p: DedupParams
) -> list[tuple[int, int, float]]:
    """MinHash LSH candidate pairs (earlier, later, estimated Jaccard), same language.

    Records in ``skip`` (exact copies) and empty records are left out.

    Raises:
        MissingDependencyError: datasketch is not installed.
    """
    MinHashLSH = minhash_lsh_class()
    MinHash = minhash_class()
    perms = minhash_permutations(p.num_perm)
    lsh = MinHashLSH(threshold=p.lsh_threshold, num_perm=p.num_perm)
    out: list[tuple[int, int, float]] = []
    for f in feats:
        if f.minhash is None or f.pos in skip:
            continue
        mh = MinHash(hashvalues=f.minhash, permutations=perms, scheme="affine32")
        for other in sorted(lsh.query(mh)):
            g = feats[other]
            if g.lang == f.lang and within_days(g, f, p):
                assert g.minhash is not None
                jac = float(np.mean(g.minhash == f.minhash))
                out.append((other, f.pos, jac))
        lsh.insert(f.pos, mh)
    return out


def signature_candidates(
    feats: Sequence[Features], skip: set[int], p: DedupParams
) -> tuple[dict[tuple[int, int], int], set[int]]:
    """Plausible pairs ``{(a, b): shared features}`` and records too poor to judge.

    A feature found in more than ``p.max_feature_df`` records is ignored; a pair is
    plausible with ``p.min_shared_features`` shared features; a record is poor with fewer
    than ``max(1, p.strong_shared_features)`` features shared with anyone.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for f in feats:
        if f.pos not in skip and f.minhash is not None:
            for feat in f.signature:
                postings[feat].append(f.pos)
    useful: dict[int, int] = defaultdict(int)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for feat in sorted(postings):
        docs = postings[feat]
        if len(docs) < 2 or len(docs) > p.max_feature_df:
            continue
        for x in docs:
            useful[x] += 1
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                shared[(a, b)] += 1
    plausible = {
        k: v
        for k, v in shared.items()
        if v >= p.min_shared_features and within_days(feats[k[0]], feats[k[1]], p)
    }
    poor = {
        f.pos
        for f in feats
        if f.pos not in skip
        and f.minhash is not None
        and useful.get(f.pos, 0) < max(1, p.strong_shared_features)
    }
    return plausible, poor


def knn(
    queries: Sequence[int],
    qvecs: np.ndarray,
    targets: Sequence[int],
    tvecs: np.ndarray,
    k: int,
    block: int = 256,
) -> Iterator[tuple[int, int, float]]:
    """Exact top-``k`` targets of each query by cosine, blockwise: (query, target, cosine).

    A record is never its own neighbour. ``qvecs`` and ``tvecs`` hold unit rows (the vectors
    of ``queries`` and ``targets``); ties go to the earlier target row; cosines are rounded
    to 5 places.

    Example:
        >>> v = np.eye(3, dtype=np.float32)
        >>> v[2] = [0.6, 0.8, 0.0]
        >>> [(q, t, round(c, 2)) for q, t, c in knn([0, 1], v[:2], [0, 1, 2], v, 1)]
        [(0, 2, 0.6), (1, 2, 0.8)]
    """
    if not len(queries) or not len(targets):
        return
    kk = min(k + 1, len(targets))
    tpos = np.asarray(targets)
    for start in range(0, len(queries), block):
        sims = qvecs[start : start + block] @ tvecs.T
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        for r in range(len(sims)):
            q = int(queries[start + r])
            found = 0
            for c in sorted(top[r].tolist(), key=lambda c: (-sims[r, c], c)):
                t = int(tpos[c])
                if t != q and found < k:
                    found += 1
                    yield q, t, round(float(sims[r, c]), 5)


def semantic_candidates(
    feats: Sequence[Features],
    vectors: Mapping[int, np.ndarray],
    plausible: Mapping[tuple[int, int], int],
    poor: set[int],
    uf: UnionFind,
    p: DedupParams,
) -> list[tuple[int, int, float, int | None]]:
    """Pairs to align: near in embedding space and plausible (or a side is poor).

    Returns ``(a, b, cosine, shared features)`` with ``a < b``, by position; pairs already
    joined in ``uf`` are skipped.
    """
    by_lang: dict[str, list[int]] = defaultdict(list)
    for x in sorted(vectors):
        by_lang[feats[x].lang].append(x)
    mats = {
        lang: np.vstack([vectors[x] for x in xs]).astype(np.float32) for lang, xs in by_lang.items()
    }
    best: dict[tuple[int, int], float] = {}
    # Neighbours are searched in every language separately: a multilingual encoder puts
    # two unrelated texts of one language closer than a text and its translation.
    for ql in sorted(by_lang):
        for tl in sorted(by_lang):
            near = knn(by_lang[ql], mats[ql], by_lang[tl], mats[tl], p.neighbors)
            for a, b, cos in near:
                key = (a, b) if a < b else (b, a)
                if key in best or uf.find(a) == uf.find(b):
                    continue
                shared = plausible.get(key, 0)
                if shared >= p.strong_shared_features:
                    ok = cos >= p.min_cosine
                elif shared or a in poor or b in poor:
                    ok = cos >= p.weak_min_cosine and within_days(feats[a], feats[b], p)
                else:
                    ok = False
                if ok:
                    best[key] = cos
    # At most pairs_per_components pairs per pair of near-duplicate groups: a translation
    # of a wire story need not be aligned with every copy of it.
    by_groups: dict[tuple[int, int], list[tuple[float, int, int]]] = defaultdict(list)
    for (a, b), cos in best.items():
        ga, gb = uf.find(a), uf.find(b)
        by_groups[(min(ga, gb), max(ga, gb))].append((-cos, a, b))
    out = []
    for key in sorted(by_groups):
        for neg, a, b in heapq.nsmallest(p.pairs_per_components, by_groups[key]):
            out.append((a, b, -neg, plausible.get((a, b))))
    return sorted(out, key=lambda t: (t[0], t[1]))
