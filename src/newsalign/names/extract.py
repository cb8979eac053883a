"""Person mentions in a document (back-references resolved) and the name keys of a sentence."""

from __future__ import annotations

import re

from ..errors import InputError
from ..records import Document
from .english_spans import _english_spans
from .hangul import _is_hangul
from .hangul_spans import _HANGUL_WORD, _korean_spans
from .records import Mention
from .spans import _Span
from .titles import _KO_TITLE_START


def _sentence_spans(sentence: str) -> list[_Span]:
    spans = _english_spans(sentence)
    if _HANGUL_WORD.search(sentence):
        spans.extend(_korean_spans(sentence))
        spans.sort(key=lambda s: s.start)
    return spans


_LONE = re.compile(r"(?<![\w-])([A-Z][a-z]+|[가-힣])(?![\w-])")


def _backrefs(sentence: str, taken: list[_Span], seen: dict[str, str]) -> list[_Span]:
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
            mentions.append(
                Mention(s.text, s.key, idx, sent.start + s.start, sent.start + s.end, doc.name)
            )
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
