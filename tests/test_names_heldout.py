"""Held-out recall floors of newsalign.names on the shared public data (issue 18).

The held-out halves of ``../shared/data/names`` (split as ``benchmarks/names_quality.py``
splits them, by a hash; the rules were tuned on the dev halves only), with recall floors a
little under the figures measured there, and the rules of the third round of issue 18, each
positive beside a pair that must stay apart. The data-driven tests skip when the shared
data is not beside the repository.
"""

# Examples hold Cyrillic and Hangul letters on purpose (RUF001 is off project-wide).

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from newsalign.names import match_names, name_key, same_person

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "names"
FIXTURE = Path(__file__).resolve().parent / "data" / "names_wikidata_groups.txt"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/names is not present")

_LATIN = re.compile(r"^[A-Za-zÀ-ɏ' .-]+$")
_CYR = re.compile(r"[Ѐ-ӿ]")
_GREEK = re.compile(r"[Ͱ-Ͽ]")


def _test_half(text: str) -> bool:
    # The benchmark's split: the first byte of the SHA-1, odd is the held-out half.
    return hashlib.sha1(text.encode()).digest()[0] % 2 == 1


def _recall(pairs: list[tuple[str, str]]) -> float:
    return sum(same_person(a, b) for a, b in pairs) / len(pairs)


@needs_data
def test_english_hangul_people_held_out_recall() -> None:
    """English/Hangul labels of 35,709 held-out people of every origin: 0.838 measured
    (0.755 by the rules alone, before the learned loanword model)."""
    pairs = []
    for line in (DATA / "wikidata_en_hangul_names.tsv").open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2 and parts[0] and parts[1] and _test_half(parts[0]):
            pairs.append((parts[0], parts[1]))
    assert len(pairs) == 35709
    assert _recall(pairs) >= 0.835


@needs_data
def test_wikidata_groups_held_out_recall() -> None:
    """Wikidata name groups with a Cyrillic member, held-out half: 0.764 measured."""
    fixture_qids = {
        line.rsplit("=>", 1)[1].strip()
        for line in FIXTURE.read_text(encoding="utf-8").splitlines()
        if "=>" in line and not line.startswith("#")
    }
    pairs = []
    for line in (DATA / "wikidata_person_name_variants.txt").open(encoding="utf-8"):
        if "=>" not in line:
            continue
        left, qid = line.rsplit("=>", 1)
        qid = qid.strip()
        variants = [v.strip() for v in left.split(",") if v.strip()]
        if qid in fixture_qids or not _test_half(qid) or not any(_CYR.search(v) for v in variants):
            continue
        keep = [v for v in variants if _LATIN.match(v) or _CYR.search(v) or _GREEK.search(v)]
        latin = [v for v in keep if _LATIN.match(v)]
        if len(keep) >= 2 and latin:
            pairs.extend((latin[0], v) for v in keep if v != latin[0])
    assert len(pairs) == 56569
    assert _recall(pairs) >= 0.76


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mizukawa", "Мидзукава"),
        ("Hizawa", "Хидзава"),
        ("McFadzean", "Макфазин"),
        ("Iouchkevitch", "Юшкевич"),
    ],
)
def test_a_transliteration_may_differ_in_sibilants(a: str, b: str) -> None:
    assert same_person(a, b), match_names(a, b)


def test_latin_spellings_keep_their_sibilants_and_final_vowels() -> None:
    for a, b in [("Knetsch", "Knauss"), ("Wales", "Waloch"), ("Ikumi", "Ikuyama")]:
        assert not same_person(a, b), (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jamil", "Джамиль"),  # a Latin j is y, zh or dzh
        ("Jotev", "Žotev"),
        ("Makaroff", "Makarov"),  # a final v is voiceless
        ("Orlov", "Ορλόφ"),
        ("Ovchinnikov", "Ovchinnikova"),  # a Slavic family name in the other gender
        ("Kolesnikov", "Колесникова"),
        ("Kozlowska", "Козловский"),
        ("Kohno", "Kōno"),  # a Hepburn long o
        ("Ohno", "Оно"),
        ("Chestakov", "Shestakov"),  # a first sibilant, spelled the French way
        ("Lifchits", "Lifshitz"),  # sibilants apart, every vowel agreeing
        ("Barancev", "Barantsev"),
    ],
)
def test_equal_keys_say_no_only_on_evidence(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert same_person(a, b), match_names(a, b)


def test_what_still_counts_as_evidence_under_one_key() -> None:
    # Vowels that disagree (the skeleton writes every inner vowel as a), a given name
    # short enough to take an -a of its own, a first s against a Latin j, a final vowel.
    for a, b in [
        ("Gustave", "Кастуева"),
        ("Woodruff", "Petrova"),
        ("Ion", "Ioana"),
        ("Fan", "Fania"),
        ("Jan", "San"),
        ("Hiroya", "Hiro"),
        ("Knetsch", "Knauss"),
    ]:
        assert name_key(a) == name_key(b), (a, b)
        assert not same_person(a, b), (a, b)


def test_a_vowel_alone_is_a_japanese_syllable() -> None:
    # Cyrillic Japanese names read as Kunrei (ти = chi) when they start with a vowel or
    # hold one alone; Western names with ti before a vowel or with ou do not.
    for a, b in [("Uchima", "Утима"), ("Yuichiro", "Юитиро"), ("Oguchi", "Огути")]:
        assert same_person(a, b), match_names(a, b)
    assert same_person("Katie", "Кејти")
    assert same_person("Putin", "Poutine")


def test_a_given_name_at_the_end_is_known_by_its_spelling() -> None:
    # The skeleton drops vowels: Jagger would be Igor, Pacioli Vasili, Potter Peter.
    for name, surname in [
        ("Mick Jagger", "Jagger"),
        ("Luca Pacioli", "Pacioli"),
        ("Beatrix Potter", "Potter"),
    ]:
        assert name_key(name) == name_key(surname), name
    assert name_key("Путин Владимир") == name_key("Vladimir Putin")
    # In Latin letters such a last word is the surname (Henry James = 헨리 제임스).
    assert same_person("Henry James", "헨리 제임스")
    assert name_key("Jason Alexander") == name_key("Alexander")


def test_western_names_do_not_read_as_japanese() -> None:
    # No ye in Hepburn; no final ㅅ or first ㅍ in the Korean orthography of Japanese.
    assert name_key("Faye Reagan") == name_key("Reagan")
    assert name_key("에리스 메릿") == name_key("Aries Merritt")
    assert same_person("에리스 메릿", "Aries Merritt")
    assert name_key("기시다 후미오") == name_key("Fumio Kishida")


def test_japanese_order_with_a_short_given_name() -> None:
    # A one-vowel given name beside a three-syllable family name still reads as Japanese,
    # so either order meets the Hangul one; 디 is no Japanese syllable (Ava Devine).
    assert name_key("Ken Watanabe") == name_key("와타나베 겐") == name_key("Watanabe Ken")
    assert name_key("Sho Kitano") == name_key("기타노 쇼")
    assert name_key("아바 디바인") == name_key("Ava Devine")
    assert not same_person("Ken Watanabe", "Ken Watanuki")
    assert same_person("존 스미스", "John Smith")  # 스 writes English clusters too


def test_the_japanese_particle_no_joins_the_family_name() -> None:
    # Hangul writes it onto the family name (미나모토노 요시쓰네).
    assert same_person("Minamoto no Yoshitsune", "미나모토노 요시쓰네")
    assert same_person("Fujiwara no Tadazane", "후지와라노 다다자네")
    assert not same_person("Minamoto no Yoshitsune", "미나모토노 요리토모")


def test_italian_gli_and_one_letter_hangul_surnames() -> None:
    assert same_person("Pietro Badoglio", "피에트로 바돌리오")
    assert same_person("Badoglio", "Бадольо")
    assert same_person("Sandra Oh", "샌드라 오")  # 오 reads as one letter, a whole name
    assert not same_person("Sandra Oh", "샌드라 리")


def test_hangul_marks_of_a_foreign_name() -> None:
    # A regnal number, 천황, a place in the possessive, or spaced words whose given part is
    # longer than two syllables or holds the inserted ㅡ: the loanword orthography.
    for latin, hangul in [
        ("Ivan III of Russia", "이반 3세"),
        ("Maria of Alania", "알라니아의 마리아"),
        ("Emperor Itoku", "이토쿠 천황"),
        ("Emperor Naruhito", "나루히토 일왕"),  # 일왕, the Korean press's word for him
        ("Alfred the Great", "앨프레드 대왕"),
        ("Joe Smith", "조 스미스"),
    ]:
        assert same_person(latin, hangul), (latin, hangul)
    assert name_key("곽 옥철") == name_key("Gwak Ok-cheol")  # spaced, but a Korean name
    assert name_key("이반") == name_key("Lee Ban")


def test_three_romanised_syllables_after_a_surname_are_japanese() -> None:
    assert same_person("Go Koyama", "고야마 고")
    assert same_person("Kan Tanaka", "타나카 칸")
    assert name_key("Kim Yeon-kyung") == name_key("김연경")
    # One Hangul word with syllables that are rare in Korean names stays Korean (the
    # syllable table comes from the dev half only: 최불암 is a Korean name).
    assert name_key("최불암") == name_key("Choi Bool-am")


def test_spanish_and_portuguese_given_names_by_sound() -> None:
    # A Latin first r or g before e, i may be h; the Hangul reading is not rewritten so.
    assert same_person("Jorge García", "호르헤 가르시아")
    assert same_person("Roger Carvalho", "호제르 카르발류")
    assert not same_person("Hulk Hogan", "루이스 칸")
    assert not same_person("Richard Wilson", "오거스트 윌슨")


def test_family_name_first_in_one_spelling() -> None:
    # Hangul writes Hungarian names family name first; both words must match crosswise.
    assert same_person("György Lukács", "루카치 죄르지")
    assert same_person("Áron Szilágyi", "실라지 아론")
    assert match_names("György Lukács", "루카치 죄르지").reason == (
        "the family name first in one spelling"
    )
    assert not same_person("György Lukács", "루카치 야노시")


def test_religious_titles_in_hangul() -> None:
    assert same_person("Ayatollah Ali Khamenei", "아야톨라 알리 하메네이")
    assert same_person("Rev. Jesse Jackson", "제시 잭슨 목사")


def test_generation_suffixes_tell_father_and_son_apart() -> None:
    assert match_names("Martin Luther King Jr.", "Martin Luther King, Sr.").verdict == "different"
    assert match_names("Cal Ripken Jr.", "Cal Ripken Sr.").verdict == "different"
    assert same_person("Donald Trump Jr.", "Donald Trump Jr")
    assert same_person("Cal Ripken Jr.", "칼 립켄 주니어")
    # One on one side only is no evidence: the famous one drops it (Al Gore Jr.).
    assert same_person("Al Gore Jr.", "앨 고어")
    # Junior first is a given name (Junior dos Santos), no suffix.
    assert same_person("Junior Messias", "Junior Messias")
