"""Finding names in Latin-script sentences: capitalised runs, titles, cue words, verbs of saying."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .korean import _korean_given
from .parse import _parse
from .spans import _Span
from .surnames import _LATIN_SURNAMES
from .titles import _is_title

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
