"""Korean names in Cyrillic (names.cyrillic_korean): Kontsevich and the Soviet spellings.

The names are how Russian-language news writes these people (Ким Чен Ын, Мун Чжэ Ин); each
must match its Hangul and Latin spellings, and different people must stay apart.
"""

# Examples hold Cyrillic and Hangul on purpose (RUF001 is off project-wide).

from __future__ import annotations

import random

import pytest

from newsalign.names import match_names, name_key, same_person
from newsalign.names.cyrillic_korean import _cyr_syllables, _cyr_sylset

PEOPLE: list[tuple[str, list[str]]] = [
    ("Ким Чен Ын", ["김정은", "Kim Jong-un", "Kim Jong Un"]),
    ("Ким Ё Чжон", ["김여정", "Kim Yo-jong", "Kim Yo Jong"]),
    ("Цой Сон Хи", ["최선희", "Choe Son-hui", "Choi Sun-hee"]),
    ("Пак Сон Вон", ["박선원", "Park Sun-won", "Park Seon-won"]),
    ("Юн Сок Ёль", ["윤석열", "Yoon Suk-yeol", "Yun Seok-yeol"]),
    ("Ли Чжэ Мён", ["이재명", "Lee Jae-myung"]),
    ("Ли Джэ Мён", ["이재명", "Lee Jae-myung"]),
    ("Мун Чжэ Ин", ["문재인", "Moon Jae-in"]),
    ("Мун Чжэин", ["문재인", "Moon Jae-in"]),
    ("Мун Чжэ-Ин", ["문재인", "Moon Jae-in"]),
    ("Ким Ир Сен", ["김일성", "Kim Il-sung", "Kim Il Sung"]),
    ("Ким Чен Ир", ["김정일", "Kim Jong-il"]),
    ("Пак Кын Хе", ["박근혜", "Park Geun-hye"]),
    ("Ли Мён Бак", ["이명박", "Lee Myung-bak"]),
    ("Чхве Рён Хэ", ["최룡해", "Choe Ryong-hae"]),
    ("Ким Дэ Чжун", ["김대중", "Kim Dae-jung"]),
    ("Но Му Хён", ["노무현", "Roh Moo-hyun"]),
    ("Пан Ги Мун", ["반기문", "Ban Ki-moon"]),
]
PAIRS = [(cyr, other) for cyr, others in PEOPLE for other in others]


@pytest.mark.parametrize(("cyrillic", "other"), PAIRS)
def test_a_cyrillic_korean_name_matches_its_hangul_and_latin_spellings(
    cyrillic: str, other: str
) -> None:
    assert same_person(cyrillic, other), match_names(cyrillic, other)
    assert same_person(other, cyrillic), match_names(other, cyrillic)


@pytest.mark.parametrize("cyrillic", [c for c, _ in PEOPLE])
def test_a_cyrillic_korean_name_reads_as_korean_with_an_idempotent_key(cyrillic: str) -> None:
    key = name_key(cyrillic)
    assert not key.startswith("~"), key
    assert name_key(key) == key
    assert name_key(cyrillic) == key  # deterministic


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ким Чен Ын", "김정일"),
        ("Ким Чен Ын", "Kim Jong-il"),
        ("Ким Чен Ын", "Ким Чен Ир"),
        ("Ким Чен Ын", "Ким Ё Чжон"),
        ("Ким Ё Чжон", "Kim Yong-jun"),
        ("Ким Ё Чжон", "김영준"),
        ("Цой Сон Хи", "최룡해"),
        ("Цой Сон Хи", "Чхве Рён Хэ"),
        ("Пак Кын Хе", "박정희"),
        ("Пак Кын Хе", "Park Chung-hee"),
        ("Ли Мён Бак", "이명수"),
        ("Ли Мён Бак", "Lee Jae-myung"),
        ("Ким Ир Сен", "김정일"),
        ("Ким Дэ Чжун", "김대식"),  # not 김대준: Kontsevich writes 중 and 준 alike
        ("Мун Чжэ Ин", "문재일"),
        ("Пан Ги Мун", "반기철"),
    ],
)
def test_different_people_stay_apart(a: str, b: str) -> None:
    assert not same_person(a, b), match_names(a, b)
    assert not same_person(b, a), match_names(b, a)


def test_the_soviet_e_after_ch_and_s_is_also_eo() -> None:
    # Чен = 정 (Kim Jong-un), Сен = 성 (Kim Il-sung); elsewhere е is ㅔ, ㅖ, ㅐ, or ㅕ ㅛ
    # written without the dots of ё.
    chen, sen, he = _cyr_sylset("чен"), _cyr_sylset("сен"), _cyr_sylset("хе")
    assert chen is not None and sen is not None and he is not None
    assert "ㅓ" in chen[1] and "ㅓ" in sen[1] and "ㅓ" not in he[1]
    assert chen[2] == frozenset({"n", "ng"})  # н is a final ㄴ or ㅇ


def test_syllables_run_together_split_with_the_onset_on_the_next() -> None:
    syls = _cyr_syllables("чжэмин")
    assert syls is not None and len(syls) == 2
    assert syls[0][2] == frozenset({""}) and syls[1][0] == frozenset({"ㅁ"})


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Владимир Путин", "~btn"),
        ("Кирилл Буданов", "~btnb"),
        ("Сергей Лавров", "~rbrb"),
        ("Ли Кэцян", "i ko-jang"),
        ("Си Цзиньпин", "si jin-ping"),
        ("Ян Ли", "yang i"),
        ("Ким Филби", "~b"),
        ("Ли Харви Освальд", "~sbt"),
        ("Виктор Цой", "~chi"),
        ("Цой Виктор", "~chi"),
    ],
)
def test_russian_and_chinese_names_in_cyrillic_keep_their_keys(name: str, key: str) -> None:
    assert name_key(name) == key


def test_chinese_in_cyrillic_still_meets_pinyin_and_russian_names_stay_apart() -> None:
    assert same_person("Си Цзиньпин", "Xi Jinping")
    assert same_person("Ли Кэцян", "Li Keqiang")
    assert not same_person("Ким Филби", "Ким Чен Ын")
    assert not same_person("Ким Филби", "Kim Jong-un")
    assert not same_person("Ли Харви Освальд", "이하위")


def test_keys_of_cyrillic_names_are_idempotent_on_random_syllables() -> None:
    rnd = random.Random(20261207)
    pieces = ["ким", "ли", "пак", "чен", "ын", "ир", "сен", "чжэ", "ин", "ё", "чжон", "цой"]
    pieces += ["сон", "хи", "мун", "хён", "нъ", "ль", "ва", "ой", "ый", "е", "рён", "хэ", "-"]
    for _ in range(2000):
        words = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 3))) for _ in "ab"]
        name = " ".join(w.capitalize() for w in words[: rnd.randint(1, 2)])
        key = name_key(name)
        assert name_key(key) == key, (name, key)
