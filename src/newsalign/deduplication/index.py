"""A dedup index that grows batch after batch: an embedded folder, no server.

:class:`DedupIndex` keeps a :class:`~.state.DedupState` in a folder: one SQLite database
(the standard library's ``sqlite3``) holds every record's features (MinHash values and
passage vector as blobs beside its other columns), its decision and its text, the settings
and a log of batches. :meth:`DedupIndex.add` continues the decision loop of a run with the
stored state, so records added in three batches get exactly the decisions (cluster numbers
included) of one :func:`~.pipeline.dedup` run on their concatenation; the batch's
decisions are those of that run cut after the batch (a record ``unique`` then may be the
``representative`` of a cluster joined later: :meth:`DedupIndex.result` gives the
decisions as they stand).

Each ``add`` is one SQLite transaction: a process killed during it leaves the index as it
was before the batch. The database is in WAL mode: readers see the last committed batch
while one process writes; a second writer gets a :class:`~newsalign.errors.NewsalignError`
saying the index is locked (after ``timeout`` seconds).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import numpy as np

from ..embed import Encoder
from ..errors import ConfigError, InputError, NewsalignError
from ..records import Link
from .cluster import Join
from .events import EventFacts
from .features import Features, featurize
from .io import JsonlSource, Record, check_record, iter_records
from .params import DedupParams
from .results import PAIR_RELATIONS, DedupDecision, DedupEvidence, DedupResult, DedupStats
from .state import DedupState, Runner
from .verify import Outcome

__all__ = ["DedupIndex"]

#: The schema version of an index folder.
VERSION = 1
_DB = "index.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, id_int INTEGER NOT NULL, lang TEXT NOT NULL,
    day INTEGER, text_hash BLOB NOT NULL, minhash BLOB, signature TEXT NOT NULL,
    n_sentences INTEGER NOT NULL, event TEXT NOT NULL, vector BLOB, leader INTEGER NOT NULL,
    in_article INTEGER NOT NULL, joined TEXT, refused TEXT, batch INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS record_ids ON records (id, id_int);
CREATE TABLE IF NOT EXISTS texts (pos INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    batch INTEGER PRIMARY KEY, first INTEGER NOT NULL, records INTEGER NOT NULL,
    added TEXT NOT NULL, stats TEXT NOT NULL
);
"""


def _evidence_obj(ev: DedupEvidence) -> dict[str, Any]:
    out = {f.name: getattr(ev, f.name) for f in dataclasses.fields(ev)}
    out["links"] = [[list(k.left), list(k.right), k.score, k.kind] for k in ev.links]
    out["agreed"], out["conflicts"] = list(ev.agreed), list(ev.conflicts)
    return out


def _evidence(obj: Mapping[str, Any]) -> DedupEvidence:
    links = tuple(Link(tuple(a), tuple(b), s, k) for a, b, s, k in obj["links"])
    return DedupEvidence(
        **{
            **obj,
            "links": links,
            "agreed": tuple(obj["agreed"]),
            "conflicts": tuple(obj["conflicts"]),
        }
    )


def _event_obj(ev: EventFacts) -> list[Any]:
    return [
        [list(d) for d in ev.days],
        [list(d) for d in ev.text_days],
        [list(c) for c in ev.counts],
    ]


def _event(obj: Sequence[Any]) -> EventFacts:
    days, text_days, counts = obj
    return EventFacts(
        tuple((a, b, c) for a, b, c in days),
        tuple((a, b, c) for a, b, c in text_days),
        tuple((a, b, float(c)) for a, b, c in counts),
    )


_T = TypeVar("_T")


class _Stored(MutableMapping[int, _T]):
    """Values read back from the index (how records joined or were refused), each decoded
    from its stored JSON on first access: a lookup reads one of them, or none."""

    def __init__(self, raw: dict[int, str], decode: Callable[[str], _T]) -> None:
        self._raw, self._decode = raw, decode
        self._done: dict[int, _T] = {}

    def __getitem__(self, pos: int) -> _T:
        if pos not in self._done:
            self._done[pos] = self._decode(self._raw.pop(pos))  # KeyError when absent
        return self._done[pos]

    def __setitem__(self, pos: int, value: _T) -> None:
        self._raw.pop(pos, None)
        self._done[pos] = value

    def __delitem__(self, pos: int) -> None:
        if self._raw.pop(pos, None) is None:
            del self._done[pos]

    def __contains__(self, pos: object) -> bool:
        return pos in self._raw or pos in self._done

    def __iter__(self) -> Iterator[int]:
        yield from list(self._raw)
        yield from list(self._done)

    def __len__(self) -> int:
        return len(self._raw) + len(self._done)


def _join(raw: str) -> Join:
    other, rel, ev = json.loads(raw)
    return (other, rel, _evidence(ev))


def _refusal(raw: str) -> Outcome:
    a, b, ev = json.loads(raw)
    return (a, b, None, _evidence(ev))


class _StoreRunner(Runner):
    """Texts from the index database (this batch's rows included, not yet committed)."""

    def __init__(self, conn: sqlite3.Connection, extra: Mapping[int, str] | None = None) -> None:
        self.conn = conn
        self.extra = extra or {}

    def texts(self, positions: Sequence[int]) -> dict[int, str]:
        out = {x: self.extra[x] for x in positions if x in self.extra}
        want = [x for x in positions if x not in out]
        for k in range(0, len(want), 500):
            part = want[k : k + 500]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(f"SELECT pos, text FROM texts WHERE pos IN ({marks})", part)
            out.update(rows)
        return out

    def map(self, fn: Any, batches: Sequence[Any], *args: Any) -> list[Any]:
        return [fn(batch, *args) for batch in batches]


class DedupIndex:
    """A persistent dedup index: records added batch after batch, each decided against
    everything indexed before it.

    Open one with :meth:`open`; :meth:`add` decides and stores a batch, :meth:`lookup`
    decides one text without storing it, :meth:`result` gives every decision as it stands,
    :meth:`info` the counts.

    Example:
        >>> import tempfile
        >>> story = "Troops crossed the border on Monday. Officials said 3,000 soldiers moved."
        >>> with DedupIndex.open(tempfile.mkdtemp(), params=DedupParams(semantic=False)) as idx:
        ...     day1 = idx.add([{"id": "a", "text": story}])
        ...     day2 = idx.add([{"id": "b", "text": story.upper()}])
        ...     seen = idx.lookup(story.lower())
        ...     print(len(idx), day2.decisions[0].relation, seen.relation, seen.representative)
        2 exact exact a
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        params: DedupParams,
        encoder: str | Encoder | None,
    ) -> None:
        self.path = path
        self._conn = conn
        self.params = params
        self.encoder = encoder
        self._state = DedupState(params)
        self._ids: set[tuple[str, int]] = set()
        self._stats: list[DedupStats] = []

    # -- opening ------------------------------------------------------------------------
    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether the folder ``path`` holds an index (its database file)."""
        return (Path(path) / _DB).is_file()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        params: DedupParams | None = None,
        encoder: str | Encoder | None = None,
        timeout: float = 0.0,
    ) -> DedupIndex:
        """Open the index in folder ``path``, making it (and the folder) when missing.

        Args:
            path: the folder.
            params: the settings of a new index; an existing index keeps its own, and
                ``params`` given must equal them.
            encoder: the encoder of the semantic stage; a name is stored with a new index
                and must match when given again; an :class:`~newsalign.Encoder` object is
                used as given (it must be the one the index was made with).
            timeout: seconds to wait for another process's write before giving up.

        Raises:
            NewsalignError: the folder holds no index of this version, or it is locked.
            ConfigError: ``params`` or ``encoder`` differ from the index's own.
        """
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder}: an index is a folder, got a file")
        folder.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(folder / _DB, timeout=timeout, isolation_level=None)
            with _locked(folder):
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with _transaction(conn, folder, "BEGIN"):
                meta = _meta(conn)
            if not meta:  # a new index: the schema and the settings, once
                with _transaction(conn, folder, "BEGIN IMMEDIATE"):
                    meta = _meta(conn)
                    if not meta:
                        for stmt in _SCHEMA.split(";"):
                            if stmt.strip():
                                conn.execute(stmt)
                        stored = params or DedupParams()
                        name = encoder if isinstance(encoder, str) or encoder is None else None
                        meta = {
                            "version": str(VERSION),
                            "params": json.dumps(dataclasses.asdict(stored), sort_keys=True),
                            "encoder": json.dumps(name),
                        }
                        conn.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        except sqlite3.DatabaseError as exc:
            raise NewsalignError(f"{folder}: not a newsalign dedup index ({exc})") from None
        if meta.get("version") != str(VERSION):
            conn.close()
            raise NewsalignError(
                f"{folder}: index version {meta.get('version')!r}, this newsalign reads {VERSION}"
            )
        stored_params = DedupParams(**json.loads(meta["params"]))
        if params is not None and params != stored_params:
            conn.close()
            diff = {
                k: v
                for k, v in dataclasses.asdict(params).items()
                if getattr(stored_params, k) != v
            }
            raise ConfigError(f"{folder}: the index was made with other settings than {diff!r}")
        stored_encoder = json.loads(meta["encoder"])
        if isinstance(encoder, str) and stored_encoder is not None and encoder != stored_encoder:
            conn.close()
            raise ConfigError(
                f"{folder}: the index was made with encoder {stored_encoder!r}, got {encoder!r}"
            )
        idx = cls(folder, conn, stored_params, encoder if encoder is not None else stored_encoder)
        with _transaction(conn, folder, "BEGIN"):
            idx._load()
        return idx

    def _load(self) -> None:
        """Read the stored state (inside a transaction: one consistent snapshot)."""
        state = DedupState(self.params)
        ids: set[tuple[str, int]] = set()
        rows = self._conn.execute(
            "SELECT pos, id, id_int, lang, day, text_hash, minhash, signature, n_sentences, "
            "event, vector, leader, in_article, joined, refused FROM records ORDER BY pos"
        ).fetchall()
        # every MinHash in one array (the LSH is built from its rows), a row view a record
        blobs = [row[6] for row in rows if row[6] is not None]
        mat = np.frombuffer(b"".join(blobs), dtype=np.uint64).reshape(
            len(blobs), self.params.num_perm
        )
        with_mh = np.fromiter((row[0] for row in rows if row[6] is not None), np.int64, len(blobs))
        del blobs
        k = 0
        # decoded once per distinct stored value (records and events are immutable)
        signatures: dict[str, frozenset[str]] = {}
        events: dict[str, EventFacts] = {}
        joins: dict[int, str] = {}  # decoded on first access (_Stored)
        refusals: dict[int, str] = {}
        for row in rows:
            pos, rid, id_int, lang, day, th, mh, sig, n_sent, event, vec, leader, art, j, r = row
            signature = signatures.get(sig)
            if signature is None:
                signature = signatures[sig] = frozenset(json.loads(sig))
            facts = events.get(event)
            if facts is None:
                facts = events[event] = _event(json.loads(event))
            ids.add((rid, id_int))
            f = Features(
                pos=pos,
                id=int(rid) if id_int else rid,
                lang=lang,
                day=day,
                text_hash=th,
                minhash=None if mh is None else mat[k],
                signature=signature,
                n_sentences=n_sent,
                event=facts,
            )
            k += mh is not None
            vector = None if vec is None else np.frombuffer(vec, dtype=np.float32)
            if j is not None:
                joins[pos] = j
            if r is not None:
                refusals[pos] = r
            state.add_decided(f, leader, bool(art), vector, None, None)
        state.stack_minhashes(with_mh, mat)
        state.joins, state.refused = _Stored(joins, _join), _Stored(refusals, _refusal)
        self._stats = [
            DedupStats(**json.loads(s))
            for (s,) in self._conn.execute("SELECT stats FROM batches ORDER BY batch")
        ]
        self._state, self._ids = state, ids

    def _stored_count(self) -> int:
        (n,) = self._conn.execute("SELECT COALESCE(MAX(pos) + 1, 0) FROM records").fetchone()
        return int(n)

    def _refresh(self) -> None:
        """Reload when another process added records since."""
        with _transaction(self._conn, self.path, "BEGIN"):
            if self._stored_count() != len(self._state):
                self._load()

    # -- adding and looking up ----------------------------------------------------------
    def add(
        self,
        records: Iterable[Mapping[str, Any]] | JsonlSource,
        *,
        progress: bool = False,
        chunk_size: int = 1000,
    ) -> DedupResult:
        """Decide a batch of records against everything indexed, and store them.

        ``records`` are what :func:`~.pipeline.dedup` takes; their ids must be new to the
        index. The batch is one transaction: all of it is stored, or (on an error or a
        kill) none of it.

        Returns:
            The decisions of the batch's records (those of one run on everything indexed
            so far, restricted to the batch), the groups of their clusters among them and
            the pairs they joined by.

        Raises:
            InputError: a record is malformed or its id is already indexed.
            NewsalignError: another process is writing the index.
            ConfigError, MissingDependencyError: as :func:`~.pipeline.dedup`.
        """
        if chunk_size < 1:
            raise ConfigError(f"chunk_size must be >= 1, got {chunk_size!r}")
        recs = list(iter_records(records))
        with _transaction(self._conn, self.path, "BEGIN IMMEDIATE"):
            if self._stored_count() != len(self._state):
                self._load()
            for k, rec in enumerate(recs):
                if _key(rec.id) in self._ids:
                    raise InputError(f"record {k}: id {rec.id!r} is already in the index")
            state, p = self._state, self.params
            n = len(state)
            feats: list[Features] = []
            for start in range(0, len(recs), chunk_size):
                feats += featurize(recs[start : start + chunk_size], n + start, p)
            runner = _StoreRunner(self._conn, {n + k: rec.text for k, rec in enumerate(recs)})
            stats = state.extend(feats, runner, self.encoder, progress=progress)
            try:
                self._write(recs, n, stats)
            except BaseException:
                state.truncate(n)
                raise
            result = state.result(range(n, len(state)), stats)
        self._ids.update(_key(rec.id) for rec in recs)
        self._stats.append(result.stats)
        return result

    def _write(self, recs: Sequence[Record], n: int, stats: DedupStats) -> None:
        state = self._state
        batch = len(self._stats)
        rows = []
        for k, rec in enumerate(recs):
            pos = n + k
            f = state.feats[pos]
            join = state.joins.get(pos)
            refused = state.refused.get(pos)
            vec = state.vectors.get(pos)
            rows.append(
                (
                    pos, str(rec.id), int(isinstance(rec.id, int)), f.lang, f.day, f.text_hash,
                    None if f.minhash is None else np.asarray(f.minhash, np.uint64).tobytes(),
                    json.dumps(sorted(f.signature)), f.n_sentences,
                    json.dumps(_event_obj(f.event)),
                    None if vec is None else np.asarray(vec, np.float32).tobytes(),
                    state.leader_of[pos], int(pos in state.article),
                    None if join is None
                    else json.dumps([join[0], join[1], _evidence_obj(join[2])]),
                    None if refused is None
                    else json.dumps([refused[0], refused[1], _evidence_obj(refused[3])]),
                    batch,
                )
            )  # fmt: skip
        self._conn.executemany(f"INSERT INTO records VALUES ({','.join('?' * 16)})", rows)
        self._conn.executemany(
            "INSERT INTO texts VALUES (?, ?)", [(n + k, rec.text) for k, rec in enumerate(recs)]
        )
        added = datetime.now(timezone.utc).isoformat(timespec="seconds")
        done = dataclasses.replace(stats, records=len(recs))
        self._conn.execute(
            "INSERT INTO batches VALUES (?, ?, ?, ?, ?)",
            (batch, n, len(recs), added, json.dumps(dataclasses.asdict(done))),
        )

    def lookup(
        self,
        text: str,
        *,
        lang: str | None = None,
        date: str | None = None,
        id: str | int = "?",
    ) -> DedupDecision:
        """The decision ``text`` would get if added now, without adding it ("seen before?").

        Its ``relation`` is ``unique`` when nothing indexed is a copy, translation or
        coverage of its event; otherwise ``representative`` names the cluster it would
        join and the evidence the record it was verified against.

        Raises:
            InputError: ``text``, ``lang`` or ``date`` has a wrong type.
        """
        rec = check_record({"id": id, "text": text, "lang": lang, "date": date}, "lookup")
        self._refresh()
        state = self._state
        n = len(state)
        feats = featurize([rec], n, self.params)
        stats = state.extend(feats, _StoreRunner(self._conn, {n: text}), self.encoder)
        try:
            return state.result([n], stats).decisions[0]
        finally:
            state.truncate(n)

    # -- reading ------------------------------------------------------------------------
    def result(self) -> DedupResult:
        """Every indexed record's decision as it stands: one run on everything indexed.

        Its stats add up the batches' (they equal that run's).
        """
        self._refresh()
        total = DedupStats()
        for s in self._stats:
            total = DedupStats(*(a + b for a, b in zip(_counts(total), _counts(s), strict=True)))
        return self._state.result(range(len(self._state)), total)

    def info(self) -> dict[str, Any]:
        """Counts: records, batches, clusters (and those of two or more), relations."""
        self._refresh()
        state = self._state
        relations = dict.fromkeys(PAIR_RELATIONS, 0)
        for _, rel, _ in state.joins.values():
            relations[rel] += 1
        multi = sum(1 for r in state.cluster_of if state.sizes[r] > 1)
        return {
            "path": str(self.path),
            "records": len(state),
            "batches": len(self._stats),
            "clusters": len(state.cluster_of),
            "clusters_of_two_or_more": multi,
            "relations": {
                "representative": multi,
                "unique": len(state.cluster_of) - multi,
                **relations,
            },
            "encoder": self.encoder if isinstance(self.encoder, str) or self.encoder is None
            else getattr(self.encoder, "name", type(self.encoder).__name__),
        }  # fmt: skip

    def __len__(self) -> int:
        return len(self._state)

    def close(self) -> None:
        """Close the database."""
        self._conn.close()

    def __enter__(self) -> DedupIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The meta table, empty when the database holds no index yet."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'")
    if found.fetchone() is None:
        return {}
    return dict(conn.execute("SELECT key, value FROM meta"))


def _key(rid: str | int) -> tuple[str, int]:
    return str(rid), int(isinstance(rid, int))


def _counts(s: DedupStats) -> tuple[int, ...]:
    return tuple(getattr(s, f.name) for f in dataclasses.fields(s))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """SQLite's "locked" and "busy" as a :class:`NewsalignError` naming the index."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise NewsalignError(
                f"{path}: the index is locked: another process is writing it ({exc})"
            ) from None
        raise NewsalignError(f"{path}: cannot use the index ({exc})") from None


@contextmanager
def _transaction(conn: sqlite3.Connection, path: Path, begin: str) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with _locked(path):
        conn.execute(begin)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
