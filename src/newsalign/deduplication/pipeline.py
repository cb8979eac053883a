"""The stages of a run, independent of where they run, and the in-process :func:`dedup`.

:func:`run_stages` takes the features of every record and a :class:`Runner` (where texts
are fetched and batches of work run): exact pairs, MinHash LSH pairs, (``params.semantic``)
passage embeddings and their nearest neighbours, each record's candidates, then the records
in input order, each verified against its candidates' cluster representatives.
:func:`run_in_process` streams records into a :class:`TextStore` and runs the stages here;
:func:`newsalign.deduplication.dedup_dask` runs the same stages on a Dask cluster. The
verifier takes the decision rule from the ``decide`` argument of :func:`run_stages` /
:func:`run_in_process` (a :class:`~newsalign.deduplication.verify.DecisionRule`,
:func:`decide_relation` by default): the seam a study of the rule uses instead of patching
the module.
"""

from __future__ import annotations

import logging
import os
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..embed import Encoder
from ..errors import ConfigError
from .candidates import Candidate, candidate_lists, exact_pairs, lsh_pairs
from .cluster import Join, assemble, best_join
from .events import dates_conflict, fact_conflicts
from .features import Features, embed_passages, featurize
from .io import JsonlSource, Record, iter_records
from .params import DedupParams, resolve_params
from .progress import progress_bar
from .results import DedupEvidence, DedupResult, DedupStats
from .verify import DecisionRule, Job, Outcome, decide_relation, verify_pairs

__all__ = ["LocalRunner", "Runner", "TextStore", "dedup", "run_in_process", "run_stages"]

logger = logging.getLogger(__name__)


class Runner:
    """Runs the stages of the pipeline through an executor-like backend.

    ``texts`` returns ``{pos: text}`` for positions; ``map`` runs a function over batches.
    The in-process backend (:class:`LocalRunner`) does it all here;
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


def run_stages(
    feats: Sequence[Features],
    runner: Runner,
    encoder: str | Encoder | None,
    p: DedupParams,
    *,
    batch_size: int = 64,
    progress: bool = False,
    decide: DecisionRule = decide_relation,
) -> DedupResult:
    """Every stage after featurising: candidates, verification, clusters.

    Records are decided in input order: each is verified against the representatives of
    its candidates' clusters (at most ``p.max_candidates``) and joins the cluster of the
    strongest relation, or starts its own. A record's candidates are all earlier records,
    so the records are taken in waves (a record's wave comes after those of all its
    candidates) and each wave's pairs are verified as one batch of work on the runner.

    Args:
        feats: the features of every record, by input position.
        runner: where texts come from and batches of work run.
        encoder: the encoder of the semantic stage (a name travels to workers best).
        p: the settings.
        batch_size: records per embedding batch; pairs per verification batch are an
            eighth of it.
        progress: show progress bars on stderr.
        decide: the decision rule the verifier calls (it must pickle for a Dask runner).
    """
    exact, copies = exact_pairs(feats)
    original = {b: a for a, b in exact}
    lsh = lsh_pairs(feats, copies, p)
    vectors: dict[int, np.ndarray] = {}
    if p.semantic:
        to_embed = [f.pos for f in feats if f.pos not in copies and f.minhash is not None]
        with progress_bar(len(to_embed), "passages", progress) as bar:
            for start in range(0, len(to_embed), batch_size * 32):
                part = to_embed[start : start + batch_size * 32]
                texts = runner.texts(part)
                items = [(x, texts[x]) for x in part]
                for batch in runner.map(embed_passages, _batches(items, batch_size), encoder, p):
                    vectors.update(batch)
                bar.update(len(part))
    cands = candidate_lists(feats, vectors, lsh, copies, p)
    logger.debug("%d exact pairs, %d LSH pairs, %d embedded", len(exact), len(lsh), len(vectors))
    level: list[int] = []
    for f in feats:
        if f.pos in original:
            level.append(level[original[f.pos]])
        else:
            level.append(1 + max((level[c[0]] for c in cands.get(f.pos, ())), default=-1))
    waves: dict[int, list[int]] = defaultdict(list)
    for f in feats:
        waves[level[f.pos]].append(f.pos)
    leader_of: list[int] = list(range(len(feats)))
    joins: dict[int, Join] = {}
    refused: dict[int, Outcome] = {}
    first_veto: dict[int, Outcome] = {}
    # the representatives and their copies: each is its cluster representative's article
    article: set[int] = set()
    counts = {"verified": 0, "lexical": 0, "semantic": 0, "vetoed": 0}
    with progress_bar(len(feats), "records", progress) as bar:
        for w in sorted(waves):
            wave = waves[w]
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
                            own = cand if target == c else _measure(target, r, feats, vectors)
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
                    leader_of[r] = leader_of[a]
                    joins[r] = (a, "exact", DedupEvidence(None, "hash", 1.0, 1.0, 1.0))
                    if a in article:
                        article.add(r)
                    continue
                best, worst = best_join(by_record.get(r, []), rank[r])
                if best is not None:
                    other, _, rel, ev = best
                    assert rel is not None
                    leader_of[r] = leader_of[other]
                    joins[r] = (other, rel, ev)
                    if rel in ("exact", "near_duplicate") and other in article:
                        article.add(r)
                    continue
                article.add(r)  # the representative of a cluster of its own
                if worst is not None and (worst[3].links or r not in first_veto):
                    refused[r] = worst
                elif r in first_veto:  # refused on facts before any verification
                    refused[r] = first_veto[r]
            bar.update(len(wave))
    stats = DedupStats(
        exact_pairs=len(exact),
        lsh_pairs=len(lsh),
        embedded=len(vectors),
        candidates=sum(len(v) for v in cands.values()),
        verified=counts["verified"],
        lexical_pairs=counts["lexical"],
        semantic_pairs=counts["semantic"],
        vetoed_pairs=counts["vetoed"],
    )
    logger.debug("%s", stats)
    return assemble(feats, leader_of, joins, refused, stats)


def _measure(
    a: int, b: int, feats: Sequence[Features], vectors: Mapping[int, np.ndarray]
) -> Candidate:
    """The cheap measures of a pair the candidate search did not propose itself (a record
    and the representative of its candidate's cluster): Jaccard estimate and cosine."""
    ma, mb = feats[a].minhash, feats[b].minhash
    jac = None if ma is None or mb is None else round(float(np.mean(ma == mb)), 6)
    va, vb = vectors.get(a), vectors.get(b)
    cos = None if va is None or vb is None else round(float(va @ vb), 5)
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


class TextStore:
    """Texts spilled to a temporary file, so memory holds offsets, not the corpus.

    Example:
        >>> store = TextStore()
        >>> store.add("Troops moved."); store.add("군인들이 이동했다.")
        >>> store.get(1)
        '군인들이 이동했다.'
        >>> store.close()
    """

    def __init__(self) -> None:
        # closed by close(), which run_in_process() calls in a finally block
        self._fh = tempfile.TemporaryFile()  # noqa: SIM115
        self._offsets = array("q", [0])

    def add(self, text: str) -> None:
        """Append the text of the next position."""
        data = text.encode("utf-8")
        self._fh.seek(0, os.SEEK_END)
        self._fh.write(data)
        self._offsets.append(self._offsets[-1] + len(data))

    def get(self, pos: int) -> str:
        """The text at position ``pos``."""
        start, end = self._offsets[pos], self._offsets[pos + 1]
        self._fh.seek(start)
        return self._fh.read(end - start).decode("utf-8")

    def close(self) -> None:
        """Delete the file."""
        self._fh.close()


class LocalRunner(Runner):
    """The in-process backend: texts from a :class:`TextStore`, batches run here."""

    def __init__(self, store: TextStore) -> None:
        self.store = store

    def texts(self, positions: Sequence[int]) -> dict[int, str]:
        return {x: self.store.get(x) for x in positions}

    def map(self, fn: Callable[..., list[Any]], batches: Sequence[Any], *args: Any) -> list[Any]:
        return [fn(batch, *args) for batch in batches]


def dedup(
    records: Iterable[Mapping[str, Any]] | JsonlSource,
    *,
    threshold: float | None = None,
    encoder: str | Encoder | None = None,
    params: DedupParams | None = None,
    progress: bool = False,
    chunk_size: int = 1000,
) -> DedupResult:
    """Find exact copies, near copies, translations and same-story records, in process.

    Args:
        records: mappings ``{"id", "text", "lang"?, "date"?}`` (any iterable, read once), or
            JSONL of them: a path or a file object (``sys.stdin.buffer``). Ids are kept as
            given and must be unique; strings must be encodable as UTF-8.
        threshold: the aligned share that makes a near duplicate (``params.threshold``).
        encoder: encoder for the semantic stage (``"use-m3"`` by default; ``"tfidf"`` works
            for same-language text only).
        params: every other setting (:class:`DedupParams`).
        progress: show progress bars on stderr (tqdm).
        chunk_size: records featurised at a time.

    Returns:
        A :class:`DedupResult`: one :class:`DedupDecision` per record in input order, the
        :class:`DuplicateGroup` partition, and the verified :class:`DuplicatePair` list.

    Raises:
        InputError: a record lacks ``id`` or ``text``, has a wrong type, holds a lone
            surrogate, or repeats an id; JSONL that cannot be read (naming file and line).
        ConfigError: a setting is out of range or the encoder is unknown.
        MissingDependencyError: datasketch (or tqdm for ``progress``) is not installed.

    Example:
        >>> story = "Troops crossed the border on Monday. Officials said 3,000 soldiers moved."
        >>> res = dedup([
        ...     {"id": "a", "text": story},
        ...     {"id": "b", "text": story.upper()},
        ...     {"id": "c", "text": "The central bank raised rates by a quarter point."},
        ... ], params=DedupParams(semantic=False))
        >>> [(d.id, d.cluster, d.relation, d.representative) for d in res.decisions]
        [('a', 0, 'representative', 'a'), ('b', 0, 'exact', 'a'), ('c', 1, 'unique', 'c')]
    """
    p = resolve_params(params, threshold)
    return run_in_process(records, p, encoder=encoder, progress=progress, chunk_size=chunk_size)


def run_in_process(
    records: Iterable[Mapping[str, Any]] | JsonlSource,
    p: DedupParams,
    *,
    encoder: str | Encoder | None = None,
    progress: bool = False,
    chunk_size: int = 1000,
    decide: DecisionRule = decide_relation,
) -> DedupResult:
    """:func:`dedup` with settled settings and the decision rule as a seam.

    Records are checked and featurised ``chunk_size`` at a time, their texts spilled to a
    :class:`TextStore`, and :func:`run_stages` runs here with ``decide``. With the default
    rule this is exactly ``dedup(records, encoder=encoder, params=p, ...)``; a study of the
    rule passes its own (``benchmarks/dedup_tune.py`` keeps every aligned pair this way).

    Raises:
        InputError, ConfigError, MissingDependencyError: as :func:`dedup`.

    Example:
        >>> def strict(ev, p):
        ...     return "near_duplicate" if min(ev.share_left, ev.share_right) == 1.0 else None
        >>> res = run_in_process([{"id": "a", "text": "Troops moved. Talks failed."},
        ...                       {"id": "b", "text": "Troops moved. Talks failed. Rain."}],
        ...                      DedupParams(semantic=False), decide=strict)
        >>> [d.relation for d in res.decisions]
        ['unique', 'unique']
    """
    if chunk_size < 1:
        raise ConfigError(f"chunk_size must be >= 1, got {chunk_size!r}")
    store = TextStore()
    try:
        feats: list[Features] = []
        chunk: list[Record] = []
        with progress_bar(None, "records", progress) as bar:
            for rec in iter_records(records):
                store.add(rec.text)
                chunk.append(rec)
                if len(chunk) >= chunk_size:
                    feats += featurize(chunk, len(feats), p)
                    bar.update(len(chunk))
                    chunk = []
            feats += featurize(chunk, len(feats), p)
            bar.update(len(chunk))
        return run_stages(feats, LocalRunner(store), encoder, p, progress=progress, decide=decide)
    finally:
        store.close()
