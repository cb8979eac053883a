"""Split news prose into sentences, keeping character offsets.

News is made of headlines on their own lines, paragraphs of one to four sentences,
quotations that span several sentences, abbreviations (Rep., Adm., Oct., U.S., No. 1),
numbers with separators (1,500; 12.3) and, for Korean, sentences ending in 다. / 요.
Generic segmenters (pysbd, sentencex) keep a multi-sentence quotation as one sentence; a
reader comparing versions wants the quotation split, because rewrites quote a part of it.

The rules, in order:

1. A line break ends a paragraph and a sentence, unless the line does not end a
   sentence and the next one starts in lower case (a hard-wrapped line).
2. Inside a line, a run of ``. ! ? …`` (optionally followed by closing quotes or
   brackets) then whitespace ends a sentence when the next word starts with an upper-case
   letter, a digit, an opening quote or a caseless script (Hangul, Han, Kana, Arabic...).
   Splits happen inside quotations too.
3. A period does not end a sentence after a title (Rep., Dr.), a single initial (Jay Y. Lee),
   a month or a number abbreviation before a number (Oct. 23, No. 1). After a dotted
   abbreviation or a company suffix (U.S., a.m., Inc.) it ends one only when the next word is a
   common sentence opener ("The", "He", ...).
4. ``。 ！ ？`` end a sentence wherever they stand.

Every character of the input belongs to exactly one sentence or to the whitespace between
sentences: ``"".join`` of sentences and gaps gives back the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Sentence", "detect_lang", "segment"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document.

    Attributes:
        text: the sentence, exactly ``document.text[start:end]``.
        start: offset of the first character in the document text.
        end: offset one past the last character.
        paragraph: 0-based paragraph number (paragraphs are separated by line breaks).
    """

    text: str
    start: int
    end: int
    paragraph: int = 0


_CLOSERS = "\"'”’»」』)]"
_OPENERS = "\"'“‘«「『(["
_CANDIDATE = re.compile(
    rf"(?:[.!?…]+[{re.escape(_CLOSERS)}]*(?=\s)|[。！？]+[{re.escape(_CLOSERS)}]*)"
)

# Words after which a period never ends a sentence: a name or a number follows.
_TITLES = frozenset(
    """mr mrs ms dr prof rep reps sen sens gov lt col maj capt adm gen sgt cpl pvt cmdr cdr
    rev hon pres supt insp messrs mme mlle sr jr st mt ft brig gens""".split()
)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NUMBER_ABBREVS = frozenset("no nos vol vols art arts p pp fig figs ch sec para op".split())
# Abbreviations that may also end a sentence: split only before a common sentence opener.
_MAYBE_FINAL = frozenset(
    """inc corp ltd co bros etc vs approx est dept univ assn govt intl natl plc llc
    ave blvd rd""".split()
)
_OPENER_WORDS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and or so yet however meanwhile in on at for after before when while if as
    according some many most all no one two three mr mrs ms dr president officials""".split()
)
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_WORD_AFTER = re.compile(r"\s+[" + re.escape(_OPENERS) + r"]*([^\s" + re.escape(_OPENERS) + r"]*)")
_ENDERS = ".!?…。！？:"  # a line ending in one of these (then closers) is not soft-wrapped
_NEXT_CHAR = re.compile(r"\s*(\S)")


def detect_lang(text: str) -> str | None:
    """Guess the language from the script: ``"ko"`` for Hangul, ``"zh"``, ``"ja"``, ``"ru"``...

    Returns ``None`` for Latin-script text (the encoders do not need to know which
    Latin-script language it is) and for text without letters.

    Example:
        >>> detect_lang("북한군이 러시아로 이동했다.")
        'ko'
    """
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            key = "ko"
        elif 0x3040 <= code <= 0x30FF:
            key = "ja"
        elif 0x4E00 <= code <= 0x9FFF:
            key = "han"
        elif 0x0400 <= code <= 0x04FF:
            key = "ru"
        elif 0x0600 <= code <= 0x06FF:
            key = "ar"
        else:
            key = "latin"
        counts[key] = counts.get(key, 0) + 1
    letters = sum(counts.values())
    if not letters:
        return None
    if counts.get("ko", 0) >= 0.3 * letters:
        return "ko"
    if counts.get("ja", 0) >= 0.1 * letters:
        return "ja"
    if counts.get("han", 0) >= 0.3 * letters:
        return "zh"
    for key in ("ru", "ar"):
        if counts.get(key, 0) >= 0.3 * letters:
            return key
    return None


def segment(text: str, *, lang: str | None = None) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with offsets and paragraph numbers.

    Args:
        text: news prose; line breaks separate headlines and paragraphs.
        lang: accepted for symmetry with the encoders; the rules are script-driven and work
            for English, Korean and other languages that end sentences with ``. ! ?``.

    Returns:
        The sentences in order; an empty or all-blank text gives an empty tuple.

    Example:
        >>> [s.text for s in segment('He said, "We agree. It is done." Then he left.')]
        ['He said, "We agree.', 'It is done."', 'Then he left.']
    """
    del lang  # the rules below are driven by the script of each character
    out: list[Sentence] = []
    paragraph = -1
    for start, end, new_paragraph in _blocks(text):
        if new_paragraph:
            paragraph += 1
        for s, e in _split_block(text, start, end):
            out.append(Sentence(text[s:e], s, e, max(paragraph, 0)))
    return tuple(out)


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Stripped spans of text between hard line breaks; soft-wrapped lines are joined."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    blocks: list[tuple[int, int, bool]] = []
    for s, e in spans:
        if blocks and _is_soft_wrap(text, blocks[-1][0], blocks[-1][1], s):
            blocks[-1] = (blocks[-1][0], e, blocks[-1][2])
        else:
            blocks.append((s, e, True))
    return blocks


def _is_soft_wrap(text: str, prev_start: int, prev_end: int, start: int) -> bool:
    """Does the line at ``start`` continue the block ``text[prev_start:prev_end]``?

    Only the block's last characters are read, never a copy of it: a long run of
    hard-wrapped lines stays linear.
    """
    if not text[start].islower():
        return False
    k = prev_end
    while k > prev_start and text[k - 1] in _CLOSERS:
        k -= 1
    return not (k > prev_start and text[k - 1] in _ENDERS)


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    cuts = [0]
    for m in _CANDIDATE.finditer(block):
        if m.end() >= len(block):
            break
        if _is_boundary(block, m):
            cut = m.end()
            if cut > cuts[-1]:
                cuts.append(cut)
    cuts.append(len(block))
    out: list[tuple[int, int]] = []
    for a, b in pairwise(cuts):
        piece = block[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            out.append((start + a + lead, start + b - trail))
    return out


def _is_boundary(block: str, m: re.Match[str]) -> bool:
    punct = m.group()
    if punct[0] in "。！？":
        return True
    # read forward from the candidate, never a copy of the rest: one long line stays linear
    nxt = _NEXT_CHAR.match(block, m.end())
    if nxt is None:
        return False
    first = nxt.group(1)
    if not _starts_sentence(first):
        return False
    if punct[0] != ".":
        return True
    if len(punct.rstrip(_CLOSERS)) > 1:  # an ellipsis "..." before a capital
        return True
    if m.start() == 0 or block[m.start() - 1].isspace():
        return True
    token = _last_token(block, m.start()).lstrip(_OPENERS)
    low = token.lower()
    next_word_m = _WORD_AFTER.match(block, m.end())
    next_word = next_word_m.group(1) if next_word_m else ""
    next_is_number = next_word[:1].isdigit()
    next_opens = next_word.lower().strip(",;:") in _OPENER_WORDS
    if punct != "." and punct[-1] in _CLOSERS:
        # A period inside a closing quote or bracket: "...accurate." We ... -> boundary.
        return True
    if low in _TITLES:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: Jay Y. Lee
    if low in _MONTHS or low in _NUMBER_ABBREVS:
        return not next_is_number
    if _DOTTED.match(token) or low in _MAYBE_FINAL:
        return next_opens
    return True


def _last_token(block: str, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (found with a string split of a
    widening window: a pattern anchored at the end would be tried at every position)."""
    width = 64
    while True:
        head = block[max(0, end - width) : end]
        parts = head.rsplit(None, 1)
        if len(parts) == 2 or width >= end:
            return parts[-1]
        width *= 4


def _starts_sentence(first: str) -> bool:
    if first in _OPENERS or first.isdigit():
        return True
    if not first.isalpha():
        return first in "-–—•*#"
    if first.isupper():
        return True
    if first.islower():
        return False
    # Caseless scripts (Hangul, Han, Kana, Arabic, Hebrew, Thai...) carry no capital.
    return unicodedata.category(first) == "Lo"
