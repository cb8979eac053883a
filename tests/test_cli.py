from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_LEFT, SEED_RIGHT

import newsalign as na
from newsalign.cli import main


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point as a user would (a real process, real exit code)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "newsalign.cli", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_align_text_lists_every_sentence_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(SEED_LEFT), str(SEED_RIGHT)]) == 0
    out = capsys.readouterr().out
    assert "13 sentences" in out and "17 sentences" in out
    left_col, right_col = [], []
    for line in out.splitlines():
        if " | " in line or line.endswith(" |"):
            a, _, b = line.partition(" |")
            left_col.append(a)
            right_col.append(b)
    for column, n in ((left_col, 13), (right_col, 17)):
        tags = re.findall(r"^\s*\[(\d+)\] ", "\n".join(column), flags=re.M)
        assert sorted(int(t) for t in tags) == list(range(n))


def test_align_json_is_exactly_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(SEED_LEFT), str(SEED_RIGHT), "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    left = na.Document.from_text(SEED_LEFT.read_text(encoding="utf-8"), name=str(SEED_LEFT))
    right = na.Document.from_text(SEED_RIGHT.read_text(encoding="utf-8"), name=str(SEED_RIGHT))
    assert got == json.loads(json.dumps(na.align(left, right).to_dict()))
    covered = sorted([i for link in got["links"] for i in link["left"]] + got["unmatched_left"])
    assert covered == list(range(len(got["left"])))


def test_presegmented_keeps_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Troops moved. Talks failed.\n\nPrices rose.\n", encoding="utf-8")
    b.write_text("Prices went up.\nTroops moved and talks failed.\n", encoding="utf-8")
    assert main(["align", str(a), str(b), "--presegmented", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["left"] == ["Troops moved. Talks failed.", "Prices rose."]
    assert got["right"] == ["Prices went up.", "Troops moved and talks failed."]
    assert {(tuple(x["left"]), tuple(x["right"])) for x in got["links"]} == {
        ((0,), (1,)),
        ((1,), (0,)),
    }


def test_stdin_and_options() -> None:
    proc = run_cli(
        "align",
        "-",
        str(SEED_RIGHT),
        "--format",
        "json",
        "--encoder",
        "tfidf",
        "--mode",
        "translation",
        "--threshold",
        "0.2",
        stdin=SEED_LEFT.read_bytes(),
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got["encoder"] == "tfidf" and got["mode"] == "translation"
    assert len(got["left"]) == 13


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (
            None,
            ["align", "no/such/file.txt", str(SEED_RIGHT)],
            "LEFT no/such/file.txt: no such file",
        ),
        (None, ["align", str(SEED_LEFT), "tests"], "RIGHT tests: is a directory"),
        ("badutf8", ["align", "{f}", str(SEED_RIGHT)], "not UTF-8 (byte 0xff at byte offset 6)"),
        ("empty", ["align", str(SEED_LEFT), "{f}"], "empty input"),
        (
            None,
            ["align", str(SEED_LEFT), str(SEED_RIGHT), "--encoder", "labse"],
            "unknown encoder 'labse'; valid encoders",
        ),
        (
            None,
            ["align", str(SEED_LEFT), str(SEED_RIGHT), "--mode", "poem"],
            "newsalign: error: argument --mode: invalid choice: 'poem'",
        ),
        (
            None,
            ["dedup", str(SEED_LEFT), "--threshold", "0.5"],
            "dedup has no --threshold (an alignment score for align and diff)",
        ),
        (None, ["diff", str(SEED_LEFT), str(SEED_RIGHT), "-o", ""], "-o: the file name is empty"),
        (
            None,
            ["align", str(SEED_LEFT), str(SEED_RIGHT), "--threshold", "2"],
            "threshold must be in [0, 1]",
        ),
        (None, ["align", "-", "-"], "only one of LEFT and RIGHT"),
        (None, ["align", str(SEED_LEFT)], "required: RIGHT"),
        (None, ["align", str(SEED_LEFT), str(SEED_RIGHT), "--format", "xml"], "invalid choice"),
        (None, ["frobnicate"], "newsalign: error: argument COMMAND: invalid choice"),
        (
            None,
            ["align", str(SEED_LEFT), str(SEED_RIGHT), "--threads", "0"],
            "--threads must be a whole number >= 1, got '0'",
        ),
    ],
)
def test_errors_are_one_line_exit_2(
    tmp_path: Path, make: str | None, args: list[str], message: str
) -> None:
    f = tmp_path / "input.txt"
    if make == "badutf8":
        f.write_bytes(b"Hello \xff world.")
    elif make == "empty":
        f.write_text("  \n\n", encoding="utf-8")
    proc = run_cli(*[a.replace("{f}", str(f)) for a in args])
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert message in lines[0]
    assert "Traceback" not in proc.stderr


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and na.__version__ in proc.stdout


def test_names_lists_people_across_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["names", str(SEED_LEFT), str(SEED_RIGHT), "--format", "json"]) == 0
    people = json.loads(capsys.readouterr().out)
    spellings = {p["canonical"]: set(p["spellings"]) for p in people}
    lee = next(s for s in spellings.values() if "Lee Seong-gwon" in s)
    assert lee == {"Lee Seong-gwon", "Lee Seong Kwon"}
    park = next(s for s in spellings.values() if "Park Seon-won" in s)
    assert park == {"Park Seon-won", "Park Sun Won"}
    cho = next(p for p in people if "Cho Tae-yong" in p["spellings"])
    assert {m["document"] for m in cho["mentions"]} == {str(SEED_LEFT)}
    for person in people:
        for m in person["mentions"]:
            text = Path(m["document"]).read_text(encoding="utf-8")
            assert text[m["start"] : m["end"]] == m["text"]


def test_names_text_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["names", str(SEED_RIGHT)]) == 0
    assert "Lee Seong Kwon" in capsys.readouterr().out
    proc = run_cli("names", "missing.txt")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "FILE missing.txt: no such file" in proc.stderr


def test_dedup_share_is_the_near_duplicate_share(tmp_path: Path) -> None:
    text = SEED_LEFT.read_text(encoding="utf-8")
    records = tmp_path / "in.jsonl"
    records.write_text(
        json.dumps({"id": "a", "text": text})
        + "\n"
        + json.dumps({"id": "b", "text": text + " More."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = run_cli("dedup", str(records), "--near-only", "--share", "0.9", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[1]["relation"] == "near_duplicate"
    assert not list(tmp_path.glob(".newsalign-*"))  # the temporary file was renamed away
    bad = run_cli("dedup", str(records), "--near-only", "--share", "1.5")
    assert bad.returncode == 2 and "--share must be in [0, 1], got 1.5" in bad.stderr
