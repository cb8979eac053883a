"""Tests for newsalign.names across romanisations and scripts (issue 18).

Run-together Korean given names, equal keys agreeing with ``same_person``, fullwidth
Latin, Han characters, Hangul spellings of foreign names, kana, and scripts without a table
(each positive beside a must-stay-apart pair). Kept apart from ``test_names.py``, which is
at the size limit.
"""

# Examples hold Hangul, Han, Kana, Hebrew, Thai and Devanagari letters on purpose.

from __future__ import annotations

import pytest

from newsalign.names import match_names, name_key, same_person
from newsalign.names.japanese import known_japanese


@pytest.mark.parametrize(
    ("joined", "hyphenated"),
    [
        ("Park Sunwon", "Park Sun-won"),
        ("Park Seongkweun", "Park Seong-kweun"),
        ("Kim Seonyeong", "Kim Seon-yeong"),
        ("Lee Jaemyung", "Lee Jae-myung"),
        ("Lee Seonggwon", "Lee Seong-gwon"),
        ("Ahn Kukhyun", "Ahn Kuk-hyun"),  # a k before an h ends its syllable
        ("Kim Okhee", "김옥희"),
        ("Lee Seokhyun", "이석현"),
    ],
)
def test_run_together_given_names_parse_as_two_syllables(joined: str, hyphenated: str) -> None:
    assert name_key(joined) == name_key(hyphenated)
    assert same_person(joined, hyphenated)


def test_run_together_names_stay_apart() -> None:
    assert not same_person("Park Sunwon", "Park Seon-young")
    assert not same_person("Park Sunwon", "박선영")
    assert same_person("Park Sunwon", "박선원")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Park Sun Won", "Park Son-won"),
        ("Choe Son-hui", "Choi Sun-hee"),
        ("Park Sun Won", "Pak Son-won"),
    ],
)
def test_equal_korean_keys_are_the_same_person(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert same_person(a, b), match_names(a, b)


def test_equal_korean_keys_may_differ_only_on_evidence() -> None:
    # Both spelled in Revised Romanization, where u (ㅜ) and o (ㅗ) are different vowels.
    assert name_key("Kim Dae-jung") == name_key("Kim Dae-jong")
    assert match_names("Kim Dae-jung", "Kim Dae-jong").reason == "RR vowels differ"
    # Hangul is exact: 은 and 운 share a sound class but are different syllables.
    assert not same_person("김정은", "김정운")
    assert not same_person("Kim Jong-un", "Kim Jong-il")


def test_fullwidth_latin_folds_by_nfkc() -> None:
    assert name_key("Ｋｉｍ Ｊｏｎｇ-ｕｎ") == name_key("Kim Jong-un") == name_key("김정은")
    assert same_person("Ｋｉｍ Ｊｏｎｇ-ｕｎ", "Kim Jong-un")
    assert not same_person("Ｋｉｍ Ｊｏｎｇ-ｕｎ", "Kim Jong-il")


@pytest.mark.parametrize(
    "name",
    [
        "בנימין נתניהו",
        "ทักษิณ ชินวัตร",
        "नरेन्द्र मोदी",
        "キシダ フミオ",
        "きしだ ふみお",
        "Ｋｉｍ Ｊｏｎｇ-ｕｎ",
    ],
)
def test_scripts_without_a_table_match_themselves(name: str) -> None:
    key = name_key(name)
    assert key and key.isascii()
    assert name_key(key) == key
    assert same_person(name, name)


def test_a_name_with_nothing_to_key_still_matches_itself() -> None:
    # a lone h folds to no skeleton; one spelling (case and NFKC aside) is still one name
    assert name_key("h") == ""
    assert same_person("h", "H") and same_person("ｈ", "h")
    assert not same_person("h", "k")
    assert not same_person("", "") and not same_person("...", "...")


@pytest.mark.parametrize(
    ("a", "b"),
    [("בנימין נתניהו", "נפתלי בנט"), ("नरेन्द्र मोदी", "राहुल गांधी"), ("ทักษิณ ชินวัตร", "ยิ่งลักษณ์ ชินวัตร")],
)
def test_scripts_without_a_table_keep_people_apart(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_kana_is_keyed_like_its_romaji() -> None:
    assert name_key("キシダ フミオ") == name_key("Kishida Fumio")
    assert same_person("キシダ フミオ", "Kishida Fumio")
    assert same_person("キシダ", "Kishida")
    assert name_key("アベ シンゾウ") == name_key("Abe Shinzou")
    assert not same_person("キシダ フミオ", "アベ シンゾウ")
    assert not same_person("キシダ", "Kato")


CHINESE_GROUPS = [
    [
        "習近平",
        "习近平",
        "Xi Jinping",
        "시진핑",
        "President Xi Jinping",
        "시진핑 주석",
        "Си Цзиньпин",
        "Xi Jin-ping",  # a hyphenated or spaced given name, each half one syllable
        "Xi Jin Ping",
        "Jinping Xi",  # the Western order: a two-syllable given name that is no surname
    ],
    ["毛泽东", "毛澤東", "Mao Zedong", "마오쩌둥", "Мао Цзэдун", "Zedong Mao"],
    ["李克强", "李克強", "Li Keqiang", "리커창", "Ли Кэцян"],
    ["胡锦涛", "Hu Jintao", "후진타오"],
    ["温家宝", "Wen Jiabao", "원자바오"],
    ["王毅", "Wang Yi", "왕이"],
    ["邓小平", "Deng Xiaoping", "덩샤오핑"],
]


def test_two_surnames_keep_the_chinese_order() -> None:
    assert not same_person("Yi Wang", "Wang Yi")  # both words are surnames: Yi Wang is Yi


@pytest.mark.parametrize("group", CHINESE_GROUPS, ids=lambda g: g[2])
def test_han_pinyin_and_hangul_meet(group: list[str]) -> None:
    keys = {name: name_key(name) for name in group}
    assert len(set(keys.values())) == 1, keys
    for b in group[1:]:
        assert same_person(group[0], b), (group[0], b, match_names(group[0], b))
    assert name_key(keys[group[0]]) == keys[group[0]]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("習近平", "李克强"),
        ("Xi Jinping", "Xi Mingze"),
        ("习近平", "習明澤"),
        ("王毅", "王岐山"),
        ("Wang Yi", "Wang Qishan"),
        ("Си Цзиньпин", "Ли Кэцян"),
        ("Ван И", "Wang Qishan"),
        ("胡锦涛", "胡耀邦"),
    ],
)
def test_chinese_names_stay_apart(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_korean_names_are_not_read_as_pinyin() -> None:
    # A hyphenated or spaced given name is Korean, not pinyin.
    assert name_key("Yang Jin-ho") == name_key("양진호")
    assert name_key("Kim Jong Un") == name_key("김정은")


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("부다노프", "Budanov"),
        ("부다노우", "Budanov"),
        ("키릴로 부다노우", "Kyrylo Budanov"),
        ("키릴로 부다노우", "Kirill Budanov"),
        ("젤렌스키", "Zelensky"),
        ("푸틴", "Putin"),
        ("리처드 닉슨", "Richard Nixon"),
        ("로버트 루이스 스티븐슨", "Robert Louis Stevenson"),
        ("고든", "Gordon"),
        ("존 고든", "John Gordon"),
        ("더글러스 애덤스", "Douglas Adams"),
        ("프란츠 카프카", "Franz Kafka"),
        ("헤르만 마이어", "Hermann Maier"),
        ("데이비드 프라이스", "David Price"),
        ("패트릭 화이트", "Patrick White"),
        ("알브레히트 뒤러", "Albrecht Dürer"),
        ("마르쿠스 쇠더", "Markus Söder"),
        ("조지 워싱턴", "George Washington"),
        ("존 매케인", "John McCain"),
        ("조 바이든", "Joe Biden"),
        ("조 콜", "Joe Cole"),
        ("에마뉘엘 마크롱", "Emmanuel Macron"),
        ("세르게이 쇼이구", "Sergei Shoigu"),
        ("볼로디미르 젤렌스키", "Volodymyr Zelenskyy"),
        ("존슨", "Johnson"),  # English j is ㅈ; Latin j is also y:
        ("얀 페테르센", "Jan Petersen"),  # 얀
        ("마이클 잭슨", "Michael Jackson"),
    ],
)
def test_hangul_spellings_of_foreign_names_meet_latin(hangul: str, latin: str) -> None:
    assert name_key(hangul) == name_key(latin), (name_key(hangul), name_key(latin))
    assert same_person(hangul, latin), match_names(hangul, latin)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("부다노프", "Zelensky"),
        ("리처드 닉슨", "Pat Nixon"),
        ("앤드루 존슨", "Boris Johnson"),
        ("블라디미르 푸틴", "Lyudmila Putina"),
        ("조지 부시", "Laura Bush"),
        ("더글러스 애덤스", "John Adams"),
        ("마이클 잭슨", "Janet Jackson"),
        ("영", "Anja"),
        ("앤더스", "Sanders"),  # the key drops a first sibilant; the matcher does not
    ],
)
def test_hangul_foreign_names_stay_apart(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_keys_are_coarse_and_same_person_compares_full_skeletons() -> None:
    # Hangul writes l and r, f and p alike: the key keeps only what both spell.
    assert name_key("Fabio") == name_key("Pavlo") == name_key("파비오")
    assert same_person("Fabio", "파비오")
    # Two scripts that tell f from p and b from v compare their full skeletons.
    assert not same_person("Fabio", "Pavlo")
    assert not same_person("Fabio", "Павло")
    assert same_person("Pavlo", "Павло")


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("조지 부시", "George Bush"),  # soft g
        ("마이클 무어", "Michael Moore"),  # ch as k
        ("장마리 르펜", "Jean-Marie Le Pen"),  # one word in Hangul
        ("구스타프 헤르츠", "Gustav Ludwig Hertz"),  # a middle name left out
        ("키릴로 부다노우", "Kyrylo Budanov"),
    ],
)
def test_given_names_of_a_loanword_agree_by_sound(hangul: str, latin: str) -> None:
    assert same_person(hangul, latin), match_names(hangul, latin)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("기시다 후미오", "Fumio Kishida"),
        ("キシダ フミオ", "Fumio Kishida"),
        ("キシダ フミオ", "Kishida Fumio"),
        ("기시다 후미오", "キシダ フミオ"),
        ("미야자키 하야오", "Hayao Miyazaki"),
        ("스즈키 이치로", "Ichiro Suzuki"),
        ("아베 신조", "Shinzo Abe"),
        ("나가사와 마사미", "Masami Nagasawa"),
    ],
)
def test_japanese_names_meet_in_either_order(a: str, b: str) -> None:
    assert name_key(a) == name_key(b), (name_key(a), name_key(b))
    assert same_person(a, b), match_names(a, b)


@pytest.mark.parametrize(
    "name",
    ["Benjamin Netanyahu", "베냐민 네타냐후", "Binyamin Netanyahu", "Netanyahu Benjamin"],
)
def test_japanese_syllables_without_a_japanese_name_keep_their_order(name: str) -> None:
    # Benjamin and Netanyahu are Japanese syllables, but neither is a Japanese name seen:
    # the key is the surname, as for the surname alone (it was Benjamin's).
    assert not known_japanese(["benjamin", "netanyahu"])
    if name != "Netanyahu Benjamin":
        assert name_key(name) == name_key("Netanyahu") == name_key("네타냐후")
    assert same_person(name, "Benjamin Netanyahu"), match_names(name, "Benjamin Netanyahu")


def test_a_western_name_of_japanese_syllables_is_heard_as_written() -> None:
    assert same_person("Antonio Tajani", "안토니오 타야니")


def test_japanese_names_keep_their_vowels() -> None:
    assert not same_person("기시다 후미오", "Kishida Fumiko")
    assert not same_person("아베 신조", "Akie Abe")
    # One word alone is not read as Japanese: 스미스 is Smith.
    assert same_person("스미스", "Smith")
    assert same_person("존 스미스", "John Smith")


def test_korean_or_foreign_reading_of_hangul() -> None:
    # Korean writes a Korean name as one word; spaced words are a loanword unless every
    # syllable is one Korean names use.
    assert name_key("조 콜").startswith("~")
    assert same_person("곽 옥철", "Kwak Ok-chol")
    # An inserted ㅡ (고든) marks a loanword even after a Korean surname (고).
    assert name_key("고든") == name_key("Gordon")
    # A run-together romanised given name is Korean only in Korean syllables.
    assert name_key("Joe Biden").startswith("~")
    assert name_key("Park Sunwon") == name_key("박선원")
    # RR writes 이 as I: first, it is a surname, not a regnal number.
    assert same_person("I Sun-sin", "이순신")
    # a title after a Korean name, or before it with the country, is no domain
    assert same_person("북한 국무위원장 김정은", "Kim Jong-un")
    assert not same_person("덴마크 왕자 헨리크", "Prince Frederik of Denmark")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("카스티야의 블랑슈", "Blanche of Castile"),
        ("교황 레오 14세", "Pope Leo XIV"),
        ("아슈르-단 3세", "Ashur-dan III"),
        ("올라프 1세", "Olaf I of Norway"),  # a regnal number of one letter, not an initial
        ("에드워드 5세", "Edward V of England"),
        ("알폰소 10세", "Alfonso X of Castile"),
        # a rank between the domain and the name drops the domain (Archduke ... of Austria)
        ("오스트리아 대공 카를 루트비히", "Archduke Karl Ludwig of Austria"),
        ("덴마크 왕자 헨리크", "Prince Henrik of Denmark"),
        ("케임브리지 공녀 샬럿", "Princess Charlotte of Cambridge"),
    ],
)
def test_regnal_numbers_places_and_ranks_are_not_names(a: str, b: str) -> None:
    assert same_person(a, b), match_names(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Louis XIV", "Louis XVI"),
        ("Charles III", "Charles II"),
        ("King Charles III", "찰스 2세"),
        ("Pope John Paul II", "John Paul I"),
        ("교황 레오 14세", "Pope Leo XIII"),
        ("Joseph I", "요제프 2세"),
    ],
)
def test_two_regnal_numbers_that_differ_are_two_people(a: str, b: str) -> None:
    match = match_names(a, b)
    assert match.verdict == "different" and match.reason == "different regnal numbers"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Otto III, Duke of Bavaria", "오토 3세"),  # a title after the comma, not a given name
        ("Otto III", "Otto III of Bavaria"),
        ("Vlad II Dracul", "블라드 2세"),  # a byname after the number
        ("Romanos IV Diogenes", "로마누스 4세"),
        ("James VI and I", "James I"),  # two numbers, two realms
        ("King Charles III", "Charles"),  # one side without a number is no evidence
    ],
)
def test_words_after_a_regnal_number_may_be_dropped(a: str, b: str) -> None:
    assert same_person(a, b), match_names(a, b)


@pytest.mark.parametrize(
    ("titled", "bare"),
    [
        ("Sir Frederick Pollock, 1st Baronet", "Frederick Pollock"),
        ("John Spencer, 8th Earl Spencer", "John Spencer"),
        ("Ernest, Elector of Saxony", "Ernest"),
        ("Sam Merwin, Jr.", "Sam Merwin"),
    ],
)
def test_a_comma_may_start_a_title(titled: str, bare: str) -> None:
    assert name_key(titled) == name_key(bare)
    assert same_person(titled, bare), match_names(titled, bare)
    # A comma before a given name still marks the family name first.
    assert name_key("Putin, Vladimir") == name_key("Vladimir Putin") != name_key("Vladimir")


def test_a_byname_after_one_number_is_no_licence_for_another() -> None:
    assert match_names("Vlad II Dracul", "블라드 3세").verdict == "different"


def test_a_one_letter_initial_is_no_regnal_number() -> None:
    assert same_person("Vladimir V. Putin", "Vladimir Putin")
    assert name_key("Vladimir V. Putin") == name_key("Putin")
    assert name_key("XI JINPING") == name_key("Xi Jinping")  # all capitals: XI is Xi


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Matusima", "Matsushima"),  # Kunrei
        ("Iliouchine", "Ильюшин"),  # French
        ("Pachtchenko", "Пащенко"),
        ("Cecyliusz", "Цецилиуш"),  # Polish c
        ("Chrystine", "Кристин"),
        ("Mark Price", "Марк Прайс"),
    ],
)
def test_orthographies_are_read_before_the_skeleton(a: str, b: str) -> None:
    assert same_person(a, b), match_names(a, b)


def test_korean_names_in_hangul_are_a_surname_and_two_syllables() -> None:
    assert name_key("박선원") == name_key("Park Seon-won")
    assert name_key("부다노프").startswith("~")  # 부 is a surname, but four syllables


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [
        ("Kyōgoku Takatomo", "교고쿠 다카토모"),
        ("Kyoko Hamaguchi", "하마구치 교코"),
        ("Kyōka Suzuki", "스즈키 교카"),
        ("Fushimi Hiroyasu", "후시미노미야 히로야스"),  # 宮, the prince's house
        ("Prince Yamashina Akira", "야마시나노미야 아키라신노"),  # 親王
    ],
)
def test_japanese_ky_and_princely_titles_in_hangul(latin: str, hangul: str) -> None:
    assert same_person(latin, hangul)
    assert name_key(latin) == name_key(hangul)


@pytest.mark.parametrize(
    ("latin", "hangul"),
    [("Kyoko Hamaguchi", "하마구치 교타"), ("Kyōka Suzuki", "스즈키 유카")],
)
def test_japanese_given_names_a_syllable_apart_stay_apart(latin: str, hangul: str) -> None:
    assert not same_person(latin, hangul)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("北 김정은", "Kim Jong-un"),  # a headline's one-character country
        ("美 바이든", "Biden"),
        ("시진핑 중국 국가주석", "Xi Jinping"),  # a country before a final title
        ("习近平主席", "Xi Jinping"),  # a Han title written onto the name
        ("金正恩 总书记", "김정은"),
        ("최선희 외무상", "Choe Son-hui"),
        ("Xí Jìnpíng", "Xi Jinping"),  # pinyin with its tone marks
    ],
)
def test_headline_prefixes_titles_and_tone_marks_are_not_names(a: str, b: str) -> None:
    assert same_person(a, b), match_names(a, b)


def test_a_country_word_is_dropped_only_before_a_title() -> None:
    assert name_key("시진핑 중국 국가주석") == name_key("시진핑")
    assert name_key("北 김정은") == name_key("김정은")
    assert not same_person("北 김정은", "김정일")
