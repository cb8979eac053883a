from __future__ import annotations

import pytest

from newsalign.text import number_values, parse_number


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1,500", 1500.0),
        ("12.3", 12.3),
        ("1.5 million", 1.5e6),
        ("2 billion", 2e9),
        ("1만", 1e4),
        ("3천", 3e3),
        ("1억1천만", 1.1e8),
        ("12조3천억", 1.23e13),
        ("1만5000", 15000.0),
        ("three thousand", 3000.0),
        ("twenty-five", 25.0),
        ("2,326억", 2.326e11),
        ("3000万", 3e7),
        ("14亿", 1.4e9),
        ("三千", 3000.0),
        ("两百五十", 250.0),
        ("一万二千", 12000.0),
        ("二〇二三", 2023.0),
        ("troops", None),
        ("一些", None),
    ],
)
def test_parse_number(token: str, value: float | None) -> None:
    assert parse_number(token) == value


def test_korean_and_english_share_values() -> None:
    en = number_values("over 3,000 troops now, 10,000 by December")
    ko = number_values("북한군 3천명 이상, 12월까지 1만명")
    assert {3000.0, 10000.0} <= en & ko


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Korean spacing: a space after each large scale (만, 억, 조) within one number
        ("러시아에 1만 900명을 보냈다", {10900.0}),
        ("2만 5천 명", {25000.0}),
        ("1억 2천만 달러", {120000000.0}),
        ("12억 3456만 7898원", {1234567898.0}),
        # ... but a year, a month or a count of months after the space is a number of its own
        ("인구 5만 2020년 조사", {50000.0, 2020.0}),
        ("1만 명이 3개월 동안", {10000.0, 3.0}),
        ("3천 명", {3000.0}),
    ],
)
def test_korean_numbers_spaced_by_the_large_scales(text: str, values: set[float]) -> None:
    assert number_values(text) == values


def test_no_numbers() -> None:
    assert number_values("No one knows.") == frozenset()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # digits glued to CJK words count; glued to Latin letters they are names
        ("朝鲜于2023年10月5日发射了3000万元的导弹", {2023.0, 10.0, 5.0, 3e7}),
        ("북한군3천명이 이스라엘 영내70km까지", {3000.0, 70.0}),
        ("A380 jets and COVID19 cases", frozenset()),
        # Chinese numerals count before a counter or a scale, not inside common words
        ("共有三千名士兵和两架飞机", {3000.0, 2.0}),
        ("十二月，百分之五十的人", {12.0, 50.0}),
        ("一些人认为这十分重要，大家一起努力", frozenset()),
        # a lone 一 before a counter is the article "a" (一名士兵 a soldier)
        ("一名士兵", frozenset()),
        ("Twenty-nine people, seventeen injured", {29.0, 17.0}),
        # a currency sign makes m, k and bn scales; 조 alone is an article number
        ("an initial $5m and £2.5bn, a 5m wall", {5e6, 2.5e9, 5.0}),
        ("헌법 9조를 개정, 예산 220조원", {9.0, 2.2e14}),
    ],
)
def test_numbers_as_cjk_and_english_write_them(text: str, values: set[float]) -> None:
    assert number_values(text) == frozenset(values)


def test_chinese_and_english_share_values() -> None:
    zh = number_values("朝鲜2022年发射了70多枚导弹，约1.5万名士兵参加")
    en = number_values(
        "North Korea fired more than 70 missiles in 2022; about 15,000 troops took part"
    )
    assert {2022.0, 70.0, 15000.0} <= zh & en


# -- facts a reader compares ------------------------------------------------------------
from newsalign.facts import (  # noqa: E402
    FACT_DIFFERENCE_KINDS,
    FACT_KINDS,
    Fact,
    FactDifference,
    compare_facts,
    document_facts,
    extract_facts,
)
from newsalign.records import Document  # noqa: E402


def quantities(text: str) -> list[Fact]:
    return [f for f in extract_facts(text) if f.kind == "quantity"]


@pytest.mark.parametrize(
    ("text", "number", "qualifier", "role", "unit"),
    [
        ("over 3,000 North Korean troops", 3000.0, "over", None, "troops"),
        ("around 3,000 troops", 3000.0, "about", None, "troops"),
        ("about 40 workers", 40.0, "about", None, "workers"),
        ("more than 1.5 million people", 1.5e6, "over", None, "people"),
        ("up to 200 mm of rain", 200.0, "up to", None, "mm"),
        ("nearly 12% of voters", 12.0, "nearly", None, "%"),
        ("an additional 10,000 by December", 10000.0, None, "additional", None),
        ("10,000 more soldiers", 10000.0, None, "additional", "troops"),
        ("10,000 in total", 10000.0, None, "total", None),
        ("the total is expected to reach 10,000 by December", 10000.0, None, "total", None),
        ("a total of 500 missiles", 500.0, None, "total", "missiles"),
        ("increased by approximately 1,500", 1500.0, "about", "additional", None),
        ("북한군 약 3천명", 3000.0, "about", None, "people"),
        ("1만명 이상", 10000.0, "at least", None, "people"),
    ],
)
def test_quantity_qualifier_role_unit(
    text: str, number: float, qualifier: str | None, role: str | None, unit: str | None
) -> None:
    (q,) = quantities(text)
    assert (q.number, q.qualifier, q.role, q.unit) == (number, qualifier, role, unit)
    assert text[q.start : q.end] == q.text


def test_ordinals_years_and_dates_are_not_quantities() -> None:
    text = "The elite 11th Storm Corps moved between the 8th and 13th, in 2024, on Oct. 23."
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("On the 23rd, it began.", "day 23", None),
        ("It began on Wednesday.", "weekday wednesday", None),
        ("It began on Oct. 23.", "date 10-23", None),
        ("It began on October 23, 2024.", "date 10-23 2024", None),
        ("The pact was signed in June.", "month 6", None),
        ("10,000 by December.", "month 12", "by"),
        ("between the 8th and 13th", "day 8-13", "between"),
        ("It starts at 10 a.m.", "time 10:00", None),
        ("23일 발표했다", "day 23", None),
        ("12월경 파병", "month 12", "around"),
        ("12월까지 1만명", "month 12", "by"),
        ("Over 10,000 by Year\u2019s End", "month 12", "by"),
        # a full date keeps its year in every language
        ("북한은 2023년 10월 5일 발사했다", "date 10-05 2023", None),
        ("朝鲜于2023年10月5日发射了导弹", "date 10-05 2023", None),
        ("2022년 11월 북한은", "month 11 2022", None),
        ("朝鲜12月底发射", "month 12", "late"),
        ("朝鲜周三发射了导弹", "weekday wednesday", None),
        ("北朝鮮は水曜日に発射した", "weekday wednesday", None),
        ("北朝鮮は5日発射した", "day 5", None),
    ],
)
def test_dates(text: str, value: str, qualifier: str | None) -> None:
    dates = [f for f in extract_facts(text) if f.kind == "date"]
    assert [(f.value, f.qualifier) for f in dates] == [(value, qualifier)]


def test_organisations_and_acronyms() -> None:
    facts = extract_facts(
        "On the 23rd, the National Intelligence Service (NIS) said the elite 11th Storm Corps "
        "moved, and members of the People Power Party agreed."
    )
    orgs = [(f.text, f.value) for f in facts if f.kind == "organization"]
    assert orgs == [
        ("National Intelligence Service (NIS)", "NIS"),
        ("11th Storm Corps", "11th storm corps"),
        ("People Power Party", "people power party"),
    ]


def test_quotes_span_sentence_boundaries() -> None:
    opening = extract_facts("He said, “We will see what happens next.")
    closing = extract_facts("We anticipate that it will occur by December.”")
    assert [f.text for f in opening if f.kind == "quote"] == ["We will see what happens next"]
    assert [f.text for f in closing if f.kind == "quote"] == [
        "We anticipate that it will occur by December"
    ]
    assert not [f for f in extract_facts("the “elite” unit") if f.kind == "quote"]


def test_people_are_found_and_titles_dropped() -> None:
    people = [f.text for f in extract_facts(
        "NIS Director Cho Tae-yong briefed Lee Seong-gwon of the People Power Party."
    ) if f.kind == "person"]  # fmt: skip
    assert people == ["Cho Tae-yong", "Lee Seong-gwon"]


def test_fact_offsets_match_text_and_kinds_are_closed() -> None:
    text = "On Wednesday, over 3,000 troops left, Rep. Park Sun Won told the NIS, “It is done now.”"
    for f in extract_facts(text, sentence=4):
        assert text[f.start : f.end] == f.text
        assert f.kind in FACT_KINDS
        assert f.sentence == 4


def test_document_facts_one_tuple_per_sentence() -> None:
    doc = Document.from_text("Troops left on the 8th. Nobody knows why. Over 3,000 went.")
    facts = document_facts(doc)
    assert len(facts) == len(doc)
    assert [f.sentence for f in facts[2]] == [2]
    for k, sentence in enumerate(doc):
        for f in facts[k]:
            assert sentence.text[f.start : f.end] == f.text


def kinds(diffs: tuple[FactDifference, ...]) -> list[tuple[str, str]]:
    return [(d.kind, d.fact) for d in diffs]


def test_compare_role_and_qualifier() -> None:
    left = extract_facts(
        "Over 3,000 troops have relocated, and the total is expected to reach 10,000 by December."
    )
    right = extract_facts("Around 3,000 troops went, with an additional 10,000 by December.")
    diffs = compare_facts(left, right)
    assert kinds(diffs) == [("qualifier", "quantity"), ("role", "quantity")]
    role = diffs[1]
    assert (role.left_fact and role.left_fact.role, role.right_fact and role.right_fact.role) == (
        "total", "additional",
    )  # fmt: skip
    assert all(d.kind in FACT_DIFFERENCE_KINDS and d.explanation for d in diffs)


def test_compare_conflicting_values_and_one_sided_facts() -> None:
    diffs = compare_facts(
        extract_facts("Officials said 30 people died on Monday."),
        extract_facts("Officials said 35 people died on Tuesday, the NIS said."),
    )
    assert kinds(diffs) == [
        ("conflict", "quantity"), ("conflict", "date"), ("right_only", "organization"),
    ]  # fmt: skip
    assert (diffs[0].left_value, diffs[0].right_value) == ("30 people", "35 people")


def test_compare_restated_dates() -> None:
    diffs = compare_facts(
        extract_facts("On the 23rd, it began."), extract_facts("On Wednesday, it began.")
    )
    assert kinds(diffs) == [("restated", "date")]


@pytest.mark.parametrize(
    "right",
    [
        "North Korea fired it on October 5, 2023.",
        "朝鲜于2023年10月5日发射了导弹。",
        "It was Oct. 5.",
    ],
)
def test_one_date_in_two_languages_is_no_conflict(right: str) -> None:
    # 2023년 10월 5일 = October 5, 2023 = 2023年10月5日; a date without its year agrees too
    diffs = compare_facts(extract_facts("북한은 2023년 10월 5일 발사했다."), extract_facts(right))
    assert all(d.kind != "conflict" for d in diffs), diffs


def test_equal_facts_give_no_difference() -> None:
    text = "On the 23rd, over 3,000 troops left, Rep. Park Sun Won told the NIS."
    assert compare_facts(extract_facts(text), extract_facts(text)) == ()


@pytest.mark.parametrize(
    ("left", "right"),
    [("Lee Seong-gwon", "Lee Seong Kwon"), ("Park Seon-won", "Park Sun Won")],
)
def test_name_spellings_are_variants_never_conflicts(left: str, right: str) -> None:
    diffs = compare_facts(
        extract_facts(f"Rep. {left} said the talks failed."),
        extract_facts(f"Rep. {right} said the talks failed."),
    )
    assert kinds(diffs) == [("name_variant", "person")]
    assert (diffs[0].left_value, diffs[0].right_value) == (left, right)


def test_different_people_are_one_sided_not_variants() -> None:
    diffs = compare_facts(
        extract_facts("Rep. Kim Jong-un said no."), extract_facts("Rep. Moon Jae-in said no.")
    )
    assert kinds(diffs) == [("left_only", "person"), ("right_only", "person")]


def test_people_come_from_the_names_module() -> None:
    from newsalign import names

    (a,) = [f for f in extract_facts("Rep. Lee Seong-gwon spoke.") if f.kind == "person"]
    (b,) = [f for f in extract_facts("Rep. Lee Seong Kwon spoke.") if f.kind == "person"]
    assert a.value == names.name_key("Lee Seong-gwon") == names.name_key("Lee Seong Kwon")
    assert kinds(compare_facts([a], [b])) == [("name_variant", "person")]


def test_bad_input_is_a_typed_error() -> None:
    import newsalign as na

    with pytest.raises(na.InputError):
        extract_facts(3)  # type: ignore[arg-type]
    with pytest.raises(na.InputError):
        document_facts("text")  # type: ignore[arg-type]
