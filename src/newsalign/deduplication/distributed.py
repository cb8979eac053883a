"""The Dask path: the same stages as :func:`newsalign.deduplication.dedup`, on a cluster.

Records are split into partitions that live on the workers (scattered from the client as
they are read, or the partitions of a ``dask.bag``). The workers check and featurise their
partitions, embed the passages of the records the signature selects and run every sentence
alignment; the client holds only the index (MinHash values, signatures, passage vectors),
runs the LSH, signature and nearest-neighbour candidate generation and the union-find, and
ships each batch of candidate pairs with its two texts to a worker.

Because the stages, their inputs and the order of their results are the same as in
:func:`newsalign.deduplication.dedup`, the result is equal to the in-process one.
"""

from __future__ import annotations

import bisect
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..embed import Encoder
from ..errors import ConfigError, InputError
from ..validate import check_at_least
from .extras import distributed_module, is_bag, is_dask_frame, pyarrow_module, pyarrow_parquet
from .features import Features, featurize
from .io import JsonlSource, Record, check_record, iter_records
from .params import DedupParams, resolve_params
from .pipeline import Runner, run_stages
from .progress import progress_bar
from .results import DedupResult, decision_table
from .tables import Columns, records_of, with_decisions

__all__ = ["check_scheduler_address", "dedup_dask"]

logger = logging.getLogger(__name__)

# HOST:PORT with an optional scheme distributed knows; inproc:// addresses are opaque
_ADDRESS = re.compile(
    r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})"
    r"|inproc://\S+"
)


def check_scheduler_address(address: Any) -> str:
    """``address`` if it reads as a Dask scheduler address, or :class:`ConfigError`.

    The forms are ``HOST:PORT`` and ``SCHEME://HOST:PORT`` (``tcp``, ``tls``, ``ws``,
    ``wss``, ``ucx``; an IPv6 host in brackets), and ``inproc://...``.

    Example:
        >>> check_scheduler_address("tcp://127.0.0.1:8786")
        'tcp://127.0.0.1:8786'
        >>> check_scheduler_address("notaurl")
        Traceback (most recent call last):
        ...
        newsalign.errors.ConfigError: Dask scheduler address 'notaurl' is not HOST:PORT or \
SCHEME://HOST:PORT (e.g. tcp://127.0.0.1:8786)
    """
    match = _ADDRESS.fullmatch(address) if isinstance(address, str) else None
    port = match.group(1) if match else None
    if not isinstance(address, str) or match is None or (port and not 0 < int(port) < 65536):
        raise ConfigError(
            f"Dask scheduler address {address!r} is not HOST:PORT or SCHEME://HOST:PORT "
            "(e.g. tcp://127.0.0.1:8786)"
        )
    return address


def _check_partition(raw: Sequence[Any], start: int) -> list[Record]:
    return [check_record(obj, f"record {start + k}") for k, obj in enumerate(raw)]


def _frame_records(frame: Any, cols: Columns) -> list[dict[str, Any]]:
    """The records of one pandas partition of a Dask DataFrame."""
    return list(records_of(frame, cols, where="dask partition"))


def _output_folder(output: str | os.PathLike[str]) -> Path:
    """The folder Parquet partitions go to: made when missing, refused when it holds some."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"output {str(output)!r}: Parquet partitions go to a folder, got a file")
    if folder.is_dir() and any(folder.glob("*.parquet")):
        raise InputError(f"output {str(output)!r}: the folder already holds Parquet files")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write_part(table: Any, path: str) -> int:
    """Write one partition's table (a new file, renamed into place when whole)."""
    tmp = f"{path}.tmp"
    pyarrow_parquet().write_table(table, tmp)
    os.replace(tmp, path)
    return int(table.num_rows)


def _write_frame_part(frame: Any, decisions: Any, path: str) -> int:
    """On a worker: one pandas partition, its columns then its decisions, as Parquet."""
    table = pyarrow_module().Table.from_pandas(frame, preserve_index=False)
    if table.num_rows != decisions.num_rows:
        raise InputError(
            f"{path}: the partition has {table.num_rows} rows now, "
            f"{decisions.num_rows} when it was decided"
        )
    return _write_part(with_decisions(table, decisions), path)


def _write_partitions(
    client: Any, records: Any, result: DedupResult, starts: Sequence[int], folder: Path
) -> None:
    """The decisions as Parquet partitions ``part.00000.parquet``, ... in input order.

    A Dask DataFrame's partitions are written on the workers, each with its own columns
    and rows followed by its decisions (the client sends only the decisions); any other
    input's decisions (``id`` and the decision columns) are written here, one file per
    partition.
    """
    table = decision_table(result)
    ends = [*starts[1:], len(result.decisions)]
    slices = [table.slice(a, b - a) for a, b in zip(starts, ends, strict=True)]
    names = [str(folder / f"part.{k:05d}.parquet") for k in range(len(slices))]
    if is_dask_frame(records):
        from dask.delayed import delayed

        parts = records.to_delayed()
        jobs = [
            delayed(_write_frame_part)(d, t, n)
            for d, t, n in zip(parts, slices, names, strict=True)
        ]
        client.gather(client.compute(jobs))
        return
    for t, n in zip(slices, names, strict=True):
        _write_part(t, n)


def _texts_of(part: Sequence[Record], start: int, positions: Sequence[int]) -> dict[int, str]:
    return {x: part[x - start].text for x in positions}


class _DaskRunner(Runner):
    def __init__(self, client: Any, parts: Sequence[Any], starts: Sequence[int]) -> None:
        self.client = client
        self.parts = parts
        self.starts = starts

    def texts(self, positions: Sequence[int]) -> dict[int, str]:
        wanted: dict[int, list[int]] = {}
        for x in positions:
            wanted.setdefault(bisect.bisect_right(self.starts, x) - 1, []).append(x)
        futures = [
            self.client.submit(_texts_of, self.parts[k], self.starts[k], xs, pure=False)
            for k, xs in sorted(wanted.items())
        ]
        out: dict[int, str] = {}
        for part in self.client.gather(futures):
            out.update(part)
        return out

    def map(self, fn: Callable[..., list[Any]], batches: Sequence[Any], *args: Any) -> list[Any]:
        futures = [self.client.submit(fn, batch, *args, pure=False) for batch in batches]
        return list(self.client.gather(futures))


def dedup_dask(
    records: Iterable[Mapping[str, Any]] | JsonlSource | Any,
    *,
    client: Any = None,
    scheduler: str | None = None,
    threshold: float | None = None,
    encoder: str | Encoder | None = None,
    params: DedupParams | None = None,
    partition_size: int = 1000,
    progress: bool = False,
    connect_timeout: float = 10.0,
    output: str | os.PathLike[str] | None = None,
    columns: Columns | None = None,
) -> DedupResult:
    """:func:`newsalign.dedup` on a Dask cluster; the result is equal to in-process.

    Args:
        records: mappings ``{"id", "text", "lang"?, "date"?}``, the path of a JSONL file or
            a file object open on one (read on the client and scattered, so the workers
            need not see the file), a ``dask.bag.Bag`` of such mappings, or a
            ``dask.dataframe.DataFrame`` with columns ``id``, ``text``, ``lang``?, ``date``?
            (``dd.read_parquet(...)``; the partitions of both stay on the cluster).
        client: a ``distributed.Client``; if omitted, ``scheduler`` or the current client.
        scheduler: address of a running scheduler (``"tcp://HOST:8786"``); a client is
            opened for the call and closed after it.
        threshold: the aligned share that makes a near duplicate.
        encoder: encoder name for the semantic stage (a name travels to the workers
            better than an object).
        params: every other setting.
        partition_size: records per partition when the input is not a bag.
        progress: show progress bars on stderr.
        connect_timeout: seconds to wait for the ``scheduler`` to answer.
        output: a folder to write the decisions to as Parquet partitions
            (``part.00000.parquet``, ... in input order, one per input partition; it must
            hold no Parquet file yet). For a ``dask.dataframe`` each partition is written
            on its worker: its columns and rows (the index is not written) then
            :data:`~.results.DECISION_COLUMNS`; for any other input, ``id`` then those.
            Read them back with ``pandas.read_parquet(output)`` or ``dd.read_parquet``.
        columns: which columns of a ``dask.dataframe`` hold the id, text, language and
            date (``id``, ``text``, ``lang``, ``date`` by default).

    Raises:
        MissingDependencyError: dask or distributed is not installed.
        ConfigError: no client could be found, the ``scheduler`` address is malformed, or
            the scheduler did not answer within ``connect_timeout``.
        InputError: as :func:`newsalign.dedup`; ``output`` is a file or holds Parquet
            files; an input column has the name of a decision column.
        MissingDependencyError: ``output`` without pyarrow.

    Example:
        >>> from distributed import Client, LocalCluster  # doctest: +SKIP
        >>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, \\
        ...         Client(cluster) as client:  # doctest: +SKIP
        ...     res = dedup_dask("news.jsonl", client=client)
    """
    p = resolve_params(params, threshold)
    if partition_size < 1:
        raise ConfigError(f"partition_size must be >= 1, got {partition_size!r}")
    if scheduler is not None:
        check_scheduler_address(scheduler)
    wait = check_at_least("connect_timeout", connect_timeout, 0.1)
    distributed = distributed_module()
    if output is not None:
        pyarrow_module()  # the extra is named before any work
        folder = _output_folder(output)
    own = None
    if client is None and scheduler:
        try:
            client = own = distributed.Client(scheduler, timeout=f"{wait:g}s")
        except (OSError, ValueError) as exc:  # refused, timed out (OSError), bad host
            raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from None
    if client is None:
        try:
            client = distributed.get_client()
        except ValueError:
            raise ConfigError(
                "dedup_dask needs a distributed.Client (client=...) or a scheduler address"
            ) from None
    try:
        result, starts = _dedup_on(
            client, records, encoder, p, partition_size, progress, columns or Columns()
        )
        if output is not None:
            _write_partitions(client, records, result, starts, folder)
        return result
    finally:
        if own is not None:
            own.close()


def _dedup_on(
    client: Any,
    records: Any,
    encoder: str | Encoder | None,
    p: DedupParams,
    partition_size: int,
    progress: bool,
    columns: Columns,
) -> tuple[DedupResult, list[int]]:
    parts: list[Any] = []
    starts: list[int] = []
    feat_futures: list[Any] = []
    raw_parts = None
    if is_dask_frame(records):  # each partition's rows become records on its worker
        from dask.delayed import delayed

        raw_parts = client.compute(
            [delayed(_frame_records)(d, columns) for d in records.to_delayed()]
        )
    elif is_bag(records):
        raw_parts = client.compute(records.to_delayed())
    if raw_parts is not None:
        lengths = client.gather([client.submit(len, f, pure=False) for f in raw_parts])
        start = 0
        for raw, n in zip(raw_parts, lengths, strict=True):
            parts.append(client.submit(_check_partition, raw, start, pure=False))
            starts.append(start)
            start += n
    else:
        chunk: list[Record] = []
        start = 0
        for rec in iter_records(records):
            chunk.append(rec)
            if len(chunk) >= partition_size:
                parts.append(client.scatter(chunk))
                starts.append(start)
                start += len(chunk)
                chunk = []
        if chunk or not parts:
            parts.append(client.scatter(chunk))
            starts.append(start)
    for part, s in zip(parts, starts, strict=True):
        feat_futures.append(client.submit(featurize, part, s, p, pure=False))
    feats: list[Features] = []
    with progress_bar(len(feat_futures), "partitions", progress) as bar:
        for res in client.gather(feat_futures):
            feats.extend(res)
            bar.update(1)
    seen: set[Any] = set()
    for f in feats:
        if f.id in seen:
            raise InputError(f"record {f.pos}: field 'id' repeats an earlier id {f.id!r}")
        seen.add(f.id)
    try:
        runner = _DaskRunner(client, parts, starts)
        return run_stages(feats, runner, encoder, p, progress=progress), starts
    finally:
        client.cancel(parts + feat_futures)
