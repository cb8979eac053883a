"""Chinese names in pinyin against their Sino-Korean reading in Hangul (names.sinokorean).

Pairs are English/Hangul Wikidata labels of real people (``wikidata_en_hangul_names.tsv``,
dev half); the negatives pair one person's pinyin name with another person's Hangul name.
"""

# Examples hold Hangul on purpose (RUF001 is off project-wide).

from __future__ import annotations

import pytest

from newsalign.names import match_names, name_key, same_person
from newsalign.names.sinokorean import _readings, korean_reading, sino_korean_pinyin


def test_the_table_reads_common_hanja_only() -> None:
    table = _readings()
    # 孟 mèng and 盲 máng are 맹; the table's rare characters would make 맹 read as ming,
    # qing and xi too.
    assert sino_korean_pinyin("맹") == frozenset({"meng", "mang"})
    assert 400 < len(table) < 600
    assert all(s.isascii() and s.isalpha() for v in table.values() for s in v)


def test_the_initial_sound_law_is_undone_at_the_start_of_a_word() -> None:
    # 李 is 리, written 이 at the start of a word; 劉 is 류, written 유.
    assert "li" in sino_korean_pinyin("이", initial=True)
    assert "li" not in sino_korean_pinyin("이")
    assert "liu" in sino_korean_pinyin("유", initial=True)


@pytest.mark.parametrize(
    ("pinyin", "hangul"),
    [
        ("Meng Haoran", "맹호연"),
        ("Zhuge Liang", "제갈량"),
        ("Li Bai", "이백"),
        ("Liu Bei", "유비"),
        ("Cao Cao", "조조"),
        ("Wang Yangming", "왕양명"),
        ("Zuo Zongtang", "좌종당"),
        ("An Lushan", "안녹산"),  # 祿 록, first in its word: 녹
        ("Zhang Lu", "장률"),  # 律 lǜ, written lu
        ("Jin Yong", "김용"),  # 金 as a surname is 김
        ("Mao Zedong", "모택동"),
    ],
)
def test_pinyin_meets_the_sino_korean_reading(pinyin: str, hangul: str) -> None:
    assert same_person(pinyin, hangul)
    assert same_person(hangul, pinyin)
    assert match_names(pinyin, hangul).reason == "Sino-Korean reading of the characters"


@pytest.mark.parametrize(
    ("pinyin", "hangul"),
    [
        ("Meng Haoran", "맹획"),  # 孟獲 Meng Huo
        ("Zhang Fei", "장각"),  # 張角 Zhang Jue
        ("Cao Cao", "조비"),  # 曹丕 Cao Pi
        ("Liu Bei", "유표"),  # 劉表 Liu Biao
        ("Wang Wei", "왕망"),  # 王莽 Wang Mang
        ("Sun Quan", "손책"),  # 孫策 Sun Ce
    ],
)
def test_other_people_of_the_surname_stay_apart(pinyin: str, hangul: str) -> None:
    assert not same_person(pinyin, hangul)


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("Kim Yeon-koung", "김영숙"),  # hyphenated: Korean, never pinyin
        ("Lee Jae-myung", "이재용"),
        ("Park Sun-won", "박선영"),
        ("Jin Chao-chun", "진조순"),  # Wade-Giles, not pinyin
    ],
)
def test_korean_and_wade_giles_names_are_not_read_as_pinyin(latin: str, hangul: str) -> None:
    assert not same_person(latin, hangul)


@pytest.mark.parametrize(
    ("pinyin", "hangul"),
    [("Ren Hui", "런후이"), ("Li Ruihuan", "리루이환"), ("Zhang Ruimin", "장루이민")],
)
def test_ui_after_an_initial_is_written_with_u(pinyin: str, hangul: str) -> None:
    # The Korean orthography of Chinese writes hui 후이 and rui 루이; wei stays 웨이.
    assert same_person(pinyin, hangul)
    if pinyin == "Ren Hui":  # read as pinyin by the parser too: the keys meet
        assert name_key(pinyin) == name_key(hangul)


def test_the_modern_reading_meets_a_name_the_parser_read_as_korean() -> None:
    # Bai Hong reads as Korean (배홍) to the parser, as pinyin 바이훙 here.
    assert same_person("Bai Hong", "바이훙")
    assert not same_person("Bai Hong", "바이펑")


def test_keys_stay_idempotent_for_sino_korean_names() -> None:
    for name in ("Meng Haoran", "맹호연", "Zhuge Liang", "제갈량", "Ren Hui", "런후이"):
        key = name_key(name)
        assert name_key(key) == key


KOREAN_IN_HANJA = [
    ("金正恩", ["김정은", "Kim Jong-un", "Kim Jong Un", "Kim Chong-un", "北 김정은"]),
    ("金正恩 总书记", ["北 김정은", "김정은 위원장"]),  # headline forms: 北 is no Han name
    ("金與正", ["김여정", "Kim Yo-jong", "Kim Yo Jong"]),
    ("金与正", ["김여정", "Kim Yo-jong"]),  # the simplified form
    ("崔善姬", ["최선희", "Choe Son-hui", "Choi Sun-hee"]),
    ("李在明", ["이재명", "Lee Jae-myung", "Yi Jae-myeong"]),  # 李 리, written 이
    ("尹錫悅", ["윤석열", "Yoon Suk-yeol", "Yun Sok-yol"]),
    ("朴 善源", ["박선원", "Park Sun-won", "Park Sunwon"]),
]


@pytest.mark.parametrize(("han", "spellings"), KOREAN_IN_HANJA, ids=lambda x: str(x)[:8])
def test_korean_names_in_hanja_read_as_korean(han: str, spellings: list[str]) -> None:
    for other in spellings:
        assert same_person(han, other), (han, other, match_names(han, other))
        assert same_person(other, han)
    assert match_names(han, spellings[0]).reason == "Korean reading of the Han characters"


@pytest.mark.parametrize(
    ("han", "other"),
    [
        ("金正恩", "김정일"),  # 金正日 Kim Jong-il
        ("金正恩", "Kim Jong-il"),
        ("李在明", "Lee Jae-yong"),
        ("崔善姬", "Choe Ryong-hae"),
        ("金正恩", "Jin Zhengyi"),
    ],
)
def test_other_korean_people_stay_apart_from_hanja(han: str, other: str) -> None:
    assert not same_person(han, other)


def test_korean_reading_reads_two_to_four_characters() -> None:
    assert korean_reading("柳寬順") == "유관순"  # 柳 류, written 유
    assert korean_reading("南宮 玉分") == "남궁옥분"
    assert korean_reading("金") == ""
    assert korean_reading("金正恩 위원장") == ""
