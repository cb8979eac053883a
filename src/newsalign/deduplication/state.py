"""What a run knows of the records decided so far, and the loop that decides more of them.

A :class:`DedupState` holds the index of every record decided so far (its
:class:`~.features.Features`, the MinHash LSH index, the passage vectors by language, the
signature feature counts) and every decision (each record's cluster representative, the
representatives' articles, the pair each record joined by or was refused by).
:meth:`DedupState.extend` decides more records, in input order, each only against the
records before it: a run on a corpus is one ``extend`` from an empty state, and a stored
index (:class:`~.index.DedupIndex`) is a state saved after each ``extend`` and reloaded, so
three batches decided one after the other give exactly the decisions of one run on their
concatenation. :meth:`DedupState.truncate` takes back the records from a position on (a
failed or trial ``extend``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any

import numpy as np

from ..embed import Encoder
from .candidates import (
    Candidate,
    candidate_lists,
    count_features,
    exact_cosine,
    feature_counts,
    lsh_pairs,
    new_lsh,
)
from .cluster import Join, assemble, best_join
from .events import dates_conflict, fact_conflicts
from .features import Features, embed_passages
from .lsh import BandedLSH
from .params import DedupParams
from .progress import progress_bar
from .results import DedupEvidence, DedupResult, DedupStats
from .verify import DecisionRule, Job, Outcome, decide_relation, verify_pairs

__all__ = ["DedupState", "Runner"]

logger = logging.getLogger(__name__)


class Runner:
    """Runs the stages of the pipeline through an executor-like backend.

    ``texts`` returns ``{pos: text}`` for positions; ``map`` runs a function over batches.
    The in-process backend (:class:`~.pipeline.LocalRunner`) does it all here;
    :mod:`newsalign.deduplication.distributed` does it on a Dask cluster. Records are
    featurised before the stages start, by whoever holds them.
    """

    def texts(self, positions: Sequence[int]) -> dict[int, str]:
        """The texts of the records at ``positions``."""
        raise NotImplementedError

    def map(self, fn: Callable[..., list[Any]], batches: Sequence[Any], *args: Any) -> list[Any]:
        """``[fn(batch, *args) for batch in batches]``, wherever the backend runs them."""
        raise NotImplementedError


def _batches(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[k : k + size]) for k in range(0, len(items), size)]


class DedupState:
    """The records decided so far and their decisions; :meth:`extend` decides more.

    Attributes:
        p: the settings (fixed for the life of the state).
        feats: every record's features, by position.
        first: normalised-text hash -> position of its first record.
        copies: positions of exact copies (they follow their original).
        df: in how many records (copies and empty records left out) each signature
            feature occurs.
        vectors: passage vectors by position.
        leader_of: each record's cluster representative (its own position for a
            representative).
        article: the representatives and their copies (exact or near): the records a
            candidate is verified as itself rather than through its representative.
        joins: how each record that joined a cluster joined it.
        refused: the refused outcome that explains a record left on its own.
        cluster_of: cluster number by representative (0, 1, ... in input order).
        sizes: members by representative.
    """

    def __init__(self, p: DedupParams) -> None:
        self.p = p
        self.feats: list[Features] = []
        self.first: dict[bytes, int] = {}
        self.copies: set[int] = set()
        self.df: dict[str, int] = {}
        self.vectors: dict[int, np.ndarray] = {}
        self.leader_of: list[int] = []
        self.article: set[int] = set()
        # mappings, not only dicts: a reopened index decodes them on first access
        self.joins: MutableMapping[int, Join] = {}
        self.refused: MutableMapping[int, Outcome] = {}
        self.cluster_of: dict[int, int] = {}
        self.sizes: dict[int, int] = defaultdict(int)
        self._counted = 0  # records counted in ``sizes`` (all but those an extend is deciding)
        self._lsh: BandedLSH | None = None
        self._in_lsh: list[int] = []
        self._targets: dict[str, _Rows] = {}
        self._targets_ok = True  # False: rebuilt from ``vectors`` before the next use
        self._stacked: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.feats)

    @property
    def lsh(self) -> BandedLSH:
        """The MinHash LSH index of the records so far (built on first use, in one pass)."""
        if self._lsh is None:
            lsh = new_lsh(self.p)
            keep = [f.pos for f in self.feats if f.minhash is not None and f.pos not in self.copies]
            lsh.build(keep, self._minhash_rows(keep))
            self._lsh, self._in_lsh = lsh, keep
        return self._lsh

    def stack_minhashes(self, positions: np.ndarray, mat: np.ndarray) -> None:
        """Say that row ``k`` of ``mat`` holds the MinHash values of record
        ``positions[k]`` (ascending): a reopened index builds its LSH from these rows."""
        self._stacked = (positions, mat)

    def _minhash_rows(self, keep: Sequence[int]) -> np.ndarray:
        """The MinHash values of the records ``keep`` as one (n, num_perm) array."""
        if not keep:
            return np.zeros((0, self.p.num_perm), dtype=np.uint64)
        if self._stacked is not None:
            spos, smat = self._stacked
            idx = np.searchsorted(spos, keep)
            if (idx < len(spos)).all() and (spos[np.minimum(idx, len(spos) - 1)] == keep).all():
                return smat[idx]
        rows = [self.feats[x].minhash for x in keep]
        return np.vstack([r for r in rows if r is not None])

    def add_decided(
        self,
        f: Features,
        leader: int,
        in_article: bool,
        vector: np.ndarray | None,
        join: Join | None,
        refused: Outcome | None,
    ) -> None:
        """Append a record decided before (a stored index reloading its state)."""
        pos = len(self.feats)
        if f.pos != pos:
            raise ValueError(f"record at position {f.pos} appended at {pos}")
        self.feats.append(f)
        if f.minhash is not None:
            k = self.first.setdefault(f.text_hash, pos)
            if k != pos:
                self.copies.add(pos)
        count_features(self.df, f, self.copies)
        if vector is not None:
            self.vectors[pos] = vector
            self._targets_ok = False  # built in one pass on first use
        self.leader_of.append(pos)
        self._decided(pos, leader, in_article, join, refused)
        if leader == pos:
            self.cluster_of[pos] = len(self.cluster_of)
        if f.minhash is not None and pos not in self.copies:
            self._lsh = None  # rebuilt on first use, in one pass

    def _decided(
        self, r: int, leader: int, in_article: bool, join: Join | None, refused: Outcome | None
    ) -> None:
        self.leader_of[r] = leader
        self.sizes[leader] += 1
        self._counted += 1
        if in_article:
            self.article.add(r)
        if join is not None:
            self.joins[r] = join
        if refused is not None:
            self.refused[r] = refused

    def _ensure_targets(self) -> None:
        """The rows of every language, from ``vectors`` (after :meth:`add_decided`)."""
        if self._targets_ok:
            return
        by_lang: dict[str, list[int]] = defaultdict(list)
        for pos in sorted(self.vectors):
            by_lang[self.feats[pos].lang].append(pos)
        self._targets = {
            lang: _Rows.of(xs, [self.vectors[x] for x in xs]) for lang, xs in by_lang.items()
        }
        self._targets_ok = True

    def _add_target(self, pos: int) -> None:
        lang = self.feats[pos].lang
        rows = self._targets.get(lang)
        if rows is None:
            rows = self._targets[lang] = _Rows(len(self.vectors[pos]))
        rows.append(pos, self.vectors[pos])

    def truncate(self, n: int) -> None:
        """Take back every record at position ``n`` and after."""
        if n >= len(self.feats):
            return
        for pos in range(len(self.feats) - 1, n - 1, -1):
            f = self.feats[pos]
            count_features(self.df, f, self.copies, -1)
            if self.first.get(f.text_hash) == pos:
                del self.first[f.text_hash]
            self.copies.discard(pos)
            self.article.discard(pos)
            self.joins.pop(pos, None)
            self.refused.pop(pos, None)
            self.cluster_of.pop(pos, None)
            if self.vectors.pop(pos, None) is not None and self._targets_ok:
                self._targets[f.lang].truncate(pos)
        for lang in [lang for lang, rows in self._targets.items() if not rows.n]:
            del self._targets[lang]
        if self._counted == len(self.leader_of):  # every record decided: take back theirs
            for leader in self.leader_of[n:]:
                self.sizes[leader] -= 1
                if not self.sizes[leader]:
                    del self.sizes[leader]
        else:  # an extend stopped half way: count again
            self.sizes = defaultdict(int)
            for leader in self.leader_of[:n]:
                self.sizes[leader] += 1
        self._counted = n
        del self.feats[n:], self.leader_of[n:]
        while self._lsh is not None and self._in_lsh and self._in_lsh[-1] >= n:
            self._lsh.remove(self._in_lsh.pop())

    def extend(
        self,
        feats: Sequence[Features],
        runner: Runner,
        encoder: str | Encoder | None,
        *,
        batch_size: int = 64,
        progress: bool = False,
        decide: DecisionRule = decide_relation,
    ) -> DedupStats:
        """Decide ``feats`` (the next positions), each against every record before it.

        Exact copies, MinHash LSH partners, (``p.semantic``) passage embeddings and their
        nearest earlier neighbours, each record's candidates; then the records in input
        order, each verified against the representatives of its candidates' clusters (at
        most ``p.max_candidates``), joining the cluster of the strongest relation or
        starting its own. A record's candidates are all earlier records, so the records
        are taken in waves (a record's wave comes after those of all its candidates) and
        each wave's pairs are verified as one batch of work on the runner. On an error the
        state is as it was before.

        Returns:
            The counts of the work done for these records.
        """
        n = len(self.feats)
        try:
            return self._extend(feats, runner, encoder, batch_size, progress, decide)
        except BaseException:
            self.truncate(n)
            # rebuilt: the failed batch may have stopped half way through either
            self._lsh = None
            self.df = feature_counts(self.feats, self.copies)
            raise

    def _extend(
        self,
        new_feats: Sequence[Features],
        runner: Runner,
        encoder: str | Encoder | None,
        batch_size: int,
        progress: bool,
        decide: DecisionRule,
    ) -> DedupStats:
        p = self.p
        start = len(self.feats)
        for k, f in enumerate(new_feats):
            if f.pos != start + k:
                raise ValueError(f"record at position {f.pos} given for position {start + k}")
        lsh_index = self.lsh  # of the records before these
        if p.semantic:  # without it, no record gets a vector to search with
            self._ensure_targets()
        self.feats.extend(new_feats)
        self.leader_of.extend(range(start, start + len(new_feats)))
        feats = self.feats
        new = range(start, len(feats))
        original: dict[int, int] = {}
        for f in new_feats:
            if f.minhash is not None:
                k = self.first.setdefault(f.text_hash, f.pos)
                if k != f.pos:
                    original[f.pos] = k
                    self.copies.add(f.pos)
        lsh = lsh_pairs(feats, self.copies, p, new=new, lsh=lsh_index)
        self._in_lsh.extend(
            f.pos for f in new_feats if f.minhash is not None and f.pos not in self.copies
        )
        embedded = 0
        if p.semantic:
            to_embed = [f.pos for f in new_feats if f.pos not in original and f.minhash is not None]
            with progress_bar(len(to_embed), "passages", progress) as bar:
                for s in range(0, len(to_embed), batch_size * 32):
                    part = to_embed[s : s + batch_size * 32]
                    texts = runner.texts(part)
                    items = [(x, texts[x]) for x in part]
                    done = runner.map(embed_passages, _batches(items, batch_size), encoder, p)
                    for batch in done:
                        for pos, vec in batch:
                            self.vectors[pos] = vec
                            embedded += 1
                    bar.update(len(part))
            for pos in to_embed:
                self._add_target(pos)
        targets = {
            lang: (rows.positions, rows.mat)
            for lang, rows in (self._targets.items() if p.semantic else ())
        }
        cands = candidate_lists(
            feats, self.vectors, lsh, self.copies, p, new=new, df=self.df, targets=targets
        )
        logger.debug("%d exact pairs, %d LSH pairs, %d embedded", len(original), len(lsh), embedded)
        level: dict[int, int] = {}
        for f in new_feats:
            if f.pos in original:
                level[f.pos] = level.get(original[f.pos], -1)
            else:
                before = (level.get(c[0], -1) for c in cands.get(f.pos, ()))
                level[f.pos] = 1 + max(before, default=-1)
        waves: dict[int, list[int]] = defaultdict(list)
        for f in new_feats:
            waves[level[f.pos]].append(f.pos)
        counts = {"verified": 0, "lexical": 0, "semantic": 0, "vetoed": 0}
        with progress_bar(len(new_feats), "records", progress) as bar:
            for w in sorted(waves):
                wave = waves[w]
                self._decide_wave(
                    wave, original, cands, runner, encoder, decide, batch_size, counts
                )
                bar.update(len(waves[w]))
        for pos in new:  # clusters are numbered in input order
            if self.leader_of[pos] == pos:
                self.cluster_of[pos] = len(self.cluster_of)
        stats = DedupStats(
            exact_pairs=len(original),
            lsh_pairs=len(lsh),
            embedded=embedded,
            candidates=sum(len(v) for v in cands.values()),
            verified=counts["verified"],
            lexical_pairs=counts["lexical"],
            semantic_pairs=counts["semantic"],
            vetoed_pairs=counts["vetoed"],
        )
        logger.debug("%s", stats)
        return stats

    def _decide_wave(
        self,
        wave: Sequence[int],
        original: dict[int, int],
        cands: dict[int, list[Candidate]],
        runner: Runner,
        encoder: str | Encoder | None,
        decide: DecisionRule,
        batch_size: int,
        counts: dict[str, int],
    ) -> None:
        p, feats, leader_of, article = self.p, self.feats, self.leader_of, self.article
        first_veto: dict[int, Outcome] = {}
        jobs: list[tuple[int, int, Candidate, bool]] = []
        for r in wave:
            if r in original:
                continue
            seen: set[int] = set()
            vetoed: set[int] = set()
            for cand in cands.get(r, ()):
                c = cand[0]
                rep = leader_of[c]
                # A candidate that is the representative's article (the representative
                # or a copy of it) is verified itself, anything else against its
                # cluster's representative; a same-language candidate outside the
                # representative's article is also checked as a copy of its own
                # (lexically only: a copy of a member is that member's article).
                targets = [(c, False)] if c in article else [(rep, False)]
                if c not in article and feats[c].lang == feats[r].lang:
                    targets.insert(0 if cand[1] is not None else 1, (c, True))
                for target, copy in targets:
                    if target in seen or target in vetoed or len(seen) >= p.max_candidates:
                        continue
                    conflicts = _conflicts(feats[target], feats[r], p)
                    if conflicts is None and target != rep:
                        # a member is verified only when its cluster's event agrees too
                        conflicts = _conflicts(feats[rep], feats[r], p)
                    if conflicts is None:
                        seen.add(target)
                        own = cand if target == c else _measure(target, r, feats, self.vectors)
                        jobs.append((target, r, own, copy))
                        continue
                    # refused on the facts of the two leads alone: no alignment, and
                    # not one of the record's max_candidates verifications
                    vetoed.add(target)
                    counts["vetoed"] += 1
                    if r not in first_veto:
                        first_veto[r] = (target, r, None, DedupEvidence(
                            None, "facts", 0.0, 0.0, cand[1], cand[2], cand[3],
                            conflicts=conflicts))  # fmt: skip
        outcomes = _verify(runner, jobs, feats, encoder, p, decide, batch_size, counts)
        by_record: dict[int, list[Outcome]] = defaultdict(list)
        rank: dict[int, dict[int, int]] = defaultdict(dict)
        for (rep, r, _, _), out in zip(jobs, outcomes, strict=True):
            rank[r][rep] = len(by_record[r])
            by_record[r].append(out)
        for r in wave:
            if r in original:
                a = original[r]
                ev = DedupEvidence(None, "hash", 1.0, 1.0, 1.0)
                self._decided(r, leader_of[a], a in article, (a, "exact", ev), None)
                continue
            best, worst = best_join(by_record.get(r, []), rank[r])
            if best is not None:
                other, _, rel, ev = best
                assert rel is not None
                in_article = rel in ("exact", "near_duplicate") and other in article
                self._decided(r, leader_of[other], in_article, (other, rel, ev), None)
                continue
            refused = None  # the representative of a cluster of its own
            if worst is not None and (worst[3].links or r not in first_veto):
                refused = worst
            elif r in first_veto:  # refused on facts before any verification
                refused = first_veto[r]
            self._decided(r, r, True, None, refused)

    def result(self, positions: Sequence[int], stats: DedupStats) -> DedupResult:
        """The decisions of the records at ``positions`` (ascending), as they stand now."""
        return assemble(
            self.feats,
            positions,
            self.leader_of,
            self.cluster_of,
            self.sizes,
            self.joins,
            self.refused,
            stats,
        )


class _Rows:
    """Unit rows of one language and their positions, grown in place (amortised doubling)."""

    def __init__(self, dim: int) -> None:
        self.n = 0
        self._pos = np.zeros(16, dtype=np.int64)
        self._mat = np.zeros((16, dim), dtype=np.float32)

    @classmethod
    def of(cls, positions: Sequence[int], vecs: Sequence[np.ndarray]) -> _Rows:
        """Rows made in one pass: ``vecs`` of ``positions`` (ascending), with room for a
        few more (a lookup's)."""
        n, room = len(positions), 64
        rows = cls(len(vecs[0]))
        rows.n = n
        rows._pos = np.zeros(n + room, dtype=np.int64)
        rows._pos[:n] = positions
        rows._mat = np.empty((n + room, len(vecs[0])), dtype=np.float32)
        np.stack(vecs, out=rows._mat[:n])
        return rows

    @property
    def positions(self) -> np.ndarray:
        return self._pos[: self.n]

    @property
    def mat(self) -> np.ndarray:
        return self._mat[: self.n]

    def append(self, pos: int, vec: np.ndarray) -> None:
        if self.n == len(self._pos):
            self._pos = np.concatenate([self._pos, np.zeros_like(self._pos)])
            self._mat = np.concatenate([self._mat, np.zeros_like(self._mat)])
        self._pos[self.n] = pos
        self._mat[self.n] = vec
        self.n += 1

    def truncate(self, pos: int) -> None:
        """Drop the rows of ``pos`` and after."""
        self.n = int(np.searchsorted(self.positions, pos))


def _measure(
    a: int, b: int, feats: Sequence[Features], vectors: Mapping[int, np.ndarray]
) -> Candidate:
    """The cheap measures of a pair the candidate search did not propose itself (a record
    and the representative of its candidate's cluster): Jaccard estimate and cosine."""
    ma, mb = feats[a].minhash, feats[b].minhash
    jac = None if ma is None or mb is None else round(float(np.mean(ma == mb)), 6)
    va, vb = vectors.get(a), vectors.get(b)
    cos = None if va is None or vb is None else exact_cosine(va, vb)
    return (a, jac, cos, None)


def _conflicts(rep: Features, rec: Features, p: DedupParams) -> tuple[str, ...] | None:
    """The facts that refuse a pair before any alignment, or ``None`` to verify it.

    A pair whose event days or lead counts conflict can be no translation or same story;
    in one language it could still be a copy re-run on another day, unless the days the
    texts name conflict too. Such a pair is refused here, at the cost of no alignment.
    """
    if not p.fact_veto:
        return None
    conflicts = fact_conflicts(rep.event, rec.event, tolerance=p.date_tolerance)
    if not conflicts:
        return None
    if rep.lang == rec.lang and not dates_conflict(
        rep.event.text_days, rec.event.text_days, p.date_tolerance
    ):
        return None
    return tuple(conflicts)


def _verify(
    runner: Runner,
    jobs: Sequence[tuple[int, int, Candidate, bool]],
    feats: Sequence[Features],
    encoder: str | Encoder | None,
    p: DedupParams,
    decide: DecisionRule,
    batch_size: int,
    counts: dict[str, int],
) -> list[Outcome]:
    """The outcomes of ``jobs`` (representative or member, record, candidate, lexical only),
    in order."""
    out: list[Outcome] = []
    # Batches are built a slice at a time so that only their texts are in memory.
    chunk = batch_size * 32
    for start in range(0, len(jobs), chunk):
        part = jobs[start : start + chunk]
        texts = runner.texts(sorted({x for a, b, _, _ in part for x in (a, b)}))
        work: list[Job] = [
            (
                a, b, texts[a], texts[b], feats[a].lang, feats[b].lang, feats[a].event,
                feats[b].event, cand[1], cand[2], cand[3], lexical_only,
            )
            for a, b, cand, lexical_only in part
        ]  # fmt: skip
        for res in runner.map(
            verify_pairs, _batches(work, max(1, batch_size // 8)), encoder, p, decide
        ):
            out.extend(res)
    for (a, b, _, _), o in zip(jobs, out, strict=True):
        counts["verified"] += 1
        counts["lexical"] += feats[a].lang == feats[b].lang
        counts["semantic"] += o[3].method == "semantic"
        counts["vetoed"] += o[3].method == "facts"
    return out
