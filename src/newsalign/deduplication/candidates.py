"""Candidates on the index, cheapest first: exact copies, MinHash LSH, nearest neighbours.

Every generator here reads only :class:`~newsalign.deduplication.features.Features` (and,
for the nearest neighbours, passage vectors): the texts stay where they were spilled.
:func:`candidate_lists` gives each record its earlier candidates, best first: its MinHash
LSH partners (likely copies, by estimated Jaccard), then its nearest neighbours by passage
cosine that the signature finds plausible (:func:`plausible`). The pipeline verifies a
record against the representatives of its candidates' clusters, at most
``max_candidates`` of them, so the work grows as ``n * k`` whatever the topic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from .features import Features
from .lsh import BandedLSH
from .params import DedupParams

__all__ = [
    "Candidate",
    "candidate_lists",
    "count_features",
    "exact_cosine",
    "exact_pairs",
    "feature_counts",
    "knn",
    "lsh_pairs",
    "new_lsh",
    "plausible",
    "within_days",
]

#: An earlier record proposed for a record: (position, Jaccard estimate or None, passage
#: cosine or None, shared signature features or None).
Candidate = tuple[int, float | None, float | None, int | None]


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
    feats: Sequence[Features],
    skip: set[int],
    p: DedupParams,
    *,
    new: Sequence[int] | None = None,
    lsh: BandedLSH | None = None,
) -> list[tuple[int, int, float]]:
    """MinHash LSH candidate pairs (earlier, later, estimated Jaccard), same language.

    Records in ``skip`` (exact copies) and empty records are left out. Each record queries
    the index before it is inserted, so its partners are earlier records. With ``lsh`` (an
    index already holding the records before ``new``) only the positions ``new`` are
    queried and inserted: how a stored index continues a run.

    Raises:
        MissingDependencyError: datasketch is not installed.
    """
    if lsh is None:
        lsh = new_lsh(p)
    out: list[tuple[int, int, float]] = []
    for pos in range(len(feats)) if new is None else new:
        f = feats[pos]
        if f.minhash is None or f.pos in skip:
            continue
        for other in lsh.query(f.minhash):
            g = feats[other]
            if g.lang == f.lang and within_days(g, f, p):
                assert g.minhash is not None
                jac = float(np.mean(g.minhash == f.minhash))
                out.append((other, f.pos, jac))
        lsh.insert(f.pos, f.minhash)
    return out


def new_lsh(p: DedupParams) -> BandedLSH:
    """An empty MinHash LSH index for the settings ``p`` (datasketch's bands and rows).

    Raises:
        MissingDependencyError: datasketch is not installed.
    """
    return BandedLSH(p)


def feature_counts(feats: Sequence[Features], skip: set[int]) -> dict[str, int]:
    """In how many records (exact copies and empty records left out) each feature occurs."""
    df: dict[str, int] = defaultdict(int)
    for f in feats:
        count_features(df, f, skip)
    return df


def count_features(df: dict[str, int], f: Features, skip: set[int], step: int = 1) -> None:
    """Add (``step`` 1) or take back (-1) the signature features of ``f`` in ``df``."""
    if f.pos not in skip and f.minhash is not None:
        for feat in f.signature:
            df[feat] = df.get(feat, 0) + step


def _shared(a: Features, b: Features, df: Mapping[str, int], p: DedupParams) -> int:
    """Signature features ``a`` and ``b`` share that occur in 2 to ``p.max_feature_df``
    records."""
    return sum(1 for x in a.signature & b.signature if 2 <= df.get(x, 0) <= p.max_feature_df)


def plausible(shared: int, cos: float, p: DedupParams) -> bool:
    """Whether a neighbour at passage cosine ``cos`` is worth verifying.

    A neighbour at ``cos >= p.weak_min_cosine`` is; a farther one down to ``p.min_cosine``
    only with ``p.strong_shared_features`` shared signature features (each found in 2 to
    ``p.max_feature_df`` records): numbers, dates and names a translation keeps.

    Example:
        >>> p = DedupParams()
        >>> plausible(2, 0.4, p), plausible(1, 0.4, p), plausible(0, 0.6, p)
        (True, False, True)
    """
    if cos >= p.weak_min_cosine:
        return True
    return p.signature_filter and shared >= p.strong_shared_features and cos >= p.min_cosine


def knn(
    queries: Sequence[int],
    qvecs: np.ndarray,
    targets: Sequence[int] | np.ndarray,
    tvecs: np.ndarray,
    k: int,
    block: int = 256,
    *,
    earlier: bool = False,
) -> Iterator[tuple[int, int, float]]:
    """Exact top-``k`` targets of each query by cosine, blockwise: (query, target, cosine).

    A record is never its own neighbour; with ``earlier``, only targets at smaller
    positions than the query are. ``qvecs`` and ``tvecs`` hold unit rows (the vectors of
    ``queries`` and ``targets``); ties go to the earlier target row; cosines are rounded to
    5 places.

    Example:
        >>> v = np.eye(3, dtype=np.float32)
        >>> v[2] = [0.6, 0.8, 0.0]
        >>> [(q, t, round(c, 2)) for q, t, c in knn([0, 1], v[:2], [0, 1, 2], v, 1)]
        [(0, 2, 0.6), (1, 2, 0.8)]
        >>> [(q, t) for q, t, _ in knn([2], v[2:], [0, 1, 2], v, 1, earlier=True)]
        [(2, 1)]
    """
    if not len(queries) or not len(targets):
        return
    kk = min(k + 1, len(targets))
    tpos = np.asarray(targets)
    for start in range(0, len(queries), block):
        sims = qvecs[start : start + block] @ tvecs.T
        if earlier:
            qpos = np.asarray(queries[start : start + block])
            sims = np.where(tpos[None, :] < qpos[:, None], sims, -np.inf)
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        for r in range(len(sims)):
            q = int(queries[start + r])
            found = 0
            for c in sorted(top[r].tolist(), key=lambda c: (-sims[r, c], c)):
                t = int(tpos[c])
                if t != q and found < k and np.isfinite(sims[r, c]):
                    found += 1
                    yield q, t, exact_cosine(qvecs[start + r], tvecs[c])


def exact_cosine(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of two unit rows as reported, from a float64 dot, to 5 digits: a float32
    product's last digit depends on the shape of the block it was computed in and on how the
    rows lie in memory (a vector read back from an index against one computed in this run).
    """
    return round(float(a.astype(np.float64) @ b), 5)


def candidate_lists(
    feats: Sequence[Features],
    vectors: Mapping[int, np.ndarray],
    lsh: Sequence[tuple[int, int, float]],
    skip: set[int],
    p: DedupParams,
    *,
    new: Sequence[int] | None = None,
    df: dict[str, int] | None = None,
    targets: Mapping[str, tuple[Sequence[int] | np.ndarray, np.ndarray]] | None = None,
) -> dict[int, list[Candidate]]:
    """Each record's earlier candidates, best first: LSH partners, then plausible neighbours.

    Args:
        feats: the features of every record.
        vectors: passage vectors of the records that have one (unit rows).
        lsh: :func:`lsh_pairs` (earlier, later, Jaccard estimate).
        skip: exact copies (they follow their original) and records not to propose.
        p: the settings.
        new: the positions to find candidates for, ascending (every record by default).
        df: the signature feature counts of the records before ``new`` (empty by
            default); the counts of ``new`` are added to it, in place.
        targets: ``{lang: (positions, unit rows)}`` of every record with a vector, ``new``
            included (built from ``vectors`` by default).

    Returns:
        ``{pos: [candidate, ...]}`` for records with any candidate; every candidate is an
        earlier position. Neighbours are searched in every language separately (a
        multilingual encoder puts two unrelated texts of one language closer than a text
        and its translation); a record searches only the records before it, and a shared
        signature feature counts by the records up to it, so its candidates depend only on
        what came before it (a run on a corpus and runs on its growing prefixes agree).
    """
    queries = list(range(len(feats))) if new is None else list(new)
    counts: dict[str, int] = {} if df is None else df
    best: dict[tuple[int, int], Candidate] = {}
    for a, b, jac in lsh:
        best[(a, b)] = (a, jac, None, None)
    if targets is None:
        by_lang: dict[str, list[int]] = defaultdict(list)
        for x in sorted(vectors):
            if x not in skip:
                by_lang[feats[x].lang].append(x)
        targets = {
            lang: (xs, np.vstack([vectors[x] for x in xs]).astype(np.float32))
            for lang, xs in by_lang.items()
        }
    near: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for ql in sorted(targets):
        qs = [x for x in queries if x in vectors and x not in skip and feats[x].lang == ql]
        if not qs:
            continue
        qmat = np.vstack([vectors[x] for x in qs]).astype(np.float32)
        for tl in sorted(targets):
            tpos, tmat = targets[tl]
            for q, t, cos in knn(qs, qmat, tpos, tmat, p.neighbors, earlier=True):
                near[q].append((t, cos))
    for b in queries:
        count_features(counts, feats[b], skip)
        for a, cos in near.get(b, ()):
            if not within_days(feats[a], feats[b], p):
                continue
            shared = _shared(feats[a], feats[b], counts, p)
            if not plausible(shared, cos, p):
                continue
            old = best.get((a, b))
            if old is None:
                best[(a, b)] = (a, None, cos, shared)
            elif old[2] is None:
                best[(a, b)] = (a, old[1], cos, shared)
    lists: dict[int, list[Candidate]] = defaultdict(list)
    for (_, b), cand in best.items():
        lists[b].append(cand)
    for cands in lists.values():
        # copies first (by Jaccard), then neighbours by cosine; ties by position
        cands.sort(key=lambda c: (c[1] is None, -(c[1] or 0.0), -(c[2] or 0.0), c[0]))
    return dict(lists)
