"""Hostile and huge input (issue 16): a clear error or a bounded run, never a traceback.

The command-line cases run the real command in a subprocess, all of them at once in a pool
(each is mostly interpreter start-up), and every failure must be exit status 2 with exactly
one line on stderr starting ``newsalign: error:``. The library cases feed random Unicode,
lone surrogates included, to the public functions: each returns with its invariants or
raises a :class:`newsalign.NewsalignError`, never another exception.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsalign as na
from newsalign.cli import main
from newsalign.deduplication import DedupParams

NEAR = DedupParams(semantic=False)
CLI = (sys.executable, "-m", "newsalign.cli")
FULL = "/dev/full"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

LEFT = "Kim Jong-un met Moon Jae-in in Seoul on Monday. Troops moved 3,000 soldiers.\n"
RIGHT = "Moon Jae-in met Kim Jong Un in Seoul. On Monday 3,000 soldiers moved.\n"
RECORDS = [
    {"id": "a", "text": "Troops crossed the border on Monday."},
    {"id": 7, "text": "TROOPS crossed the border on Monday!"},
    {"id": "c", "text": "The central bank raised rates by a quarter point."},
]


def _jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


# Files the cases read, written under one temporary folder ({d} in the arguments).
FILES: dict[str, bytes] = {
    "left.txt": LEFT.encode(),
    "right.txt": RIGHT.encode(),
    "ok.jsonl": _jsonl(RECORDS),
    "empty.jsonl": b"",
    "blank.jsonl": b"\n   \n\t\n",
    # line 4 repeats the id of line 1 (line 3 is blank: lines, not records, are counted)
    "dup.jsonl": b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n\n'
    b'{"id": "a", "text": "z"}\n',
    # 0xff on line 2, at byte offset 25 + 22 = 47 of the file
    "badutf8.jsonl": b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y\xff"}\n',
    "surrogate.jsonl": b'{"id": "a", "text": "x"}\n{"id": "b", "text": "lone \\ud800 here"}\n',
    "surrogate_id.jsonl": b'{"id": "\\udfff", "text": "x"}\n',
    "locked/inside.jsonl": _jsonl(RECORDS),
}


@dataclass(frozen=True)
class Case:
    """One run of the command: its arguments, how it is started and what it must say."""

    args: tuple[str, ...]
    message: str  # a part of the one error line (or "" for a run that must succeed)
    stdout: str = "pipe"  # "pipe", "full" (/dev/full) or "closed"
    stdin: str = "none"  # "none", "closed" or a file of FILES
    needs_permissions: bool = False  # meaningless as root, who may enter any folder
    spawn: bool = True  # False: cheap argument and input checks, run in process by main()


TFIDF = ("--encoder", "tfidf")
CASES: dict[str, Case] = {
    # a full disk on stdout and on -o
    "align stdout full": Case(("align", "{d}/left.txt", "{d}/right.txt", *TFIDF), "space",
                              stdout="full"),
    "diff stdout full": Case(("diff", "{d}/left.txt", "{d}/right.txt", *TFIDF), "space",
                             stdout="full"),
    "names stdout full": Case(("names", "{d}/left.txt"), "space", stdout="full"),
    "dedup stdout full": Case(("dedup", "{d}/ok.jsonl", "--near-only"), "space", stdout="full"),
    "diff -o full": Case(("diff", "{d}/left.txt", "{d}/right.txt", *TFIDF, "-o", FULL),
                         "-o /dev/full: No space left"),
    "dedup -o full": Case(("dedup", "{d}/ok.jsonl", "--near-only", "-o", FULL),
                          "/dev/full: No space left"),
    # closed standard streams
    "names stdin closed": Case(("names", "-"), "standard input is closed", stdin="closed"),
    "dedup stdin closed": Case(("dedup", "-", "--near-only"), "standard input is closed",
                               stdin="closed"),
    "names stdout closed": Case(("names", "{d}/left.txt"), "standard output is closed",
                                stdout="closed"),
    # -o ''
    "diff -o empty": Case(("diff", "{d}/left.txt", "{d}/right.txt", *TFIDF, "-o", ""),
                          "file name is empty"),
    "dedup -o empty": Case(("dedup", "{d}/ok.jsonl", "--near-only", "-o", ""),
                           "file name is empty"),
    # dedup input
    "dedup empty": Case(("dedup", "{d}/empty.jsonl", "--near-only"), "empty input"),
    "dedup blank": Case(("dedup", "{d}/blank.jsonl", "--near-only"), "empty input"),
    "dedup blank stdin": Case(("dedup", "-", "--near-only"), "<stdin>: empty input",
                              stdin="blank.jsonl", spawn=False),
    "dedup repeated id": Case(("dedup", "{d}/dup.jsonl", "--near-only"),
                              "dup.jsonl: line 4: field 'id' repeats an earlier id 'a'"),
    "dedup not utf-8": Case(("dedup", "{d}/badutf8.jsonl", "--near-only"),
                            "line 2: not UTF-8 (byte 0xff at byte offset 47)"),
    "dedup lone surrogate": Case(("dedup", "{d}/surrogate.jsonl", "--near-only"),
                                 "line 2: field 'text' holds a lone surrogate U+D800"),
    "dedup lone surrogate id": Case(("dedup", "{d}/surrogate_id.jsonl", "--near-only"),
                                    "line 1: field 'id' holds a lone surrogate U+DFFF",
                                    spawn=False),
    "dedup missing": Case(("dedup", "{d}/nothing.jsonl"), "nothing.jsonl: no such file",
                          spawn=False),
    "dedup directory": Case(("dedup", "{d}"), "is a directory", spawn=False),
    "dedup permission": Case(("dedup", "{d}/locked/inside.jsonl", "--near-only"),
                             "permission denied", needs_permissions=True),
    "dedup scheduler notaurl": Case(("dedup", "{d}/ok.jsonl", "--scheduler", "notaurl"),
                                    "Dask scheduler address 'notaurl'"),
    "dedup scheduler port": Case(("dedup", "{d}/ok.jsonl", "--scheduler", "tcp://h:99999"),
                                 "'tcp://h:99999'", spawn=False),
    # usage errors are one line with the same prefix
    "usage align one file": Case(("align", "{d}/left.txt"), "required: RIGHT"),
    "usage unknown command": Case(("frobnicate",), "invalid choice"),
    "usage dedup no input": Case(("dedup",), "required: IN.jsonl", spawn=False),
    "usage dedup share": Case(("dedup", "{d}/ok.jsonl", "--share", "lots"), "invalid float",
                              spawn=False),
    "usage dedup threshold": Case(("dedup", "{d}/ok.jsonl", "--threshold", "0.5"),
                                  "--share", spawn=False),
    # the success that the errors are measured against
    "dedup stdin": Case(("dedup", "-", "--near-only"), "", stdin="ok.jsonl"),
}  # fmt: skip


def _start(case: Case, folder: Path) -> subprocess.CompletedProcess[bytes]:
    args = [a.replace("{d}", str(folder)) for a in case.args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    redirect = {"closed": {"stdin": "<&-", "stdout": ">&-"}}
    shell = " ".join(
        r for r in (redirect.get(case.stdin, {}).get("stdin"),
                    redirect.get(case.stdout, {}).get("stdout")) if r
    )  # fmt: skip
    argv = [*CLI, *args]
    if shell:  # a closed descriptor: let the shell close it before exec
        argv = ["bash", "-c", f'exec "$@" {shell}', "bash", *argv]
    stdin: Any = subprocess.DEVNULL
    if case.stdin in FILES:
        stdin = open(folder / case.stdin, "rb")  # noqa: SIM115 - closed below
    stdout: Any = subprocess.PIPE
    if case.stdout == "full":
        stdout = open(FULL, "wb")  # noqa: SIM115 - closed below
    try:
        return subprocess.run(
            argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=120
        )
    finally:
        for fh in (stdin, stdout):
            if hasattr(fh, "close"):
                fh.close()


def _write_files(folder: Path) -> None:
    for name, data in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Every case of CASES that spawns, run concurrently once for the module."""
    folder = tmp_path_factory.mktemp("hostile")
    _write_files(folder)
    (folder / "locked").chmod(0)
    try:
        wanted = {
            k: c
            for k, c in CASES.items()
            if c.spawn
            and (c.stdout != "full" or os.path.exists(FULL))
            and not (c.needs_permissions and ROOT)
        }
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = {k: pool.submit(_start, c, folder) for k, c in wanted.items()}
            yield {k: f.result() for k, f in futures.items()}
    finally:
        (folder / "locked").chmod(0o700)


ERRORS = [k for k, c in CASES.items() if c.message and c.spawn]
CHECKS = [k for k, c in CASES.items() if not c.spawn]


@pytest.mark.parametrize("name", ERRORS)
def test_cli_error_is_one_line_exit_2(runs: Any, name: str) -> None:
    case = CASES[name]
    if case.needs_permissions and ROOT:
        pytest.skip("running as root, which may enter a folder whatever its permissions")
    if name not in runs:
        pytest.skip(f"{FULL} is not on this system")
    proc = runs[name]
    err = proc.stderr.decode("utf-8", "replace")
    _one_error_line(err, case.message)
    assert proc.returncode == 2, err
    if proc.stdout is not None:
        assert proc.stdout == b""


def _one_error_line(err: str, message: str) -> None:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsalign: error: "), err
    assert message in lines[0], err


@pytest.mark.parametrize("name", CHECKS)
def test_cli_check_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    case = CASES[name]
    _write_files(tmp_path)
    if case.stdin in FILES:
        data = io.TextIOWrapper(io.BytesIO(FILES[case.stdin]), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", data)
    try:
        status = main([a.replace("{d}", str(tmp_path)) for a in case.args])
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code
    out, err = capsys.readouterr()
    _one_error_line(err, case.message)
    assert status == 2
    assert out == ""


def test_cli_dedup_reads_stdin(runs: Any) -> None:
    proc = runs["dedup stdin"]
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [d["id"] for d in out] == [r["id"] for r in RECORDS]
    assert [d["relation"] for d in out] == ["representative", "exact", "unique"]


def test_permission_denied_is_named_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder case above cannot fail as root; here opening the file is refused."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(FILES["ok.jsonl"])

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    assert main(["dedup", str(path), "--near-only"]) == 2
    _one_error_line(capsys.readouterr().err, f"input {path}: permission denied")
    with pytest.raises(na.InputError, match=r"in\.jsonl: permission denied"):
        na.dedup(path, params=NEAR)


# -- the library on hostile input ---------------------------------------------------------
def test_dedup_reads_a_binary_stream_and_names_its_lines(tmp_path: Path) -> None:
    res = na.dedup(io.BytesIO(FILES["ok.jsonl"]), params=NEAR)
    assert [d.id for d in res.decisions] == [r["id"] for r in RECORDS]
    with pytest.raises(na.InputError, match=r"^<stream>: line 4: field 'id' repeats"):
        na.dedup(io.BytesIO(FILES["dup.jsonl"]), params=NEAR)
    path = tmp_path / "bad.jsonl"
    path.write_bytes(FILES["badutf8.jsonl"])
    with pytest.raises(na.InputError, match=r"bad.jsonl: line 2: not UTF-8 .*byte offset 47\)"):
        na.dedup(str(path), params=NEAR)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": 1, "text": "a\ud800b"}, r"^record 1: field 'text' holds a lone surrogate U\+D800"),
        ({"id": "\udc80", "text": "a"}, r"^record 1: field 'id' holds a lone surrogate"),
        ({"id": 1, "text": "a", "lang": "e\ud800"}, r"^record 1: field 'lang' holds"),
        ({"id": 1, "text": "a", "date": "\udfff"}, r"^record 1: field 'date' holds"),
    ],
)
def test_dedup_refuses_a_lone_surrogate_naming_record_and_field(
    record: dict[str, Any], message: str
) -> None:
    with pytest.raises(na.InputError, match=message):
        na.dedup([{"id": 0, "text": "fine"}, record], params=NEAR)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "not JSON"),
        (b'{"id": NaN, "text": "x"}', "field 'id' must be"),
        (b'"just a string"', "must be a JSON object"),
    ],
)
def test_dedup_hostile_json_lines(line: bytes, message: str) -> None:
    with pytest.raises(na.InputError, match=f"^<stream>: line 1: .*{message}"):
        na.dedup(io.BytesIO(line + b"\n"), params=NEAR)


def test_dedup_dask_scheduler_address_and_reachability() -> None:
    with pytest.raises(na.ConfigError, match="address 'notaurl' is not HOST:PORT"):
        na.dedup_dask(RECORDS, scheduler="notaurl", params=NEAR)
    with pytest.raises(na.ConfigError, match="address ''"):
        na.dedup_dask(RECORDS, scheduler="", params=NEAR)
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(na.ConfigError, match="cannot reach the Dask scheduler"):
        na.dedup_dask(
            RECORDS, scheduler=f"tcp://127.0.0.1:{port}", params=NEAR, connect_timeout=0.5
        )


# -- random Unicode, lone surrogates included ---------------------------------------------
PIECES = st.sampled_from(
    ["Kim Jong-un", "김정은 위원장은", "3,000", "Seoul.", ". ", "\n\n", "\ud800", "\udfff",
     "Mr. ", "\u2028", "\u201c", "1.5", "$", "\x00", "\ufeff", " ", "!!!", "e\u0301"]
)  # fmt: skip
TEXTS = st.lists(
    st.one_of(st.text(alphabet=st.characters(exclude_categories=()), max_size=30), PIECES),
    max_size=8,
).map("".join)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _or_error(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """``fn(...)``, or ``None`` when it raises a NewsalignError (any other error fails)."""
    try:
        return fn(*args, **kwargs)
    except na.NewsalignError:
        return None


@FUZZ
@given(TEXTS)
def test_fuzz_segment_and_documents(text: str) -> None:
    for s in _or_error(na.segment, text) or ():
        assert text[s.start : s.end] == s.text
    doc = _or_error(na.Document.from_text, text)
    if doc is not None:
        for s in doc.sentences:
            assert text[s.start : s.end] == s.text


@FUZZ
@given(TEXTS, TEXTS)
def test_fuzz_people(a: str, b: str) -> None:
    for m in _or_error(na.extract_people, a) or ():
        assert isinstance(m.text, str)
    _or_error(na.cluster_people, [a, b])


@FUZZ
@given(TEXTS, TEXTS)
def test_fuzz_align_and_diff(a: str, b: str) -> None:
    al = _or_error(na.align, a, b, encoder="tfidf")
    if al is not None:
        covered = [i for link in al.links for i in link.left] + list(al.unmatched_left)
        assert sorted(covered) == list(range(len(al.left.sentences)))
    _or_error(na.diff, a, b, encoder="tfidf")


@FUZZ
@given(st.lists(TEXTS, min_size=1, max_size=5))
def test_fuzz_dedup_every_record_once(texts: list[str]) -> None:
    records = [{"id": k if k % 2 else f"r{k}", "text": t} for k, t in enumerate(texts)]
    res = _or_error(na.dedup, records, params=NEAR)
    if res is not None:
        assert [d.id for d in res.decisions] == [r["id"] for r in records]
        members = [m for g in res.groups for m in g.members]  # the groups partition the ids
        assert sorted(map(repr, members)) == sorted(repr(r["id"]) for r in records)
