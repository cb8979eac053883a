"""Calibrated link scores: absolute, the same for a pair anywhere, honest on held-out data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import newsalign as na
from newsalign.alignment import FEATURES, Scorer, calibration_for, parse_calibrations
from newsalign.alignment.evidence import feature_rows, sentence_evidence
from newsalign.alignment.probability import LinkProbability
from newsalign.errors import ConfigError

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
A = "North Korea fired two short-range ballistic missiles into the East Sea on Tuesday."
B = "On Tuesday, Pyongyang launched a pair of short-range ballistic missiles toward the sea."
MORE = "Seoul's stock market closed higher on strong chip exports."
MORE_RIGHT = "Exports of chips lifted Seoul shares by the close."
OTHER = [
    "The foreign minister is due to visit Tokyo next month.",
    "Heavy rain caused flooding in the southern provinces.",
    "Officials said the talks would resume after the holiday.",
]


@pytest.fixture(scope="module")
def cached(encoder: na.Encoder) -> na.Encoder:
    """The bundled encoder; get_encoder's cache encodes each text once however often used."""
    return encoder


def _probability(
    enc: na.Encoder,
    left: list[str],
    right: list[str],
    bead: tuple[tuple[int, ...], tuple[int, ...]],
) -> float:
    lv, rv = na.embed.normalize_rows(enc.encode(left)), na.embed.normalize_rows(enc.encode(right))
    scorer = Scorer(lv, rv, left, right, na.AlignParams(), enc.encode)
    return float(LinkProbability(scorer, calibration_for(enc.name)).scores([bead])[0])


def _score(al: na.Alignment, left: int, right: int) -> float:
    found = [k.score for k in al.links if k.left == (left,) and k.right == (right,)]
    assert found, f"no link {left}-{right}: {al.links}"
    return found[0]


def test_the_same_pair_gets_the_same_score_in_any_documents(cached: na.Encoder) -> None:
    one = na.align(
        na.Document.from_sentences([A, OTHER[0]]),
        na.Document.from_sentences([OTHER[1], B]),
        encoder=cached,
    )
    other = na.align(
        na.Document.from_sentences([OTHER[2], OTHER[1], A, MORE]),
        na.Document.from_sentences([B, OTHER[0], MORE_RIGHT]),
        encoder=cached,
    )
    assert _score(one, 0, 1) == pytest.approx(_score(other, 2, 0), abs=1e-9)


def test_scores_do_not_depend_on_which_side_is_left(cached: na.Encoder) -> None:
    left = na.Document.from_sentences([A, OTHER[0]])
    right = na.Document.from_sentences([OTHER[2], B])
    ab = na.align(left, right, encoder=cached)
    ba = na.align(right, left, encoder=cached)
    assert sorted((k.left, k.right, k.score) for k in ab.links) == sorted(
        (k.right, k.left, k.score) for k in ba.links
    )
    ea, eb = sentence_evidence(A), sentence_evidence(B)
    one = feature_rows(np.array([0.7]), np.array([0.3]), [[ea]], [[eb]])
    other = feature_rows(np.array([0.7]), np.array([0.3]), [[eb]], [[ea]])
    assert np.array_equal(one, other)


def test_a_conflicting_number_lowers_the_probability(cached: na.Encoder) -> None:
    base = "Russia has sent 3,000 troops to the border region, officials said."
    same = "Officials said Russia sent 3,000 soldiers to the border area."
    changed = "Officials said Russia sent 10,900 soldiers to the border area."
    p_same = _probability(cached, [base], [same], ((0,), (0,)))
    p_changed = _probability(cached, [base], [changed], ((0,), (0,)))
    assert p_same > p_changed + 0.2
    assert p_same >= 0.75


def _conflict(left: str, right: str) -> float:
    row = feature_rows(
        np.array([0.9]), np.array([0.5]), [[sentence_evidence(left)]], [[sentence_evidence(right)]]
    )
    return float(row[0, FEATURES.index("conflict")])


def test_dates_of_one_slot_with_no_value_in_common_conflict() -> None:
    # one day against two others: the fact comparison pairs dates one to one and would
    # leave them unpaired; no day in common is still a conflict
    assert (
        _conflict("국무부는 8일 논평했습니다.", "국무부는 31일(한국 시각 1일) 논평했습니다.") == 1
    )
    assert _conflict("국무부는 8일 논평했습니다.", "국무부는 8일(한국 시각 9일) 논평했습니다.") == 0
    assert _conflict("Talks ended on Tuesday.", "Talks ended on Thursday and on Friday.") == 1
    assert _conflict("Talks ended on Tuesday.", "Talks ended on Tuesday, not Friday.") == 0
    # a day and a month are different slots; a date on one side only is no conflict
    assert _conflict("Talks ended on the 8th.", "Talks ended in March.") == 0
    assert _conflict("Talks ended on the 8th.", "Talks ended.") == 0
    # quantities still conflict as the comparison pairs them
    assert _conflict("Russia sent 3,000 troops.", "Russia sent 10,900 troops.") == 1
    assert _conflict("Russia sent 3,000 people.", "러시아에 1만 900명을 보냈다.") == 1
    # ... when one of them has a unit: two bare numbers may count different things
    assert _conflict("a 975 m² reflector", "a 10,500-square-foot reflector") == 0


def _row(left: str, right: str) -> dict[str, float]:
    row = feature_rows(
        np.array([0.8]), np.array([0.4]), [[sentence_evidence(left)]], [[sentence_evidence(right)]]
    )
    return dict(zip(FEATURES, row[0].tolist(), strict=True))


def test_language_features_read_the_script_of_each_side() -> None:
    ko = _row("북한이 9일 탄도미사일을 발사했습니다.", "North Korea fired a missile on the 9th.")
    assert ko["cross"] == 1 and ko["cos_cross"] == pytest.approx(0.8) and ko["lex_same"] == 0
    en = _row("North Korea fired a missile on the 9th.", "A missile was fired on the 9th.")
    assert en["cross"] == 0 and en["cos_cross"] == 0 and en["lex_same"] == pytest.approx(0.4)


def test_two_reporters_sign_offs_clash_and_lower_the_probability(cached: na.Encoder) -> None:
    # one language, a person on each side and none in common: a clash
    assert _row("VOA 뉴스 백성원입니다.", "VOA 뉴스 함지하입니다.")["name_clash"] == 1
    assert _row("VOA 뉴스 백성원입니다.", "VOA 뉴스 백성원입니다.")["name_clash"] == 0
    assert _row("이성권 의원은 말했다.", "이날 회의가 열렸다.")["name_clash"] == 0  # one side only
    # across languages a clash is not counted (keys of one person agree less often there)
    assert _row("이성권 의원은 말했다.", "Kim Jong Un said so.")["name_clash"] == 0
    # a clash weighs by how short the sentences are: there the names are much of the content
    row = _row("VOA 뉴스 백성원입니다.", "VOA 뉴스 함지하입니다.")
    assert row["clash_short"] == pytest.approx(row["short"]) and 0.3 < row["short"] < 0.7
    assert _row("이성권 의원은 말했다.", "이날 회의가 열렸다.")["clash_short"] == 0
    mine, theirs = "VOA 뉴스 백성원입니다.", "VOA 뉴스 함지하입니다."
    same = _probability(cached, [mine], [mine], ((0,), (0,)))
    other = _probability(cached, [mine], [theirs], ((0,), (0,)))
    assert same >= 0.9
    assert other < same - 0.3


def test_every_bundled_encoder_has_its_own_table_and_others_the_default() -> None:
    for name in ("use-m3", "tfidf", "st:all-MiniLM-L6-v2"):
        assert calibration_for(name).encoder == name
    assert calibration_for("my-own-encoder").encoder == "default"
    assert calibration_for("precomputed").encoder == "default"
    tables = {calibration_for(n).text for n in ("use-m3", "tfidf", "st:all-MiniLM-L6-v2")}
    assert len(tables) == 3


def test_own_vectors_use_the_default_table() -> None:
    al = na.align_embeddings(np.eye(3), np.eye(3))
    assert [(k.left, k.right, k.kind) for k in al.links] == [
        ((x,), (x,), "equivalent") for x in range(3)
    ]
    assert all(k.score > 0.9 for k in al.links)


_GOOD = {"weights": {"cos": 10.0}, "bias": -5.0}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"encoders": {"default": {"text": _GOOD}}}, "missing the 'vectors' model"),
        (
            {
                "encoders": {
                    "default": {"text": {"weights": {"colour": 1.0}, "bias": 0}, "vectors": _GOOD}
                }
            },
            "unknown feature 'colour'",
        ),
        (
            {
                "encoders": {
                    "default": {"text": {"weights": {"cos": "x"}, "bias": 0}, "vectors": _GOOD}
                }
            },
            "must be a number",
        ),
        ({"encoders": {"use-m3": {"text": _GOOD, "vectors": _GOOD}}}, "no 'default' table"),
        ([], "must be an object"),
    ],
)
def test_a_broken_table_is_a_config_error(data: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_calibrations(data)


def test_features_are_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "align.md").read_text("utf-8")
    for name in FEATURES:
        assert f"`{name}`" in doc


def _reliability(p: np.ndarray, y: np.ndarray) -> float:
    bins = np.clip((p * 10).astype(int), 0, 9)
    return float(
        sum(
            (bins == b).sum() / len(p) * abs(p[bins == b].mean() - y[bins == b].mean())
            for b in range(10)
            if (bins == b).any()
        )
    )


def test_calibration_error_on_held_out_korean_english_pairs(cached: na.Encoder) -> None:
    """ko_en test (never used for fitting): windows of 6 silver pairs; each line against
    its own English line (same content) and two others of its window (same story)."""
    folder = SHARED / "ko_en_news"
    ko = (folder / "korean-english-park.test.ko").read_text("utf-8").splitlines()[:600]
    en = (folder / "korean-english-park.test.en").read_text("utf-8").splitlines()[:600]
    probs, labels = [], []
    for start in range(0, len(ko), 6):
        left, right = ko[start : start + 6], en[start : start + 6]
        lv = na.embed.normalize_rows(cached.encode(left))
        rv = na.embed.normalize_rows(cached.encode(right))
        scorer = Scorer(lv, rv, left, right, na.AlignParams(), cached.encode)
        prob = LinkProbability(scorer, calibration_for("use-m3"))
        beads = [((i,), ((i + d) % 6,)) for i in range(6) for d in (0, 1, 3)]
        probs += prob.scores(beads).tolist()
        labels += [1 if d == 0 else 0 for _ in range(6) for d in (0, 1, 3)]
    p, y = np.array(probs), np.array(labels)
    # The bar (ECE <= 0.05) is on the benchmark's whole held-out mix (benchmarks/calibrate.py,
    # 0.048): there the VOA topical negatives in one language pull the scores of a
    # cross-lingual pair down, so these pairs alone are under-confident (about 0.1-0.12).
    assert _reliability(p, y) <= 0.15
    assert np.mean(p[y == 1]) <= np.mean(y[p >= 0.5]) + 0.05  # under-, never over-confident
    assert p[y == 1].mean() >= 0.5
    assert p[y == 0].mean() <= 0.1


def _share(al: na.Alignment) -> float:
    eq = sum(len(k.left) + len(k.right) for k in al.links if k.kind == "equivalent")
    return eq / (len(al.left) + len(al.right))


def test_voa_other_events_share_little_and_copies_share_all(cached: na.Encoder) -> None:
    lines = (SHARED / "voa_events" / "articles.jsonl").read_text("utf-8").splitlines()
    arts = [json.loads(x) for x in lines if x.strip()]
    docs = {a["id"]: na.Document.from_text(a["text"]) for a in arts}
    other, copies = [], []
    for x, a in enumerate(arts):
        for b in arts[x + 1 :]:
            copy = a.get("same_article_as") == b["id"] or b.get("same_article_as") == a["id"]
            if not copy and (a["topic"] != b["topic"] or a["event"] == b["event"]):
                continue
            share = _share(na.align(docs[a["id"]], docs[b["id"]], encoder=cached))
            (copies if copy else other).append(share)
    assert len(copies) == 9 and len(other) > 500
    assert np.mean(other) <= 0.15
    assert np.mean([s > 0.5 for s in other]) <= 0.02
    assert np.mean(copies) >= 0.9
