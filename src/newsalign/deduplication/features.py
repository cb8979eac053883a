"""Per-record features, the compact index a run keeps instead of the texts.

Each record becomes a :class:`Features`: its language, day, a hash of its normalised text,
its MinHash values over word shingles (:func:`minhash_values`), its language-independent
:func:`signature` and what its lead says of its event (:mod:`.events`: days and counts).
Records the semantic stage looks at also get one embedding of a
:func:`passage` (the lead and a few sampled sentences).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..embed import Encoder, get_encoder
from ..names import sentence_name_keys
from ..records import Document
from ..text import MONTHS, detect_lang, number_values
from .events import EventFacts, event_facts, parse_day
from .extras import minhash_class
from .io import Record
from .params import DedupParams
from .results import RecordId

__all__ = [
    "Features",
    "embed_passages",
    "featurize",
    "minhash_permutations",
    "minhash_values",
    "normalize_text",
    "passage",
    "signature",
    "word_shingles",
]

_WORD = re.compile(r"\w+")
_PERMS: dict[int, Any] = {}


def minhash_permutations(num_perm: int) -> Any:
    """The MinHash permutations every record shares (seed 1), made once per ``num_perm``.

    Raises:
        MissingDependencyError: datasketch is not installed.

    Example:
        >>> a, b = minhash_permutations(16)
        >>> a.shape
        (16,)
    """
    perms = _PERMS.get(num_perm)
    if perms is None:
        mh = minhash_class()(num_perm=num_perm, seed=1)
        perms = _PERMS[num_perm] = mh.permutations
    return perms


def normalize_text(text: str) -> str:
    """The words of ``text``, casefolded and joined by single spaces (what "exact" compares).

    Example:
        >>> normalize_text("Troops  MOVED, officials said.")
        'troops moved officials said'
    """
    return " ".join(_WORD.findall(text.casefold()))


def word_shingles(text: str, k: int) -> frozenset[str]:
    """The ``k``-word shingles of ``text``, casefolded (one shingle for a shorter text).

    Example:
        >>> sorted(word_shingles("Troops crossed the border.", 3))
        ['crossed the border', 'troops crossed the']
    """
    words = _WORD.findall(text.casefold())
    if not words:
        return frozenset()
    return frozenset(" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1)))


def minhash_values(text: str, p: DedupParams) -> np.ndarray:
    """MinHash values of the ``p.shingle_size``-word shingles of ``text`` (``p.num_perm``).

    Raises:
        MissingDependencyError: datasketch is not installed.

    Example:
        >>> minhash_values("Troops crossed the border on Monday.", DedupParams()).shape
        (128,)
    """
    words = _WORD.findall(text.casefold())
    shingles = {s.encode("utf-8") for s in word_shingles(text, p.shingle_size)}
    mh = minhash_class()(
        num_perm=p.num_perm, permutations=minhash_permutations(p.num_perm), scheme="affine32"
    )
    if words:
        mh.update_batch(sorted(shingles))
    return np.asarray(mh.hashvalues)


_EN_DATE = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})\b", re.I
)
_KO_DATE = re.compile(r"(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])")
_QUOTED = re.compile(r"[\"“«「]([^\"”»」]{8,120})[\"”»」]")


def signature(text: str, *, sentences: Sequence[str] | None = None) -> frozenset[str]:
    """The language-independent signature of a text: features a translation keeps.

    Numbers (``"n:3000"``; integers below 10 are left out, being everywhere), month-day
    dates (``"d:10-23"`` from "Oct. 23" and "10월 23일"), acronyms (``"a:NATO"``), quoted
    strings (``"q:..."``), and person-name keys (``"p:..."``, from
    :func:`newsalign.names.sentence_name_keys`).

    Args:
        text: the article.
        sentences: its sentences, if already split (name keys are found per sentence).

    Example:
        >>> sorted(signature("Over 3,000 troops left on Oct. 23, NATO said."))
        ['a:NATO', 'd:10-23', 'n:10', 'n:23', 'n:3000']
        >>> sorted(signature("10월 23일 북한군 3천명이 떠났다고 NATO가 밝혔다."))
        ['a:NATO', 'd:10-23', 'n:10', 'n:23', 'n:3000']
    """
    feats: set[str] = set()
    for v in number_values(text):
        if v >= 10 or v != int(v):
            feats.add(f"n:{v:g}")
    for m in _EN_DATE.finditer(text):
        month = MONTHS[m.group(1).lower()]
        feats.add(f"d:{month}-{int(m.group(2))}")
        if month >= 10:
            feats.add(f"n:{month}")  # "10월" gives the number 10 on the Korean side
    for m in _KO_DATE.finditer(text):
        feats.add(f"d:{int(m.group(1))}-{int(m.group(2))}")
    for m in _ACRONYM.finditer(text):
        feats.add(f"a:{m.group()}")
    for m in _QUOTED.finditer(text):
        feats.add("q:" + normalize_text(m.group(1))[:60])
    for s in sentences if sentences is not None else (text,):
        feats.update(f"p:{k}" for k in sentence_name_keys(s))
    return frozenset(feats)


@dataclass(frozen=True, slots=True)
class Features:
    """What the index keeps of one record.

    Attributes:
        pos: input position.
        id: the record id, as given.
        lang: given or detected language, lower case (``"und"`` when unknown).
        day: proleptic ordinal of its ``date``, when it parses.
        text_hash: BLAKE2b (16 bytes) of :func:`normalize_text`.
        minhash: :func:`minhash_values`, ``None`` for an empty text.
        signature: :func:`signature` (empty unless ``params.semantic``).
        n_sentences: sentences.
        event: the days and counts of its lead (:func:`~.events.event_facts`).
    """

    pos: int
    id: RecordId
    lang: str
    day: int | None
    text_hash: bytes
    minhash: np.ndarray | None
    signature: frozenset[str]
    n_sentences: int
    event: EventFacts = field(default_factory=EventFacts)


def _day(date: str | None) -> int | None:
    day = parse_day(date)
    return None if day is None else day.toordinal()


def _lang(rec: Record) -> str:
    return (rec.lang or detect_lang(rec.text) or "und").lower()


def featurize(records: Sequence[Record], start: int, p: DedupParams) -> list[Features]:
    """Features of consecutive records, the first at input position ``start``.

    Example:
        >>> recs = [Record("a", "Troops moved.", None, None), Record("b", "", "en", None)]
        >>> [(f.pos, f.lang, f.minhash is None) for f in featurize(recs, 5, DedupParams())]
        [(5, 'und', False), (6, 'en', True)]
    """
    out = []
    for k, rec in enumerate(records):
        norm = normalize_text(rec.text)
        sig: frozenset[str] = frozenset()
        n_sent = 0
        event = EventFacts()
        if norm:
            doc = Document.from_text(rec.text)
            n_sent = len(doc)
            event = event_facts(doc.texts, rec.date, lead=p.event_lead)
            if p.semantic:
                sig = signature(rec.text, sentences=doc.texts)
        out.append(
            Features(
                pos=start + k,
                id=rec.id,
                lang=_lang(rec),
                day=_day(rec.date),
                text_hash=hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest(),
                minhash=minhash_values(rec.text, p) if norm else None,
                signature=sig,
                n_sentences=n_sent,
                event=event,
            )
        )
    return out


def passage(text: str, p: DedupParams) -> str:
    """The lead and a few evenly spaced sentences: what one embedding of a record reads.

    Example:
        >>> passage("One. Two. Three. Four. Five. Six.", DedupParams(lead_sentences=1,
        ...         sample_sentences=2))
        'One. Three. Five.'
    """
    sents = Document.from_text(text).texts
    lead = list(sents[: p.lead_sentences])
    rest = sents[p.lead_sentences :]
    if rest and p.sample_sentences:
        step = len(rest) / p.sample_sentences
        picks = sorted({int(k * step + step / 2) for k in range(p.sample_sentences)})
        lead += [rest[k] for k in picks if k < len(rest)]
    return " ".join(lead)


def embed_passages(
    items: Sequence[tuple[int, str]], encoder: str | Encoder | None, p: DedupParams
) -> list[tuple[int, np.ndarray]]:
    """Passage embeddings of (pos, text) items, one row per record (runs on workers)."""
    enc = get_encoder(encoder)
    passages = [passage(text, p) for _, text in items]
    if not passages:
        return []
    if getattr(enc, "contextual", False):
        # A contextual encoder (TF-IDF) would make a vector depend on its batch; one record
        # per call keeps the in-process and Dask paths equal.
        vecs = np.vstack([enc.encode([s]) for s in passages])
    else:
        vecs = enc.encode(passages)
    rows = zip(items, vecs, strict=True)
    return [(pos, np.asarray(v, dtype=np.float32)) for (pos, _), v in rows]
