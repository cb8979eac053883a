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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..embed import Encoder
from ..errors import ConfigError
from .features import Features, featurize
from .io import JsonlSource, Record, iter_records
from .params import DedupParams, resolve_params
from .progress import progress_bar
from .results import DedupResult
from .state import DedupState, Runner
from .verify import DecisionRule, decide_relation

__all__ = ["LocalRunner", "Runner", "TextStore", "dedup", "run_in_process", "run_stages"]

logger = logging.getLogger(__name__)


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

    One :meth:`DedupState.extend` from an empty state (the loop a stored
    :class:`~newsalign.deduplication.index.DedupIndex` continues batch after batch):
    records are decided in input order, each against the representatives of its
    candidates' clusters (at most ``p.max_candidates``), joining the cluster of the
    strongest relation or starting its own.

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
    state = DedupState(p)
    stats = state.extend(
        feats, runner, encoder, batch_size=batch_size, progress=progress, decide=decide
    )
    return state.result(range(len(feats)), stats)


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
