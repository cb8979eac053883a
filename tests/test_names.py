"""Tests for newsalign.names: keys, matching, extraction, clustering."""

# Transliteration tables and examples hold Cyrillic, Greek and Hangul letters that look like
# Latin ones on purpose (RUF001 is off project-wide).

from __future__ import annotations

import itertools
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsalign.errors import InputError
from newsalign.names import (
    MATCH_VERDICTS,
    Mention,
    Person,
    cluster_people,
    extract_people,
    format_people,
    match_names,
    name_equivalents,
    name_key,
    name_similarity,
    romanized_spellings,
    same_person,
    sentence_name_keys,
    skeleton,
    syllable_class,
)
from newsalign.names.match import _match_rules
from newsalign.records import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# ---------------------------------------------------------------------------------------
# Keys and matching
# ---------------------------------------------------------------------------------------
SAME_GROUPS = [
    ["Lee Seong-gwon", "Lee Seong Kwon", "Lee Seong-kweun", "이성권", "Seong-kwon Lee",
     "Rep. Lee Seong-gwon", "이성권 의원", "LEE Seong-Gwon", "Lee Seonggwon"],
    ["Park Seon-won", "Park Sun Won", "Park Sun-won", "박선원", "Pak Son-won", "Bak Seon-won",
     "박선원 의원"],
    ["Moon Jae-in", "Mun Jae-in", "Mun Chae-in", "문재인", "President Moon Jae-in",
     "문재인 대통령"],
    ["Kim Jong-un", "Kim Jong Un", "김정은", "Kim Jong-Un"],
    ["Choi Tae-yong", "Choe Thae Yong", "최태용"],
    ["Cho Tae-yong", "Jo Tae-yong", "NIS Director Cho Tae-yong", "조태용", "조태용 국정원장"],
    ["Kim Dae-jung", "Kim Tae-jung", "김대중"],
    ["Syngman Rhee", "이승만", "Rhee Syngman"],
    ["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskij", "Zelens'kyj", "Selenskyj", "Зеленский",
     "Зеленський"],
    ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Владимир Зеленский",
     "Володимир Зеленський", "President Zelenskiy, Volodymyr"],
    ["Muammar Gaddafi", "Moammar Gadhafi", "Muammar Qadhafi", "Mu'ammar Qadhdhafi",
     "Muammar Kaddafi", "Moammar Khadafy", "Muammar al-Gaddafi"],
    ["Vladimir Putin", "Владимир Владимирович Путин", "Путин, Владимир", "PUTIN Vladimir",
     "Wladimir Putin", "Vladimir V. Putin", "블라디미르 푸틴", "Βλαντίμιρ Πούτιν",
     "Vladimir Vladimirovich Putin", "Vladimir Poutine"],
]

MUST_STAY_APART = [
    ("Kim Jong-un", "Kim Jong-il"), ("Kim Jong-un", "Kim Jong-sik"),
    ("Kim Jong-un", "Kim Yo-jong"), ("Kim Jong-il", "Kim Jong-sik"),
    ("Kim Jong-il", "Kim Yo-jong"), ("Kim Jong-sik", "Kim Yo-jong"),
    ("김정은", "김정일"), ("김정은", "김여정"), ("Kim Jong Un", "김정일"),
    ("Cho", "Choe"), ("Cho", "Choi"), ("조", "최"), ("Cho Tae-yong", "Choe Tae-yong"),
    ("Park Sun-won", "Park Seon-young"), ("박선원", "Park Seon-young"),
    ("Lee Jae-myung", "Lee Jae-yong"), ("이재명", "Lee Jae-yong"),
    ("Lee Seong-gwon", "Park Seon-won"), ("Lee Seong-gwon", "Cho Tae-yong"),
]


@pytest.mark.parametrize("group", SAME_GROUPS, ids=lambda g: g[0])
def test_variants_share_a_key_and_match(group: list[str]) -> None:
    keys = {name: name_key(name) for name in group}
    assert len(set(keys.values())) == 1, keys
    for b in group[1:]:
        assert same_person(group[0], b), (group[0], b, match_names(group[0], b))
    # Matching is not transitive: Sun = {선, 순, 슨} and Son = {손, 선} only overlap, so
    # "Park Sun Won" / "Pak Son-won" is ambiguous; but no pair is "different".
    for a, b in itertools.combinations(group, 2):
        assert match_names(a, b).verdict != "different", (a, b)


@pytest.mark.parametrize(("a", "b"), MUST_STAY_APART)
def test_must_stay_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
    assert not same_person(a, b)
    assert match_names(a, b).verdict == "different"
    assert name_similarity(a, b) < 0.5


def test_seed_gold_pairs_match() -> None:
    assert same_person("Lee Seong-gwon", "Lee Seong Kwon")
    assert same_person("Park Seon-won", "Park Sun Won")
    assert not same_person("Lee Seong-gwon", "Park Sun Won")


def test_hangul_matches_latin() -> None:
    assert same_person("이성권", "Lee Seong-gwon")
    assert same_person("이성권", "Lee Seong Kwon")
    assert same_person("박선원", "Park Sun Won")
    assert not same_person("박선영", "Park Sun Won")


def test_ambiguous_cases() -> None:
    assert match_names("Kim Dae-jung", "Kim Dae-jong").verdict == "ambiguous"
    assert not same_person("Kim Dae-jung", "Kim Dae-jong")
    # A surname alone names a family, not a person.
    assert match_names("Putin", "Vladimir Putin").verdict == "ambiguous"
    assert match_names("Park", "Park Seon-won").verdict == "ambiguous"
    assert 0.5 <= name_similarity("Park", "Park Seon-won") <= 0.8


def test_titles_are_dropped() -> None:
    for titled, bare in [("Rep. Park Sun Won", "Park Sun Won"), ("Dr. Kim Jong-sik",
                         "Kim Jong-sik"), ("Adm. Lee Jae-myung", "Lee Jae-myung"),
                         ("President Putin", "Putin"), ("윤석열 대통령", "윤석열"),
                         ("조태용 국정원장", "조태용"), ("이성권의원", "이성권")]:
        assert name_key(titled) == name_key(bare), titled


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("Stephen King", "King"),
        ("Martin Luther King Jr.", "King"),
        ("John Major", "Major"),
        ("Alexander Pope", "Pope"),
        ("Erik Prince", "Prince"),
    ],
)
def test_a_title_word_last_after_a_name_is_a_surname(name: str, surname: str) -> None:
    # English titles stand before the name (King Charles, Pope Francis, Prince Harry).
    assert name_key(name) == name_key(f"{surname}, Bob") != name_key("King Charles")
    assert not same_person(name, f"{name.split()[0]} Fry")


def test_similarity_bands() -> None:
    for a, b in [("Lee Seong-gwon", "Lee Seong Kwon"), ("Gaddafi", "Qadhafi")]:
        assert 0.9 <= name_similarity(a, b) <= 1.0
    assert name_similarity("Lee Seong-gwon", "Lee Seong-gwon") == pytest.approx(1.0)
    assert set(MATCH_VERDICTS) == {"same", "different", "ambiguous"}


def _fixture_groups() -> list[tuple[str, list[str]]]:
    groups = []
    for line in (DATA / "names_wikidata_groups.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "=>" not in line:
            continue
        left, qid = line.rsplit("=>", 1)
        groups.append((qid.strip(), [v.strip() for v in left.split(",")]))
    return groups


def test_wikidata_fixture_recall() -> None:
    """Hand-checked Wikidata variant groups: most variants share their group's key."""
    groups = _fixture_groups()
    assert len(groups) >= 50
    total = agree = 0
    for _, variants in groups:
        keys = [name_key(v) for v in variants]
        mode, n = Counter(keys).most_common(1)[0]
        assert mode
        total += len(keys)
        agree += n
    # Measured 0.87 when the fixture was made; a drop means a regression.
    assert agree / total >= 0.85


@pytest.mark.parametrize("qid", ["Q11983535", "Q20007284", "Q16056287", "Q13083721",
                                 "Q109830492", "Q12796187", "Q43172504", "Q43511085",
                                 "Q110535959", "Q26157598", "Q56245669", "Q37325453",
                                 "Q33159450", "Q1295947"])
def test_wikidata_fixture_groups_fully_shared(qid: str) -> None:
    variants = dict(_fixture_groups())[qid]
    assert len({name_key(v) for v in variants}) == 1, {v: name_key(v) for v in variants}


def test_spelling_rules_fire_only_where_they_should() -> None:
    # Kunrei hu = Hepburn fu, only in Japanese-looking words; Belarusian -au / -ў = -v;
    # English final -ge = dzh.
    assert name_key("Hunakosi") == name_key("Funakoshi") == name_key("Фунакоси")
    assert name_key("Hugo") == name_key("Хуго")
    assert name_key("Hussein") == name_key("Хусейн")
    assert name_key("Netanyahu") == name_key("Нетаньяху")
    assert name_key("Hunyadi") == name_key("Хуньяди")
    assert name_key("Kurylau") == name_key("Курылаў") == name_key("Kurylaw")
    assert name_key("Краўцоў") == name_key("Кравцов")
    assert name_key("Turnage") == name_key("Тернидж")
    assert name_key("Bridge") == name_key("Бридж")
    # Ukrainian -uk names in Polish or Latynka spelling: c is ts.
    assert name_key("Caruk") == name_key("Tsaruk") == name_key("Царюк")
    assert name_key("Marcyniuk") == name_key("Марцинюк")
    assert name_key("Carter") != name_key("Tsarter")


def test_german_ch_is_kh_only_in_german_words() -> None:
    # A final ch after a, o, u or e in a word with the German eu or au is Cyrillic х.
    assert name_key("Heubach") == name_key("Гойбах") == name_key("Хойбах")
    assert name_key("Rauch") == name_key("Раух")
    assert name_key("Knoblauch") == name_key("Кноблаух")
    # English ou + ch and Slavic -ach stay ч; Cyrillic input is never touched.
    assert name_key("Crouch") == name_key("Крауч") != name_key("Краух")
    assert name_key("Tkach") == name_key("Ткач") != name_key("Тках")
    assert name_key("Horbach") == name_key("Горбач")
    # The rules keep Heubatch apart; the learned Latin model joins it (docs/names.md).
    assert _match_rules("Heubach", "Heubatch").verdict != "same"


def test_lengthening_h_is_silent_only_before_a_syllable_end() -> None:
    # German and Scandinavian h between a vowel and l, n, r that ends a syllable.
    assert name_key("Wahlgren") == name_key("Вальгрен")
    assert same_person("Helmut Kohl", "Гельмут Коль")
    assert name_key("Otto Hahn") == name_key("Отто Ган")
    assert name_key("Dahlström") == name_key("Дальстрём")
    # Before a vowel the h is heard (Ukrainian h = г); before m it is not this rule.
    # (The coarse keys of these agree; the full skeletons that same_person compares differ.)
    assert name_key("Bahrii") == name_key("Багрій") and not same_person("Багрій", "Барій")
    assert name_key("Sahnovski") == name_key("Сахновский")
    assert not same_person("Сахновский", "Сановский")
    assert name_key("Ahmed") == name_key("Ахмед")
    assert not same_person("Bahrii", "Barii")


def test_belarusian_enka_is_enko() -> None:
    # Belarusian akanye writes the suffix -enko as -enka.
    assert name_key("Lukashenka") == name_key("Лукашенко") == name_key("Лукашэнка")
    assert name_key("Sabalenka") == name_key("Соболенко")
    assert name_key("Каваленка") == name_key("Kovalenko")
    # Short words and the diminutive -енька are left alone.
    assert not same_person("Zelenka", "Zelenko")
    assert not same_person("Олесенька", "Олесенко")


def test_belarusian_hiatus_v_is_dropped_only_in_belarusian_words() -> None:
    # Belarusian writes в in the hiatus а-у that Russian leaves open (Наум = Навум).
    assert name_key("Навуменка") == name_key("Науменко") == name_key("Naumenko")
    assert name_key("Белавусаў") == name_key("Belavusau") == name_key("Белоусов")
    assert name_key("Навумаў") == name_key("Наумов")
    assert name_key("Navumienka") == name_key("Nawumienka") == name_key("Науменко")
    # Without ў, э, -au or -enka the в stays: Ukrainian і alone, Russian, Polish, Czech.
    assert same_person("Ржавускі", "Ржевуский") and not same_person("Ржевуский", "Ржеуский")
    assert same_person("Савушкін", "Савушкин") and not same_person("Савушкин", "Саушкин")
    assert not same_person("Павук", "Паук")
    assert same_person("Kavun", "Кавун") and not same_person("Кавун", "Kaun")
    assert not same_person("Навум", "Наум")


def test_mccune_reischauer_breves_are_read() -> None:
    # MR writes ㅓ as ŏ and ㅡ as ŭ; with the breve the vowel is known.
    assert name_key("Kim Chŏng-il") == name_key("Kim Jong-il") == name_key("김정일")
    assert same_person("Pak Sŏn-wŏn", "박선원")
    assert same_person("Chŏn Tu-hwan", "전두환") and same_person("Chŏn Tu-hwan", "Chun Doo-hwan")
    assert same_person("Yi Sŭng-man", "이승만")
    assert name_key("Kŭm") == name_key("금")
    # MR yŏng is 영 (not a surname), so alone it reads as Yeong and Young do, not as 용.
    assert name_key("yŏng") == name_key("Yeong") == name_key("영") != name_key("Yong")
    # The breve rules ㅗ out, and ㅓ is never ㅗ: these stay apart.
    assert not same_person("Kim Yŏng-nam", "김용남")
    assert not same_person("Sŏ Hun", "소훈") and same_person("Sŏ Hun", "So Hun")
    assert not same_person("Pak Sŏn-wŏn", "박순원")
    # Belarusian Łacinka ŭ (ў) in a word that is no Korean name is left to the general
    # folding (general keys start with ~).
    assert name_key("Kraŭcoŭ").startswith("~")


def test_different_wikidata_groups_rarely_collide() -> None:
    """Variants of different fixture groups (different names) are seldom the same person.

    Keys are coarse blocking keys (no vowels, l = r, f = b: Hangul spells no more), so
    different names share them; ``same_person`` compares the full skeletons. One merge is
    known and accepted: the skeletons of Gurilyov (guriljov) and the Belarusian Kurylaw
    are both ``karalab``; vowels and g/k are folded away.
    """
    groups = _fixture_groups()
    owners: dict[str, list[tuple[str, str]]] = {}
    for qid, variants in groups:
        for v in variants:
            owners.setdefault(name_key(v), []).append((qid, v))
    merged = {
        (a, b) for members in owners.values() for (qa, a), (qb, b) in
        itertools.combinations(members, 2) if qa != qb and same_person(a, b)
    }
    assert all(("kuryla" in a + b or "курыла" in a + b) and ("uril" in a + b or "урил" in a + b)
               for a, b in merged), merged


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------
NASTY = [
    "", " ", "😀", "👨‍👩‍👧", "e\u0301\u0301\u0301", "\u0301", "\u200f\u202e", "مرحبا بالعالم",
    "שלום", "\ufeff", "\x00", "A" * 500, "Kim-" * 50, "---", "Rep.", "김", "ㄱㄴㄷ", "\ud7a3",
    "李明博", "Ǆ", "İstanbul", "ß" * 10, "Dr. Dr. Dr.", "..", "Lee Lee Lee Lee Lee",
]


@pytest.mark.parametrize("text", NASTY)
def test_never_raises_on_odd_strings(text: str) -> None:
    key = name_key(text)
    assert isinstance(key, str)
    assert name_key(key) == key
    assert isinstance(same_person(text, text), bool)
    assert 0.0 <= name_similarity(text, "Kim Jong-un") <= 1.0
    assert isinstance(sentence_name_keys(text), frozenset)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_key_is_idempotent_and_deterministic(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert name_key(text) == key
    assert key == key.strip()


NAME_ALPHABET = st.sampled_from(
    [*"abcdeghijklmnoprstuwyz -'", "ae", "eo", "eu", "ng", "Kim ", "Lee ", "Park ", "김", "이",
     "성", "권", "Зе", "лен", "ский", "Rep. "]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(NAME_ALPHABET, max_size=12).map("".join))
def test_key_is_idempotent_on_name_like_strings(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_matching_is_symmetric_and_bounded(a: str, b: str) -> None:
    m1, m2 = match_names(a, b), match_names(b, a)
    assert m1.verdict == m2.verdict
    assert 0.0 <= m1.score <= 1.0
    if m1.verdict == "same" and m1.reason != "learned loanword model":
        assert name_key(a) == name_key(b)
    if m1.reason == "learned loanword model":
        # The one exception: a Latin name and a Hangul one the learned model pairs by sound.
        assert any("가" <= c <= "힣" for c in a + b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_extraction_never_raises_and_offsets_hold(text: str) -> None:
    for m in extract_people(text):
        assert text[m.start : m.end] == m.text


# ---------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    assert len(SEEDS) == 2
    return [Document.from_text(p.read_text(encoding="utf-8"), name=p.name) for p in SEEDS]


def test_seed_extraction(seed_docs: list[Document]) -> None:
    a, b = seed_docs
    ma, mb = extract_people(a), extract_people(b)
    for doc, ms in ((a, ma), (b, mb)):
        for m in ms:
            assert doc.text[m.start : m.end] == m.text
            s = doc.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end
            assert m.document == doc.name
    assert {m.text for m in ma} == {"Cho Tae-yong", "Lee Seong-gwon", "Park Seon-won"}
    assert {m.text for m in mb} == {"Lee Seong Kwon", "Park Sun Won"}
    keys_a, keys_b = {m.key for m in ma}, {m.key for m in mb}
    assert keys_a & keys_b == {name_key("Lee Seong-gwon"), name_key("Park Seon-won")}
    cho = name_key("Cho Tae-yong")
    assert cho in keys_a and cho not in keys_b
    assert not any(same_person("Cho Tae-yong", m.text) for m in mb)


def test_seed_clusters(seed_docs: list[Document]) -> None:
    people = cluster_people(seed_docs)
    assert all(isinstance(p, Person) for p in people)
    by_key = {p.key: p for p in people}
    assert len(people) == 3
    lee = by_key[name_key("Lee Seong Kwon")]
    assert set(lee.spellings) == {"Lee Seong-gwon", "Lee Seong Kwon"}
    park = by_key[name_key("Park Sun Won")]
    assert set(park.spellings) == {"Park Seon-won", "Park Sun Won"}
    assert by_key[name_key("Cho Tae-yong")].spellings == ("Cho Tae-yong",)
    assert people[0].canonical == "Cho Tae-yong"  # ordered by first mention
    text = format_people(people)
    assert "Park Sun Won (2 in 001_721f5f27ed0f671a.txt)" in text
    assert cluster_people(seed_docs) == people  # deterministic


NOT_PEOPLE = [
    "The National Intelligence Service reported it.",
    "The People Power Party and the Democratic Party met in North Korea.",
    "Troops of the 11th Storm Corps moved to Russia.",
    "South Korea and Russia signed a deal on Wednesday.",
    "The National Assembly Intelligence Committee said so.",
    "The NIS stated that troops moved.",
    "Han River Park Ave was closed.",
]


@pytest.mark.parametrize("text", NOT_PEOPLE)
def test_organisations_are_not_people(text: str) -> None:
    assert extract_people(text) == ()


def test_cues() -> None:
    cases = {
        "Rep. Kim Byung-kee asked about it.": "Kim Byung-kee",
        "Director Smith declined to comment.": "Smith",
        "The bill was criticised by lawmaker Ahn Cheol-soo on Monday.": "Ahn Cheol-soo",
        "John Kirby said the report was accurate.": "John Kirby",
        "\u201cIt is true,\u201d said Jane Doe.": "Jane Doe",
        "President Volodymyr Zelensky spoke in Kyiv.": "Volodymyr Zelensky",
    }
    for text, name in cases.items():
        ms = extract_people(text)
        assert [m.text for m in ms] == [name], (text, ms)


def test_back_reference() -> None:
    doc = Document.from_text(
        "Rep. Park Seon-won of the Democratic Party spoke first. "
        "Park said troops moved. Lee Seong-gwon agreed. Park Seon-young disagreed. "
        "Park left."
    )
    ms = extract_people(doc)
    texts = [(m.text, m.key) for m in ms]
    assert texts[1] == ("Park", name_key("Park Seon-won"))
    # The most recent Park wins.
    assert texts[-1] == ("Park", name_key("Park Seon-young"))
    for m in ms:
        assert doc.text[m.start : m.end] == m.text
    # A lone "Park" with no earlier full mention is not a person.
    assert extract_people("Park said troops moved.") == ()


def test_korean_extraction() -> None:
    text = ("국가정보원은 23일 이성권 국민의힘 의원과 박선원 더불어민주당 의원에게 보고했다. "
            "박 의원은 1만 명이라고 말했다. 조태용 국정원장은 답했다.")
    doc = Document.from_text(text)
    ms = extract_people(doc)
    assert [m.text for m in ms] == ["이성권", "박선원", "박", "조태용"]
    assert ms[0].key == name_key("Lee Seong Kwon")
    assert ms[1].key == ms[2].key == name_key("Park Sun Won")
    assert ms[3].key == name_key("Cho Tae-yong")
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_a_broadcast_sign_off_names_its_reporter() -> None:
    assert sentence_name_keys("VOA 뉴스 백성원입니다.") == sentence_name_keys("백성원 기자입니다.")
    assert sentence_name_keys("워싱턴에서 VOA 뉴스 함지하입니다.") == {name_key("함지하")}
    # not a name: a two-syllable noun there, and a phrase that is no sign-off
    assert sentence_name_keys("이상 뉴스 정리입니다.") == frozenset()
    assert sentence_name_keys("오늘 뉴스는 여기까지입니다.") == frozenset()


def test_sentence_name_keys_anchor() -> None:
    a = sentence_name_keys("Lee Seong Kwon stated that compensation would follow.")
    b = sentence_name_keys("이성권 의원은 보상이 있을 것이라고 말했다.")
    assert a == b == frozenset({name_key("Lee Seong-gwon")})
    assert sentence_name_keys("Park said so.") == frozenset()


def test_cluster_inputs_and_errors() -> None:
    ms = extract_people("Rep. Park Seon-won spoke. Park said no.")
    assert all(isinstance(m, Mention) for m in ms)
    people = cluster_people(ms)
    assert len(people) == 1 and people[0].canonical == "Park Seon-won"
    assert len(people[0].mentions) == 2
    assert cluster_people("Rep. Park Seon-won spoke.")[0].key == name_key("박선원")
    with pytest.raises(InputError):
        cluster_people([3])  # type: ignore[list-item]
    with pytest.raises(InputError):
        extract_people(3)  # type: ignore[arg-type]
    assert extract_people("") == ()


def test_cluster_keeps_ambiguous_spellings_apart() -> None:
    people = cluster_people(["Rep. Kim Dae-jung spoke.", "Rep. Kim Dae-jong spoke."])
    assert len(people) == 2


def test_extraction_is_fast(seed_docs: list[Document]) -> None:
    sentences = [s.text for d in seed_docs for s in d.sentences]
    sentences = [s + " " * k for k in range(10) for s in sentences]  # defeat the caches
    t0 = time.perf_counter()
    for s in sentences:
        sentence_name_keys(s)
    per_sentence = (time.perf_counter() - t0) / len(sentences)
    assert per_sentence < 0.002  # aim is 0.5 ms; generous for slow CI machines


def test_shared_data_variants() -> None:
    """The raw Gaddafi and Putin lists, when the shared data sits beside the repository."""
    d = ROOT.parent / "shared" / "data" / "names"
    if not d.is_dir():
        pytest.skip("../shared/data/names is not present")
    gad = (d / "gaddafi_variants_go_regexp_basic_dat.txt").read_text(encoding="utf-8").split("\n")
    assert len({name_key(g) for g in gad if g.strip()}) == 1


def test_docstring_examples_run() -> None:
    """The examples in the docstrings of every public name of the package run."""
    import doctest
    import inspect

    import newsalign.names as names_module

    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    found = False
    for name in names_module.__all__:
        obj = getattr(names_module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            # The examples see the package's namespace, as a user's session would.
            for test in finder.find(obj, name, globs=dict(vars(names_module))):
                runner.run(test)
                found = found or test.name == name
    result = runner.summarize(verbose=False)
    assert found and result.attempted >= 15 and result.failed == 0


def test_docs_page_examples_and_api() -> None:
    import doctest

    import newsalign.names as names_module

    page = ROOT / "docs" / "names.md"
    result = doctest.testfile(str(page), module_relative=False)
    assert result.attempted >= 4 and result.failed == 0
    text = page.read_text(encoding="utf-8")
    for name in names_module.__all__:
        if name not in ("MATCH_VERDICTS", "Verdict"):
            assert f"`{name}" in text, name


def test_every_romanised_spelling_stays_in_one_sound_class() -> None:
    """If a spelling could stand for jamo of two classes, 'same' would not imply equal keys."""
    for spelling, vowels in romanized_spellings("vowel").items():
        # With no onset and no final, a syllable's class is its vowel's class.
        assert len({syllable_class({"ㅇ"}, {v}, {""}) for v in vowels}) == 1, spelling
    for spelling, leads in romanized_spellings("lead").items():
        for vowel in ("ㅏ", "ㅣ"):
            # Each onset of the set, widened by the initial-sound law, gives the same class.
            classes = {syllable_class({lead}, {vowel}, {""}) for lead in leads}
            assert len(classes) == 1, (spelling, vowel, classes)
    for spelling, tails in romanized_spellings("tail").items():
        # After a fixed onset and vowel the class differs only by the final's class.
        assert len({syllable_class({"ㅇ"}, {"ㅏ"}, {t}) for t in tails}) == 1, spelling


def test_same_implies_equal_keys_on_korean_spellings() -> None:
    pairs = [("Hong Hei-kyung", "홍혜경"), ("Kim Dong-ni", "김동리"), ("Kim Hi-ra", "김희라"),
             ("Kang Kyung-wha", "강경화"), ("Kim Yi-seol", "김이설"), ("Kim Kun-hoan", "김근환")]
    for a, b in pairs:
        if same_person(a, b):
            assert name_key(a) == name_key(b), (a, b)
    assert same_person("Kim Dong-ni", "김동리")
    assert same_person("Kang Kyung-wha", "강경화")


# ---------------------------------------------------------------------------------------
# The bars on the variant data
# ---------------------------------------------------------------------------------------
# Renderings of Putin's name (OpenSanctions, MIT), Latin, Cyrillic, Greek and Hangul,
# surname-only and initials included.
PUTIN = [
    "Präsident Putin", "Predsjednik Putin", "Președintele Putin", "Presidente Putin",
    "Presidente Vladimir Putin", "PUTIN, Vladimir", "Putin Vladimir Vladimirovich",
    "PUTIN vladimir vladimirovich", "Putin Volodymyr Volodymyrovych", "Putyin elnök",
    "Vladimiras Putinas", "Vladimir Poetin", "Vladimir Poutine", "Vladímír Pútín",
    "Vladimirs Putins", "Vladimir Vladimirovitch Poutine", "Vladimir Vladimirovitj PUTIN",
    "Vladímir Vladímirovitx Putin", "Vladimir V. Putin", "Vlagyimir Vlagyimirovics Putyin",
    "Władimir Władimirowicz Putin", "Wladimir Wladimirowitsch Putin", "Βλαντίμιρ Πούτιν",
    "В. В. Путин", "Влади́мир Влади́мирович ПУ́ТИН", "Президент Путин", "Путин В. В.",
    "Путин Владимир", "Путин, Владимир Владимирович", "ПУТІН володимир володимирович",
    "Уладзімір Уладзіміравіч Пуцін", "블라디미르 푸틴", "블라디미르 블라디미로비치 푸틴",
]


def test_putin_renderings_share_a_key() -> None:
    assert {name_key(n) for n in PUTIN} == {name_key("Putin")}


def test_initials_titles_and_surnames() -> None:
    assert match_names("V. V. Putin", "Vladimir Vladimirovich Putin").verdict == "ambiguous"
    assert match_names("A. Putin", "Vladimir Putin").verdict == "different"
    assert same_person("В. В. Путин", "V. V. Putin")
    assert same_person("Путин Владимир", "Vladimir Putin")
    assert same_person("PUTIN Vladimir", "Vladimir Putin")
    assert not same_person("Lyudmila Putin", "Vladimir Putin")
    assert not same_person("John Smith", "Will Smith")
    assert match_names("Putin", "Президент Путин").verdict == "same"


def test_wikidata_fixture_pair_recall() -> None:
    """Pairs inside the hand-checked groups that share a key (0.959 when measured).

    The groups helped build the equivalence table, so this is not a held-out figure; the
    benchmark reports the held-out test half apart.
    """
    pairs = [p for _, vs in _fixture_groups() for p in itertools.combinations(vs, 2)]
    agree = sum(name_key(a) == name_key(b) for a, b in pairs)
    assert len(pairs) == 583
    assert agree / len(pairs) >= 0.955


def test_different_names_are_not_merged() -> None:
    """1,500 pairs of different names from held-out Wikidata groups: none merged."""
    lines = (DATA / "names_different_pairs.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [tuple(x.split("\t")) for x in lines if x and not x.startswith("#")]
    assert len(pairs) >= 1000
    merged = {(a, b) for a, b in pairs if same_person(a, b)}
    assert not merged, merged


def test_equal_keys_with_disagreeing_vowels_are_ambiguous() -> None:
    """The skeleton drops vowels; two Latin spellings that disagree in most vowels are not
    called the same, while transliteration vowel shifts still are."""
    for a, b in [("blat", "blythe"), ("mckennan", "mccannon"), ("McKennan", "McKinnon")]:
        assert name_key(a) == name_key(b)
        assert match_names(a, b).verdict == "ambiguous", (a, b)
    for a, b in [("Qaddafi", "Gheddafi"), ("Qaddafi", "Qudhafi"), ("Bourne", "Born"),
                 ("Putin", "Poetin"), ("Blythe", "Блайт")]:
        assert same_person(a, b), (a, b, match_names(a, b))


def test_equivalence_table_is_sound() -> None:
    table = name_equivalents()
    assert len(table) > 1000
    text = (ROOT / "src" / "newsalign" / "names" / "data" / "name_equivalents.tsv").read_text(
        encoding="utf-8")
    assert "MIT License" in text.split("\n", 4)[2] and len(text.encode()) < 1_000_000
    for src, dst in itertools.islice(table.items(), 0, None, 25):
        assert dst not in table, (src, dst)  # no chains: keys stay idempotent
        assert skeleton(dst) == dst
    assert name_key("Volodymyr") == name_key("Vladimir")


def test_shared_putin_list() -> None:
    d = ROOT.parent / "shared" / "data" / "names"
    if not d.is_dir():
        pytest.skip("../shared/data/names is not present")
    import re

    names = (d / "putin_names_opensanctions.txt").read_text(encoding="utf-8").splitlines()
    keep = [x for x in names if x.strip() and not re.search(r"[^\sA-Za-zÀ-ɏ.,'Ѐ-ӿͰ-Ͽ가-힣]", x)]
    assert len(keep) >= 60
    assert len({name_key(x) for x in keep}) == 1
