"""Evaluation that ships with the package: bead files, the metrics, `score` and `bench`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, SEED_LEFT, SEED_RIGHT
from helpers import pair_f1
from test_cli import run_cli

import newsalign as na
from newsalign.evaluation import (
    bead_counts,
    bead_prf,
    format_tsv,
    read_alignment,
    read_beads,
    run_bench,
    score_documents,
)
from newsalign.records import format_bead, parse_bead

GOLD_JSON = DATA / "seeds_en_en.json"


# -- bead text ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("[0, 1]:[0]", ((0, 1), (0,), None)),
        ("[3]:[]", ((3,), (), None)),
        ("[]:[22]:0.000000", ((), (22,), 0.0)),
        ("  [8,9] : [10, 11, 12]:0.139594  ", ((8, 9), (10, 11, 12), 0.139594)),
    ],
)
def test_bead_lines_as_vecalign_and_bertalign_write_them(line: str, parsed: Any) -> None:
    assert parse_bead(line) == parsed


@pytest.mark.parametrize("line", ["[0]-[1]", "[0]:[x]", "[]:[]", "[0]:[1]:high", "0:1", "[0,]:[1]"])
def test_malformed_bead_lines_are_refused(line: str) -> None:
    with pytest.raises(na.InputError):
        parse_bead(line)


def test_format_bead_is_what_vecalign_prints() -> None:
    assert format_bead((8, 9), (10, 11, 12), 0.1395941) == "[8, 9]:[10, 11, 12]:0.139594"
    assert parse_bead(format_bead((), (4,))) == ((), (4,), None)


def test_from_beads_of_to_beads_gives_the_same_links(encoder: na.Encoder) -> None:
    al = na.align(SEED_LEFT.read_text("utf-8"), SEED_RIGHT.read_text("utf-8"), encoder=encoder)
    again = na.Alignment.from_beads(al.to_beads(), al.left, al.right)
    assert [(k.left, k.right) for k in again.links] == [(k.left, k.right) for k in al.links]
    assert (again.unmatched_left, again.unmatched_right) == (al.unmatched_left, al.unmatched_right)
    scored = na.Alignment.from_beads(al.to_beads(scores=True), al.left, al.right)
    assert [k.score for k in scored.links] == pytest.approx([k.score for k in al.links], abs=1e-6)
    # every sentence of both sides is in exactly one bead line
    beads = al.beads()
    assert sorted(i for a, _ in beads for i in a) == list(range(len(al.left)))
    assert sorted(j for _, b in beads for j in b) == list(range(len(al.right)))


def test_from_beads_names_the_bad_line() -> None:
    a = na.Document.from_sentences(["A.", "B."])
    b = na.Document.from_sentences(["A.", "B."])
    with pytest.raises(na.InputError, match="line 2: not a bead"):
        na.Alignment.from_beads("[0]:[0]\n[1]=[1]\n", a, b)
    with pytest.raises(na.InputError, match="line 2: right index 5 out of range"):
        na.Alignment.from_beads("[0]:[0]\n[1]:[5]\n", a, b)
    with pytest.raises(na.InputError, match="line 2: left sentence 0 is in an earlier bead"):
        na.Alignment.from_beads("[0]:[0]\n[0]:[1]\n", a, b)
    with pytest.raises(na.InputError, match=r"line 1: score 1\.5 is not in"):
        na.Alignment.from_beads("[0]:[0]:1.5\n", a, b)


# -- metrics ------------------------------------------------------------------------------
GOLD = [((0,), (0, 1)), ((1,), (2,)), ((), (3,)), ((2,), ())]


def test_strict_and_lax_differ_on_a_split_bead() -> None:
    # the 1-2 gold bead predicted as 1-1 plus an insertion: strictly wrong, laxly right
    pred = [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((), (3,)), ((2,), ())]
    c = bead_counts(pred, GOLD)
    assert c == {"n_pred": 5, "strict_p": 3, "lax_p": 4, "n_gold": 2, "strict_r": 1, "lax_r": 2}
    r = bead_prf([(pred, GOLD)])
    assert (r["strict"].precision, r["strict"].recall) == (0.6, 0.5)
    assert (r["lax"].precision, r["lax"].recall) == (0.8, 1.0)


def test_an_exact_insertion_is_a_lax_hit_and_a_stray_one_is_not() -> None:
    assert bead_counts([((), (3,))], GOLD)["lax_p"] == 1
    assert bead_counts([((), (1,))], GOLD)["lax_p"] == 0
    # beads with an empty side never count for recall
    assert bead_counts(GOLD, GOLD)["n_gold"] == 2


def test_a_shifted_alignment_is_strictly_and_laxly_wrong() -> None:
    gold = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    pred = [((0,), (1,)), ((1,), (2,)), ((2,), (0,))]
    r = bead_prf([(pred, gold)])
    assert (r["strict"].f1, r["lax"].f1) == (0.0, 0.0)


def test_micro_averaging_sums_counts() -> None:
    big_gold = [((i,), (i,)) for i in range(9)]
    docs = [([((0,), (1,))], [((0,), (0,))]), (big_gold, big_gold)]
    r = bead_prf(docs)
    assert r["strict"].precision == pytest.approx(9 / 10)  # not the mean of 0 and 1
    assert (r["strict"].tp_p, r["strict"].n_pred) == (9, 10)


def test_pairs_metric_matches_the_seeds_scoring(encoder: na.Encoder, gold: dict[str, Any]) -> None:
    al = na.align(SEED_LEFT.read_text("utf-8"), SEED_RIGHT.read_text("utf-8"), encoder=encoder)
    g = read_alignment(GOLD_JSON)
    assert g.format == "gold" and g.partial
    r = score_documents([(al.beads(), g.beads, g.partial)], ["pairs"])["pairs"]
    assert (r.precision, r.recall, r.f1) == pytest.approx(pair_f1(al, gold))


def test_unknown_metric_is_a_config_error() -> None:
    with pytest.raises(na.ConfigError, match="strict, lax, pairs"):
        score_documents([(GOLD, GOLD, ())], ["strict", "bleu"])


# -- the commands -------------------------------------------------------------------------
def test_align_beads_then_score_against_its_json_gives_f1_one(tmp_path: Path) -> None:
    args = [str(SEED_LEFT), str(SEED_RIGHT), "--encoder", "tfidf"]
    beads = run_cli("align", *args, "--format", "beads", "--scores")
    as_json = run_cli("align", *args, "--format", "json")
    assert beads.returncode == as_json.returncode == 0, beads.stderr + as_json.stderr
    (tmp_path / "al.beads").write_text(beads.stdout, encoding="utf-8")
    (tmp_path / "al.json").write_text(as_json.stdout, encoding="utf-8")
    assert read_alignment(tmp_path / "al.json").format == "newsalign"
    done = run_cli(
        "score", str(tmp_path / "al.json"), str(tmp_path / "al.beads"), "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # the JSON keeps its partial links apart (pairs that may be linked), as gold files do;
    # the beads file lists every link, so only the pair metric and bead recall are whole
    assert result["pairs"]["f1"] == 1.0
    assert result["strict"]["recall"] == result["lax"]["recall"] == 1.0
    text = run_cli("score", str(tmp_path / "al.json"), str(tmp_path / "al.beads"))
    assert "pairs        1.000   1.000   1.000" in text.stdout


def test_align_tsv_has_one_link_a_line(tmp_path: Path) -> None:
    done = run_cli(
        "align", str(SEED_LEFT), str(SEED_RIGHT), "--encoder", "tfidf", "--format", "tsv"
    )
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert rows[0] == "left\tright\tscore\tkind"
    al = na.align(SEED_LEFT.read_text("utf-8"), SEED_RIGHT.read_text("utf-8"), encoder="tfidf")
    assert done.stdout == format_tsv(al)
    assert len(rows) == 1 + len(al.links) and all(r.count("\t") == 3 for r in rows)


def test_scores_flag_needs_bead_format() -> None:
    done = run_cli("align", str(SEED_LEFT), str(SEED_RIGHT), "--encoder", "tfidf", "--scores")
    assert done.returncode == 2 and "--scores goes with --format beads" in done.stderr


def test_malformed_bead_file_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    good, bad = tmp_path / "gold.beads", tmp_path / "pred.beads"
    good.write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    bad.write_text("[0]:[0]\n\n[1]:(1)\n", encoding="utf-8")
    done = run_cli("score", str(good), str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"newsalign: error: {bad}:3: not a bead")
    assert len(done.stderr.splitlines()) == 1
    done = run_cli("score", str(good), str(tmp_path / "nope.beads"))
    assert done.returncode == 2 and "no such file" in done.stderr


def test_score_dirs_match_by_name_and_micro_average(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "a.defr").write_text("[0]:[0]\n", encoding="utf-8")
    (gold_dir / "b.defr").write_text("".join(f"[{i}]:[{i}]\n" for i in range(9)), "utf-8")
    (pred_dir / "a.beads").write_text("[0]:[1]\n", encoding="utf-8")
    (pred_dir / "b.beads").write_text("".join(f"[{i}]:[{i}]\n" for i in range(9)), "utf-8")
    done = run_cli("score", "--gold-dir", str(gold_dir), "--pred-dir", str(pred_dir),
                   "--metric", "strict", "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"documents", "strict"} and len(result["documents"]) == 2
    assert result["strict"]["precision"] == 0.9
    (gold_dir / "c.defr").write_text("[0]:[0]\n", encoding="utf-8")
    done = run_cli("score", "--gold-dir", str(gold_dir), "--pred-dir", str(pred_dir))
    assert done.returncode == 2 and "no prediction named c" in done.stderr


def _triple(folder: Path, name: str, n: int) -> None:
    sents = [f"Sentence number {k} tells about topic {k * 7} in the valley." for k in range(n)]
    (folder / f"{name}.en").write_text("\n".join(sents) + "\n", encoding="utf-8")
    (folder / f"{name}.fr").write_text("\n".join(sents) + "\n", encoding="utf-8")
    (folder / f"{name}.enfr").write_text("".join(f"[{k}]:[{k}]\n" for k in range(n)), "utf-8")


def test_bench_scores_every_triple_and_writes_json(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "toy").mkdir(parents=True)
    (data / "empty").mkdir()
    _triple(data / "toy", "one", 4)
    _triple(data / "toy", "two", 5)
    result = run_bench(data, encoder="tfidf")
    [ds] = result["datasets"]
    assert ds["dataset"] == "toy" and [d["name"] for d in ds["documents"]] == ["one", "two"]
    assert ds["strict"]["f1"] == 1.0 and ds["strict"]["n_gold"] == 9
    out = tmp_path / "results.json"
    done = run_cli("bench", "--data", str(data), "--datasets", "toy", "--encoder", "tfidf",
                   "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "toy (all 2)" in done.stdout
    assert json.loads(out.read_text("utf-8"))["datasets"][0]["strict"]["f1"] == 1.0


def test_bench_errors_are_one_line_with_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "toy"
    data.mkdir()
    _triple(data, "one", 3)
    (data / "one.enfr").write_text("[0]:[0]\n[1]:[1]\n[2]:[7]\n", encoding="utf-8")
    done = run_cli("bench", "--data", str(data), "--encoder", "tfidf")
    assert done.returncode == 2
    assert f"{data / 'one.enfr'}:3: right index 7 out of range (3 lines)" in done.stderr
    (data / "one.enfr").write_text("[0]:[0]\n[1]:[1\n", encoding="utf-8")
    done = run_cli("bench", "--data", str(data), "--encoder", "tfidf")
    assert done.returncode == 2 and f"{data / 'one.enfr'}:2: not a bead" in done.stderr
    (data / "one.fr").unlink()
    done = run_cli("bench", "--data", str(data), "--encoder", "tfidf")
    assert done.returncode == 2 and f"{data / 'one.fr'}: no such file" in done.stderr
    done = run_cli("bench", "--data", str(tmp_path), "--datasets", "nothere")
    assert done.returncode == 2 and "no such dataset" in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_read_beads_reads_vecalign_output_with_costs(tmp_path: Path) -> None:
    path = tmp_path / "vecalign.txt"
    path.write_text("[0]:[0]:0.156006\n[6]:[6, 7, 8]:0.507506\n[]:[22]:0.000000\n", "utf-8")
    assert read_beads(path) == (((0,), (0,)), ((6,), (6, 7, 8)), ((), (22,)))
