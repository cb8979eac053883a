"""A learned letters-to-jamo transducer: does a Hangul word write a Latin name by sound?

Korean writes a foreign name by ear, in the loanword orthography (외래어 표기법), and a
Latin spelling writes it by its own language's rules: silent French endings (Marveaux 마르보),
the German ch and w, English th and reduced vowels (Lawrence 로런스), the Ukrainian -ov
(Budanov 부다노우). The rules in :mod:`.translit` read one Hangul spelling into one Latin
reading; this model scores the pair instead.

It is a stochastic many-to-many edit transducer in the manner of Ristad and Yianilos
(1998) and of the m2m aligner of Jiampojamarn, Kondrak and Sherif (2007): a joint
probability over pairs of chunks, a Latin chunk of zero to three letters against a chunk of
zero to three jamo (the Hangul word decomposed, NFD, so an onset and a final consonant are
different symbols), fitted by expectation maximisation on the English/Hangul labels of the
dev half of ``wikidata_en_hangul_names.tsv``. A word pair is scored by the forward algorithm
(every segmentation summed) against a null model of independent letters and jamo; the log
likelihood ratio per symbol is the score. The parameters are package data
(``names/data/loan_model.tsv``, derived statistics, a few thousand chunk pairs) written by
``benchmarks/build_loan_model.py``, with the decision thresholds chosen there on dev
negatives; read lazily, once.

Public seam: :func:`loan_word_score`; :func:`_loan_pair_same` and :func:`_loan_given_score`
are the matcher's hooks.
"""

# Examples hold Hangul on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import itertools
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .diminutives import given_name_forms
from .hangul import _is_hangul
from .parse import _ordered_tokens, _parse

logger = logging.getLogger(__name__)

#: The parameters' file name, under ``data/`` in this package.
_TABLE = "loan_model.tsv"

#: The chunk shapes, (letters, jamo): one letter may be silent, one jamo may be heard
#: where no letter is written (the epenthetic ㅡ), and up to three of each pair off.
SHAPES = ((1, 0), (0, 1), (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2))

_LATIN_SPECIAL = {
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
}


@dataclass(frozen=True, slots=True)
class LoanModel:
    """The fitted parameters: chunk-pair, null letter and null jamo probabilities.

    The thresholds are log likelihood ratios per symbol: ``pooled`` for all the paired
    words of a name of two parts or more, ``word`` for the worst of them, ``single`` for a
    name of one part; ``every_word`` is enough for the worst word alone (every word of the
    name written clearly by sound, whatever the pooled score: Bill Gates 빌 게이츠, whose
    short Bill pools low).
    """

    pairs: Mapping[tuple[str, str], float]
    latin: Mapping[str, float]
    jamo: Mapping[str, float]
    pooled: float = math.inf
    word: float = math.inf
    single: float = math.inf
    every_word: float = math.inf
    #: The least pointwise mutual information an edit of the best segmentation may have
    #: (:func:`worst_edit`); no limit by default.
    edit: float = -math.inf


#: A pairing of two names' words: pooled score, lowest word score, number of parts.
Pairing = tuple[float, float, int]

_UNSEEN = 1e-6  # the null probability of a letter or jamo the fit never saw


def latin_form(word: str) -> str:
    """A Latin word as the model reads it: lower-case ASCII letters, marks removed."""
    out = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if "a" <= ch <= "z":
            out.append(ch)
        elif ch in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[ch])
    return "".join(out)


def jamo_form(word: str) -> str:
    """A Hangul word as the model reads it: its syllables' conjoining jamo (NFD)."""
    return unicodedata.normalize("NFD", "".join(c for c in word if _is_hangul(c)))


def forward(x: str, y: str, pairs: Mapping[tuple[str, str], float]) -> float:
    """The probability of the pair summed over every chunk segmentation (0.0 if none)."""
    n, m = len(x), len(y)
    alpha = [[0.0] * (m + 1) for _ in range(n + 1)]
    alpha[0][0] = 1.0
    for i in range(n + 1):
        for j in range(m + 1):
            a = alpha[i][j]
            if a == 0.0:
                continue
            for dx, dy in SHAPES:
                if i + dx <= n and j + dy <= m:
                    p = pairs.get((x[i : i + dx], y[j : j + dy]))
                    if p is not None:
                        alpha[i + dx][j + dy] += a * p
    return alpha[n][m]


def llr(x: str, y: str, model: LoanModel) -> float:
    """log P(x, y) - log P0(x) - log P0(y): the pair under the model against the null."""
    if not x or not y:
        return -math.inf
    p = forward(x, y, model.pairs)
    if p <= 0.0:
        return -math.inf
    null = sum(math.log(model.latin.get(c, _UNSEEN)) for c in x)
    null += sum(math.log(model.jamo.get(c, _UNSEEN)) for c in y)
    return math.log(p) - null


def worst_edit(x: str, y: str, model: LoanModel) -> float:
    """The lowest pointwise mutual information of an edit on the likeliest segmentation.

    The per-symbol score averages a name's edits; one edit no spelling makes (Elkin /
    Эльцин: k written ц) can hide in a long name's average. The likeliest segmentation
    (Viterbi) is found and its worst chunk pair reported: log p(chunk pair) - log P0(latin
    chunk) - log P0(other chunk). ``-inf`` if the pair has no segmentation.
    """
    n, m = len(x), len(y)
    best = [[(-math.inf, math.inf)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0.0, math.inf)
    for i in range(n + 1):
        for j in range(m + 1):
            logp, worst = best[i][j]
            if logp == -math.inf:
                continue
            for dx, dy in SHAPES:
                if i + dx <= n and j + dy <= m:
                    cx, cy = x[i : i + dx], y[j : j + dy]
                    p = model.pairs.get((cx, cy))
                    if p is None:
                        continue
                    value = logp + math.log(p)
                    if value > best[i + dx][j + dy][0]:
                        pmi = (
                            math.log(p)
                            - sum(math.log(model.latin.get(c, _UNSEEN)) for c in cx)
                            - sum(math.log(model.jamo.get(c, _UNSEEN)) for c in cy)
                        )
                        best[i + dx][j + dy] = (value, min(worst, pmi))
    logp, worst = best[n][m]
    return worst if logp > -math.inf else -math.inf


@lru_cache(maxsize=1)
def _model() -> LoanModel | None:
    return read_table(_TABLE, "learned loanword model")


def read_table(name: str, what: str) -> LoanModel | None:
    """A transducer's parameters from the package data (``names/data/<name>``), or ``None``
    with a warning naming ``what`` is lost when the file is missing (a broken install)."""
    try:
        text = (resources.files("newsalign.names") / "data" / name).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - a broken install
        logger.warning("newsalign/names/data/%s is missing; no %s", name, what)
        return None
    return parse_table(text)


def parse_table(text: str) -> LoanModel:
    """Read the TSV the build script writes (``P``, ``L``, ``H`` rows and ``T`` thresholds)."""
    pairs: dict[tuple[str, str], float] = {}
    latin: dict[str, float] = {}
    jamo: dict[str, float] = {}
    thresholds: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, *rest = line.split("\t")
        if kind == "P":
            pairs[(rest[0], rest[1])] = float(rest[2])
        elif kind == "L":
            latin[rest[0]] = float(rest[1])
        elif kind == "H":
            jamo[rest[0]] = float(rest[1])
        elif kind == "T":
            thresholds[rest[0]] = float(rest[1])
    return LoanModel(
        pairs,
        latin,
        jamo,
        thresholds.get("pooled", math.inf),
        thresholds.get("word", math.inf),
        thresholds.get("single", math.inf),
        thresholds.get("every_word", math.inf),
        thresholds.get("edit", -math.inf),
    )


@lru_cache(maxsize=65536)
def loan_word_score(latin: str, hangul: str) -> float:
    """How well a Hangul word writes a Latin one by sound: a log likelihood ratio per symbol.

    Positive where the pair is likelier under the learned transducer than as two unrelated
    words; ``-inf`` where either word is empty or the model is missing.

    Example:
        >>> loan_word_score("Budanov", "부다노우") > loan_word_score("Budanov", "부시")
        True
    """
    value, symbols = _word_llr(latin, hangul)
    return value / symbols


@lru_cache(maxsize=65536)
def _word_llr(latin: str, hangul: str) -> tuple[float, int]:
    """The log likelihood ratio of a word pair and its number of symbols (``-inf`` if none)."""
    model = _model()
    x, y = latin_form(latin), jamo_form(hangul)
    if model is None or not x or not y:
        return (-math.inf, 1)
    return (llr(x, y, model), len(x) + len(y))


_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ɏ]{2,}$")


def _has_hangul(text: str) -> bool:
    return any(_is_hangul(c) for c in text)


@lru_cache(maxsize=16384)
def _tokens(name: str) -> tuple[str, ...]:
    """A name's words as the parser cleans them, a comma's family name put last."""
    tokens = _ordered_tokens(name)
    # A hyphenated given name is one word in Hangul (Jean-Marie 장마리).
    return tuple(t.replace("-", "") for t in tokens)


def _is_hangul_word(word: str) -> bool:
    return all(_is_hangul(c) for c in word)


def _loan_pair_same(a: str, b: str) -> bool:
    """The matcher's hook: a Latin name and a Hangul one that the model says are one name."""
    model = _model()
    words = _loan_pair_words(a, b)
    if model is None or words is None:
        return False
    return _agree(_pairing_scores(*words, _word_llr), model)


def _loan_given_score(a: str, b: str) -> float | None:
    """How well the given names of a Latin name and a Hangul one agree by sound.

    The worst given-name word score of the best pairing of the words (log likelihood
    ratio per symbol), the surnames paired with each other and left out (the rules
    compare surnames by key), each Latin given name tried with its diminutives and full forms
    (:mod:`.diminutives`: Jim 제임스, Sam 새뮤얼). ``None`` where the model does not pair
    the names or either has no given name.

    Example:
        >>> _loan_given_score("Samuel Johnson", "새뮤얼 존슨") > 0.5
        True
        >>> _loan_given_score("Amy Johnson", "새뮤얼 존슨") < 0
        True
    """
    words = _loan_pair_words(a, b)
    if _model() is None or words is None or min(map(len, words)) < 2:
        return None
    lat, han = words
    latin, hangul = (b, a) if _has_hangul(a) else (a, b)
    read = latin_form(_parse(latin).read)
    at = [i for i, t in enumerate(lat) if latin_form(t) == read]
    sur = at[-1] if at else len(lat) - 1

    def given(x: str, y: str) -> float:
        return max(loan_word_score(f, y) for f in given_name_forms(x))

    if len(lat) == len(han):
        # The surnames pair with each other: the Hangul words with the name's key.
        key = _parse(hangul).key
        surnames = {j for j, t in enumerate(han) if _parse(t).key == key} or {len(han) - 1}
        return max(
            min(given(lat[i], han[j]) for i, j in enumerate(order) if i != sur)
            for order in itertools.permutations(range(len(han)))
            if order[sur] in surnames
        )
    # Uneven word counts pair in order, the surnames last (_uneven_pairings).
    return max(
        min(given(x, y) for x, y in zip(ls[:-1], hs[:-1], strict=True))
        for ls, hs in _uneven_pairings(lat, han)
    )


def _agree(pairings: Sequence[Pairing], model: LoanModel) -> bool:
    """Whether some pairing of the words reaches the model's thresholds."""
    for pooled, lowest, parts in pairings:
        if parts == 1 and pooled >= model.single:
            return True
        if parts > 1 and pooled >= model.pooled and lowest >= model.word:
            return True
        if parts > 1 and lowest >= model.every_word:
            return True
    return False


def _loan_pair_words(a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The Latin words and the Hangul words of a pair the model decides, else ``None``.

    Only a name in Latin letters (words of two letters or more: initials say too little;
    middle initials beside two full words or more are left out) against one in Hangul,
    and never two names that both read as Korean or both as Japanese (the rules compare
    those syllable by syllable, and a syllable apart is another name: 유코 Yūko is not 유야).
    """
    if not isinstance(a, str) or not isinstance(b, str) or _has_hangul(a) == _has_hangul(b):
        return None
    pa, pb = _parse(a), _parse(b)
    if "empty" in (pa.kind, pb.kind) or pa.kind == pb.kind == "korean":
        return None
    if pa.japanese and pb.japanese:
        # Two readings of a Japanese name: the rules compare their kana, syllable by syllable.
        return None
    ta, tb = _tokens(a), _tokens(b)
    if ta and all(_is_hangul_word(t) for t in ta):
        ta, tb = tb, ta
    if not tb or not all(_is_hangul_word(t) for t in tb):
        return None
    full = tuple(t for t in ta if len(t) > 1)
    if len(full) >= 2 and all(t.isalpha() for t in ta if len(t) == 1):
        # Middle initials, which Hangul leaves out (Thomas J. Sargent 토머스 사전트): the
        # full words pair.
        ta = full
    if not ta or not all(_LATIN_WORD.match(t) for t in ta):
        return None
    return tuple(ta), tuple(tb)


def _pairing_scores(
    lat: Sequence[str], han: Sequence[str], llr: Callable[[str, str], tuple[float, int]]
) -> list[Pairing]:
    """For each admissible pairing of the words: pooled and lowest score, number of parts.

    Hangul writes foreign names given name first, like English, but Hungarian and East
    Asian names family name first, so every one-to-one pairing of the words is tried. A
    name of one word against several is scored against the several written together,
    either way round (하끼에우아인 Ha Kieu Anh). Names of two words or more with more on
    one side pair in order, the longer side's words joined in runs or its middle words
    left out (:func:`_uneven_pairings`), with no pooled score; a last word left out (a
    surname: 주앙 카를루스 테이셰이라 is not João Carlos) is not evidence the model can
    weigh. The pooled score is the log likelihood ratio of all the paired words over all
    their symbols; the lowest is the worst word's own.
    """
    if not lat or not han or len(lat) > 4 or len(han) > 4:
        return []
    if len(lat) == 1 or len(han) == 1:
        lats = sorted({"".join(lat), "".join(reversed(lat))})
        hans = sorted({"".join(han), "".join(reversed(han))})
        return [_pooled([llr(x, y)]) for x in lats for y in hans]
    if len(lat) != len(han):
        # No pooled score: a name whose words do not pair one to one merges only if every
        # word it pairs is clearly written by sound (``every_word``).
        return [
            (-math.inf, *_pooled([llr(x, y) for x, y in zip(ls, hs, strict=True)])[1:])
            for ls, hs in _uneven_pairings(lat, han)
        ]
    pairings = itertools.permutations(range(len(han)))
    return [_pooled([llr(lat[i], han[j]) for i, j in enumerate(p)]) for p in pairings]


def _uneven_pairings(
    lat: Sequence[str], han: Sequence[str]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Names with more words on one side, as words paired in order.

    One side may write as one word what the other writes as two (Ellis-Bextor 엘리스
    벡스터, San Juan 산후안, van Berkel 판베르컬): the longer side's words are joined in
    runs, every letter still paired. Or one side drops middle names (James Kenneth Morrow
    제임스 모로): the first and the last words pair, and each other word of the shorter
    side with one of the longer, in order.
    """
    flip = len(lat) > len(han)
    short, long_ = (han, lat) if flip else (lat, han)
    k, n = len(short), len(long_)
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        runs = tuple("".join(long_[bounds[i] : bounds[i + 1]]) for i in range(k))
        out.append((tuple(short), runs))
    for inner in itertools.combinations(range(1, n - 1), k - 2):
        kept = tuple(long_[i] for i in (0, *inner, n - 1))
        out.append((tuple(short), kept))
    return [(h, s) if flip else (s, h) for s, h in out]


def _pooled(scores: Sequence[tuple[float, int]]) -> Pairing:
    total = sum(v for v, _ in scores)
    symbols = sum(n for _, n in scores)
    lowest = min(v / n for v, n in scores)
    return (total / symbols if symbols else -math.inf, lowest, len(scores))
