"""The learned Latin / Cyrillic and Greek transducer (newsalign.names.translitmodel).

The bundled parameters are the package's (``names/data/translit_model.tsv``, written by
``benchmarks/build_translit_model.py`` from the dev half of the Wikidata variant groups).
"""

# Examples hold Cyrillic and Greek on purpose (RUF001 is off project-wide).

from __future__ import annotations

import math
from importlib import resources

import pytest

from newsalign.names import match_names, same_person
from newsalign.names.loanmodel import forward, latin_form, worst_edit
from newsalign.names.match import _match_rules
from newsalign.names.translitmodel import (
    TABLES,
    _model,
    _translit_pair_words,
    other_form,
    translit_word_score,
)


def test_bundled_parameters_are_small_and_complete() -> None:
    for table in TABLES.values():
        data = resources.files("newsalign.names") / "data" / table
        assert len(data.read_bytes()) <= 300_000
    for kind in TABLES:
        model = _model(kind)
        assert model is not None
        assert all(math.isfinite(t) for t in (model.pooled, model.word, model.single))
        assert set("abcdefghijklmnopqrstuvwxyz") <= set(model.latin)
    other, latin = _model("other"), _model("latin")
    assert other is not None and latin is not None
    assert set("абвгдежзийклмнопрстуфхцчшщыэюя") <= set(other.jamo)
    assert set("αβγδεζηθικλμνξοπρστυφχψω") - {"ς"} <= set(other.jamo)
    assert set("abcdefghijklmnopqrstuvwxyz") <= set(latin.jamo)


@pytest.mark.parametrize(
    ("latin", "other"),
    [
        ("Colbert", "Кольбер"),  # French silent endings
        ("Chabot", "Шабо"),
        ("Fouqué", "Фуке"),
        ("Lovász", "Ловас"),  # Hungarian sz
        ("Lawton", "Лоутон"),  # English aw
        ("Tsuchii", "Цутии"),  # Hepburn against the Russian system for Japanese
        ("Balandin", "Μπαλαντίν"),  # Greek writes b as μπ and d as ντ
        ("Francesc Josep", "Франсеск Хосеп"),  # every word of a longer name
    ],
)
def test_model_joins_transliterations_the_rules_miss(latin: str, other: str) -> None:
    assert _match_rules(latin, other).verdict != "same"
    m = match_names(latin, other)
    assert (m.verdict, m.reason) == ("same", "learned transliteration model"), m
    assert same_person(other, latin)
    x, y = latin_form(latin), other_form(other)
    assert forward(x, y, _model().pairs) > 0.0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nachman", "Nahman"),  # German ch against the English h
        ("Bachir", "Basheer"),  # French against English spellings of one Arabic name
        ("Michelson", "Mikhelson"),
        ("Kokufu", "Kokuhu"),  # Hepburn against Kunrei
    ],
)
def test_latin_model_joins_two_orthographies_the_rules_miss(a: str, b: str) -> None:
    assert _match_rules(a, b).verdict != "same"
    m = match_names(a, b)
    assert (m.verdict, m.reason) == ("same", "learned transliteration model"), m


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Stefano", "Stepanova"),  # only one has a Slavic family name's ending
        ("Zelenka", "Zelenko"),
        ("Ivan", "Ivana"),
        ("Anton", "Antonio"),
    ],
)
def test_latin_model_keeps_other_names_apart(a: str, b: str) -> None:
    assert not same_person(a, b), match_names(a, b)


@pytest.mark.parametrize(
    ("latin", "other"),
    [
        ("Colbert", "Кольцов"),
        ("Elkin", "Эльцин"),  # one edit no spelling makes: k written ц
        ("Ivan", "Иванна"),
        ("Jacques Chirac", "Жак Ширяев"),
        ("Venediktov", "Венедикт"),  # a family name made from a given name
        ("Kulikov", "Кулик"),
        ("Marinova", "Марина"),
    ],
)
def test_other_names_stay_apart(latin: str, other: str) -> None:
    assert not same_person(latin, other), match_names(latin, other)


def test_word_scores_rank_the_transliteration_above_another_word() -> None:
    assert translit_word_score("Colbert", "Кольбер") > translit_word_score("Colbert", "Кольцов")
    assert translit_word_score("", "Путин") == -math.inf
    assert translit_word_score("Putin", "") == -math.inf


def test_the_worst_edit_finds_the_one_odd_letter() -> None:
    model = _model()
    assert model is not None
    good = worst_edit(latin_form("Elkin"), other_form("Элькин"), model)
    bad = worst_edit(latin_form("Elkin"), other_form("Эльцин"), model)
    assert good > bad


def test_other_form_reads_greek_without_accents_and_keeps_cyrillic_letters() -> None:
    assert other_form("Θεόδωρος") == "θεοδωροσ"
    assert other_form("Йосип Її") == "йосипїї"


def test_only_latin_against_cyrillic_greek_or_latin_reaches_the_model() -> None:
    # Korean names are compared syllable by syllable (korean, cyrillic_korean), Japanese
    # readings by their kana; Hangul goes to the loanword model.
    assert _translit_pair_words("Kim Jong-un", "Ким Чен Ын") is None
    assert _translit_pair_words("Kim Jong-un", "Kim Jong-il") is None
    assert _translit_pair_words("Colbert", "콜베르") is None
    assert _translit_pair_words("Colbert", "Кольбер Jean") is None  # two scripts on one side
    assert _translit_pair_words("Кольбер", "Colbert") == (("Colbert",), ("Кольбер",))
    assert _translit_pair_words("Colbert", "Colberg") == (("Colbert",), ("Colberg",))
    # A surname alone against a full name stays ambiguous.
    assert match_names("Colbert", "Жан-Батист Кольбер").verdict != "same"
