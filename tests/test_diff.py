from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsalign as na
from newsalign.cli import main
from newsalign.diffing import links_in_place
from newsalign.facts import CONFLICT_KINDS


# -- the seeds bar ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_diff(gold: dict[str, Any]) -> na.Diff:
    left = na.Document.from_sentences(gold["a"], name="a")
    right = na.Document.from_sentences(gold["b"], name="b")
    return na.diff(left, right)  # the real default encoder, default settings


def op_with(d: na.Diff, i: int, j: int) -> na.DiffOp:
    (op,) = [op for op in d.ops if i in op.left and j in op.right]
    return op


def _total_vs_additional(fd: na.FactDifference) -> bool:
    return (
        fd.kind == "role"
        and fd.left_fact is not None
        and fd.right_fact is not None
        and fd.left_fact.number == fd.right_fact.number == 10000
        and (fd.left_fact.role, fd.right_fact.role) == ("total", "additional")
    )


def _over_vs_around(fd: na.FactDifference) -> bool:
    return (
        fd.kind == "qualifier"
        and fd.left_fact is not None
        and fd.right_fact is not None
        and fd.left_fact.number == fd.right_fact.number == 3000
        and (fd.left_fact.qualifier, fd.right_fact.qualifier) == ("over", "about")
        and "over 3,000" in (fd.left_value or "")
        and "around 3,000" in (fd.right_value or "")
    )


def _only_left_names_cho(fd: na.FactDifference) -> bool:
    return fd.kind == "left_only" and fd.fact == "person" and fd.left_value == "Cho Tae-yong"


def _only_right_names_unit(fd: na.FactDifference) -> bool:
    return (
        fd.kind == "right_only"
        and fd.fact == "organization"
        and "11th Storm Corps" in (fd.right_value or "")
        and not fd.elsewhere  # the left version never names the unit
    )


def _only_left_dates_transfer(fd: na.FactDifference) -> bool:
    return (
        fd.kind == "left_only" and fd.fact == "date" and fd.left_value == "between the 8th and 13th"
    )


# One check per entry of the gold "fact_differences", in the gold's order.
GOLD_CHECKS: list[tuple[int, int, Callable[[na.FactDifference], bool]]] = [
    (2, 0, _total_vs_additional),
    (2, 0, _over_vs_around),
    (3, 1, _only_left_names_cho),
    (6, 2, _only_right_names_unit),
    (4, 3, _only_left_dates_transfer),
]


def test_seeds_diff_has_every_gold_fact_difference(
    seeds_diff: na.Diff, gold: dict[str, Any]
) -> None:
    assert [(g["a"], g["b"]) for g in gold["fact_differences"]] == [
        (a, b) for a, b, _ in GOLD_CHECKS
    ], "the gold file changed: add a check for the new fact difference"
    for (a, b, check), g in zip(GOLD_CHECKS, gold["fact_differences"], strict=True):
        op = op_with(seeds_diff, a, b)
        found = [fd for fd in op.fact_differences if check(fd)]
        reported = [(fd.kind, fd.left_value, fd.right_value) for fd in op.fact_differences]
        assert found, (g["what"], reported)
        assert all(fd.left_sentence in (a, None) and fd.right_sentence in (b, None) for fd in found)


def test_seeds_diff_has_no_name_conflict(seeds_diff: na.Diff, gold: dict[str, Any]) -> None:
    people = [fd for fd in seeds_diff.fact_differences() if fd.fact == "person"]
    assert people
    assert all(fd.kind not in CONFLICT_KINDS and fd.kind != "restated" for fd in people)
    variants = {(fd.left_value, fd.right_value) for fd in people if fd.kind == "name_variant"}
    for pair in gold["names"]:
        assert tuple(pair["same"]) in variants


def test_seeds_diff_is_lossless_and_summarised(seeds_diff: na.Diff, gold: dict[str, Any]) -> None:
    assert list(seeds_diff.left_texts()) == gold["a"]
    assert list(seeds_diff.right_texts()) == gold["b"]
    s = seeds_diff.summary
    assert s.conflicts >= 2 and s.name_variants == 2
    assert s.deleted == len(seeds_diff.alignment.unmatched_left)
    assert s.inserted == len(seeds_diff.alignment.unmatched_right)


def test_seeds_names_through_the_names_module(seeds_diff: na.Diff) -> None:
    from newsalign import names

    variants = [fd for fd in seeds_diff.fact_differences() if fd.kind == "name_variant"]
    assert len(variants) == 2
    for fd in variants:
        assert fd.left_fact is not None and fd.right_fact is not None
        assert names.same_person(fd.left_fact.text, fd.right_fact.text)


# -- tags, moves and order --------------------------------------------------------------
def manual(left: list[str], right: list[str], links: list[na.Link]) -> na.Diff:
    al = na.Alignment(na.Document.from_sentences(left), na.Document.from_sentences(right),
                      tuple(links))  # fmt: skip
    return na.diff_alignment(al)


def test_tags_follow_the_link_shape_and_kind() -> None:
    d = manual(
        ["Same words here.", "One long sentence, and more.", "A.", "B.", "C one.", "C two.",
         "Partial one.", "Para one."],
        ["same  words HERE.", "One long sentence.", "And more.", "A and B.", "C uno.",
         "C dos.", "Partial uno.", "Para uno."],
        [
            na.Link((0,), (0,), 1.0),
            na.Link((1,), (1, 2), 0.8),
            na.Link((2, 3), (3,), 0.8),
            na.Link((4, 5), (4, 5), 0.7),
            na.Link((6,), (6,), 0.3, "partial"),
            na.Link((7,), (7,), 0.6),
        ],
    )  # fmt: skip
    assert [op.tag for op in d] == [
        "equal", "split", "merged", "regrouped", "partial", "paraphrase"
    ]  # fmt: skip
    assert set(na.DIFF_TAGS) >= {op.tag for op in d}


def test_deleted_before_inserted_between_links() -> None:
    d = manual(["A.", "X.", "B."], ["A.", "Y.", "B."],
               [na.Link((0,), (0,), 1.0), na.Link((2,), (2,), 1.0)])  # fmt: skip
    assert [(op.tag, op.left, op.right) for op in d] == [
        ("equal", (0,), (0,)), ("deleted", (1,), ()), ("inserted", (), (1,)),
        ("equal", (2,), (2,)),
    ]  # fmt: skip


def test_moved_is_off_the_heaviest_chain() -> None:
    # right order: C, A, B -> A and B stay, C moved
    d = manual(
        ["A.", "B.", "C."],
        ["C.", "A.", "B."],
        [na.Link((0,), (1,), 1.0), na.Link((1,), (2,), 1.0), na.Link((2,), (0,), 1.0)],
    )
    assert [(op.left, op.moved) for op in d] == [((0,), False), ((1,), False), ((2,), True)]
    assert d.summary.moved == 1


def _chain_weight_brute_force(links: list[na.Link]) -> int:
    best: list[int] = []
    for k, link in enumerate(links):
        w = len(link.left) + len(link.right)
        best.append(w + max([best[p] for p in range(k) if links[p].right[0] < link.right[0]],
                            default=0))  # fmt: skip
    return max(best, default=0)


@given(st.permutations(list(range(12))), st.integers(min_value=0, max_value=11))
@settings(max_examples=60, deadline=None)
def test_in_place_chain_matches_brute_force(perm: list[int], cut: int) -> None:
    links = [na.Link((i,), (perm[i],), 1.0) for i in range(12) if i != cut]
    chain = links_in_place(links)
    weight = sum(len(links[k].left) + len(links[k].right) for k in chain)
    assert weight == _chain_weight_brute_force(links)
    rights = [links[k].right[0] for k in sorted(chain)]
    assert rights == sorted(rights)


# -- losslessness and determinism on generated documents -------------------------------
WORDS = ("troops", "Seoul", "talks", "rain", "3,000", "the 23rd", "Park Sun Won", "over",
         "NIS", "said", "moved", "failed", "by December", "around 10,000", "quietly")  # fmt: skip
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
document = st.lists(sentence, min_size=0, max_size=7)


def check_lossless(d: na.Diff, left: list[str], right: list[str]) -> None:
    seen_left = sorted(i for op in d for i in op.left)
    seen_right = sorted(j for op in d for j in op.right)
    assert seen_left == list(range(len(left)))
    assert seen_right == list(range(len(right)))
    assert list(d.left_texts()) == left
    assert list(d.right_texts()) == right
    for op in d:
        assert op.tag in na.DIFF_TAGS
        assert (op.tag == "inserted") == (not op.left)
        assert (op.tag == "deleted") == (not op.right)
        assert not (op.moved and op.tag in ("inserted", "deleted"))
        assert (op.score is None) == (op.tag in ("inserted", "deleted"))
        for fd in op.fact_differences:
            assert fd.kind in na.FACT_DIFFERENCE_KINDS
            assert fd.left_sentence is None or fd.left_sentence in op.left
            assert fd.right_sentence is None or fd.right_sentence in op.right
    json.dumps(d.to_dict())


@given(document, document)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_diff_is_lossless_and_deterministic(left: list[str], right: list[str]) -> None:
    a = na.Document.from_sentences(left)
    b = na.Document.from_sentences(right)
    d = na.diff(a, b, encoder="tfidf")
    check_lossless(d, left, right)
    assert na.diff(a, b, encoder="tfidf").ops == d.ops


@given(document)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_diff_with_itself_is_all_equal(left: list[str]) -> None:
    doc = na.Document.from_sentences(left)
    d = na.diff_alignment(na.align_embeddings(np.eye(len(left), max(1, len(left))),
                                              np.eye(len(left), max(1, len(left))),
                                              left=doc, right=doc))  # fmt: skip
    check_lossless(d, left, left)
    assert all(op.tag == "equal" and not op.moved and not op.fact_differences for op in d)


@given(st.lists(sentence, min_size=1, max_size=8, unique=True), st.randoms())
@settings(max_examples=30, deadline=None)
def test_permuted_copy_is_equal_ops_with_moves(left: list[str], rnd: Any) -> None:
    perm = list(range(len(left)))
    rnd.shuffle(perm)
    right = [left[p] for p in perm]
    v = np.eye(len(left), dtype=np.float32)
    d = na.diff_alignment(na.align_embeddings(v, v[perm], left=left, right=right))
    check_lossless(d, left, right)
    assert all(op.tag == "equal" for op in d)
    # the ops not moved keep their order on both sides
    kept = [op.right[0] for op in d if not op.moved]
    assert kept == sorted(kept)


def test_results_are_frozen() -> None:
    d = na.diff("A cat sat. It rained.", "A cat sat. It snowed.", encoder="tfidf")
    with pytest.raises(AttributeError):
        d.ops = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.ops[0].tag = "equal"  # type: ignore[misc]


def test_diff_accepts_text_and_rejects_other_types() -> None:
    d = na.diff("Troops left. Talks failed.", "Talks failed. Troops left.", encoder="tfidf")
    assert len(d.left) == len(d.right) == 2
    with pytest.raises(na.InputError):
        na.diff(3, "x", encoder="tfidf")  # type: ignore[arg-type]
    with pytest.raises(na.InputError):
        na.diff_alignment("x")  # type: ignore[arg-type]
    with pytest.raises(na.ConfigError):
        na.diff("a.", "b.", encoder="tfidf", mode="sideways")


# -- N versions ---------------------------------------------------------------------------
@given(st.lists(document, min_size=2, max_size=4))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_align_many_partitions_every_sentence(docs: list[list[str]]) -> None:
    documents = [na.Document.from_sentences(d) for d in docs]
    ma = na.align_many(documents, encoder="tfidf")
    seen = sorted((d, s) for c in ma.clusters for d, ss in c.members for s in ss)
    assert seen == sorted((d, s) for d, doc in enumerate(docs) for s in range(len(doc)))
    for c in ma.clusters:
        assert len(set(c.documents)) == len(c.documents) == len(c.members)
        assert list(c.documents) == sorted(c.documents)
        for d, ss in c.members:
            assert ma.carriers(d, ss[0]) == c.documents
    assert na.align_many(documents, encoder="tfidf") == ma


def test_align_many_carriers() -> None:
    ma = na.align_many(
        [
            "North Korea sent 3,000 troops to Russia. Talks failed in Geneva. Rain fell.",
            "Talks failed in Geneva. North Korea sent 3,000 troops to Russia.",
            "North Korea sent 3,000 troops to Russia. Snow fell in Seoul all day long.",
        ],
        encoder="tfidf",
    )
    assert ma.carriers(0, 0) == (0, 1, 2)
    assert ma.carriers(0, 1) == (0, 1)
    assert ma.carriers(2, 1) == (2,)
    assert ma.cluster_of(1, 1) == ma.cluster_of(0, 0)
    d = ma.to_dict()
    assert [len(doc["sentences"]) for doc in d["documents"]] == [3, 2, 2]
    with pytest.raises(na.InputError):
        ma.cluster_of(5, 0)
    with pytest.raises(na.InputError):
        na.align_many(["only one"], encoder="tfidf")


# -- CLI --------------------------------------------------------------------------------
@pytest.fixture()
def three_files(tmp_path: Path) -> list[str]:
    texts = [
        "Over 3,000 troops left on the 23rd. Talks failed in Geneva. Rain fell all day.",
        "Rain fell all day. Around 3,000 troops left on the 23rd. Talks failed in Geneva.",
        "Around 3,000 troops left on the 23rd. Snow fell in Seoul.",
    ]
    paths = []
    for k, text in enumerate(texts):
        p = tmp_path / f"v{k}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def test_cli_diff_json(three_files: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", *three_files[:2], "--format", "json", "--encoder", "tfidf"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"left", "right", "ops", "summary"}
    kinds = [fd["kind"] for op in out["ops"] for fd in op["fact_differences"]]
    assert "qualifier" in kinds


def test_cli_diff_text_and_output_file(three_files: list[str], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["diff", *three_files[:2], "--encoder", "tfidf"]) == 0
    text = capsys.readouterr().out
    assert "qualifier differs" in text and "\033[" not in text
    target = tmp_path / "report.html"
    assert main(["diff", *three_files[:2], "--encoder", "tfidf", "--format", "html",
                 "-o", str(target)]) == 0  # fmt: skip
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_cli_diff_three_versions(three_files: list[str], fmt: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["diff", *three_files, "--encoder", "tfidf", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert len(json.loads(out)["documents"]) == 3
    else:
        assert "v2.txt" in out


def test_cli_diff_errors(three_files: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", three_files[0], "--encoder", "tfidf"]) == 2
    assert main(["diff", three_files[0], "missing.txt", "--encoder", "tfidf"]) == 2
    assert main(["diff", *three_files[:2], "--encoder", "nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("newsalign: error:") for line in err)
