"""Person names across romanisations and scripts: keys, matching, extraction, clustering.

News spells one person many ways: ``Lee Seong-gwon``, ``Lee Seong Kwon``, ``이성권``;
``Zelensky``, ``Zelenskyy``, ``Зеленский``; ``Gaddafi``, ``Qadhafi``, ``Kadafi``. This module
maps such variants to one *key* and compares names with more care than the key can.

Two levels, and how they relate:

* :func:`name_key` folds a name to a coarse canonical string (a *blocking key*). Variants of
  one person share it. Korean names are parsed into surname and given-name syllables and each
  syllable is folded to a sound class (``Seong``, ``Sung``, ``성`` -> ``song``; ``gwon``,
  ``Kwon``, ``kweun``, ``권`` -> ``kwon``), so ``Lee Seong-gwon`` and ``이성권`` both give
  ``"i song-kwon"``. Other names are transliterated (Cyrillic, Greek, Arabic, Hangul loanwords)
  and folded to a consonant skeleton with the vowels collapsed (``Gaddafi`` -> ``katafi``).
  A key is a name itself: ``name_key(name_key(x)) == name_key(x)``.
* :func:`match_names` compares two names and says ``"same"``, ``"different"`` or
  ``"ambiguous"``. Equal keys are necessary for ``"same"`` but not sufficient: a Korean name is
  compared syllable by syllable, each romanised syllable standing for the *set* of Hangul
  sounds it can spell. Where one spelling's set contains the other's (``Seon`` = {선} inside
  ``Sun`` = {선, 순, 슨}) the names are the same; where the sets only overlap (``Dae-jong`` /
  ``Dae-jung``) the verdict is ``"ambiguous"`` and :func:`same_person` says ``False``.

So ``same_person(a, b)`` implies ``name_key(a) == name_key(b)``; the converse does not hold.

Extraction (:func:`extract_people`) is rule based and conservative: titles and Korean
honorifics, the shape of a Korean name, verbs of saying, and back-references (``Park`` after
``Park Seon-won``). :func:`cluster_people` groups mentions from several versions of a story
into :class:`Person` records.
"""

# Transliteration tables and examples hold Cyrillic, Greek and Hangul letters that look like
# Latin ones on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import JaroWinkler

from .errors import InputError
from .records import Document

__all__ = [
    "MATCH_VERDICTS",
    "Mention",
    "NameMatch",
    "Person",
    "Verdict",
    "cluster_people",
    "extract_people",
    "format_people",
    "match_names",
    "name_key",
    "name_similarity",
    "same_person",
    "sentence_name_keys",
]

logger = logging.getLogger(__name__)

Verdict = Literal["same", "different", "ambiguous"]
#: The closed set of verdicts of :func:`match_names`.
MATCH_VERDICTS: tuple[Verdict, ...] = ("same", "different", "ambiguous")


# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a person in a text.

    Attributes:
        text: the mention exactly as written, ``document_text[start:end]``.
        key: the person's :func:`name_key`; a back-reference (``Park``) carries the key of
            the full name it refers to.
        sentence: 0-based index of the sentence holding the mention.
        start: offset of the first character in the document text.
        end: offset one past the last character.
        document: the document's name, when it has one.
    """

    text: str
    key: str
    sentence: int
    start: int
    end: int
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """One individual seen across one or more documents.

    Attributes:
        canonical: the spelling used most often (ties: the first seen), full names first.
        key: the :func:`name_key` shared by the spellings.
        spellings: every distinct spelling seen, in order of first appearance.
        mentions: every mention, in input order.
    """

    canonical: str
    key: str
    spellings: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The result of comparing two names.

    Attributes:
        verdict: ``"same"``, ``"different"`` or ``"ambiguous"`` (spelling alone cannot tell,
            e.g. ``Kim Dae-jung`` / ``Kim Dae-jong``, or a surname alone against a full name).
        score: :func:`name_similarity` of the two names, in [0, 1].
        reason: a short explanation, for logs and debugging.
    """

    verdict: Verdict
    score: float
    reason: str


# ---------------------------------------------------------------------------------------
# Hangul
# ---------------------------------------------------------------------------------------
_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ",
          "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

# Sound classes: the key spells each class with letters that parse back to the same class.
_LEAD_CLASS = dict(zip(_LEADS, ["k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "",
                                "j", "j", "j", "k", "t", "p", "h"], strict=True))
_VOWEL_CLASS = dict(zip(_VOWELS, ["a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we",
                                  "we", "yo", "o", "wo", "we", "wi", "yo", "o", "i", "i"],
                        strict=True))
_TAIL_CLASS = {
    "": "", "ㄱ": "k", "ㄲ": "k", "ㄳ": "k", "ㄺ": "k", "ㅋ": "k", "ㄴ": "n", "ㄵ": "n",
    "ㄶ": "n", "ㄷ": "t", "ㅅ": "t", "ㅆ": "t", "ㅈ": "t", "ㅊ": "t", "ㅌ": "t", "ㅎ": "",
    "ㄹ": "l", "ㄼ": "l", "ㄽ": "l", "ㄾ": "l", "ㅀ": "l", "ㅁ": "m", "ㄻ": "m", "ㅂ": "p",
    "ㅄ": "p", "ㅍ": "p", "ㄿ": "p", "ㅇ": "ng",
}
# Final consonants as a romaniser writes them (ㄹ and ㅇ are the sets' representatives).
_TAIL_SOUND = {t: (c if c != "l" else "ㄹ") for t, c in _TAIL_CLASS.items()}


def _is_hangul(ch: str) -> bool:
    return _HANGUL_BASE <= ord(ch) <= _HANGUL_LAST


def _decompose(syllable: str) -> tuple[str, str, str]:
    """Split one Hangul syllable into (lead, vowel, tail) jamo, arithmetically."""
    code = ord(syllable) - _HANGUL_BASE
    lead, rest = divmod(code, 21 * 28)
    vowel, tail = divmod(rest, 28)
    return _LEADS[lead], _VOWELS[vowel], _TAILS[tail]


# A syllable as sets of possible jamo: (leads, vowels, tails).
_SylSet = tuple[frozenset[str], frozenset[str], frozenset[str]]


_IY_VOWELS = frozenset("ㅣㅑㅕㅛㅠㅖㅒ")


def _lead_variants(leads: frozenset[str], vowels: frozenset[str]) -> frozenset[str]:
    """Widen ㄹ and ㄴ onsets by the initial-sound law and assimilation.

    ㄹ is written r, l, n or not at all (리/이 Ri/Lee, 렴/염, 래 after a consonant: Bong-nae);
    ㄴ before i and y vowels drops (녀/여).
    """
    iy = bool(vowels & _IY_VOWELS)
    if "ㄹ" in leads:
        leads = leads | ({"ㄴ", "ㅇ"} if iy else {"ㄴ"})
    if "ㄴ" in leads and iy:
        leads = leads | {"ㅇ"}
    return leads


def _hangul_sylset(syllable: str) -> _SylSet:
    lead, vowel, tail = _decompose(syllable)
    vowels = frozenset({vowel})
    return _lead_variants(frozenset({lead}), vowels), vowels, frozenset({_TAIL_SOUND[tail]})


def _sylset_class(s: _SylSet) -> str:
    # Every member of a set built by the tables below lies in one class; sorted() keeps the
    # choice deterministic should a set ever straddle two.
    vowel = _VOWEL_CLASS[sorted(s[1])[0]]
    # The ㄹ/ㄴ/ㅇ variants of one onset share a class: none before i/y vowels, else n.
    leads = {_LEAD_CLASS[x] for x in s[0]}
    if leads & {"l", "n"} or (leads == {""} and "ㄴ" in s[0]):
        lead = "" if s[1] & _IY_VOWELS else "n"
        if "" in leads and not s[1] & _IY_VOWELS and not leads & {"l", "n"}:
            lead = ""
    else:
        lead = _LEAD_CLASS[sorted(s[0])[0]]
    tail = sorted(s[2])[0]
    tail = "l" if tail == "ㄹ" else tail
    return lead + vowel + tail


# Romanised Korean, as the sets of jamo each spelling can stand for. RR, McCune-Reischauer
# (breves and apostrophes dropped), the DPRK system and passport spellings.
_R_LEADS: dict[str, frozenset[str]] = {
    "": frozenset("ㅇ"), "g": frozenset("ㄱ"), "k": frozenset("ㄱㅋㄲ"), "kk": frozenset("ㄲ"),
    "gg": frozenset("ㄲ"), "kh": frozenset("ㅋ"), "n": frozenset("ㄴ"), "d": frozenset("ㄷ"),
    "t": frozenset("ㄷㅌㄸ"), "th": frozenset("ㅌ"), "tt": frozenset("ㄸ"), "dd": frozenset("ㄸ"),
    "r": frozenset("ㄹ"), "l": frozenset("ㄹ"), "rh": frozenset("ㄹ"), "m": frozenset("ㅁ"),
    "b": frozenset("ㅂ"), "p": frozenset("ㅂㅍㅃ"), "ph": frozenset("ㅍ"), "pp": frozenset("ㅃ"),
    "bb": frozenset("ㅃ"), "s": frozenset("ㅅㅆ"), "sh": frozenset("ㅅ"), "ss": frozenset("ㅆ"),
    "j": frozenset("ㅈ"), "z": frozenset("ㅈ"), "ch": frozenset("ㅈㅊㅉ"), "jj": frozenset("ㅉ"),
    "tch": frozenset("ㅉ"),
    "h": frozenset("ㅎ"),
}
_R_VOWELS: dict[str, frozenset[str]] = {
    "a": frozenset("ㅏ"), "ae": frozenset("ㅐ"), "e": frozenset("ㅔㅐ"), "ai": frozenset("ㅐ"),
    "ea": frozenset("ㅐㅔ"), "ey": frozenset("ㅔ"), "yea": frozenset("ㅖ"), "ie": frozenset("ㅣ"),
    "wu": frozenset("ㅜ"), "ew": frozenset("ㅠ"), "ou": frozenset("ㅓㅜ"), "ei": frozenset("ㅔ"),
    "yuo": frozenset("ㅕ"), "ya": frozenset("ㅑ"),
    "yae": frozenset("ㅒ"), "ye": frozenset("ㅖㅒ"), "eo": frozenset("ㅓ"), "o": frozenset("ㅗㅓ"),
    "u": frozenset("ㅜㅡㅓ"), "oo": frozenset("ㅜ"), "woo": frozenset("ㅜ"), "eu": frozenset("ㅡ"),
    "yeo": frozenset("ㅕ"), "yo": frozenset("ㅛㅕ"), "yu": frozenset("ㅠㅕ"),
    "yoo": frozenset("ㅠ"), "you": frozenset("ㅠㅕㅛ"), "wa": frozenset("ㅘ"),
    "wae": frozenset("ㅙ"), "we": frozenset("ㅞㅚ"), "oe": frozenset("ㅚ"), "oi": frozenset("ㅚ"),
    "wo": frozenset("ㅝ"), "weo": frozenset("ㅝ"), "weu": frozenset("ㅝ"), "wi": frozenset("ㅟ"),
    "ui": frozenset("ㅢ"), "eui": frozenset("ㅢ"), "i": frozenset("ㅣㅢ"), "ee": frozenset("ㅣㅢ"),
    "yi": frozenset("ㅣㅢ"), "oa": frozenset("ㅘ"), "ua": frozenset("ㅘ"), "yeu": frozenset("ㅕ"),
    "wou": frozenset("ㅝ"),
}
_R_TAILS: dict[str, frozenset[str]] = {
    "": frozenset({""}), "h": frozenset({""}), "k": frozenset({"k"}), "g": frozenset({"k"}),
    "ck": frozenset({"k"}), "kk": frozenset({"k"}), "n": frozenset({"n"}),
    "ng": frozenset({"ng"}), "hn": frozenset({"n"}), "hng": frozenset({"ng"}),
    "hm": frozenset({"m"}), "ne": frozenset({"n"}), "l": frozenset({"ㄹ"}), "r": frozenset({"ㄹ"}),
    "ll": frozenset({"ㄹ"}), "m": frozenset({"m"}), "p": frozenset({"p"}), "b": frozenset({"p"}),
    "t": frozenset({"t"}), "d": frozenset({"t"}), "s": frozenset({"t"}),
}


def _alternation(keys: Iterable[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k)) if k)


_ROM_SYLLABLE = re.compile(
    f"({_alternation(_R_LEADS)})?({_alternation(_R_VOWELS)})({_alternation(_R_TAILS)})?"
)
_ROM_ONSET = re.compile(f"(?:{_alternation(_R_LEADS)})?(?:{_alternation(_R_VOWELS)})")


@lru_cache(maxsize=4096)
def _rom_sylset(chunk: str) -> _SylSet | None:
    """Parse one romanised syllable (lower case) into jamo sets, or ``None``."""
    m = _ROM_SYLLABLE.fullmatch(chunk)
    if m is None:
        return None
    lead, vowel, tail = m.group(1) or "", m.group(2), m.group(3) or ""
    vowels = _R_VOWELS[vowel]
    return _lead_variants(_R_LEADS[lead], vowels), vowels, _R_TAILS[tail]


@lru_cache(maxsize=4096)
def _rom_split(word: str) -> tuple[str, ...] | None:
    """Split a joined romanised given name (``seonggwon``) into syllables.

    Korean has no syllable-initial ``ng``, so ``ng`` stays a final; otherwise a consonant
    between vowels starts the next syllable (``jaemyung`` -> ``jae`` + ``myung``).
    """
    n = len(word)
    best: dict[int, tuple[str, ...] | None] = {n: ()}
    for i in range(n - 1, -1, -1):
        found: tuple[str, ...] | None = None
        for j in range(min(n, i + 7), i, -1):
            chunk = word[i:j]
            if _rom_sylset(chunk) is None:
                continue
            rest = best.get(j)
            if rest is None:
                continue
            nxt = word[j:]
            # Prefer the parse where the next syllable takes its onset (maximal onset),
            # except that a final "ng" is never split.
            if found is None or len(rest) + 1 < len(found):
                found = (chunk, *rest)
            elif len(rest) + 1 == len(found):
                prev_first = found[0]
                if _prefer(chunk, prev_first, nxt):
                    found = (chunk, *rest)
        best[i] = found
    return best[0]


def _prefer(candidate: str, current: str, nxt: str) -> bool:
    """Tie-break between two first syllables of equally short parses."""
    if candidate.endswith("ng") != current.endswith("ng"):
        return candidate.endswith("ng")
    return len(candidate) < len(current)


# Korean surnames: Hangul -> spellings seen in news, passports, MR and DPRK texts. The
# initial-sound law (리 -> 이, 류 -> 유, 림 -> 임, 로 -> 노) is folded first.
_SURNAME_TABLE: tuple[tuple[str, str], ...] = (
    ("김", "kim gim kin"), ("이", "lee yi rhee ri i rhie yee lie rii li"),
    ("박", "park pak bak bahk pack parc"), ("최", "choi choe chey choy tsoi tsoy chkhve"),
    ("정", "jung jeong chung jong cheong joung jeung chong"), ("강", "kang gang"),
    ("조", "cho jo joe"), ("윤", "yoon yun youn"), ("장", "jang chang zahng"),
    ("임", "lim im rim yim ihm"), ("한", "han"), ("오", "oh o"), ("서", "seo suh so seoh soh"),
    ("신", "shin sin shinn"), ("권", "kwon gwon kweon kwun kweun kwoun"), ("황", "hwang whang"),
    ("안", "ahn an"), ("송", "song"), ("유", "yoo yu ryu ryoo you lew"),
    ("전", "jeon chun jun chon"), ("홍", "hong"), ("고", "ko go koh"), ("문", "moon mun"),
    ("양", "yang ryang"), ("손", "son sohn shon"), ("배", "bae pae bai"),
    ("백", "baek paek paik baik back"), ("허", "heo huh hur ho"), ("남", "nam"), ("심", "shim sim"),
    ("노", "noh roh no ro"), ("하", "ha"), ("곽", "kwak gwak"), ("성", "sung seong"), ("차", "cha"),
    ("주", "joo ju chu"), ("우", "woo u"), ("구", "koo ku gu goo"), ("민", "min"),
    ("진", "jin chin"), ("지", "ji chi gee"), ("엄", "eom um uhm"), ("채", "chae"), ("원", "won"),
    ("천", "cheon chun"), ("방", "bang pang"), ("공", "kong gong"), ("현", "hyun hyeon"),
    ("함", "ham hahm"), ("변", "byun byeon pyon byon beon"), ("염", "yeom yum yeum youm"),
    ("여", "yeo yo yuh"), ("추", "choo chu"), ("도", "do to"), ("소", "so"), ("석", "seok suk"),
    ("선", "sun seon"), ("설", "seol sul"), ("마", "ma"), ("길", "gil kil"), ("연", "yeon yun"),
    ("위", "wi wee"), ("표", "pyo"), ("명", "myung myeong myoung"), ("기", "ki gi"),
    ("반", "ban pan"), ("왕", "wang"), ("금", "geum keum"), ("옥", "ok"), ("육", "yook yuk"),
    ("인", "in"), ("맹", "maeng"), ("제", "je"), ("모", "mo moh"), ("탁", "tak"),
    ("국", "kook guk"), ("어", "eo eoh"), ("은", "eun"), ("편", "pyun pyeon"),
    ("용", "yong"), ("예", "ye"),
    ("경", "kyung gyeong"), ("봉", "bong"), ("사", "sa"), ("부", "boo bu"), ("황보", "hwangbo"),
    ("남궁", "namgoong namkung namgung"), ("제갈", "jegal"), ("선우", "sunwoo seonwoo"),
    ("독고", "dokgo"), ("태", "tae"), ("나", "na ra rha"), ("라", "la"), ("명", "myeong"),
    ("복", "bok"), ("판", "pan"), ("빈", "bin"), ("범", "beom bum"), ("피", "pi"), ("좌", "jwa"),
    ("팽", "paeng"), ("승", "seung"), ("간", "gan kan"), ("상", "sang"), ("시", "si"), ("호", "ho"),
    ("계", "gye kye"), ("음", "eum"), ("감", "gam kam"),
)
_INITIAL_LAW = {"리": "이", "류": "유", "림": "임", "로": "노", "라": "나", "량": "양",
                "려": "여", "룡": "용", "뢰": "뇌", "련": "연", "렴": "염", "륙": "육"}

# Surname frequency rank decides the order of "Seong Kwon Lee" (Lee is more common).
_SURNAME_RANK: dict[str, int] = {}
_HANGUL_SURNAMES: frozenset[str]
_LATIN_SURNAMES: dict[str, frozenset[str]]


def _build_surnames() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    latin: dict[str, set[str]] = {}
    hangul: set[str] = set()
    for rank, (han, spellings) in enumerate(_SURNAME_TABLE):
        hangul.add(han)
        _SURNAME_RANK.setdefault(han, rank)
        for sp in spellings.split():
            latin.setdefault(sp, set()).add(han)
    hangul.update(_INITIAL_LAW)
    # The key spells a surname by its sound class; that spelling must parse back.
    for han in sorted(hangul):
        folded = _INITIAL_LAW.get(han, han)
        cls = "".join(_sylset_class(_hangul_sylset(c)) for c in folded)
        latin.setdefault(cls, set()).add(folded)
    return frozenset(hangul), {k: frozenset(v) for k, v in latin.items()}


_HANGUL_SURNAMES, _LATIN_SURNAMES = _build_surnames()
_FOLDED_SURNAMES = frozenset(_INITIAL_LAW.get(h, h) for h in _HANGUL_SURNAMES)

# Spellings no rule derives (NAMES.md): a small alias table, Latin spelling -> Hangul.
_ALIASES: dict[str, str] = {
    "syngman rhee": "이승만",
    "rhee syngman": "이승만",
    "jay y lee": "이재용",
    "jay lee": "이재용",
    "kim il sung": "김일성",
    "kim il-sung": "김일성",
    "park chung hee": "박정희",
    "chiang kai shek": "장제스",
}

# ---------------------------------------------------------------------------------------
# Titles and honorifics
# ---------------------------------------------------------------------------------------
_TITLES_EN = frozenset(
    [
        "rep", "representative", "sen", "senator", "dr", "adm", "admiral", "gen", "general",
        "president", "presidente", "präsident", "prasident", "predsjednik", "presedintele",
        "președintele", "presiden", "prezident", "prezydent", "président", "elnök", "elnok",
        "президент", "президента", "премьер", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
        "lord", "lady", "prof", "professor", "lawmaker", "lawmakers", "director", "chairman",
        "chairwoman", "chair", "ceo", "gov", "governor", "mayor", "judge", "justice", "lt", "col",
        "maj", "capt", "cmdr", "sgt", "minister", "premier", "secretary", "ambassador",
        "commissioner", "spokesperson", "spokesman", "spokeswoman", "chief", "leader", "comrade",
        "king", "queen", "prince", "princess", "marshal", "rev", "pastor", "father", "sheikh",
        "sheik", "imam", "ayatollah", "emir", "colonel", "captain", "major", "lieutenant", "nis",
        "vice", "deputy", "former", "acting", "prime", "foreign", "defense", "defence",
        "unification", "interior", "finance", "envoy", "prosecutor", "jr", "sr", "ii", "iii",
        "rabbi", "examiner", "superintendent", "inspector", "detective", "officer", "sergeant",
        "iv",
    ]
)
_TITLES_KO = (
    "국무위원장", "국정원장", "국무총리", "위원장", "비서실장", "대변인", "부위원장", "원내대표",
    "대통령", "총비서", "부부장", "당선인", "의원", "원장", "장관", "차관", "대표", "기자",
    "총리", "위원", "의장", "사장", "회장", "교수", "박사", "총재", "단장", "청장", "실장",
    "비서관", "후보", "씨", "군", "양", "님", "여사", "총장", "지사", "시장", "검사", "판사",
    "전", "前",
)
_TITLE_KO_RE = re.compile("(?:" + "|".join(sorted(_TITLES_KO, key=len, reverse=True)) + ")$")

# ---------------------------------------------------------------------------------------
# Transliteration of other scripts (own tables; the Hangul path is arithmetic)
# ---------------------------------------------------------------------------------------
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "a", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g", "ў": "v", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj",
    "ћ": "c", "џ": "dzh", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}
_GREEK_DIGRAPHS = (("ντ", "d"), ("μπ", "b"), ("γκ", "g"), ("γγ", "ng"), ("ου", "u"),
                   ("αι", "e"), ("ει", "i"), ("οι", "i"), ("αυ", "av"), ("ευ", "ev"))
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "kh", "ψ": "ps", "ω": "o",
}
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "و": "u", "ي": "i", "ى": "a", "ة": "a", "ء": "", "ؤ": "",
    "ئ": "", "پ": "p", "چ": "ch", "ژ": "zh", "ک": "k", "گ": "g", "ی": "i", "ٹ": "t", "ڈ": "d",
    "ں": "n", "ے": "e", "ه‍": "h",
}
_LATIN_SPECIAL = {
    "č": "ch", "ć": "ch", "ç": "ch", "š": "sh", "ś": "s", "ž": "zh", "ź": "z", "ż": "z",
    "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "dj", "ð": "d", "þ": "th",
    "ı": "i", "ŭ": "u", "ŏ": "o", "ğ": "g", "ț": "ts", "ţ": "ts", "ș": "sh", "ş": "sh",
}
_HANGUL_LOAN_LEAD = dict(zip(_LEADS, ["g", "k", "n", "d", "t", "l", "m", "b", "p", "s", "s", "",
                                      "j", "j", "ch", "k", "t", "p", "h"], strict=True))
_HANGUL_LOAN_VOWEL = dict(zip(_VOWELS, ["a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa",
                                        "we", "we", "yo", "u", "wo", "we", "wi", "yu", "",
                                        "ui", "i"], strict=True))
_HANGUL_LOAN_TAIL = {"": "", "ㄱ": "k", "ㄴ": "n", "ㄹ": "l", "ㅁ": "m", "ㅂ": "p", "ㅅ": "t",
                     "ㅇ": "ng"}

# Ukrainian and Belarusian given names are translations, not spellings, of Russian ones.
_GIVEN_EQUIV = {
    "volodymyr": "vladimir", "volodimir": "vladimir", "uladzimir": "vladimir",
    "uladimir": "vladimir",
    "oleksandr": "aleksandr", "oleksiy": "aleksei", "oleksii": "aleksei", "mykola": "nikolai",
    "mykhailo": "mikhail", "mykhaylo": "mikhail", "kyrylo": "kirill", "serhiy": "sergei",
    "serhii": "sergei", "andriy": "andrei", "andrii": "andrei", "dmytro": "dmitri",
    "yuriy": "yuri", "yurii": "yuri", "pavlo": "pavel", "petro": "pyotr", "vasyl": "vasili",
    "hryhoriy": "grigori", "olena": "elena", "tetiana": "tatiana", "nataliya": "natalia",
}
_PATRONYMIC = re.compile(
    r"(?:ovich|evich|ovych|evych|ovitch|evitch|owitsch|ewitsch|owitsj|ovitsj|ovitj|evitj|"
    r"ovitx|ovics|ovici|owicz|ewicz|ovits|obichi|ebichi|avich|aviç|ovic|ovna|evna|ovnа|"
    r"ivna|yivna|ovychi|ovichu)$"
)
_PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "ben", "van", "von", "der", "de",
                        "la", "le", "da", "di", "du", "abd", "abu"})


def _strip_marks(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def _greek_word(word: str) -> str:
    w = _strip_marks(word).lower()
    if w.startswith("γου") and len(w) > 3:
        # γου writes an English w (Γουίλιαμ = William; Γούντμαν = Woodman).
        w = ("w" if w[3] in "αεηιοωυ" else "wu") + w[3:]
    for a, b in _GREEK_DIGRAPHS:
        w = w.replace(a, b)
    return "".join(_GREEK.get(c, c) for c in w)


def _hangul_loan(word: str) -> str:
    """Read a Hangul loanword (블라디미르 -> bladimir), dropping the epenthetic ㅡ."""
    out: list[str] = []
    prev_tail = ""
    for ch in word:
        if not _is_hangul(ch):
            continue
        lead, vowel, tail = _decompose(ch)
        # A lone ㄹ between vowels writes r; ㄹㄹ writes l (블라디미르 -> bladimir).
        onset = "r" if lead == "ㄹ" and prev_tail != "ㄹ" else _HANGUL_LOAN_LEAD[lead]
        out.append(onset + _HANGUL_LOAN_VOWEL[vowel] + _HANGUL_LOAN_TAIL.get(tail, ""))
        prev_tail = tail
    return "".join(out)


# A Latin word ending in ch after a, o, u or e, with a German eu or au in it (not sch, tsch).
_GERMAN_CH = re.compile(r"(?=.*(?:eu|au|äu))[a-zäöüß]*[aoue]ch")


# Belarusian endings in Latin letters: -аў as -au / -aw after a consonant, and -enka.
_BELARUSIAN_END = re.compile(r"(?:[^aeiouy]a[uw]|.{4}enka)$")


def _to_latin(word: str) -> str:
    """Transliterate a non-Hangul word to lower-case ASCII letters (others dropped)."""
    if any(c in "іІўЎ" for c in word):
        # Belarusian palatalises т and д before і (Пуцін = Путин, Уладзімір = Владимир).
        word = word.replace("ці", "ті").replace("дзі", "ді").replace("Ці", "Ті")
    if any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in word):
        word = _greek_word(word)
    if _GERMAN_CH.fullmatch(word.lower()):
        # German ch after a, o, u, e is the ach sound, Cyrillic х (Heubach = Гойбах, Rauch =
        # Раух); the diphthong eu or au marks the word as German. English writes ou and reads
        # ch as ч (Crouch = Крауч), and Slavic -ach is ч with no eu / au (Tkach = Ткач).
        word = word[:-2] + "kh"
    out: list[str] = []
    for ch in word.lower():
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        elif ch in _ARABIC:
            out.append(_ARABIC[ch])
        elif ch in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[ch])
        elif "a" <= ch <= "z":
            out.append(ch)
        else:
            base = _strip_marks(ch)
            if base in _CYRILLIC:
                out.append(_CYRILLIC[base])
            elif base in _LATIN_SPECIAL:
                out.append(_LATIN_SPECIAL[base])
            elif len(base) == 1 and "a" <= base <= "z":
                out.append(base)
            else:
                out.append("".join(c for c in base if "a" <= c <= "z"))
    latin = "".join(out)
    if ("avu" in latin or "awu" in latin) and (
            any(c in "ўЎэЭŭŬ" for c in word) or _BELARUSIAN_END.search(latin)):
        # Belarusian fills the hiatus a-u with v where Russian and Ukrainian leave it open
        # (Навуменка = Науменко, Белавусаў = Belavusau = Белоусов, Навумаў = Наумов). Only
        # in a word that is Belarusian by ў, э, ŭ, the suffix -au (-аў) or the akanye
        # suffix -enka: і alone is Ukrainian too, and Ржавускі = Ржевуский has a real в.
        latin = latin.replace("avu", "au").replace("awu", "au")
    if len(latin) >= 8 and latin.endswith("enka") and not word.lower().endswith("ька"):
        # Belarusian writes the unstressed o of the Ukrainian and Russian suffix -enko as a
        # (akanye): Lukashenka = Лукашенко, Каваленка = Коваленко. Not the diminutive
        # -енька (Олесенька), and not short words (Zelenka).
        latin = latin[:-1] + "o"
    return latin


# ---------------------------------------------------------------------------------------
# General skeleton (Slavic, Arabic, Western names)
# ---------------------------------------------------------------------------------------
_SKEL_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "S"), ("tsch", "C"), ("dzh", "J"), ("tch", "C"), ("tsj", "C"), ("sch", "S"),
    ("ch", "C"), ("cz", "C"), ("cs", "C"), ("ts", "C"), ("tz", "C"), ("tx", "C"),
    ("sh", "S"), ("zh", "S"), ("zs", "S"), ("sz", "S"), ("sj", "S"), ("kh", "K"), ("gh", "K"),
    ("qu", "K"), ("ck", "K"), ("gy", "T"), ("ty", "T"), ("dj", "J"), ("th", "T"), ("dh", "T"),
    ("ph", "F"), ("ny", "N"), ("nj", "N"), ("x", "KS"),
)
_SKEL_SINGLE = {"k": "K", "g": "K", "q": "K", "c": "K", "t": "T", "d": "T", "b": "B", "p": "B",
                "v": "B", "w": "B", "f": "F", "s": "S", "z": "S", "l": "L", "r": "R", "m": "M",
                "n": "N", "h": "", "j": "V"}
_SKEL_OUT = {"K": "k", "T": "t", "B": "b", "F": "f", "S": "s", "C": "ch", "J": "dj", "L": "l",
             "R": "r", "M": "m", "N": "n"}
_SKEL_RULE_RE = re.compile("|".join(re.escape(a) for a, _ in _SKEL_RULES))
_SKEL_RULE_MAP = dict(_SKEL_RULES)
_VOWEL_LETTERS = frozenset("aeiouy")


# A word spelled wholly in three or more Japanese consonant-vowel syllables (Hepburn or
# Kunrei; not di / du, which neither uses, so Hunyadi is not one).
_JAPANESE = re.compile(r"(?!.*d[iu])(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f)[aiueo]|[yw]a|yu|yo){3,}")


_LENGTHENING_H = re.compile(r"(?<=[aeiou])h(?=[lnr](?:[^aeiouyj]|$))")


@lru_cache(maxsize=16384)
def _skel_syms(word: str) -> tuple[str, ...]:
    """Consonant-class symbols and ``v<letter>`` vowels of one lower-case ASCII word."""
    w = re.sub(r"(.)\1+", r"\1", word)
    if w.startswith("hu") and _JAPANESE.fullmatch(w):
        # Kunrei romanisation writes ふ hu where Hepburn and Cyrillic write fu (Hunakosi =
        # Funakoshi = Фунакоси). Only at the start of a word of three or more Japanese
        # syllables, so Hugo, Hussein and Netanyahu keep their h.
        w = "f" + w[1:]
    if len(w) >= 4 and w.endswith("ge") and w[-3] != "g":
        # A final -ge is soft, dzh, in English (Turnage = Тернидж, Page = Пейдж, Bridge).
        w = w[:-3 if w[-3] == "d" else -2] + "dzh"
    elif len(w) >= 5 and w.endswith("au") and w[-3] not in _VOWEL_LETTERS:
        # Belarusian -аў is Russian -ав (Kurylau = Курылаў = Kurylaw).
        w = w[:-1] + "v"
    if len(w) >= 4 and w.endswith("e") and w[-2] not in _VOWEL_LETTERS and any(
            c in _VOWEL_LETTERS for c in w[:-2]):
        # A final e after a consonant is often silent and left out by other scripts
        # (Poutine, Clyde / Клайд); where it is heard both spellings keep it and agree.
        w = w[:-1]
    # A German or Scandinavian lengthening h between a vowel and l, n or r that ends a
    # syllable is silent, and Cyrillic leaves it out (Wahlgren = Вальгрен, Kohl = Коль,
    # Hahn = Ган); before a vowel it is heard (Bahrii = Багрій, Sahnovski = Сахновский).
    w = _LENGTHENING_H.sub("", w)
    if w.startswith("mc"):
        w = "mac" + w[2:]
    # German Zw- and Czech / Serbian c before v are ts (Zwetanow, Cvetanov = Цветанов); a
    # final tj is the Scandinavian spelling of ch (Hankevytj).
    if w.startswith("zw"):
        w = "ts" + w[1:]
    w = w.replace("cv", "tsv")
    if w.endswith("uk") and len(w) >= 5:
        # Ukrainian -uk names in Polish or Latynka spelling write ц as c (Caruk = Царук,
        # Marcyniuk = Марцинюк; Polish ci is ć, of the same class); in Turkish -uk names c
        # is ç, which folds with ts to the same class.
        w = re.sub(r"c(?![hzsk])", "ts", w)
    if w.endswith("tj") and len(w) > 3:
        w = w[:-2] + "ch"
    w = w.replace("mb", "nb").replace("mp", "np")
    syms: list[str] = []
    i = 0
    while i < len(w):
        m = _SKEL_RULE_RE.match(w, i)
        if m is not None and not (m.group() in ("ty", "ny", "qu") and (
                m.end() >= len(w) or w[m.end()] not in _VOWEL_LETTERS)):
            syms.extend(_SKEL_RULE_MAP[m.group()])
            i = m.end()
            continue
        ch = w[i]
        if ch == "c" and i + 1 < len(w) and w[i + 1] in "eiy":
            syms.append("S")
        elif ch == "h":
            # Russian writes a foreign h as г or х: keep h where it is heard (Hannibal,
            # Ahmed), drop it at the end of a word (Sarah) and after a consonant.
            prev_v = i > 0 and w[i - 1] in _VOWEL_LETTERS
            if i + 1 < len(w) and (i == 0 or prev_v):
                syms.append("K")
        elif ch in _VOWEL_LETTERS:
            syms.append("v" + ch)
        else:
            sym = _SKEL_SINGLE.get(ch, "")
            if sym == "V":
                syms.append("vi")
            elif sym:
                syms.append(sym)
        i += 1
    return tuple(syms)


@lru_cache(maxsize=16384)
def _skeleton(word: str) -> str:
    """Fold one lower-case ASCII word to its consonant skeleton.

    Consonants fall into classes (k g q c kh gh -> ``k``; d t th dh -> ``t``; b p v w ->
    ``b``; s z sh zh -> ``s``; ch ts tz cz -> ``ch``), doubled letters and ``h`` vanish,
    a run of inner vowels becomes ``a`` and a final vowel keeps its class (``a``; ``o`` for
    o u; ``i`` for e i y), so ``Gaddafi``, ``Qadhafi`` and ``Ghaddafy`` all give ``katafi``.
    """
    syms = _skel_syms(word)
    out: list[str] = []
    prev = ""
    for k, sym in enumerate(syms):
        cls = "V" if sym.startswith("v") else sym
        if cls == prev:
            continue
        if cls == "V":
            last = all(s.startswith("v") for s in syms[k:])
            if last:
                tail = syms[-1][1]
                out.append("a" if tail == "a" else "o" if tail in "ou" else "i")
            else:
                out.append("a")
        else:
            out.append(_SKEL_OUT[cls])
        prev = cls
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Parsing a name
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Parsed:
    kind: Literal["korean", "general", "empty"]
    key: str
    surname: frozenset[str] = frozenset()  # Hangul surnames it can spell (Korean)
    given: tuple[_SylSet, ...] = ()  # Korean given-name syllables
    fine: str = ""  # lower-case ASCII form for string scores
    tokens: tuple[str, ...] = ()  # general: surname skeleton, then given-name skeletons
    given_names: tuple[str, ...] = ()  # general: given-name skeletons, in order
    initials: str = ""  # general: folded initials when no given name is written out
    spelled: str = ""  # general: the surname as written, in lower-case ASCII


_TOKEN_SPLIT = re.compile(r"[\s,;:/|·・()\[\]{}\"“”«»]+")
_EMPTY = _Parsed("empty", "")


def _clean_tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "").replace("'", "").replace("ʼ", "").replace("`", "")
    text = text.replace("‘", "").replace("ʻ", "").replace("‐", "-").replace("‑", "-")
    text = text.replace("–", "-").replace("—", "-").replace("_", " ")
    out: list[str] = []
    for raw in _TOKEN_SPLIT.split(text):
        tok = raw.strip(".-")
        if not tok:
            continue
        if all(_is_hangul(c) for c in tok) and len(tok) > 2:
            m = _TITLE_KO_RE.search(tok)
            if m is not None and len(m.group()) >= 2 and m.start() >= 3:
                tok = tok[: m.start()]
        out.append(tok)
    # Drop titles and honorifics wherever they stand, but never the last token left.
    kept = [t for t in out if not _is_title(t)]
    return kept or out[-1:] if out else []


def _is_title(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    if low in _TITLES_EN:
        return True
    return bool(all(_is_hangul(c) for c in tok) and tok in _TITLES_KO)


# McCune-Reischauer writes ㅓ as ŏ and ㅡ as ŭ (Revised Romanization eo, eu). With the breve
# the vowel is known: MR yŏng is 영, not 용 (yong); without it, o is ㅗ or ㅓ.
_MR_BREVES = str.maketrans({"ŏ": "eo", "ŭ": "eu"})


def _mr_ascii(low: str) -> str:
    """A lower-case token with MR breves spelled as RR vowels (``sŏn`` -> ``seon``)."""
    return low.translate(_MR_BREVES) if "ŏ" in low or "ŭ" in low else low


def _korean_given(tokens: Sequence[str]) -> tuple[_SylSet, ...] | None:
    """Parse given-name tokens (Latin or Hangul) into 1..3 syllables, or ``None``."""
    syls: list[_SylSet] = []
    for tok in tokens:
        if all(_is_hangul(c) for c in tok):
            syls.extend(_hangul_sylset(c) for c in tok)
            continue
        low = _mr_ascii(tok.lower())
        if not low.replace("-", "").isascii() or not low.replace("-", "").isalpha():
            return None
        # "wh" is a spelling of hw (Chang-wha = 창화).
        chunks = ["hw" + c[2:] if c.startswith("wh") else c for c in low.split("-") if c]
        for chunk in chunks:
            s = _rom_sylset(chunk)
            if s is not None:
                syls.append(s)
                continue
            parts = _rom_split(chunk)
            if parts is None:
                return None
            for part in parts:
                ps = _rom_sylset(part)
                if ps is None:  # pragma: no cover - _rom_split only returns parsable parts
                    return None
                syls.append(ps)
    if not 1 <= len(syls) <= 3:
        return None
    return tuple(syls)


def _surname_set(tok: str) -> frozenset[str] | None:
    if all(_is_hangul(c) for c in tok):
        if tok in _HANGUL_SURNAMES:
            return frozenset({_INITIAL_LAW.get(tok, tok)})
        return None
    low = tok.lower()
    if "ŏ" in low or "ŭ" in low:
        return _mr_surname_set(_mr_ascii(low))
    return _LATIN_SURNAMES.get(_to_latin(tok))


@lru_cache(maxsize=1024)
def _mr_surname_set(low: str) -> frozenset[str] | None:
    """The surnames an MR spelling with breves can write, read syllable by syllable.

    The table lists MR surnames without breves (Chon = 전, Yong = 용); with the breve the
    vowel is known, so the surnames are those whose jamo fit: Chŏn = {전, 천} (MR ch is ㅈ,
    and ㅊ with its apostrophe dropped), Yŏng = none (영 is not a surname).
    """
    parts = (low,) if _rom_sylset(low) is not None else _rom_split(low)
    if parts is None or len(parts) > 2:
        return None
    sets = [_rom_sylset(p) for p in parts]
    found = {
        han for han in _FOLDED_SURNAMES if len(han) == len(sets)
        and all(s is not None and all(x & y for x, y in zip(s, _hangul_sylset(c), strict=True))
                for s, c in zip(sets, han, strict=True))
    }
    return frozenset(found) or None


def _surname_class(sur: frozenset[str]) -> str:
    han = sorted(sur, key=lambda h: (_SURNAME_RANK.get(h, 999), h))[0]
    return "".join(_sylset_class(_hangul_sylset(c)) for c in han)


def _korean_parse(tokens: list[str]) -> _Parsed | None:
    """Try to read ``tokens`` as a Korean name (either order, any script)."""
    if len(tokens) == 1 and all(_is_hangul(c) for c in tokens[0]):
        tok = tokens[0]
        if tok in _HANGUL_SURNAMES:  # a surname alone: 김, 최, 남궁
            return _korean_record(frozenset({_INITIAL_LAW.get(tok, tok)}), (), tokens)
        if not 2 <= len(tok) <= 5:
            return None
        for n in (2, 1):
            if len(tok) > n and tok[:n] in _HANGUL_SURNAMES and len(tok) - n <= 3:
                if n == 1 and len(tok) == 5:
                    continue
                sur = frozenset({_INITIAL_LAW.get(tok[:n], tok[:n])})
                given = tuple(_hangul_sylset(c) for c in tok[n:])
                return _korean_record(sur, given, tokens)
        return None
    if len(tokens) == 1:
        alone = _surname_set(tokens[0])
        return None if alone is None else _korean_record(alone, (), tokens)
    if not 2 <= len(tokens) <= 4:
        return None
    first, last = _surname_set(tokens[0]), _surname_set(tokens[-1])
    options: list[tuple[int, frozenset[str], list[str]]] = []
    if first is not None:
        options.append((0, first, tokens[1:]))
    if last is not None:
        options.append((1, last, tokens[:-1]))
    if len(options) == 2:
        # "Seong-kwon Lee": a hyphenated first token is a given name; otherwise the more
        # common surname wins ("Sun Won Park").
        if "-" in tokens[0] and "-" not in tokens[-1]:
            options.reverse()
        elif "-" not in tokens[0] or "-" in tokens[-1]:
            r0 = min(_SURNAME_RANK.get(h, 999) for h in options[0][1])
            r1 = min(_SURNAME_RANK.get(h, 999) for h in options[1][1])
            if r1 < r0:
                options.reverse()
    for _, surname, rest in options:
        syllables = _korean_given(rest)
        if syllables is not None:
            return _korean_record(surname, syllables, tokens)
    return None


def _korean_record(sur: frozenset[str], given: tuple[_SylSet, ...], tokens: list[str]) -> _Parsed:
    key = _surname_class(sur)
    if given:
        key += " " + "-".join(_sylset_class(s) for s in given)
    fine = " ".join(_to_latin(t) if not all(_is_hangul(c) for c in t) else t for t in tokens)
    return _Parsed("korean", key, sur, given, fine.lower())


def _word_latin(tok: str) -> list[str]:
    """One token as lower-case ASCII words (a hyphen splits: al-Gaddafi -> al, gaddafi)."""
    if all(_is_hangul(c) for c in tok):
        words = [_hangul_loan(tok)]
    else:
        words = [_to_latin(p) for p in tok.split("-") if p]
    return [w for w in (re.sub(r"[^a-z]", "", w) for w in words) if w]


def _raw_skeletons(tokens: Sequence[str]) -> list[str]:
    """Skeletons of the words of ``tokens`` before the equivalence table (for its builder)."""
    out = []
    for tok in tokens:
        for w in _word_latin(tok):
            sk = _skeleton(_GIVEN_EQUIV.get(w, w))
            if sk:
                out.append(sk)
    return out


@lru_cache(maxsize=1)
def _equivalents() -> dict[str, str]:
    """Skeleton -> canonical skeleton of the same name (package data, built from Wikidata).

    Built by ``benchmarks/build_name_equivalents.py``; see docs/names.md for the licence.
    """
    from importlib import resources

    table: dict[str, str] = {}
    try:
        text = (resources.files("newsalign") / "data" / "name_equivalents.tsv").read_text(
            encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - a broken install
        logger.warning("newsalign/data/name_equivalents.tsv is missing; names fold by rule only")
        return table
    for line in text.splitlines():
        if line and not line.startswith("#"):
            src, _, dst = line.partition("\t")
            if dst:
                table[src] = dst
    return table


def _fold(word: str) -> str:
    sk = _skeleton(_GIVEN_EQUIV.get(word, word))
    return _equivalents().get(sk, sk)


def _initial_class(sk: str) -> str:
    # Vowels fold to one class at the start of a word (E. for Elena, whose skeleton is ala).
    return "a" if sk[:1] in ("a", "i", "o") else sk[:1]


# Common given names, as skeletons: a last word that is one of these is not the surname
# when the first word is not one ("Путин Владимир"). Family-first order is otherwise marked
# by a comma ("Putin, Vladimir") or capitals ("PUTIN Vladimir").
_COMMON_GIVEN = frozenset(_skeleton(w) for w in (
    "vladimir aleksandr alexander aleksei alexei sergei dmitri nikolai mikhail ivan andrei "
    "yuri pavel pyotr peter vasili grigori boris igor oleg viktor victor anatoli yevgeni "
    "evgeni gennadi valentin valeri vitali konstantin leonid maksim nikita roman ruslan "
    "elena olga tatiana natalia irina svetlana anna maria yulia ekaterina lyudmila galina "
    "john james robert michael william david richard joseph thomas charles george paul mark "
    "donald kim muammar mohammed muhammad ahmed ali hassan hussein omar"
).split()) - {""}


def _general_parse(tokens: list[str]) -> _Parsed:
    """A non-Korean name: key = folded surname; given names and initials kept apart.

    The surname is the last word, unless the name is written family-first: marked by a
    comma (handled by the caller), a word in capitals among others (``PUTIN Vladimir``), a
    patronymic at the end (``Putin Vladimir Vladimirovich``) or a common given name at the
    end (``Путин Владимир``).
    """
    initials: list[str] = []
    entries: list[tuple[str, bool]] = []  # (latin word, written in capitals)
    native: set[str] = set()  # words written in Latin letters, not transliterated
    for tok in tokens:
        letters = [c for c in tok if c.isalpha()]
        if len(letters) == 1:
            initials.extend(_word_latin(tok)[:1])
            continue
        upper = len(letters) > 1 and all(c.isupper() for c in letters)
        entries.extend((w, upper) for w in _word_latin(tok))
        if _is_latin(tok):
            native.update(_word_latin(tok))
    # Particles (al-, van) come and go; patronymics are often left out.
    core = [(w, c) for w, c in entries if len(w) > 1 and w not in _PARTICLES]
    patronymic_last = False
    if len(core) > 1:
        kept = [(w, c) for w, c in core if not _PATRONYMIC.search(w) or len(w) < 7]
        patronymic_last = len(kept) < len(core) and bool(_PATRONYMIC.search(core[-1][0]))
        core = kept or core
    if not core:
        core = [(w, False) for w, _ in entries] or [(w, False) for w in initials]
        initials = []
    if not core:
        return _EMPTY
    words = _baltic([w for w, _ in core])
    sur = len(words) - 1
    if len(words) > 1:
        capitalised = [i for i, (_, upper) in enumerate(core) if upper]
        if len(capitalised) == 1:
            sur = capitalised[0]
        elif patronymic_last or (_skeleton(words[-1]) in _COMMON_GIVEN
                                 and _skeleton(words[0]) not in _COMMON_GIVEN):
            sur = 0
    folded = [_fold(w) for w in words]
    surname = folded[sur]
    if not surname:
        return _EMPTY
    given = tuple(f for i, f in enumerate(folded) if i != sur and f)
    inits = "" if given else "".join(_initial_class(_skeleton(w)) for w in initials)
    return _Parsed("general", _GENERAL_SIGIL + surname, fine=" ".join(sorted(words)),
                   tokens=(surname, *given), given_names=given, initials=inits,
                   spelled=words[sur] if core[sur][0] in native else "")


def _is_latin(tok: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in tok if c.isalpha())


def _vowel_runs(word: str) -> list[frozenset[str]]:
    """The vowel runs of a word between its consonant classes, as sets of vowel classes."""
    runs: list[frozenset[str]] = []
    cur: set[str] = set()
    # Dutch oe is u (Poetin); y is a vowel of the i class.
    for sym in _skel_syms(word.replace("oe", "u")):
        if sym.startswith("v"):
            cur.add("i" if sym[1] == "y" else sym[1])
        elif cur:
            runs.append(frozenset(cur))
            cur = set()
    if cur:
        runs.append(frozenset(cur))
    return runs


def _vowels_disagree(a: str, b: str) -> bool:
    """Whether two Latin spellings with one skeleton differ in most of their vowels.

    The skeleton drops vowels, so ``Blat`` / ``Blythe`` and ``McKennan`` / ``McCannon``
    share one. Transliterations legitimately shift a vowel or two (Qaddafi / Gheddafi,
    Bourne / Born), but two Latin spellings whose vowel runs disagree in more than half
    the places (no vowel in common) are more likely two names. Only applied when both
    skeletons are equal by rule, so the vowel runs line up.
    """
    if not a or not b or a == b or _skeleton(a) != _skeleton(b):
        return False
    ra, rb = _vowel_runs(a), _vowel_runs(b)
    if len(ra) != len(rb):
        return False
    return 2 * sum(1 for x, y in zip(ra, rb, strict=True) if not x & y) > len(ra)


def _baltic(words: list[str]) -> list[str]:
    """Undo Lithuanian and Latvian case endings when every word of a name carries one.

    ``Vladimiras Putinas`` and ``Vladimirs Putins`` are ``Vladimir Putin``. One word alone
    is left as it is (``Thomas``, ``Boris``).
    """
    if len(words) < 2 or not all(w.endswith("s") and not w.endswith("ss") and len(w) > 4
                                 for w in words):
        return words
    out = []
    for w in words:
        if w[-2] in "aiuy" and w[-3] not in _VOWEL_LETTERS:
            out.append(w[:-2])
        elif w[-2] not in _VOWEL_LETTERS:
            out.append(w[:-1])
        else:
            return words
    return out


# Keys of non-Korean names start with this sigil, so that a skeleton never reads as a Korean
# name when the key is folded again ("ai" -> "i" is not Lee).
_GENERAL_SIGIL = "~"


@lru_cache(maxsize=16384)
def _parse_once(name: str) -> _Parsed:
    if name.startswith(_GENERAL_SIGIL):
        words = name[len(_GENERAL_SIGIL):].split()
        if words and all(w.isascii() and w.isalpha() and w.islower() for w in words):
            # A key is not a spelling: its vowels say nothing.
            return replace(_general_parse(words), spelled="")
    tokens = _clean_tokens(name)
    head, comma, tail = name.partition(",")
    if not tokens:
        return _EMPTY
    alias = " ".join(t.lower() for t in tokens).replace("-", " ")
    if alias in _ALIASES:
        tokens = [_ALIASES[alias]]
    parsed = _korean_parse(tokens)
    if parsed is not None:
        return parsed
    if comma:
        # "Putin, Vladimir": family name first; put it last, where the parser looks.
        tokens = (_clean_tokens(tail) + _clean_tokens(head)) or tokens
    return _general_parse(tokens)


@lru_cache(maxsize=16384)
def _parse(name: str) -> _Parsed:
    parsed = _parse_once(name)
    # A key is itself a name. Fold until it is a fixed point, so keys are idempotent even
    # where a rule fires again on its own output (a Baltic ending, a particle).
    for _ in range(4):
        again = _parse_once(parsed.key)
        if again.key == parsed.key:
            break
        tokens = parsed.tokens
        if parsed.kind == "general":
            tokens = (again.key[len(_GENERAL_SIGIL):], *parsed.given_names)
        parsed = replace(parsed, key=again.key, tokens=tokens)
    return parsed


# ---------------------------------------------------------------------------------------
# Public API: keys and matching
# ---------------------------------------------------------------------------------------
def name_key(name: str, *, lang: str | None = None) -> str:
    """The canonical key that spelling variants of one person share.

    Korean names (Hangul, or a known Korean surname with romanised given-name syllables, in
    either order) become ``"<surname class> <syllable-syllable>"``; other names become their
    sorted consonant skeletons. Titles and honorifics (Rep., Dr., President, 의원, 대통령)
    are dropped, as are initials and patronymics. Never raises; an input with no letters gives
    ``""``.

    Args:
        name: a person's name in any script, with or without a title.
        lang: an ISO 639-1 hint; accepted for symmetry with the rest of the API and
            currently unused (the script decides).

    Returns:
        The key, a lower-case ASCII string.

    Example:
        >>> name_key("Lee Seong-gwon") == name_key("Lee Seong Kwon") == name_key("이성권")
        True
        >>> name_key("Rep. Park Sun Won")
        'pak son-won'
        >>> name_key("Muammar Qadhafi") == name_key("Moammar Gadhafi")
        True
    """
    del lang
    if not isinstance(name, str):
        return ""
    return _parse(name).key


def _syl_relation(a: _SylSet, b: _SylSet) -> Literal["same", "overlap", "disjoint"]:
    rel: Literal["same", "overlap", "disjoint"] = "same"
    for x, y in zip(a, b, strict=True):
        if not x & y:
            return "disjoint"
        if not (x <= y or y <= x):
            rel = "overlap"
    return rel


def match_names(a: str, b: str) -> NameMatch:
    """Compare two names: the same person, different people, or cannot tell.

    Korean names are compared surname against surname and given-name syllable against
    syllable, each romanised syllable standing for the set of Hangul sounds it can spell: a
    syllable whose sets are disjoint means different people; sets where one contains the
    other mean the same spelling; sets that only overlap make the verdict ``"ambiguous"``.
    A surname alone against a full name is ``"ambiguous"`` too. Other names are the same
    when their keys (surnames) are equal and their given names or initials agree, unless
    two Latin spellings of the surname disagree in most of their vowels (``Blat`` /
    ``Blythe``), which is ``"ambiguous"``.

    Example:
        >>> match_names("Park Seon-won", "박선원").verdict
        'same'
        >>> match_names("Kim Jong-un", "Kim Jong-il").verdict
        'different'
        >>> match_names("Kim Dae-jung", "Kim Dae-jong").verdict
        'ambiguous'
    """
    pa = _parse(a) if isinstance(a, str) else _EMPTY
    pb = _parse(b) if isinstance(b, str) else _EMPTY
    score = _score(pa, pb)
    if pa.kind == "empty" or pb.kind == "empty":
        return NameMatch("different", 0.0, "a name without letters")
    if pa.kind == "korean" and pb.kind == "korean":
        return _match_korean(pa, pb)
    if pa.key == pb.key:
        match = _match_given(pa, pb, score)
        if match.verdict == "same" and _vowels_disagree(pa.spelled, pb.spelled):
            # Equal keys, clearly different spellings (Blat / Blythe): cannot tell.
            return NameMatch("ambiguous", _scale(score, "ambiguous"),
                             "one surname key, but the vowels disagree")
        return match
    ta, tb = set(pa.tokens), set(pb.tokens)
    if (ta < tb or tb < ta) and min(len(ta), len(tb)) >= 1:
        return NameMatch("ambiguous", _scale(score, "ambiguous"), "one name is part of the other")
    return NameMatch("different", _scale(score, "different"), "different keys")


def _match_given(pa: _Parsed, pb: _Parsed, score: float) -> NameMatch:
    """Two non-Korean names with one surname key: compare given names and initials."""
    ga, gb = pa.given_names, pb.given_names
    if pa.kind != "general" or pb.kind != "general":
        return NameMatch("same", _scale(score, "same"), "equal keys")
    if ga and gb:
        if set(ga) == set(gb):
            return NameMatch("same", _scale(score, "same"), "same surname and given names")
        if ga[0] == gb[0] or set(ga) <= set(gb) or set(gb) <= set(ga):
            return NameMatch("ambiguous", _scale(score, "ambiguous"),
                             "given names only partly agree")
        return NameMatch("different", _scale(score, "different"), "different given names")
    ia = pa.initials or "".join(_initial_class(g) for g in ga)
    ib = pb.initials or "".join(_initial_class(g) for g in gb)
    if not ia and not ib:
        return NameMatch("same", _scale(score, "same"), "same surname, no given name")
    if not ia or not ib:
        return NameMatch("ambiguous", _scale(score, "ambiguous"), "surname only")
    if ia[0] != ib[0]:
        return NameMatch("different", _scale(score, "different"), "different initials")
    if ga or gb or ia != ib:
        return NameMatch("ambiguous", _scale(score, "ambiguous"), "initials agree")
    return NameMatch("same", _scale(score, "same"), "same surname and initials")


def _match_korean(pa: _Parsed, pb: _Parsed) -> NameMatch:
    fine = JaroWinkler.normalized_similarity(pa.fine, pb.fine)
    if not pa.surname & pb.surname:
        return NameMatch("different", _scale(fine, "different"), "different surnames")
    if not pa.given or not pb.given:
        if pa.given == pb.given:
            return NameMatch("same", _scale(fine, "same"), "same surname, no given name")
        return NameMatch("ambiguous", _scale(fine, "ambiguous"), "surname only")
    if len(pa.given) != len(pb.given):
        return NameMatch("different", _scale(fine, "different"), "given names differ in length")
    verdict: Verdict = "same"
    for k, (x, y) in enumerate(zip(pa.given, pb.given, strict=True)):
        rel = _syl_relation(x, y)
        if rel == "disjoint":
            return NameMatch("different", _scale(fine, "different"), f"syllable {k + 1} differs")
        if rel == "overlap":
            verdict = "ambiguous"
    if verdict == "same" and not (pa.surname <= pb.surname or pb.surname <= pa.surname):
        verdict = "ambiguous"
    reason = "every syllable compatible" if verdict == "same" else "syllables only overlap"
    return NameMatch(verdict, _scale(fine, verdict), reason)


def _score(pa: _Parsed, pb: _Parsed) -> float:
    if not pa.key or not pb.key:
        return 0.0
    return float(JaroWinkler.normalized_similarity(pa.fine, pb.fine))


def _scale(raw: float, verdict: Verdict) -> float:
    # Verdict bands: same in [0.9, 1], ambiguous in [0.5, 0.8], different in [0, 0.5).
    raw = min(max(raw, 0.0), 1.0)
    if verdict == "same":
        return 0.9 + 0.1 * raw
    if verdict == "ambiguous":
        return 0.5 + 0.3 * raw
    return 0.49 * raw


def same_person(a: str, b: str) -> bool:
    """Whether two names are spellings of one person (:func:`match_names` says ``"same"``).

    ``same_person(a, b)`` implies ``name_key(a) == name_key(b)``; ambiguous pairs are
    ``False``.

    Example:
        >>> same_person("Lee Seong-gwon", "Lee Seong Kwon")
        True
        >>> same_person("Lee Jae-myung", "Lee Jae-yong")
        False
    """
    return match_names(a, b).verdict == "same"


def name_similarity(a: str, b: str) -> float:
    """A similarity in [0, 1] whose bands follow :func:`match_names`.

    ``"same"`` pairs score in [0.9, 1], ``"ambiguous"`` in [0.5, 0.8], ``"different"``
    below 0.5; inside a band the Jaro-Winkler similarity of the transliterated names orders
    the pairs.

    Example:
        >>> name_similarity("Zelensky", "Зеленский") >= 0.9
        True
        >>> name_similarity("Kim Jong-un", "Kim Yo-jong") < 0.5
        True
    """
    return match_names(a, b).score


# ---------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------
_LOW = "a-zà-öø-ÿ"
# A capitalised word: Park, McCain, O'Brien, Seong-gwon, NIS, an initial "Y."
_CAP = rf"[A-Z](?:[{_LOW}]+|[A-Z]+)?(?:[A-Z][{_LOW}]+)?(?:[’'-][A-Za-z][{_LOW}]*)*\.?"
_RUN = re.compile(rf"(?<![\w’'-]){_CAP}(?:[ \u00a0]{_CAP})*(?![\w])")
_STOP = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "for", "and",
        "or", "but", "as", "by", "with", "from", "to", "it", "its", "he", "she", "they", "we",
        "i", "you", "his", "her", "their", "our", "north", "south", "east", "west", "korea",
        "korean", "koreas", "russia", "russian", "ukraine", "ukrainian", "china", "chinese",
        "japan", "japanese", "america", "american", "united", "states", "national", "assembly",
        "service", "intelligence", "party", "power", "democratic", "corps", "committee",
        "ministry", "agency", "office", "university", "news", "times", "post", "group", "force",
        "forces", "army", "navy", "air", "union", "council", "court", "bank", "house", "senate",
        "congress", "government", "republic", "people", "peoples", "state", "city", "province",
        "county", "district", "day", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "according", "however",
        "meanwhile", "additionally", "regarding", "within", "during", "after", "before", "while",
        "when", "where", "reports", "report", "storm", "special", "elite", "inc", "corp", "co",
        "ltd", "company", "productions", "airways", "airlines", "administration", "press",
        "associated", "institute", "foundation", "association", "organization",
        "organisation", "commission", "department", "center", "centre", "hospital", "school",
        "church", "club", "team", "fund", "media", "network", "television", "radio", "daily",
        "herald", "journal", "review", "federation", "league", "alliance", "coalition",
        "front", "movement", "board", "authority", "police", "embassy", "airport", "station",
        "island", "river", "mountain", "street", "road", "avenue", "square", "palace", "hall",
        "tower", "bridge", "forum", "summit", "games", "olympics", "cup", "award", "prize",
        "australian", "british", "french", "german", "european", "african", "asian",
        "iranian", "iraqi", "israeli", "palestinian", "turkish", "indian", "pakistani",
        "afghan", "syrian", "egyptian", "canadian", "mexican", "brazilian", "italian",
        "spanish", "xinhua", "yonhap", "kcna", "reuters", "god", "allah", "jesus", "christ",
        "christmas", "easter", "internet", "web", "google", "apple", "samsung", "hyundai",
        "new", "york", "los", "angeles", "republican", "republicans", "democrat", "democrats",
        "conservative", "liberal", "labor", "labour", "survey", "geological", "treasury",
        "international", "hotel", "museum", "olympic", "world", "global", "general",
    ]
)
_SPEECH_AFTER = re.compile(
    r"^[ \u00a0]*,?[ \u00a0]*(?:said|says|stated|states|told|added|adds|noted|notes|indicated|"
    r"explained|argued|wrote|writes|announced|warned|claimed|asked|stressed|emphasized|"
    r"emphasised|insisted|replied|remarked|confirmed|denied|urged|called|revealed)\b"
)
# Verbs of saying right before a capitalised run (then spaces): a name ("said Jane Doe").
_SPEECH_WORDS = ("said", "says", "according to", "told by", "asked")
# Words that, right before a capitalised run (then spaces or a comma), make it a name.
_CUE_WORDS = (
    "lawmaker", "lawmakers", "member", "members", "director", "minister", "spokesperson",
    "spokesman", "spokeswoman", "president", "leader", "chairman", "chairwoman", "chief",
    "envoy", "ambassador", "representative", "prosecutor", "judge", "official", "professor",
    "researcher", "reporter", "analyst", "secretary", "commissioner", "governor", "mayor",
    "candidate", "rep.", "sen.", "dr.", "mr.", "ms.", "mrs.",
)


def _ends_with_word(before: str, words: tuple[str, ...], gap: str, *, any_case: bool) -> bool:
    """``before`` ends with one of ``words`` and then one or more ``gap`` characters.

    A string test: a regular expression anchored at the end would try every position of
    ``before``.
    """
    tail = before.rstrip(gap)
    return len(tail) < len(before) and (tail.lower() if any_case else tail).endswith(words)


def _cue_before(before: str) -> bool:
    """``before`` ends with a cue word (any case) and then spaces or commas."""
    return _ends_with_word(before, _CUE_WORDS, " \u00a0,", any_case=True)


_HANGUL_WORD = re.compile(r"[가-힣]+")
_KO_TITLE_START = re.compile(
    "(?:" + "|".join(sorted((t for t in _TITLES_KO if t not in ("전", "前", "군", "양", "님")),
                            key=len, reverse=True)) + ")"
)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # offsets within the sentence
    end: int
    text: str
    key: str
    full: bool  # a full name (not a lone surname)
    surname_forms: tuple[str, ...]  # lower-case forms a back-reference may take


def _tokens_with_offsets(run: str, base: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in re.finditer(r"[^ \u00a0]+", run):
        out.append((m.group(), base + m.start(), base + m.end()))
    return out


def _is_korean_shape(tokens: Sequence[str]) -> bool:
    """Known surname + given name of two valid syllables (hyphenated, spaced or joined)."""
    if len(tokens) < 2 or len(tokens) > 3:
        return False
    clean = [t.rstrip(".") for t in tokens]
    if _LATIN_SURNAMES.get(clean[0].lower()) is not None:
        given, ok_shape = clean[1:], True
    elif _LATIN_SURNAMES.get(clean[-1].lower()) is not None and "-" in clean[0]:
        given, ok_shape = clean[:-1], True
    else:
        return False
    if not ok_shape or any(g.lower() in _STOP for g in given):
        return False
    syls = _korean_given(given)
    if syls is None or len(syls) != 2:
        return False
    # Each spaced token must be a whole syllable or a hyphenated pair; "Kim Jong" alone is
    # not enough evidence, and a lone token must be hyphenated to count.
    return len(given) == 2 or "-" in given[0]


def _english_spans(sentence: str) -> list[_Span]:
    spans: list[_Span] = []
    for m in _RUN.finditer(sentence):
        if " " not in m.group() and "\u00a0" not in m.group() and not _cue_before(
            _before(sentence, m.start())
        ):
            continue  # one word is a name only after a cue word (the rules below agree)
        toks = _tokens_with_offsets(m.group(), m.start())
        # A title inside the run ("Istanbul Gov. Muammer Guler") starts the name after it.
        cue = False
        for t in range(len(toks) - 2, 0, -1):
            if _is_title(toks[t][0]) and toks[t][0].lower().rstrip(".") not in _TITLE_NOUNS:
                toks, cue = toks[t + 1 :], True
                break
        # Strip titles at the front of the run; they are a strong cue.
        while toks and (_is_title(toks[0][0]) or (toks[0][0].rstrip(".").isupper()
                        and len(toks) > 1 and _is_title(toks[1][0]))):
            cue = cue or _is_title(toks[0][0])
            toks = toks[1:]
        if not toks:
            continue
        # A possessive ends the name ("Hun Sen's"); one inside it means no name.
        if any(t[0].endswith(("'s", "’s")) for t in toks[:-1]):
            continue
        last = toks[-1]
        if last[0].endswith(("'s", "’s")):
            toks[-1] = (last[0][:-2], last[1], last[2] - 2)
        words = [t[0].rstrip(".") if t is not toks[-1] else t[0] for t in toks]
        # Trailing sentence punctuation belongs to the sentence, not the name.
        last_word, last_start, last_end = toks[-1]
        if last_word.endswith(".") and not (len(last_word) == 2 and last_word[0].isupper()):
            toks[-1] = (last_word[:-1], last_start, last_end - 1)
            words[-1] = last_word[:-1]
        # "Cryptologist Stephen Walker said": an occupation opening the sentence.
        if (len(toks) >= 3 and not sentence[: toks[0][1]].strip(" \"“‘'(")
                and _OCCUPATION.search(words[0])):
            toks, words = toks[1:], words[1:]
        # Initials alone ("U.S.") or a run cut after an initial ("George H.") are no names.
        if all(len(w.rstrip(".")) == 1 for w in words) or (
                len(words) > 1 and len(words[-1].rstrip(".")) == 1):
            continue
        found = _find_person(words, toks, sentence, cue)
        spans.extend(found)
    return spans


# Title words that also name things ("Director General", "General Assembly") do not cut a
# run in its middle.
_TITLE_NOUNS = frozenset({"general", "chief", "major", "justice", "leader"})
_OCCUPATION = re.compile(r"(?:ist|ian|ant|ent|or|er|man|woman)$")


def _before(sentence: str, start: int) -> str:
    """The text a cue pattern may match before a name at ``start``. The cue patterns end at
    the name and their longest match is far below 64 characters; searching the whole
    prefix would make a long sentence quadratic."""
    return sentence[max(0, start - 64) : start]


def _find_person(words: list[str], toks: list[tuple[str, int, int]], sentence: str,
                 cue: bool) -> list[_Span]:
    n = len(words)
    # Korean shape anywhere in the run (a run may hold "Lee Seong-gwon" after other words).
    for i in range(n):
        for length in (3, 2):
            j = i + length
            if j > n:
                continue
            if _is_korean_shape(words[i:j]):
                return [_make_span(toks[i:j], sentence)]
    low = [w.lower().rstrip(".") for w in words]
    if any(w in _STOP for w in low) or not 1 <= n <= 4:
        return []
    if any(w.isupper() and len(w) > 1 for w in words):
        return []  # acronyms: NIS, KCNA
    start, end = toks[0][1], toks[-1][2]
    before = _before(sentence, start)
    after = sentence[end:]
    strong = cue or _cue_before(before)
    speech = bool(_SPEECH_AFTER.match(after)) or _ends_with_word(
        before, _SPEECH_WORDS, " \u00a0", any_case=False
    )
    if (strong and n >= 1) or (speech and n >= 2):
        return [_make_span(toks, sentence)]
    return []


def _make_span(toks: Sequence[tuple[str, int, int]], sentence: str) -> _Span:
    start, end = toks[0][1], toks[-1][2]
    text = sentence[start:end]
    parsed = _parse(text)
    forms: tuple[str, ...]
    if parsed.kind == "korean" and parsed.given:
        forms = tuple(sorted({t[0].lower().rstrip(".") for t in toks
                              if _LATIN_SURNAMES.get(t[0].lower().rstrip(".")) is not None
                              and (t is toks[0] or t is toks[-1])}))
    else:
        forms = (toks[-1][0].lower().rstrip("."),) if len(toks) > 1 else ()
    return _Span(start, end, text, parsed.key, len(toks) > 1, forms)


_KO_PARTICLES = ("", "은", "는", "이", "가", "을", "를", "의", "에", "에게", "과", "와", "도", "만",
                 "께서", "께", "이다", "이었다", "으로", "로", "이라고", "라고", "측", "측은")


@lru_cache(maxsize=16384)
def _is_ko_title_word(word: str) -> bool:
    """A title with at most a particle after it: 의원, 의원은, 국정원장이."""
    m = _KO_TITLE_START.match(word)
    if m is None:
        return False
    return word[m.end():] in _KO_PARTICLES


def _short_name_ok(words: Sequence[re.Match[str]], k: int) -> tuple[str, ...]:
    """A two-syllable name (김철) counts only right before 씨."""
    if k + 1 < len(words) and words[k + 1].group().startswith("씨"):
        return (words[k].group(),)
    return ()


def _looks_loanword(syllable: str) -> bool:
    """A consonant with the epenthetic ㅡ and no final (크, 스, 트): loanwords, not names."""
    lead, vowel, tail = _decompose(syllable)
    return vowel == "ㅡ" and (lead in "ㅋㅌㅍㄲㄸㅃ" or (not tail and lead not in "ㅇㄴㅎ"))


def _korean_spans(sentence: str) -> list[_Span]:
    """Hangul names (2-4 syllables, known surname) before a title or honorific."""
    spans: list[_Span] = []
    if not _KO_TITLE_START.search(sentence):
        return spans  # every name found here stands before a title
    words = list(_HANGUL_WORD.finditer(sentence))
    for k, m in enumerate(words):
        word = m.group()
        name = ""
        if _is_ko_title_word(word):
            continue
        for cut in (3, 4):  # title attached: 이성권의원은
            if cut < len(word) and _is_ko_title_word(word[cut:]):
                name = word[:cut]
                break
        if not name and 2 <= len(word) <= 4:
            # Title in the next word, or after one word in between (이성권 국민의힘 의원).
            for w2 in words[k + 1 : k + 3]:
                if _is_ko_title_word(w2.group()):
                    name = word
                    break
                if sentence[m.end() : w2.start()].strip():
                    break
        if not name:
            continue
        parsed = _parse(name)
        if parsed.kind != "korean" or not parsed.given:
            continue
        if len(name) == 4 and name[:2] not in _HANGUL_SURNAMES:
            continue
        if len(name) == 2 and name not in _short_name_ok(words, k):
            continue
        if name[-1] in "로에을를는가당청처회부" or any(_looks_loanword(c) for c in name[1:]):
            continue  # 현지로, 현장에; 이라크, 소프트: particles and loanwords
        sur = name[:2] if len(name) == 4 and name[:2] in _HANGUL_SURNAMES else name[0]
        spans.append(_Span(m.start(), m.start() + len(name), name, parsed.key, True, (sur,)))
    return spans


def _sentence_spans(sentence: str) -> list[_Span]:
    spans = _english_spans(sentence)
    if _HANGUL_WORD.search(sentence):
        spans.extend(_korean_spans(sentence))
        spans.sort(key=lambda s: s.start)
    return spans


_LONE = re.compile(r"(?<![\w-])([A-Z][a-z]+|[가-힣])(?![\w-])")


def _backrefs(sentence: str, taken: list[_Span],
              seen: dict[str, str]) -> list[_Span]:
    """Lone surnames that refer to a person named earlier in the document."""
    out: list[_Span] = []
    for m in _LONE.finditer(sentence):
        form = m.group(1).lower()
        if form not in seen:
            continue
        if any(s.start <= m.start() < s.end for s in taken):
            continue
        if _is_hangul(form[0]) and not _KO_TITLE_START.match(sentence, m.end() + 1):
            continue  # a lone Hangul syllable is a surname only before a title
        out.append(_Span(m.start(), m.end(), m.group(1), seen[form], False, ()))
    return out


def extract_people(document_or_text: Document | str) -> tuple[Mention, ...]:
    """Find the person-name mentions in English or Korean news text.

    Rules, all conservative: a title in front (Rep., Director, President, NIS Director,
    lawmaker ...); the shape of a Korean name (known surname + two valid romanised
    syllables: ``Lee Seong-gwon``, ``Park Sun Won``); two or three capitalised words next to
    a verb of saying (``Jane Doe said``); in Korean, a 2-4 syllable Hangul name before a
    title or honorific (의원, 원장, 대통령, 씨 ...). A lone surname after a full mention in the
    same document (``Park said``, ``박 의원은``) is a back-reference and carries the full
    name's key (the most recent person with that surname wins).

    Args:
        document_or_text: a :class:`~newsalign.records.Document`, or a string that is
            segmented with :meth:`Document.from_text`.

    Returns:
        Mentions in text order; ``text[m.start:m.end] == m.text``.

    Raises:
        InputError: if the argument is neither a Document nor a str.

    Example:
        >>> ms = extract_people("Rep. Park Seon-won spoke. Park said no.")
        >>> [(m.text, m.key) for m in ms]
        [('Park Seon-won', 'pak son-won'), ('Park', 'pak son-won')]
    """
    if isinstance(document_or_text, str):
        doc = Document.from_text(document_or_text) if document_or_text.strip() else None
        if doc is None:
            return ()
    elif isinstance(document_or_text, Document):
        doc = document_or_text
    else:
        raise InputError(
            f"extract_people takes a Document or a str, got {type(document_or_text).__name__}"
        )
    mentions: list[Mention] = []
    seen: dict[str, str] = {}
    for idx, sent in enumerate(doc.sentences):
        spans = _sentence_spans(sent.text)
        spans = [s for s in spans if s.key]
        spans.extend(_backrefs(sent.text, spans, seen))
        spans.sort(key=lambda s: s.start)
        for s in spans:
            mentions.append(Mention(s.text, s.key, idx, sent.start + s.start,
                                    sent.start + s.end, doc.name))
            if s.full:
                for form in s.surname_forms:
                    seen[form] = s.key
    return tuple(mentions)


def sentence_name_keys(text: str) -> frozenset[str]:
    """Keys of the people named in one sentence (no back-reference resolution).

    The aligner's anchor: two sentences naming one person under different spellings share a
    key.

    Example:
        >>> a = sentence_name_keys("Park Seon-won stated that troops moved.")
        >>> b = sentence_name_keys("Park Sun Won indicated that troops moved.")
        >>> a == b == frozenset({'pak son-won'})
        True
    """
    if not isinstance(text, str) or not text.strip():
        return frozenset()
    return frozenset(s.key for s in _sentence_spans(text) if s.key and s.full)


# ---------------------------------------------------------------------------------------
# Clustering and formatting
# ---------------------------------------------------------------------------------------
def cluster_people(items: Iterable[Mention] | Iterable[Document | str] | Document | str
                   ) -> tuple[Person, ...]:
    """Group mentions (or the mentions of several documents) into people.

    Mentions with equal keys whose full spellings :func:`match_names` calls ``"same"`` form
    one person; ambiguous spellings under one key stay apart. Lone-surname back-references
    join the first person with their key.

    Args:
        items: mentions, or documents / texts (several versions of a story), or one of them.

    Returns:
        People ordered by their first mention (input order).

    Raises:
        InputError: if an item is not a Mention, Document or str.

    Example:
        >>> a = "Lee Seong-gwon of the People Power Party spoke."
        >>> b = "Lee Seong Kwon stated that the NIS was right."
        >>> [(p.canonical, p.spellings) for p in cluster_people([a, b])]
        [('Lee Seong-gwon', ('Lee Seong-gwon', 'Lee Seong Kwon'))]
    """
    if isinstance(items, (Document, str)):
        items = [items]
    mentions: list[Mention] = []
    for k, item in enumerate(items):
        if isinstance(item, Mention):
            mentions.append(item)
        elif isinstance(item, (Document, str)):
            mentions.extend(extract_people(item))
        else:
            raise InputError(f"item {k} is {type(item).__name__}, not Mention, Document or str")
    groups: list[list[Mention]] = []
    reps: list[list[str]] = []  # full spellings of each group
    by_key: dict[str, list[int]] = {}
    for m in mentions:
        full = _is_full(m.text)
        target: int | None = None
        for g in by_key.get(m.key, []):
            if not full or any(same_person(m.text, r) or m.text == r for r in reps[g]):
                target = g
                break
            if not reps[g]:
                target = g
                break
        if target is None:
            target = len(groups)
            groups.append([])
            reps.append([])
            by_key.setdefault(m.key, []).append(target)
        groups[target].append(m)
        if full and m.text not in reps[target]:
            reps[target].append(m.text)
    people: list[Person] = []
    for g, ms in enumerate(groups):
        spellings = tuple(dict.fromkeys(m.text for m in ms))
        counts: dict[str, int] = {}
        for m in ms:
            counts[m.text] = counts.get(m.text, 0) + 1
        pool = reps[g] or list(spellings)
        canonical = max(pool, key=lambda s: (counts.get(s, 0), -pool.index(s)))
        people.append(Person(canonical, ms[0].key, spellings, tuple(ms)))
    return tuple(people)


def _is_full(text: str) -> bool:
    parsed = _parse(text)
    if parsed.kind == "korean":
        return bool(parsed.given)
    return len(parsed.tokens) > 1


def format_people(people: Sequence[Person]) -> str:
    """Render people for ``newsalign names FILE...``: one block per person.

    Each block is the canonical spelling, the key in brackets and the mention count, then an
    indented line of spellings with their counts and the documents they appear in.

    Example:
        >>> ps = cluster_people(["Park Seon-won said so.", "Park Sun Won said no."])
        >>> print(format_people(ps))
        Park Seon-won  [pak son-won]  2 mentions
          Park Seon-won (1), Park Sun Won (1)
    """
    lines: list[str] = []
    for p in people:
        n = len(p.mentions)
        lines.append(f"{p.canonical}  [{p.key}]  {n} mention{'s' if n != 1 else ''}")
        parts: list[str] = []
        for sp in p.spellings:
            ms = [m for m in p.mentions if m.text == sp]
            docs = tuple(dict.fromkeys(m.document for m in ms if m.document))
            where = f" in {', '.join(docs)}" if docs else ""
            parts.append(f"{sp} ({len(ms)}{where})")
        lines.append("  " + ", ".join(parts))
    return "\n".join(lines)
