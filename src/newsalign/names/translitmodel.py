"""Learned letters-to-letters transducers: does a Cyrillic, Greek or Latin word write a Latin name?

Russian, Ukrainian, Serbian, Bulgarian and Greek write a foreign name by its sound in their
own alphabet, and the Latin spellings of one name follow each language's rules: French
silent endings (Colbert Кольбер, Chabot Шабо), Hungarian sz (Lovász Ловас), Japanese
Kunrei and Hepburn (Tsuchii Цутии), Wade-Giles (Hsing Син). The rules in :mod:`.translit`
read one Cyrillic spelling into one Latin reading; these models score the pair instead.

Each is the transducer of :mod:`.loanmodel` (a joint probability over pairs of chunks,
zero to three Latin letters against zero to three letters of the other side, scored by the
forward algorithm against a null model of independent letters) fitted on other pairs: the
Latin / Cyrillic and Latin / Greek variants (``names/data/translit_model.tsv``), and the
Latin / Latin variants, one name in two languages' orthographies
(``names/data/latin_model.tsv``), of the *dev* half of the Wikidata name-variant groups
(``wikidata_person_name_variants.txt``, the half ``benchmarks/names_quality.py`` calls
dev). The parameters (derived statistics) are written by
``benchmarks/build_translit_model.py``, with the decision thresholds chosen there on dev
negatives (variants of *different* groups); read lazily, once.

Public seam: :func:`translit_word_score`; :func:`_translit_pair_same` is the matcher's hook.
"""

# Examples hold Cyrillic and Greek on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from .loanmodel import (
    LoanModel,
    _agree,
    _pairing_scores,
    _tokens,
    latin_form,
    llr,
    read_table,
    worst_edit,
)
from .parse import _parse
from .translit import _CYRILLIC, _greek_word

#: The parameters' file names, under ``data/`` in this package: Latin against Cyrillic or
#: Greek, and Latin against Latin (another language's orthography of one name).
TABLES = {"other": "translit_model.tsv", "latin": "latin_model.tsv"}

_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ɏ]{2,}$")
_OTHER_WORD = re.compile(r"^[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]{2,}$")


def other_form(word: str) -> str:
    """A Cyrillic or Greek word as the model reads it: lower case, Greek accents removed.

    The Greek final sigma is σ; Cyrillic letters keep their marks (й, ё, ї are letters of
    their own). A Latin word (the Latin model's other side) reads as :func:`latin_form`.

    Example:
        >>> other_form("Ζορμπάς"), other_form("Йосип")
        ('ζορμπασ', 'йосип')
    """
    if _LATIN_WORD.match(word):
        return latin_form(word)  # the Latin model's other side
    out = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        if "\u0400" <= ch <= "\u052f":
            out.append(ch)
        elif "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
            base = unicodedata.normalize("NFD", ch)[0]
            out.append("σ" if base == "ς" else base)
    return "".join(out)


@lru_cache(maxsize=2)
def _model(kind: str = "other") -> LoanModel | None:
    """The parameters for a Cyrillic or Greek other side (``"other"``) or a Latin one."""
    return read_table(TABLES[kind], "learned transliteration model")


def _kind(other: str) -> str:
    return "latin" if _LATIN_WORD.match(other) else "other"


@lru_cache(maxsize=65536)
def translit_word_score(latin: str, other: str) -> float:
    """How well a Cyrillic, Greek or Latin word writes a Latin one: log likelihood ratio per symbol.

    Positive where the pair is likelier under the learned transducer than as two unrelated
    words; ``-inf`` where either word is empty, the model is missing, or the likeliest
    segmentation has an edit less likely than the model's ``edit`` limit
    (:func:`~newsalign.names.loanmodel.worst_edit`: Elkin / Эльцин, k written ц).

    Example:
        >>> translit_word_score("Colbert", "Кольбер") > translit_word_score("Colbert", "Кольцов")
        True
    """
    value, symbols = _word_llr(latin, other)
    return value / symbols


@lru_cache(maxsize=65536)
def _word_llr(latin: str, other: str) -> tuple[float, int]:
    """The log likelihood ratio of a word pair and its number of symbols (``-inf`` if none)."""
    model = _model(_kind(other))
    if model is None:
        return (-math.inf, 1)
    value, edit, symbols = _word_features(latin, other, model)
    if edit < model.edit:
        return (-math.inf, 1)
    return (value, symbols)


def _word_features(latin: str, other: str, model: LoanModel) -> tuple[float, float, int]:
    """A word pair's log likelihood ratio, worst edit (:func:`worst_edit`) and symbols.

    ``-inf`` for both where either word is empty, one is the other with a Slavic ending
    (:func:`_derived`), or only one has a Slavic family name's ending (Stefano /
    Stepanova, Pryimak / Primakov, Zelenka / Zelenko: a family name against another
    name). The build script chooses the thresholds on these.
    """
    x, y = latin_form(latin), other_form(other)
    if not x or not y:
        return (-math.inf, -math.inf, 1)
    ra, rb = _folded(_plain(latin)), _folded(_plain(other))
    if _derived(ra, rb) or bool(_FAMILY_END.search(ra)) != bool(_FAMILY_END.search(rb)):
        return (-math.inf, -math.inf, 1)
    return (llr(x, y, model), worst_edit(x, y, model), len(x) + len(y))


def _plain(word: str) -> str:
    """A word letter for letter in lower-case ASCII, with none of the rules' rewrites (the
    Baltic -as the rules strip is kept: Ловас is lovas)."""
    if _LATIN_WORD.match(word):
        return latin_form(word)
    low = word.lower()
    if any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in low):
        low = _greek_word(low)
    return "".join(_CYRILLIC.get(c, c if "a" <= c <= "z" else "") for c in low)


def _folded(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def _derived(a: str, b: str) -> bool:
    """Whether one word is the other with a Slavic ending added or changed.

    A family name made from a given name or from another family name, or the other
    gender: Venediktov / Венедикт, Kulikov / Кулик, Marinova / Марина, Filipova /
    Филиппа. The transducer scores these high (every letter is written alike), but they
    are other names; the rules decide a feminine family name against its masculine form.
    """
    short, long_ = sorted((a, b), key=len)
    stem = short[:-1] if short[-1:] in "aeiouy" else short
    return (
        len(stem) >= 3
        and len(long_) > len(short)
        and long_.startswith(stem)
        and _SLAVIC_ENDING.fullmatch(long_[len(stem) :]) is not None
    )


# A Slavic family name's ending, as Latin orthographies write it (-ov, -ow, -off, -ova,
# -owa, -sky, -ski, -ska, -skaya, -enko).
_FAMILY_END = re.compile("(?:[oe](?:v|w|ff)a?|sk(?:y|i|a|aya|iy|ij|ii)|enko)$")
_SLAVIC_ENDING = re.compile(
    "[aeiouy]?(?:ov|ev|ova|eva|in|ina|ich|ovich|evich|ovna|evna|sky|ski|skaya|ska|ya|ia|a)"
)


def _translit_pair_words(a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The Latin words and the other words of a pair the model decides, else ``None``.

    A name in Latin letters (words of two letters or more) against one written wholly in
    Cyrillic or Greek, or against another in Latin letters; never two names that both read
    as Korean, nor two Latin readings of a Japanese name: the rules compare those syllable
    by syllable (:mod:`.cyrillic_korean`, :mod:`.korean`, :mod:`.japanese`). The other name's words
    come second (for two Latin names, ``b``'s).
    """
    if not isinstance(a, str) or not isinstance(b, str):
        return None
    ta, tb = _tokens(a), _tokens(b)
    if ta and all(_OTHER_WORD.match(t) for t in ta):
        ta, tb, a, b = tb, ta, b, a
    both_latin = bool(tb) and all(_LATIN_WORD.match(t) for t in tb)
    if not tb or not (both_latin or all(_OTHER_WORD.match(t) for t in tb)):
        return None  # the other name is wholly in Latin letters or wholly in Cyrillic or Greek
    if not ta or not all(_LATIN_WORD.match(t) for t in ta):
        return None
    pa, pb = _parse(a), _parse(b)
    if "empty" in (pa.kind, pb.kind) or pa.kind == pb.kind == "korean":
        return None
    if pa.japanese and pb.japanese and both_latin:
        return None
    return tuple(ta), tuple(tb)


def _translit_pair_same(a: str, b: str) -> bool:
    """The matcher's hook: a Latin name and a Cyrillic, Greek or Latin one the model joins."""
    words = _translit_pair_words(a, b)
    if words is None:
        return False
    model = _model(_kind(words[1][0]))
    if model is None:
        return False
    return _agree(_pairing_scores(*words, _word_llr), model)
