"""Reading a non-Korean name: folded surname as the key, given names and initials kept apart."""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .equivalents import name_equivalents
from .hangul import _is_hangul
from .japanese import _hangul_pair_japanese, _hepburn_as_hangul, _kana_form, _reads_japanese
from .parsed import _EMPTY, _Parsed
from .skeletons import _VOWEL_LETTERS, coarse_skeleton, skeleton
from .translit import _hangul_loan, _to_latin

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


def _word_latin(tok: str, *, japanese: bool = False) -> list[str]:
    """One token as lower-case ASCII words (a hyphen splits: al-Gaddafi -> al, gaddafi).

    ``japanese``: the token is Hangul of a name whose every word is Japanese syllables.
    """
    words = [
        _hangul_loan(p, japanese=japanese) if all(_is_hangul(c) for c in p) else _to_latin(p)
        for p in tok.split("-")
        if p
    ]
    return [w for w in (re.sub(r"[^a-z]", "", w) for w in words) if w]


def _raw_skeletons(tokens: Sequence[str]) -> list[str]:
    """Skeletons of the words of ``tokens`` before the equivalence table (for its builder)."""
    out = []
    for tok in tokens:
        for w in _word_latin(tok):
            sk = skeleton(_GIVEN_EQUIV.get(w, w))
            if sk:
                out.append(sk)
    return out


def _fold(word: str) -> str:
    sk = skeleton(_GIVEN_EQUIV.get(word, word))
    return name_equivalents().get(sk, sk)


def _head(word: str, sk: str, loan: bool) -> str:
    """The first sound of a surname, which its coarse key drops when it is a sibilant.

    ``"J"`` for a Latin j (English dzh, or the y of Jan), which may meet either of the
    others; ``"V"`` for a vowel or y; ``"S"`` for a sibilant (s z ch ts, dzh; Hangul ㅅ ㅈ
    ㅊ, whose loanword reading writes ㅈ as j); ``""`` for another consonant.
    """
    if word.startswith("j"):
        return "S" if loan else "J"
    if sk[:1] in ("a", "i", "o"):
        return "V"
    return "S" if sk.startswith(("s", "ch", "dj")) else ""


def _japanese_rank(sk: str, i: int) -> tuple[str, str, int]:
    return coarse_skeleton(sk), _kana_form(sk), i


def _word_key(word: str) -> str:
    """The key a general name with ``word`` (a Latin reading) as its surname gets."""
    return _GENERAL_SIGIL + coarse_skeleton(_refold(_fold(word)))


def _refold(sk: str) -> str:
    """Fold a skeleton as a word again until it stays put, so a key read back is the same."""
    for _ in range(4):
        again = _fold(sk)
        if again == sk or not again:
            break
        sk = again
    return sk


def _initial_class(sk: str) -> str:
    # Vowels fold to one class at the start of a word (E. for Elena, whose skeleton is ala).
    return "a" if sk[:1] in ("a", "i", "o") else sk[:1]


_COMMON_GIVEN_WORDS = (
    "vladimir aleksandr alexander aleksei alexei sergei dmitri nikolai mikhail ivan andrei "
    "yuri pavel pyotr peter vasili grigori boris igor oleg viktor victor anatoli yevgeni "
    "evgeni gennadi valentin valeri vitali konstantin leonid maksim nikita roman ruslan "
    "elena olga tatiana natalia irina svetlana anna maria yulia ekaterina lyudmila galina "
    "john james robert michael william david richard joseph thomas charles george paul mark "
    "donald kim muammar mohammed muhammad ahmed ali hassan hussein omar"
).split()
# Common given names, as skeletons (for the Baltic endings below).
_COMMON_GIVEN = frozenset(skeleton(w) for w in _COMMON_GIVEN_WORDS) - {""}


def _spelling_form(word: str) -> str:
    """A word with the letters transliterations swap folded: doubled letters, y = i = j."""
    w = re.sub(r"(.)\1+", r"\1", word).replace("x", "ks")
    return w.replace("y", "i").replace("j", "i")


# Common given names, by their spellings: a last word that is one of these, transliterated
# from another script, is not the surname when the first word is not one ("Путин
# Владимир"); written in Latin letters it is (Henry James, Jason Alexander). Family-first
# order is otherwise marked by a comma ("Putin, Vladimir") or capitals ("PUTIN Vladimir").
# By spelling, not by skeleton, which drops the vowels: Jagger is not Igor, Potter not Peter.
_COMMON_GIVEN_SPELLINGS = frozenset(_spelling_form(w) for w in _COMMON_GIVEN_WORDS)


def _general_parse(tokens: list[str]) -> _Parsed:
    """A non-Korean name: key = folded surname; given names and initials kept apart.

    The surname is the last word, unless the name is written family-first: marked by a
    comma (handled by the caller), a word in capitals among others (``PUTIN Vladimir``), a
    patronymic at the end (``Putin Vladimir Vladimirovich``) or a common given name at the
    end (``Путин Владимир``).
    """
    # Only a two-word name reads as Japanese (스미스 alone is Smith, not sumisu).
    japanese = len(tokens) == 2 and _hangul_pair_japanese(tokens)
    loan = any(
        any(c.isalpha() for c in t) and all(_is_hangul(c) for c in t if c.isalpha())
        for t in tokens
    )
    initials: list[str] = []
    entries: list[tuple[str, bool]] = []  # (latin word, written in capitals)
    native: set[str] = set()  # words written in Latin letters, not transliterated
    for k, tok in enumerate(tokens):
        letters = [c for c in tok if c.isalpha()]
        # One Hangul syllable is a whole given name (존 John, 짐 Jim), not an initial.
        if len(letters) == 1 and not _is_hangul(letters[0]):
            initials.extend(_word_latin(tok)[:1])
            continue
        upper = len(letters) > 1 and all(c.isupper() for c in letters)
        read = _word_latin(tok, japanese=japanese)
        if k == len(tokens) - 1 and len(read) > 1 and not _PARTICLES & set(read):
            # A double surname is one word (Curtis-Hall = 커티스홀, Lévi-Strauss = 레비스트로스).
            read = ["".join(read)]
        entries.extend((w, upper) for w in read)
        if _is_latin(tok):
            native.update(read)
    # Particles (al-, van) come and go; patronymics are often left out. A Hangul syllable
    # read as one letter is a whole name (오 Oh).
    core = [
        (w, c) for w, c in entries if (len(w) > 1 or w not in native) and w not in _PARTICLES
    ]
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
        elif patronymic_last or (
            words[-1] not in native
            and _spelling_form(words[-1]) in _COMMON_GIVEN_SPELLINGS
            and _spelling_form(words[0]) not in _COMMON_GIVEN_SPELLINGS
        ) or _slavic_family_first(words, loan):
            sur = 0
    folded = [_fold(w) for w in words]
    as_read = words
    japanese_order = _reads_japanese(tokens, words)
    if japanese_order:
        words = [_hepburn_as_hangul(w) for w in words]
        folded = [_fold(w) for w in words]
        # Either order is usual (Fumio Kishida, 기시다 후미오): the key sorting first wins.
        sur = min(range(2), key=lambda i: _japanese_rank(_refold(folded[i]), i))
    surname = _refold(folded[sur])
    if not surname:
        return _EMPTY
    given = tuple(f for i, f in enumerate(folded) if i != sur and f)
    # Given names as read, for their sounds (Joe in Joe Biden, read as Japanese, is still
    # the English Joe to the matcher).
    given_words = tuple(w for i, (w, f) in enumerate(zip(as_read, folded)) if i != sur and f)
    inits = "" if given else "".join(_initial_class(skeleton(w)) for w in initials)
    # The key is the coarse form, which a Hangul loanword spelling reaches too; the full
    # skeleton is kept for comparing two spellings that both make finer distinctions.
    return _Parsed("general", _GENERAL_SIGIL + coarse_skeleton(surname),
                   fine=" ".join(sorted(words)), tokens=(surname, *given), given_names=given,
                   initials=inits, spelled=words[sur] if core[sur][0] in native else "",
                   read=words[sur], loan=loan,
                   skeleton=surname, given_words=given_words, japanese=japanese_order,
                   head=_head(words[sur], surname, loan))


# Endings only Slavic family names have (Буданов, Зеленський, Шевченко, Гнатюк), long
# enough that no common given name ends so (Lev, Irina, Konstantin do not count).
_SLAVIC_FAMILY = re.compile(
    r"(?:.{3}(?:ov|ev|ova|eva)|.{2}(?:sk(?:y|iy|yi|ii|i|aya|a))|enko|[cy]huk|iuk|yuk)$"
)


def _slavic_family_first(words: list[str], loan: bool) -> bool:
    """A two-word Slavic name written family name first (Буданов Кирилл, Budanov Kyrylo,
    Shoigu Sergei), as Russian and Ukrainian lists write it.

    The first word has a Slavic family name's ending and the second none, or the second is
    a given name only Slavic languages use (Sergei, Volodymyr; not Peter, Roman or Victor,
    which English surnames are too) and the first is none.
    """
    if len(words) != 2 or loan:
        return False
    if _SLAVIC_FAMILY.search(words[0]) and not _SLAVIC_FAMILY.search(words[1]):
        return True
    return words[1] in _SLAVIC_GIVEN and words[0] not in _SLAVIC_GIVEN


# Given names only Slavic languages use, as Russian and Ukrainian are transliterated.
_SLAVIC_GIVEN = frozenset(
    (
        "vladimir aleksandr aleksei alexei aleksey alexey sergei sergey dmitri dmitry dmitriy "
        "nikolai nikolay mikhail andrei andrey yuri yury pyotr vasili vasily grigori grigory "
        "anatoli anatoly yevgeni yevgeny evgeni evgeny gennadi gennady valeri valery vitali "
        "vitaly konstantin maksim ruslan olga tatiana tatyana natalia natalya svetlana yulia "
        "ekaterina yekaterina lyudmila galina volodymyr oleksandr oleksiy oleksii mykhailo "
        "mykola dmytro andriy andrii serhiy serhii yuriy yurii petro kyrylo vasyl ihor yevhen "
        "vitaliy vitalii bohdan taras denys oleh anatoliy hennadiy kostiantyn yuliia oksana "
        "olena iryna nataliia"
    ).split()
)


def _is_latin(tok: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in tok if c.isalpha())


def _baltic(words: list[str]) -> list[str]:
    """Undo Lithuanian and Latvian case endings when every word of a name carries one.

    ``Vladimiras Putinas`` and ``Vladimirs Putins`` are ``Vladimir Putin``. One word alone
    is left as it is (``Thomas``, ``Boris``), and so are names where no word becomes a
    common given name (``Douglas Adams``, ``Chris Evans``).
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
    if not any(skeleton(w) in _COMMON_GIVEN for w in out):
        return words
    return out


# Keys of non-Korean names start with this sigil, so that a skeleton never reads as a Korean
# name when the key is folded again ("ai" -> "i" is not Lee).
_GENERAL_SIGIL = "~"
