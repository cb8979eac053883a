"""The learned letters-to-jamo transducer (newsalign.names.loanmodel) and its hook in matching.

The bundled parameters are the package's (``names/data/loan_model.tsv``, written by
``benchmarks/build_loan_model.py`` from the dev half of ``wikidata_en_hangul_names.tsv``).
"""

# Examples hold Hangul on purpose (RUF001 is off project-wide).

from __future__ import annotations

import math
from importlib import resources

import pytest

from newsalign.names import match_names, same_person
from newsalign.names.loanmodel import (
    SHAPES,
    _loan_given_score,
    _loan_pair_words,
    _model,
    forward,
    jamo_form,
    latin_form,
    loan_word_score,
)
from newsalign.names.match import _match_rules


def _brute_force(x: str, y: str, pairs: dict[tuple[str, str], float]) -> float:
    """The sum over every chunk segmentation, by recursion (the reference for ``forward``)."""
    if not x and not y:
        return 1.0
    total = 0.0
    for dx, dy in SHAPES:
        if dx <= len(x) and dy <= len(y):
            p = pairs.get((x[:dx], y[:dy]))
            if p is not None:
                total += p * _brute_force(x[dx:], y[dy:], pairs)
    return total


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("Putin", "푸틴"),
        ("Gordon", "고든"),
        ("Budanov", "부다노우"),
        ("Ruby", "루비"),
        ("Li", "리"),
    ],
)
def test_forward_sums_every_segmentation(latin: str, hangul: str) -> None:
    model = _model()
    assert model is not None
    x, y = latin_form(latin), jamo_form(hangul)
    fast = forward(x, y, model.pairs)
    slow = _brute_force(x, y, dict(model.pairs))
    assert fast > 0.0
    assert math.isclose(fast, slow, rel_tol=1e-9)


def test_bundled_parameters_are_small_and_complete() -> None:
    data = resources.files("newsalign.names") / "data" / "loan_model.tsv"
    assert len(data.read_bytes()) <= 300_000
    model = _model()
    assert model is not None
    assert all(math.isfinite(t) for t in (model.pooled, model.word, model.single))
    # Every letter and every jamo of the names it was fitted on has a null probability.
    assert set("abcdefghijklmnopqrstuvwxyz") <= set(model.latin)
    assert {jamo_form("가")[0], jamo_form("안")[-1]} <= set(model.jamo)


def test_word_scores_rank_the_reading_above_another_word() -> None:
    for latin, right, wrong in [
        ("Budanov", "부다노우", "부시"),
        ("Lawrence", "로런스", "로저스"),
        ("Marveaux", "마르보", "마르탱"),
        ("John", "존", "잭"),
    ]:
        assert loan_word_score(latin, right) > 0.5 > loan_word_score(latin, wrong), latin
    assert loan_word_score("", "푸틴") == -math.inf
    assert loan_word_score("Putin", "") == -math.inf


@pytest.mark.parametrize(
    ("latin", "hangul", "other"),
    [
        ("Julia Michaels", "줄리아 마이클스", "줄리아 로버츠"),
        ("Sylvain Marveaux", "실뱅 마르보", "실뱅 마르탱"),
        ("Tommy Dorsey", "토미 도시", "토미 리"),
        ("Lars Magnus Ericsson", "라르스 마그누스 에릭슨", "라르스 마그누스 칼손"),
    ],
)
def test_learned_model_joins_loanword_spellings_the_rules_miss(
    latin: str, hangul: str, other: str
) -> None:
    assert _match_rules(latin, hangul).verdict != "same"
    m = match_names(latin, hangul)
    assert (m.verdict, m.reason) == ("same", "learned loanword model"), m
    assert same_person(hangul, latin)
    assert not same_person(latin, other), match_names(latin, other)


def test_hangul_in_family_first_order() -> None:
    # Hungarian names are written family name first in Hangul (푸슈카시 페렌츠).
    for latin, hangul in [("Ferenc Puskás", "푸슈카시 페렌츠"), ("Sándor Kocsis", "코치시 샨도르")]:
        assert match_names(latin, hangul).reason == "learned loanword model"
    assert not same_person("Ferenc Puskás", "푸슈카시 샨도르")
    assert not same_person("Zoltán Kodály", "코다이 벨러")


def test_korean_and_japanese_pairs_never_reach_the_model() -> None:
    # Two Korean readings are compared syllable by syllable; Japanese ones by their kana.
    assert _loan_pair_words("Kim Jong-un", "김정일") is None
    assert _loan_pair_words("Lee Jae-myung", "이재용") is None
    assert _loan_pair_words("Yuko Sato", "사토 유야") is None
    assert not same_person("Lee Jae-myung", "이재용")
    # Initials say too little; a surname alone against a full name stays ambiguous.
    assert _loan_pair_words("J. Gordon", "존 고든") is None
    assert match_names("Putin", "블라디미르 푸틴").verdict == "ambiguous"
    words = _loan_pair_words("블라디미르 푸틴", "Vladimir Putin")
    assert words == (("Vladimir", "Putin"), ("블라디미르", "푸틴"))


def test_issue_names_stay_the_same_person() -> None:
    for a, b in [
        ("키릴로 부다노우", "Kyrylo Budanov"),
        ("키릴로 부다노우", "Kirill Budanov"),
        ("존 고든", "John Gordon"),
        ("Zelensky", "젤렌스키"),
        ("Putin", "푸틴"),
    ]:
        assert same_person(a, b), match_names(a, b)


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("Sophie Ellis-Bextor", "소피 엘리스 벡스터"),  # one word in English, two in Hangul
        ("Veronica Campbell-Brown", "베로니카 캠벨 브라운"),
        ("Antonia San Juan", "안토니아 산후안"),  # two words in English, one in Hangul
        ("James Kenneth Morrow", "제임스 모로"),  # a middle name left out
    ],
)
def test_names_with_more_words_on_one_side_pair_in_order(latin: str, hangul: str) -> None:
    assert _match_rules(latin, hangul).verdict != "same"
    assert same_person(latin, hangul)


def test_middle_initials_are_left_out_of_the_pairing() -> None:
    assert _loan_pair_words("Thomas J. Sargent", "토머스 사전트") == (
        ("Thomas", "Sargent"),
        ("토머스", "사전트"),
    )
    assert same_person("Thomas J. Sargent", "토머스 사전트")
    assert same_person("Edwin O. Reischauer", "에드윈 라이샤워")
    # One full word beside initials says too little for the model.
    assert _loan_pair_words("J. B. Priestley", "존 보인턴 프리스틀리") is None


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("João Carlos", "주앙 카를루스 테이셰이라"),  # the surname left out
        ("James Kenneth Morrow", "제임스 케네스"),
        ("Sophie Ellis-Bextor", "소피 엘리스 브라운"),
        ("Scout Taylor-Compton", "스카우트 테일러 스미스"),
    ],
)
def test_a_last_word_left_out_or_another_stays_apart(latin: str, hangul: str) -> None:
    assert not same_person(latin, hangul)


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [("Bill Gates", "빌 게이츠"), ("Ken Bates", "켄 베이츠"), ("Shawn Michaels", "숀 마이클스")],
)
def test_every_word_written_clearly_by_sound_is_enough(latin: str, hangul: str) -> None:
    model = _model()
    assert model is not None
    assert same_person(latin, hangul)


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [("Bill Gates", "빌 게이브"), ("Ken Bates", "켄 베이커"), ("Shawn Michaels", "숀 코너리")],
)
def test_a_short_given_name_does_not_carry_another_surname(latin: str, hangul: str) -> None:
    assert not same_person(latin, hangul)


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("Amy Johnson", "새뮤얼 존슨"),  # Samuel Johnson
        ("Alan Wilson", "오웬 윌슨"),  # Owen Wilson
        ("Bianca Trump", "이바나 트럼프"),  # Ivana Trump
    ],
)
def test_given_names_the_model_hears_apart_are_different_people(latin: str, hangul: str) -> None:
    # One surname key, and given names whose coarse forms agree (Amy ~m, 새뮤얼 ~m).
    score = _loan_given_score(latin, hangul)
    assert score is not None and score < 0
    assert match_names(latin, hangul).verdict == "different"


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("Samuel Johnson", "새뮤얼 존슨"),
        ("Richard Park", "리처드 박"),  # a Korean surname, which the model scores low, is left out
        ("James Lightbody", "짐 라이트바디"),  # a diminutive (the nicknames table)
        ("Jim Mattis", "제임스 매티스"),
        ("Bobby Roode", "로버트 루드"),
    ],
)
def test_given_names_heard_alike_or_by_a_diminutive(latin: str, hangul: str) -> None:
    assert same_person(latin, hangul), match_names(latin, hangul)


def test_japanese_given_names_agree_syllable_by_syllable() -> None:
    assert same_person("Fumio Kishida", "기시다 후미오")
    assert not same_person("Matsudaira Nobuhide", "마쓰다이라 노부타카")
