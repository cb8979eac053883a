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


# -- tables and the command line ----------------------------------------------------------
def _table_rows() -> list[dict[str, Any]]:
    rows = []
    for k, r in enumerate(_mixed_corpus()):
        rows.append({"url": f"u{k}", "source": f"site{k % 4}", "body": r["text"],
                     "day": r["date"], "views": k * 10})  # fmt: skip
    return rows[::-1]  # an order that is not the ids' order


def test_parquet_in_parquet_out_keeps_ids_columns_and_order(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from newsalign.cli import main

    rows = _table_rows()
    src = tmp_path / "day1.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src)
    out = tmp_path / "out.parquet"
    cols = ["--id-col", "url", "--text-col", "body", "--date-col", "day"]
    assert main(["dedup", str(src), "-o", str(out), "--near-only", *cols]) == 0
    got = pq.read_table(out)
    assert got.column_names == [*rows[0], "cluster", "relation", "representative", "match",
                                "method", "evidence"]  # fmt: skip
    back = got.to_pylist()
    assert [{k: r[k] for k in rows[0]} for r in back] == rows
    want = dedup([{"id": r["url"], "text": r["body"], "date": r["day"]} for r in rows],
                 params=NEAR)  # fmt: skip
    assert [(r["cluster"], r["relation"], r["representative"]) for r in back] == [
        (d.cluster, d.relation, d.representative) for d in want.decisions
    ]
    assert json.loads(back[1]["evidence"]) == want.decisions[1].evidence.to_dict()
    # the API takes the table itself, and returns one
    table = pa.Table.from_pylist([{"id": r["url"], "text": r["body"], "date": r["day"]}
                                  for r in rows])  # fmt: skip
    res = dedup(table, params=NEAR)
    assert res == want
    arrow = res.to_arrow()
    assert arrow.column("id").to_pylist() == [r["url"] for r in rows]
    frame = res.to_pandas()
    assert list(frame["relation"]) == [d.relation for d in want.decisions]
    assert dedup(frame.rename(columns={"relation": "x"}).assign(text=[r["body"] for r in rows]),
                 params=NEAR) == want  # fmt: skip


def test_cli_csv_and_the_index_day_by_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    from newsalign.cli import main

    rows = _table_rows()
    index = tmp_path / "idx"
    outs = []
    for day, part in enumerate([rows[:10], rows[10:20], rows[20:]]):
        src = tmp_path / f"day{day}.csv"
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(part)
        out = tmp_path / f"out{day}.csv"
        argv = ["dedup", str(src), "--index", str(index), "-o", str(out), "--near-only",
                "--id-col", "url", "--text-col", "body", "--date-col", "day"]  # fmt: skip
        assert main(argv) == 0
        with out.open(encoding="utf-8", newline="") as fh:
            got = list(csv.DictReader(fh))
        assert [r["url"] for r in got] == [r["url"] for r in part]
        assert [r["views"] for r in got] == [str(r["views"]) for r in part]
        outs += got
    want = dedup([{"id": r["url"], "text": r["body"], "date": r["day"]} for r in rows],
                 params=NEAR)  # fmt: skip
    assert [int(r["cluster"]) for r in outs] == [d.cluster for d in want.decisions]
    assert main(["index", "info", str(index), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["records"] == 30 and info["batches"] == 3
    assert info["clusters"] == len(want.groups)
    assert main(["index", "info", str(index)]) == 0
    assert "records: 30" in capsys.readouterr().out
    # the same batch again: its ids are in the index
    assert main(["dedup", str(tmp_path / "day0.csv"), "--index", str(index), "--id-col", "url",
                 "--text-col", "body"]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert err.startswith("newsalign: error: ") and "already in the index" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["index", "info", "{tmp}/none"], "no dedup index there"),
        (["dedup", "{tmp}/x.txt", "--format", "csv"], "no column 'id'"),
        (["dedup", "{tmp}/in.jsonl", "--output-format", "parquet"], "not stdout"),
        (["dedup", "{tmp}/in.jsonl", "--text-col", "body", "--near-only"], "no column 'body'"),
        (["dedup", "{tmp}/in.jsonl", "--index", "{tmp}/i", "--scheduler", "tcp://h:1"], "not both"),
        (["dedup", "{tmp}/in.jsonl", "-o", "{tmp}/parts/"], "written by a Dask run"),
    ],
)
def test_cli_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    from newsalign.cli import main

    (tmp_path / "in.jsonl").write_text(json.dumps({"id": 1, "text": "Troops moved."}) + "\n")
    (tmp_path / "x.txt").write_text("x")
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsalign: error: ") and message in err and err.count("\n") == 1


def test_missing_pyarrow_is_one_error_naming_the_extra(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from newsalign.cli import main\n"
        f"sys.exit(main(['dedup', {str(tmp_path / 'in.parquet')!r}]))\n"
    )
    (tmp_path / "in.parquet").write_bytes(b"PAR1")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr == (
        "newsalign: error: Parquet and Arrow tables need pyarrow: "
        "pip install 'newsalign[parquet]'\n"
    )


def test_dask_dataframe_equals_in_process(tmp_path: Path) -> None:
    """A Dask DataFrame read from Parquet partitions is decided as one run in process, and
    its decisions come back as Parquet partitions: every input column, ids and order kept,
    then the decision columns, equal to the in-process table."""
    distributed = pytest.importorskip("distributed")
    pa = pytest.importorskip("pyarrow")
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")
    import pyarrow.parquet as pq

    recs = _mixed_corpus()
    rows = [{"source": f"feed{k % 3}", **r, "rank": 100 - k} for k, r in enumerate(recs)]
    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(3):  # three Parquet partitions, read lazily
        pq.write_table(pa.Table.from_pylist(rows[k * 10 : (k + 1) * 10]), folder / f"{k}.parquet")
    local = dedup(recs, encoder="tfidf", params=SEMANTIC)
    out = tmp_path / "decided"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        frame = dd.read_parquet(str(folder))
        remote = na.dedup_dask(frame, client=client, encoder="tfidf", params=SEMANTIC, output=out)
        with pytest.raises(InputError, match="already holds Parquet files"):
            na.dedup_dask(frame, client=client, encoder="tfidf", params=SEMANTIC, output=out)
        plain = tmp_path / "plain"
        na.dedup_dask(recs, client=client, encoder="tfidf", params=SEMANTIC, output=plain,
                      partition_size=7)  # fmt: skip
        # the CLI: a folder of Parquet files in, partitions out, on the running cluster
        from newsalign.cli import main

        address = cluster.scheduler_address
        argv = [
            "dedup",
            str(folder),
            "--scheduler",
            address,
            "--near-only",
            "-o",
            f"{tmp_path}/cli/",
        ]
        assert main(argv) == 0
    assert remote == local
    assert sorted(p.name for p in out.iterdir()) == [f"part.{k:05d}.parquet" for k in range(3)]
    back = pd.read_parquet(out)  # the partitions in order, as pandas reads a folder
    want = local.to_arrow()
    assert list(back.columns) == [*rows[0], *want.column_names[1:]]
    assert back["id"].tolist() == [d.id for d in local.decisions] == [r["id"] for r in rows]
    assert back["source"].tolist() == [r["source"] for r in rows]
    assert back["rank"].tolist() == [r["rank"] for r in rows]
    assert back["relation"].tolist() == [d.relation for d in local.decisions]
    decided = pa.Table.from_pandas(back, preserve_index=False)
    assert decided.select(want.column_names).to_pylist() == want.to_pylist()
    assert len(list(plain.glob("part.*.parquet"))) == 5  # 30 records, 7 a partition
    assert pq.read_table(plain).to_pylist() == want.to_pylist()
    near = dedup(recs, params=DedupParams(semantic=False)).to_arrow()
    cli = pq.read_table(tmp_path / "cli")
    assert cli.column_names == [*rows[0], *near.column_names[1:]]
    assert cli.select(near.column_names).to_pylist() == near.to_pylist()


def test_banded_lsh_gives_datasketchs_candidates() -> None:
    """The numpy banded LSH (a base built in one pass, then inserts and removals) answers
    every query with the candidates of datasketch's MinHashLSH for the same settings."""
    import numpy as np

    from newsalign.deduplication import minhash_permutations
    from newsalign.deduplication.extras import minhash_class, minhash_lsh_class
    from newsalign.deduplication.lsh import BandedLSH

    MinHash = minhash_class()
    for p in (DedupParams(), DedupParams(num_perm=64, lsh_threshold=0.7)):
        perms = minhash_permutations(p.num_perm)
        rng = np.random.default_rng(0)
        vals = [rng.integers(0, 2**32, p.num_perm).astype(np.uint64) for _ in range(300)]
        for k in range(1, 300, 3):  # records sharing one or more bands with an earlier one
            src = vals[int(rng.integers(0, k))]
            cut = int(rng.integers(1, p.num_perm))
            vals[k][:cut] = src[:cut]
        vals[9] = vals[4].copy()  # identical values

        def mh(v: Any, perms: Any = perms) -> Any:
            return MinHash(hashvalues=v, permutations=perms, scheme="affine32")

        ref = minhash_lsh_class()(threshold=p.lsh_threshold, num_perm=p.num_perm)
        ours = BandedLSH(p)
        assert (ours.b, ours.r) == (ref.b, ref.r)
        ours.build(list(range(150)), vals[:150])
        for k in range(150):
            ref.insert(k, mh(vals[k]))
        for k in range(150, 300):
            assert ours.query(vals[k]) == sorted(ref.query(mh(vals[k]))), k
            ours.insert(k, vals[k])
            ref.insert(k, mh(vals[k]))
        for k in (4, 160, 299):  # out of the base and out of the inserts
            ours.remove(k)
            ref.remove(k)
        ours.insert(4, vals[4])
        ref.insert(4, mh(vals[4]))
        for v in [*vals, rng.integers(0, 2**32, p.num_perm).astype(np.uint64)]:
            assert ours.query(v) == sorted(ref.query(mh(v)))
        assert sum(len(ours.query(v)) > 1 for v in vals) > 50  # the sets were not trivial
