"""Transliteration of other scripts to Latin letters (own tables; the Hangul path is arithmetic).

Cyrillic (with Ukrainian, Belarusian and South Slavic letters), Greek with its digraphs,
Arabic and Persian letters, Latin letters with marks, and Hangul loanwords.
"""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re
import unicodedata

from .hangul import _LEADS, _VOWELS, _decompose, _is_hangul
from .kana import _is_kana, _kana_latin
from .skeletons import _JAPANESE, _orthography

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "a", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g", "ў": "v", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj",
    "ћ": "ch", "џ": "dzh", "ѓ": "g", "ќ": "k", "ѕ": "dz",
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
                                      "z", "z", "ch", "k", "t", "p", "h"], strict=True))
_HANGUL_LOAN_VOWEL = dict(zip(_VOWELS, ["a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa",
                                        "we", "we", "yo", "u", "wo", "we", "wi", "yu", "",
                                        "ui", "i"], strict=True))
_HANGUL_LOAN_TAIL = {"": "", "ㄱ": "k", "ㄴ": "n", "ㄹ": "l", "ㅁ": "m", "ㅂ": "p", "ㅅ": "t",
                     "ㅇ": "ng"}


_UMLAUT = {"ㅟ": "u", "ㅚ": "o"}
_W_VOWELS = frozenset("ㅘㅙㅝㅞㅟ")
_JAPANESE_SYLLABLES = {"후": "fu", "스": "su", "쓰": "tsu", "츠": "tsu", "즈": "zu"}


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


def _hangul_loan(word: str, *, japanese: bool = False) -> str:
    """Read a Hangul loanword (블라디미르 -> bladimir), dropping the epenthetic ㅡ.

    In a word of Japanese syllables (``japanese``) 후 is ふ fu; 스, 쓰 or 츠, and 즈 are
    す su, つ tsu and ず zu (their ㅡ is heard); a final ㅅ is the doubling っ, left out as
    romaji doubles are folded (후미오 Fumio, 스즈키 Suzuki, 뎃페이 Teppei).
    """
    out: list[str] = []
    prev_tail = ""
    for ch in word:
        if not _is_hangul(ch):
            continue
        if japanese and ch in _JAPANESE_SYLLABLES:
            out.append(_JAPANESE_SYLLABLES[ch])
            prev_tail = ""
            continue
        lead, vowel, tail = _decompose(ch)
        if not out and lead == "ㅎ" and vowel in _W_VOWELS:
            # An English wh is 화, 휘, 훼 (화이트 White, 휘트먼 Whitman).
            lead = "ㅇ"
        if japanese and tail == "ㅅ":
            tail = ""
        # A lone ㄹ between vowels writes r; ㄹㄹ writes l (블라디미르 -> bladimir).
        onset = "r" if lead == "ㄹ" and prev_tail != "ㄹ" else _HANGUL_LOAN_LEAD[lead]
        if not out and lead == "ㅈ" and not japanese:
            onset = "j"
        if japanese and onset == "g" and _HANGUL_LOAN_VOWEL[vowel].startswith("y"):
            # Korean writes a first き of Japanese with ㄱ (교코 Kyōko): not the gy of
            # Hungarian, which the skeleton reads as a dy.
            onset = "k"
        # The epenthetic ㅡ stands in an open syllable (스, 프, 르) and before ㄹ (블라 bla,
        # 글래스 Glass); before another final consonant it writes a real vowel (고든
        # Gordon, 롭슨 Robson), except after a silent ㅇ or an r (음바 Mba, 에른스트 Ernst).
        heard = vowel == "ㅡ" and tail not in ("", "ㄹ") and lead not in ("ㅇ", "ㄹ")
        sound = "u" if heard else _HANGUL_LOAN_VOWEL[vowel]
        if lead != "ㅇ" and vowel in _UMLAUT:
            # After a consonant ㅟ and ㅚ write ü and ö, not a w (뒤러 Dürer, 괴테 Goethe).
            sound = _UMLAUT[vowel]
        out.append(onset + sound + _HANGUL_LOAN_TAIL.get(tail, ""))
        prev_tail = tail
    if len(out) >= 3 and word.endswith("우") and out[-2][-1:] in "aeiou":
        # Korean writes the Ukrainian final -ов, -ів as 우 after a vowel (부다노우 Budanov).
        out[-1] = "v"
    return "".join(out)


# A Latin word ending in ch after a, o, u or e, with a German eu or au in it (not sch, tsch).
_GERMAN_CH = re.compile(r"(?=.*(?:eu|au|äu))[a-zäöüß]*[aoue]ch")


# Marks of the orthographies in which a Latin ch is the Cyrillic х (Czech, Slovak, Polish,
# German, Dutch, the Baltic languages): their own letters, German sch and umlauts, a j for
# the y sound, and the German -ow, -ew, -owa, -ewa of -ов, -ев. Not in a word of Japanese
# syllables, whose Hepburn ch and j are ち and じ (Chikuji).
_KH_ORTHOGRAPHY = re.compile(r"[čřěůňťďšžłśźżńąęćėųįäöü]|sch|j|[oe]wa?$")
_CYRILLIC_W = re.compile("^у(?=[эиоаеі])|(?<=[а-яё])у(?=э)")
_ITALIAN_GI = re.compile(r"g{1,2}i(?=[aou])")
_GREEK_END = re.compile(r"(?:os|is|as|es|ou|us)$")
_GERMAN_ZK = re.compile(r"(?<![dr])zk(?:i|ij|yj|a|aja|y)$")
# Such a ch: not the sch or tsch of ш, ч, not the Czech čch of a Chinese aspirate, not the
# final -vich, -wich of -вич (Jovovich is ч).
_CH_KH = re.compile(r"(?<![stcč])ch(?!(?<=[vw]ich)$)")


# Belarusian endings in Latin letters: -аў as -au / -aw after a consonant, and -enka.
_BELARUSIAN_END = re.compile(r"(?:[^aeiouy]a[uw]|.{4}enka)$")


def _letter_by_name(ch: str) -> str:
    """A letter of a script without a table, read off its Unicode name (a last resort).

    ``HEBREW LETTER SHIN`` -> ``shin``, ``THAI CHARACTER KO KAI`` -> ``ko``, ``DEVANAGARI
    LETTER KA`` -> ``ka``: not a transliteration, but deterministic and never empty for a
    letter, so a name in Hebrew, Thai or Devanagari at least matches itself.
    """
    words = unicodedata.name(ch, "").split()
    for marker in ("LETTER", "CHARACTER"):
        if marker in words:
            rest = [w for w in words[words.index(marker) + 1 :]
                    if w not in ("SMALL", "CAPITAL", "FINAL")]
            if rest:
                return "".join(c for c in rest[0].lower() if "a" <= c <= "z")
    return ""


def _to_latin(word: str) -> str:
    """Transliterate a non-Hangul word to lower-case ASCII letters (others dropped)."""
    if any(_is_kana(c) for c in word):
        word = _kana_latin(word)
    if any(c in "іІўЎ" for c in word):
        # Belarusian palatalises т and д before і (Пуцін = Путин, Уладзімір = Владимир).
        word = word.replace("ці", "ті").replace("дзі", "ді").replace("Ці", "Ті")
    if any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in word):
        word = _greek_word(word)
    if "у" in word.lower() and _CYRILLIC_W.search(word.lower()):
        # Cyrillic writes an English w as у before a vowel at the start (Уотерс = Waters,
        # Уильямс = Williams) and as the уэ no Russian word has (Пауэлл = Powell), as Greek
        # writes it γου.
        word = _CYRILLIC_W.sub("w", word.lower())
    if _GERMAN_CH.fullmatch(word.lower()):
        # German ch after a, o, u, e is the ach sound, Cyrillic х (Heubach = Гойбах, Rauch =
        # Раух); the diphthong eu or au marks the word as German. English writes ou and reads
        # ch as ч (Crouch = Крауч), and Slavic -ach is ч with no eu / au (Tkach = Ткач).
        word = word[:-2] + "kh"
    low = word.lower()
    if (
        "ch" in low
        and _KH_ORTHOGRAPHY.search(low)
        and all(c < "\u0250" for c in low)
        and not _JAPANESE.fullmatch(low)
    ):
        # In these orthographies ch is х, as kh in English (Jerochin = Erokhin = Ерохин,
        # Wolychow = Волохов, Charitonovič = Харитонович, Chruschtschow = Хрущёв).
        low = _CH_KH.sub("kh", low)
    if "gi" in low and _ITALIAN_GI.search(low) and not _GREEK_END.search(low):
        # Italian gi before a, o, u is дж (Giacomini = Джакомини, Giulio, Ruggiero); not in
        # a Latin spelling of Greek, whose gi is й (Giorgos = Йоргос, Giannis).
        low = _ITALIAN_GI.sub("dzh", low)
    if "zk" in low and _GERMAN_ZK.search(low):
        # German transliteration writes ц as z: the -цкий of Slavic surnames is -zki, -zkij
        # (Lipizki = Lipitsky = Липицкий, Salosezkyj = Zalozetsky); not the Polish dz, rz.
        low = re.sub("(?<![dr])zk(?=[aiyj]*$)", "tsk", low)
    word = low  # each rewrite above reads the one before it (the rest reads lower case)
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
            elif len(base) == 1 and base.isalpha() and not base.isascii():
                out.append(_letter_by_name(base))
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
    if len(latin) >= 5 and latin.endswith("s") and latin[-2] != "s":
        latin = _baltic_stem(latin, word)
    return _orthography(latin)


# Latvian and Lithuanian endings of Slavic surnames: -ovs, -evs (Orlovs = Orlov), -ovas,
# -evas (Morozovas), -skis, -ckis (Sicinskis = Sicinski).
_BALTIC_SLAVIC = re.compile(r"(?:[oe]va?s|[sc]k[iy]s)$")


def _baltic_stem(latin: str, word: str) -> str:
    """A word without the nominative -s, -as of Latvian and Lithuanian (a case ending).

    Latvian adds -s to a masculine name after a consonant (Stīvens = Stevens, Kempbels =
    Campbell, Ļetovs = Letov): in a word with a letter only Latvian writes (ā ē ī ū ļ ņ ķ
    ģ) a final s after a consonant goes; in -ovs, -evs, -skis and the Lithuanian -ovas,
    -evas it always does (no other orthography ends a name so).
    """
    if _BALTIC_SLAVIC.search(latin):
        return latin[:-2] if latin.endswith("as") else latin[:-1]
    if latin[-2] not in "aeiouy" and any(c in "āēīūļņķģĀĒĪŪĻŅĶĢ" for c in word):
        return latin[:-1]
    return latin
