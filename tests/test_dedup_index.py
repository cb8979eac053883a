"""Tests of the dedup index (issue 15): batches equal one run, crash safety, locking."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dedup import NEAR, STORY_A, STORY_B, _mixed_corpus, corpora, near_copy, text

import newsalign as na
from newsalign.deduplication import DedupParams, DedupResult, dedup
from newsalign.errors import ConfigError, InputError, NewsalignError

ROOT = Path(__file__).resolve().parent.parent
VOA = ROOT.parent / "shared" / "data" / "voa_events" / "articles.jsonl"
SEMANTIC = DedupParams(min_cosine=0.3, weak_min_cosine=0.3)


def _batches(recs: list[dict[str, Any]], cuts: tuple[int, int]) -> list[list[dict[str, Any]]]:
    a, b = sorted(cuts)
    return [recs[:a], recs[a:b], recs[b:]]


def _check_batches_equal_one_run(
    path: Path, recs: list[dict[str, Any]], cuts: tuple[int, int], params: DedupParams,
    encoder: str | None = None, reopen: bool = True,
) -> DedupResult:  # fmt: skip
    """Add ``recs`` in three batches (reopening the index between them) and compare."""
    whole = dedup(recs, encoder=encoder, params=params)
    done = 0
    idx = na.DedupIndex.open(path, params=params, encoder=encoder)
    for batch in _batches(recs, cuts):
        if reopen:
            idx.close()
            idx = na.DedupIndex.open(path)
        res = idx.add(batch)
        # a batch's decisions are those of one run on everything so far, cut to the batch
        prefix = dedup(recs[: done + len(batch)], encoder=encoder, params=params)
        assert res.decisions == prefix.decisions[done:]
        assert res.pairs == tuple(q for q in prefix.pairs if q.right in {r["id"] for r in batch})
        done += len(batch)
    assert len(idx) == len(recs)
    got = idx.result()
    idx.close()
    assert got == whole  # decisions (cluster numbers included), groups, pairs and stats
    return whole


def test_three_batches_equal_one_run(tmp_path: Path) -> None:
    recs = _mixed_corpus()
    whole = _check_batches_equal_one_run(tmp_path / "idx", recs, (9, 21), SEMANTIC, "tfidf")
    assert whole.stats.verified_pairs > 5  # the batches had clusters to continue
    assert any(d.relation != "unique" for d in whole.decisions[21:])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(recs=corpora(), a=st.integers(0, 12), b=st.integers(0, 12))
def test_batches_equal_one_run_on_any_corpus(
    tmp_path_factory: pytest.TempPathFactory, recs: list[dict[str, Any]], a: int, b: int
) -> None:
    path = tmp_path_factory.mktemp("idx")
    _check_batches_equal_one_run(path, recs, (a, b), NEAR, reopen=a % 2 == 0)


def _voa() -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in VOA.read_text("utf-8").splitlines() if x.strip()]
    return [{k: r[k] for k in ("id", "text", "lang", "date")} for r in rows]


@pytest.mark.skipif(not VOA.exists(), reason="the VOA corpus is not in ../shared")
def test_voa_day_by_day_equals_one_run(tmp_path: Path) -> None:
    recs = sorted(_voa(), key=lambda r: (r["date"], r["id"]))  # the order of a daily crawl
    whole = dedup(recs, encoder="tfidf")
    idx = na.DedupIndex.open(tmp_path / "voa", encoder="tfidf")
    days = sorted({r["date"] for r in recs})
    cut1, cut2 = days[len(days) // 3], days[2 * len(days) // 3]
    batches = [
        [r for r in recs if r["date"] < cut1],
        [r for r in recs if cut1 <= r["date"] < cut2],
        [r for r in recs if r["date"] >= cut2],
    ]
    got = []
    for batch in batches:
        idx.close()
        idx = na.DedupIndex.open(tmp_path / "voa")
        got += idx.add(batch).decisions
    # a record decided unique on its day becomes the representative of a cluster joined later
    late = [replace(d, relation="representative") if d.relation == "unique" else d for d in got]
    want = [d for d in whole.decisions]
    assert [(d.id, d.cluster, d.representative) for d in got] == [
        (d.id, d.cluster, d.representative) for d in want
    ]
    assert all(g == w or lt == w for g, lt, w in zip(got, late, want, strict=True))
    assert idx.result() == whole
    assert whole.stats.verified_pairs >= 10
    info = idx.info()
    assert info["records"] == 75 and info["batches"] == 3
    assert info["clusters"] == len(whole.groups)
    idx.close()


def test_lookup_does_not_add(tmp_path: Path) -> None:
    recs = _mixed_corpus()
    with na.DedupIndex.open(tmp_path / "idx", params=SEMANTIC, encoder="tfidf") as idx:
        idx.add(recs[:20])
        before = idx.result()
        seen = idx.lookup(recs[20]["text"], date=recs[20]["date"], id=recs[20]["id"])
        # the decision it would get as the next record
        assert seen == dedup(recs[:21], encoder="tfidf", params=SEMANTIC).decisions[20]
        assert idx.lookup(recs[3]["text"]).relation == "exact"
        assert idx.lookup("Parliament passed the budget after a long night.").relation == "unique"
        assert len(idx) == 20
        assert idx.result() == before
        res = idx.add(recs[20:])
    assert res.decisions == dedup(recs, encoder="tfidf", params=SEMANTIC).decisions[20:]


def test_ids_settings_and_encoder_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "idx"
    with na.DedupIndex.open(path, params=NEAR) as idx:
        idx.add([{"id": "a", "text": text(STORY_A)}, {"id": 1, "text": text(STORY_B)}])
        with pytest.raises(InputError, match="id 'a' is already in the index"):
            idx.add([{"id": "b", "text": "x"}, {"id": "a", "text": "y"}])
        assert len(idx) == 2
        idx.add([{"id": "1", "text": near_copy(STORY_B)}])  # "1" is not 1
        assert len(idx) == 3
    with pytest.raises(ConfigError, match="other settings"):
        na.DedupIndex.open(path, params=DedupParams())
    with na.DedupIndex.open(path) as idx:
        assert idx.params == NEAR and len(idx) == 3
        assert idx.result().decisions[2].representative == 1
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "index.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(NewsalignError, match="not a newsalign dedup index"):
        na.DedupIndex.open(bad)


def test_a_second_writer_gets_a_clear_error_and_readers_a_consistent_view(
    tmp_path: Path,
) -> None:
    path = tmp_path / "idx"
    recs = _mixed_corpus()
    with na.DedupIndex.open(path, params=NEAR) as idx:
        idx.add(recs[:10])
    other = sqlite3.connect(path / "index.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of an add
    other.execute("DELETE FROM texts")  # half done: not visible to anyone else
    try:
        with na.DedupIndex.open(path) as idx:  # a reader: the last committed batch
            assert len(idx) == 10
            assert idx.lookup(recs[0]["text"]).relation == "exact"
            with pytest.raises(NewsalignError, match="locked: another process is writing"):
                idx.add(recs[10:])
            assert len(idx) == 10
    finally:
        other.execute("ROLLBACK")
        other.close()
    with na.DedupIndex.open(path) as idx:
        idx.add(recs[10:])
        assert idx.result() == dedup(recs, params=NEAR)


CHILD = """
import os, signal, sys
import newsalign as na
from newsalign.deduplication import index
from test_dedup import NEAR, _mixed_corpus

where, path = sys.argv[1], sys.argv[2]
recs = _mixed_corpus()
idx = na.DedupIndex.open(path, params=NEAR)
if len(idx) == 0:
    idx.add(recs[:12])
write = index.DedupIndex._write

def killed(self, recs, n, stats):
    if where == "before-write":
        os.kill(os.getpid(), signal.SIGKILL)
    self._conn.executemany("INSERT INTO texts VALUES (?, ?)", [(n, "half a batch")])
    if where == "mid-write":
        os.kill(os.getpid(), signal.SIGKILL)
    self._conn.execute("DELETE FROM texts WHERE pos = ?", (n,))
    write(self, recs, n, stats)
    os.kill(os.getpid(), signal.SIGKILL)  # written, not committed

if where != "none":
    index.DedupIndex._write = killed
print("adding", flush=True)
idx.add(recs[12:])
"""


@pytest.mark.parametrize("where", ["before-write", "mid-write", "before-commit"])
def test_kill_during_add_keeps_all_or_none_of_the_batch(tmp_path: Path, where: str) -> None:
    path = tmp_path / "idx"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    script = textwrap.dedent(CHILD)
    run = subprocess.run(
        [sys.executable, "-c", script, where, str(path)], env=env, capture_output=True, timeout=120
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()
    recs = _mixed_corpus()
    with na.DedupIndex.open(path) as idx:
        assert len(idx) == 12  # none of the killed batch
        (n,) = (
            sqlite3.connect(path / "index.sqlite").execute("SELECT COUNT(*) FROM texts").fetchone()
        )
        assert n == 12
        idx.add(recs[12:])  # the batch again, as if never tried
        assert idx.result() == dedup(recs, params=NEAR)


def test_kill_at_any_moment_of_add(tmp_path: Path) -> None:
    """A kill from outside at some moment of a longer add: all of the batch or none."""
    path = tmp_path / "idx"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD), "none", str(path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"adding"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    with na.DedupIndex.open(path) as idx:
        assert len(idx) in (12, 30)
        assert idx.result() == dedup(_mixed_corpus()[: len(idx)], params=NEAR)
