"""Near-duplicate, translation and same-story detection for news pipelines.

Every record gets one decision: which story cluster it belongs to, the cluster's
representative (its first record in input order) and how it relates to the record it was
verified against. Each decision that joins two records is explained by a sentence alignment
between them, kept in the evidence.

The relations are a closed set (:data:`RELATIONS`):

====================  =========================================================================
``unique``            no other record of the input is a copy, translation or same story
``representative``    first record (in input order) of a cluster of two or more
``exact``             same text once case, punctuation and spacing are ignored
``near_duplicate``    same language; most sentences of both sides align (wire copy re-run with
                      a changed lead, a trimmed ending, an inserted quote, moved paragraphs)
``translation``       different languages; most sentences of both sides align
``same_story``        some sentences align, not enough for the relations above
====================  =========================================================================

How pairs are found and decided, cheapest first:

1. **Exact copies**: a hash of the normalised text.
2. **Near copies** (same language): MinHash LSH (datasketch) over word shingles; each
   candidate pair is verified by a lexical sentence alignment (identical sentences, then
   RapidFuzz ratio between the rest).
3. **Translations and same story** (``params.semantic``): a language-independent signature
   of each record (numbers, dates, acronyms, quoted strings, and person-name keys when
   :mod:`newsalign.names` is installed) proposes plausible pairs; only records in a plausible
   pair, or whose signature is too poor to judge, get a document embedding (a passage made of
   the lead and a few sampled sentences, one encoder call per record, not every sentence).
   An exact nearest-neighbour search over those embeddings keeps the plausible pairs that
   are also near in meaning, at most ``pairs_per_components`` per pair of near-duplicate
   groups, and :func:`newsalign.align` verifies them sentence by sentence.
4. **Clusters**: the union of all verified pairs.

The decision reads the *aligned share* of each side: the fraction of its sentences that are
in a link. With ``hi`` the larger and ``lo`` the smaller of the two shares, a same-language
pair is a ``near_duplicate`` when ``hi >= threshold`` and ``lo >= min_share``; a pair in two
languages is a ``translation`` when ``hi >= translation_threshold`` and
``lo >= translation_min_share``; a pair verified by meaning (the semantic stage) also needs
``min_equivalent_links`` equivalent links for a translation and
``near_min_equivalent_links`` for a near duplicate; otherwise it is ``same_story`` when
it has at least ``story_min_links`` equivalent links and ``hi >= story_threshold``.

Output depends only on the input order, the records and the settings: the Dask path
(:func:`newsalign.dedup_dask.dedup_dask`) runs the same stages on partitions and returns an
equal :class:`DedupResult`.

Memory: the in-process path keeps a compact index per record (MinHash values, signature,
a few numbers) and spills the texts to a temporary file, so it is bounded by the index, not
by the corpus text.
"""

from __future__ import annotations

import hashlib
import heapq
import io
import json
import logging
import os
import re
import sys
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np

from .embed import Encoder, get_encoder
from .errors import ConfigError, InputError, MissingDependencyError
from .records import Document, Link, sort_links
from .text import MONTHS, detect_lang, number_values
from .validate import check_at_least, check_unit

__all__ = [
    "RELATIONS",
    "DedupDecision",
    "DedupEvidence",
    "DedupParams",
    "DedupResult",
    "DedupStats",
    "DuplicateGroup",
    "DuplicatePair",
    "Relation",
    "dedup",
    "iter_records",
    "read_jsonl",
    "signature",
    "write_jsonl",
]

logger = logging.getLogger(__name__)

Relation = Literal[
    "unique", "representative", "exact", "near_duplicate", "translation", "same_story"
]
#: The closed set of relations, documented in the module docstring.
RELATIONS: tuple[Relation, ...] = (
    "unique",
    "representative",
    "exact",
    "near_duplicate",
    "translation",
    "same_story",
)
# Strength order of the relations a verified pair can have (strongest first).
_PAIR_RELATIONS: tuple[Relation, ...] = ("exact", "near_duplicate", "translation", "same_story")
_STRENGTH = {rel: k for k, rel in enumerate(_PAIR_RELATIONS)}

RecordId = str | int
_EXTRA = "pip install 'newsalign[dedup]'"


# -- settings ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DedupParams:
    """Settings of :func:`dedup`. Defaults were tuned on the development corpus only
    (``benchmarks/dedup_corpus.py --split dev``).

    Attributes:
        threshold: near duplicate: the larger aligned share must reach this.
        min_share: near duplicate: the smaller aligned share must reach this.
        translation_threshold: translation: the larger aligned share must reach this.
        translation_min_share: translation: the smaller aligned share must reach this.
        story_threshold: same story: the larger aligned share must reach this.
        story_min_links: same story: at least this many ``equivalent`` links.
        min_equivalent_links: a pair verified by :func:`newsalign.align` (semantic stage)
            is a ``near_duplicate`` or ``translation`` only with at least this many
            ``equivalent`` links: a share counted over ``partial`` links and wide beads alone
            reached the bars between unrelated articles on one topic.
        near_min_equivalent_links: the same for a ``near_duplicate`` found by meaning (two
            same-language articles that MinHash did not pair): copies are the lexical path's
            job, so the semantic stage needs more evidence to call one.
        shingle_size: words per shingle for MinHash.
        num_perm: MinHash permutations.
        lsh_threshold: Jaccard similarity the LSH bands are tuned for (recall, not decision).
        lexical_link: RapidFuzz ratio (in [0, 1]) for two sentences to link lexically.
        semantic: also look for translations and same-story pairs (needs an encoder);
            ``False`` runs the near-duplicate path only.
        min_shared_features: signature features two records must share to be plausible.
        strong_shared_features: shared features that make a pair strongly plausible.
        signature_filter: ``False`` skips the signature: every record is embedded and
            judged by its neighbours' cosine alone (the baseline of the benchmark).
        max_feature_df: a signature feature found in more records than this is ignored
            (too common to tell stories apart, and it bounds the pairs generated).
        lead_sentences: leading sentences in the passage embedded per record.
        sample_sentences: further sentences, evenly spaced, in that passage.
        neighbors: nearest neighbours kept per embedded record.
        min_cosine: passage cosine a strongly plausible pair needs.
        weak_min_cosine: passage cosine a weakly plausible pair needs, or a pair where a
            side's signature is too poor to judge.
        pairs_per_components: semantic pairs verified per pair of near-duplicate groups.
        max_days: when set, records whose ``date`` fields are further apart than this many
            days are never paired.
    """

    threshold: float = 0.8
    min_share: float = 0.5
    translation_threshold: float = 0.7
    translation_min_share: float = 0.4
    story_threshold: float = 0.3
    story_min_links: int = 4
    min_equivalent_links: int = 3
    near_min_equivalent_links: int = 4
    shingle_size: int = 3
    num_perm: int = 128
    lsh_threshold: float = 0.4
    lexical_link: float = 0.7
    semantic: bool = True
    min_shared_features: int = 1
    strong_shared_features: int = 2
    signature_filter: bool = True
    max_feature_df: int = 100
    lead_sentences: int = 3
    sample_sentences: int = 2
    neighbors: int = 10
    min_cosine: float = 0.35
    weak_min_cosine: float = 0.5
    pairs_per_components: int = 2
    max_days: int | None = None

    def __post_init__(self) -> None:
        for name in (
            "threshold",
            "min_share",
            "translation_threshold",
            "translation_min_share",
            "story_threshold",
            "lsh_threshold",
            "lexical_link",
            "min_cosine",
            "weak_min_cosine",
        ):
            check_unit(name, getattr(self, name))
        for name in (
            "shingle_size",
            "num_perm",
            "neighbors",
            "pairs_per_components",
            "min_shared_features",
        ):
            check_at_least(name, getattr(self, name), 1)
        for name in (
            "story_min_links",
            "min_equivalent_links",
            "near_min_equivalent_links",
            "strong_shared_features",
            "max_feature_df",
            "lead_sentences",
            "sample_sentences",
        ):
            check_at_least(name, getattr(self, name), 0)
        if self.lead_sentences + self.sample_sentences < 1:
            raise ConfigError("lead_sentences + sample_sentences must be >= 1")
        if self.max_days is not None:
            check_at_least("max_days", self.max_days, 0)


def _params(params: DedupParams | None, threshold: float | None) -> DedupParams:
    p = params or DedupParams()
    if threshold is not None:
        p = replace(p, threshold=check_unit("threshold", threshold))
    return p


# -- results ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DedupEvidence:
    """Why two records were joined (or, for ``unique`` and ``representative``, nothing).

    ``share_left`` is the share of the record's own sentences that are aligned, and
    ``share_right`` that of the matched record's; ``links`` are the alignment's beads with
    left = the record, right = the match, so every decision can be shown sentence by sentence.

    Attributes:
        match: id of the record the decision was verified against (``None`` if none).
        method: ``"none"``, ``"hash"``, ``"lexical"`` (MinHash candidate, lexical alignment)
            or ``"semantic"`` (signature + embedding candidate, :func:`newsalign.align`).
        share_left: aligned share of this record's sentences.
        share_right: aligned share of the match's sentences.
        jaccard: MinHash estimate of the shingle Jaccard similarity, when computed.
        cosine: cosine of the two passage embeddings, when computed.
        shared_features: signature features the two records share, when computed.
        links: the sentence alignment (beads over sentence indices).
    """

    match: RecordId | None = None
    method: str = "none"
    share_left: float = 0.0
    share_right: float = 0.0
    jaccard: float | None = None
    cosine: float | None = None
    shared_features: int | None = None
    links: tuple[Link, ...] = ()

    def inverse(self, match: RecordId) -> DedupEvidence:
        """The same evidence seen from the other record, whose match is ``match``."""
        return replace(
            self,
            match=match,
            share_left=self.share_right,
            share_right=self.share_left,
            links=sort_links([link.inverse() for link in self.links]),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``links`` as ``[[left...], [right...], score]``).

        Example:
            >>> DedupEvidence(match="a", method="hash", share_left=1.0, share_right=1.0).to_dict()
            {'match': 'a', 'method': 'hash', 'share_left': 1.0, 'share_right': 1.0, 'links': []}
        """
        out: dict[str, Any] = {
            "match": self.match,
            "method": self.method,
            "share_left": round(self.share_left, 4),
            "share_right": round(self.share_right, 4),
        }
        if self.jaccard is not None:
            out["jaccard"] = round(self.jaccard, 4)
        if self.cosine is not None:
            out["cosine"] = round(self.cosine, 4)
        if self.shared_features is not None:
            out["shared_features"] = self.shared_features
        out["links"] = [[list(k.left), list(k.right), round(k.score, 4)] for k in self.links]
        return out


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """A verified pair: ``left`` comes before ``right`` in the input.

    The evidence is oriented left to right (``share_left`` is the left record's share).
    """

    left: RecordId
    right: RecordId
    relation: Relation
    evidence: DedupEvidence


@dataclass(frozen=True, slots=True)
class DedupDecision:
    """The answer for one record; its JSON form is one line of ``newsalign dedup`` output.

    Attributes:
        id: the record id, as given.
        cluster: story cluster number (0, 1, 2... in order of first appearance).
        relation: one of :data:`RELATIONS`.
        representative: id of the cluster's first record (itself when it is the first).
        evidence: the verified pair behind ``relation``, oriented from this record.
    """

    id: RecordId
    cluster: int
    relation: Relation
    representative: RecordId
    evidence: DedupEvidence

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "cluster", "relation", "representative", "evidence"}``.

        Example:
            >>> d = DedupDecision("a", 0, "unique", "a", DedupEvidence())
            >>> sorted(d.to_dict())
            ['cluster', 'evidence', 'id', 'relation', 'representative']
        """
        return {
            "id": self.id,
            "cluster": self.cluster,
            "relation": self.relation,
            "representative": self.representative,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """One story cluster: its representative and every member id in input order."""

    cluster: int
    representative: RecordId
    members: tuple[RecordId, ...]


@dataclass(frozen=True, slots=True)
class DedupStats:
    """Counts of the work done (deterministic, so part of result equality).

    Attributes:
        records: input records.
        exact_pairs: pairs found by the text hash.
        lsh_pairs: MinHash LSH candidate pairs verified lexically.
        signature_pairs: pairs the signature found plausible.
        poor_records: records whose signature was too poor to judge (embedded anyway).
        embedded: records that got a passage embedding.
        semantic_pairs: pairs verified by :func:`newsalign.align`.
        verified_pairs: pairs that got a relation.
    """

    records: int = 0
    exact_pairs: int = 0
    lsh_pairs: int = 0
    signature_pairs: int = 0
    poor_records: int = 0
    embedded: int = 0
    semantic_pairs: int = 0
    verified_pairs: int = 0

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class DedupResult:
    """Everything :func:`dedup` found: one decision per record, the groups, the pairs.

    ``decisions`` are in input order; ``groups`` partition the input (singletons
    included), by cluster number; ``pairs`` are every verified pair, by input position.
    """

    decisions: tuple[DedupDecision, ...]
    groups: tuple[DuplicateGroup, ...]
    pairs: tuple[DuplicatePair, ...]
    stats: DedupStats = field(default_factory=DedupStats)

    def to_jsonl(self) -> str:
        """The decisions as JSON lines (what ``newsalign dedup`` writes)."""
        buf = io.StringIO()
        write_jsonl(self, buf)
        return buf.getvalue()


# -- input ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Record:
    id: RecordId
    text: str
    lang: str | None
    date: str | None


def _check_record(obj: Any, where: str) -> _Record:
    if not isinstance(obj, Mapping):
        raise InputError(f"{where}: a record must be a JSON object, got {type(obj).__name__}")
    if "id" not in obj:
        raise InputError(f"{where}: field 'id' is missing")
    rid = obj["id"]
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        raise InputError(f"{where}: field 'id' must be a string or an integer, got {rid!r}")
    if "text" not in obj:
        raise InputError(f"{where}: field 'text' is missing")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"{where}: field 'text' must be a string, got {type(text).__name__}")
    out: dict[str, str | None] = {}
    for name in ("lang", "date"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: field {name!r} must be a string, got {value!r}")
        out[name] = value or None
    return _Record(rid, text, out["lang"], out["date"])


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSONL file, checking each one.

    Blank lines are skipped. Every line must be a JSON object with ``id`` (string or
    integer) and ``text`` (string); ``lang`` and ``date`` are optional strings.

    Raises:
        InputError: naming the file, the line number and the field at fault.

    Example:
        >>> import tempfile, os
        >>> fd, name = tempfile.mkstemp(suffix=".jsonl")
        >>> _ = os.write(fd, b'{"id": 1, "text": "Troops moved."}\\n{"id": 2}\\n'); os.close(fd)
        >>> try:
        ...     list(read_jsonl(name))
        ... except InputError as exc:
        ...     print(str(exc).split(": ", 1)[1])
        line 2: field 'text' is missing
        >>> os.remove(name)
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a JSONL file")
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: {exc.strerror or exc}") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{p}: line {lineno}: not UTF-8") from None
            if lineno == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{p}: line {lineno}: not JSON ({exc.msg})") from None
            _check_record(obj, f"{p}: line {lineno}")
            yield obj


def iter_records(
    records: Iterable[Mapping[str, Any]] | str | os.PathLike[str],
) -> Iterator[_Record]:
    """Checked records from an iterable of mappings or a JSONL path; ids must be unique."""
    source: Iterable[Mapping[str, Any]]
    if isinstance(records, (str, os.PathLike)):
        source = read_jsonl(records)
        where = f"{records}: record"
    else:
        source = records
        where = "record"
    seen: set[RecordId] = set()
    for k, obj in enumerate(source):
        rec = _check_record(obj, f"{where} {k}")
        if rec.id in seen:
            raise InputError(f"{where} {k}: field 'id' repeats an earlier id {rec.id!r}")
        seen.add(rec.id)
        yield rec


# -- per-record features (the index) -----------------------------------------------------
_WORD = re.compile(r"\w+")
_PERMS: dict[int, Any] = {}


def _permutations(num_perm: int) -> Any:
    perms = _PERMS.get(num_perm)
    if perms is None:
        mh = _minhash_class()(num_perm=num_perm, seed=1)
        perms = _PERMS[num_perm] = mh.permutations
    return perms


def _minhash_class() -> Any:
    try:
        from datasketch import MinHash
    except ImportError as exc:
        raise MissingDependencyError(f"dedup needs datasketch: {_EXTRA}") from exc
    return MinHash


def _norm_text(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _minhash_values(text: str, p: DedupParams) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    k = p.shingle_size
    starts = range(max(1, len(words) - k + 1))
    shingles = {" ".join(words[i : i + k]).encode("utf-8") for i in starts}
    mh = _minhash_class()(
        num_perm=p.num_perm, permutations=_permutations(p.num_perm), scheme="affine32"
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


def _name_keys() -> Callable[[str], frozenset[str]] | None:
    try:
        from .names import sentence_name_keys  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return sentence_name_keys  # type: ignore[no-any-return,unused-ignore]


def signature(text: str, *, sentences: Sequence[str] | None = None) -> frozenset[str]:
    """The language-independent signature of a text: features a translation keeps.

    Numbers (``"n:3000"``; integers below 10 are left out, being everywhere), month-day
    dates (``"d:10-23"`` from "Oct. 23" and "10월 23일"), acronyms (``"a:NATO"``), quoted
    strings (``"q:..."``), and person-name keys (``"p:..."``) when :mod:`newsalign.names` is
    installed.

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
        feats.add("q:" + _norm_text(m.group(1))[:60])
    keys = _name_keys()
    if keys is not None:
        for s in sentences if sentences is not None else (text,):
            feats.update(f"p:{k}" for k in keys(s))
    return frozenset(feats)


@dataclass(frozen=True, slots=True)
class _Features:
    pos: int
    id: RecordId
    lang: str
    day: int | None
    text_hash: bytes
    minhash: np.ndarray | None
    signature: frozenset[str]
    n_sentences: int


def _day(date: str | None) -> int | None:
    if not date:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", date)
    if not m:
        return None
    import datetime as dt

    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
    except ValueError:
        return None


def _lang(rec: _Record) -> str:
    return (rec.lang or detect_lang(rec.text) or "und").lower()


def _featurize(records: Sequence[_Record], start: int, p: DedupParams) -> list[_Features]:
    """Features of consecutive records, the first at input position ``start``."""
    out = []
    for k, rec in enumerate(records):
        norm = _norm_text(rec.text)
        sig: frozenset[str] = frozenset()
        n_sent = 0
        if p.semantic and norm:
            doc = Document.from_text(rec.text)
            n_sent = len(doc)
            sig = signature(rec.text, sentences=doc.texts)
        out.append(
            _Features(
                pos=start + k,
                id=rec.id,
                lang=_lang(rec),
                day=_day(rec.date),
                text_hash=hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest(),
                minhash=_minhash_values(rec.text, p) if norm else None,
                signature=sig,
                n_sentences=n_sent,
            )
        )
    return out


# -- verification ------------------------------------------------------------------------
def _lexical_links(left: Document, right: Document, link_threshold: float) -> tuple[Link, ...]:
    """Identical sentences first (in order), then the best RapidFuzz ratios among the rest."""
    ln = [_norm_text(t) for t in left.texts]
    rn = [_norm_text(t) for t in right.texts]
    free_r: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(rn):
        if s:
            free_r[s].append(j)
    links: list[Link] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, s in enumerate(ln):
        if s and free_r.get(s):
            j = free_r[s].pop(0)
            links.append(Link((i,), (j,), 1.0))
            used_l.add(i)
            used_r.add(j)
    rest_l = [i for i in range(len(ln)) if i not in used_l and ln[i]]
    rest_r = [j for j in range(len(rn)) if j not in used_r and rn[j]]
    if rest_l and rest_r:
        from rapidfuzz import fuzz, process

        sim = (
            process.cdist(
                [ln[i] for i in rest_l], [rn[j] for j in rest_r], scorer=fuzz.ratio, workers=1
            )
            / 100.0
        )
        a, b = np.nonzero(sim >= link_threshold)
        neg = (-np.round(sim[a, b], 6)).tolist()
        order = sorted(zip(neg, a.tolist(), b.tolist(), strict=True))
        for neg, x, y in order:
            i, j = rest_l[x], rest_r[y]
            if i not in used_l and j not in used_r:
                links.append(Link((i,), (j,), float(min(1.0, -neg))))
                used_l.add(i)
                used_r.add(j)
    return sort_links(links)


def _shares(links: Sequence[Link], n: int, m: int) -> tuple[float, float]:
    sl = sum(len(k.left) for k in links) / n if n else 0.0
    sr = sum(len(k.right) for k in links) / m if m else 0.0
    return round(sl, 6), round(sr, 6)


def _decide(
    share_l: float,
    share_r: float,
    links: Sequence[Link],
    same_lang: bool,
    p: DedupParams,
    *,
    semantic: bool = False,
) -> Relation | None:
    hi, lo = max(share_l, share_r), min(share_l, share_r)
    strong = sum(1 for k in links if k.kind == "equivalent")
    # A lexical alignment links near-identical sentences only; an alignment by meaning must
    # also show enough sentences of equal content (partial links and wide beads inflate the
    # shares of two unrelated articles on one topic).
    enough = not semantic or strong >= p.min_equivalent_links
    if same_lang:
        enough = not semantic or strong >= p.near_min_equivalent_links
        if enough and hi >= p.threshold and lo >= p.min_share:
            return "near_duplicate"
    elif enough and hi >= p.translation_threshold and lo >= p.translation_min_share:
        return "translation"
    if p.story_min_links and strong >= p.story_min_links and hi >= p.story_threshold:
        return "same_story"
    return None


# One verification job: (left pos, right pos, left text, right text, left lang, right lang,
# the candidate's jaccard / cosine / shared features).
_Job = tuple[int, int, str, str, str, str, float | None, float | None, int | None]
# Its outcome: (left pos, right pos, relation or None, evidence without ids).
_Outcome = tuple[int, int, Relation | None, DedupEvidence]


class _DocCache:
    """Segmented documents of one batch (a record is often in several pairs)."""

    def __init__(self) -> None:
        self._docs: dict[int, Document] = {}

    def get(self, pos: int, text: str) -> Document:
        doc = self._docs.get(pos)
        if doc is None:
            doc = self._docs[pos] = Document.from_text(text)
        return doc


def _verify_lexical(jobs: Sequence[_Job], p: DedupParams) -> list[_Outcome]:
    """Lexical sentence alignment of MinHash candidates (runs on workers in the Dask path)."""
    cache = _DocCache()
    out: list[_Outcome] = []
    for a, b, ta, tb, la, lb, jac, cos, shared in jobs:
        da, db_ = cache.get(a, ta), cache.get(b, tb)
        links = _lexical_links(da, db_, p.lexical_link)
        sl, sr = _shares(links, len(da), len(db_))
        rel = _decide(sl, sr, (), la == lb, p)
        if rel not in (None, "near_duplicate"):
            rel = None  # a lexical alignment speaks only for copies; the semantic stage decides
        ev = DedupEvidence(None, "lexical", sl, sr, jac, cos, shared, links)
        out.append((a, b, rel, ev))
    return out


def _verify_semantic(
    jobs: Sequence[_Job], encoder: str | Encoder | None, p: DedupParams
) -> list[_Outcome]:
    """Sentence alignment (:func:`newsalign.align`) of signature + embedding candidates."""
    from .alignment import align

    enc = get_encoder(encoder)
    cache = _DocCache()
    out: list[_Outcome] = []
    for a, b, ta, tb, la, lb, jac, cos, shared in jobs:
        da, db_ = cache.get(a, ta), cache.get(b, tb)
        mode = "rewrite" if la == lb else "translation"
        al = align(da, db_, encoder=enc, mode=mode)
        sl, sr = _shares(al.links, len(da), len(db_))
        rel = _decide(sl, sr, al.links, la == lb, p, semantic=True)
        ev = DedupEvidence(None, "semantic", sl, sr, jac, cos, shared, al.links)
        out.append((a, b, rel, ev))
    return out


def _passage(text: str, p: DedupParams) -> str:
    """The lead and a few evenly spaced sentences: what one embedding of a record reads."""
    sents = Document.from_text(text).texts
    lead = list(sents[: p.lead_sentences])
    rest = sents[p.lead_sentences :]
    if rest and p.sample_sentences:
        step = len(rest) / p.sample_sentences
        picks = sorted({int(k * step + step / 2) for k in range(p.sample_sentences)})
        lead += [rest[k] for k in picks if k < len(rest)]
    return " ".join(lead)


def _embed(
    items: Sequence[tuple[int, str]], encoder: str | Encoder | None, p: DedupParams
) -> list[tuple[int, np.ndarray]]:
    """Passage embeddings of (pos, text) items, one row per record."""
    enc = get_encoder(encoder)
    passages = [_passage(text, p) for _, text in items]
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


# -- candidates on the index -------------------------------------------------------------
class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller position is the root: components are named by their first record
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def _within_days(fa: _Features, fb: _Features, p: DedupParams) -> bool:
    if p.max_days is None or fa.day is None or fb.day is None:
        return True
    return abs(fa.day - fb.day) <= p.max_days


def _exact_pairs(feats: Sequence[_Features]) -> tuple[list[tuple[int, int]], set[int]]:
    """(first, copy) pairs of records with the same normalised text; the copies' positions."""
    first: dict[bytes, int] = {}
    pairs: list[tuple[int, int]] = []
    copies: set[int] = set()
    for f in feats:
        if f.minhash is None:
            continue  # empty text: nothing to compare
        k = first.setdefault(f.text_hash, f.pos)
        if k != f.pos:
            pairs.append((k, f.pos))
            copies.add(f.pos)
    return pairs, copies


def _lsh_pairs(
    feats: Sequence[_Features], skip: set[int], p: DedupParams
) -> list[tuple[int, int, float]]:
    """MinHash LSH candidate pairs (earlier, later, estimated Jaccard), same language."""
    try:
        from datasketch import MinHashLSH
    except ImportError as exc:
        raise MissingDependencyError(f"dedup needs datasketch: {_EXTRA}") from exc
    MinHash = _minhash_class()
    perms = _permutations(p.num_perm)
    lsh = MinHashLSH(threshold=p.lsh_threshold, num_perm=p.num_perm)
    out: list[tuple[int, int, float]] = []
    for f in feats:
        if f.minhash is None or f.pos in skip:
            continue
        mh = MinHash(hashvalues=f.minhash, permutations=perms, scheme="affine32")
        for other in sorted(lsh.query(mh)):
            g = feats[other]
            if g.lang == f.lang and _within_days(g, f, p):
                assert g.minhash is not None
                jac = float(np.mean(g.minhash == f.minhash))
                out.append((other, f.pos, jac))
        lsh.insert(f.pos, mh)
    return out


def _signature_candidates(
    feats: Sequence[_Features], skip: set[int], p: DedupParams
) -> tuple[dict[tuple[int, int], int], set[int]]:
    """Plausible pairs ``{(a, b): shared features}`` and records too poor to judge."""
    postings: dict[str, list[int]] = defaultdict(list)
    for f in feats:
        if f.pos not in skip and f.minhash is not None:
            for feat in f.signature:
                postings[feat].append(f.pos)
    useful: dict[int, int] = defaultdict(int)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for feat in sorted(postings):
        docs = postings[feat]
        if len(docs) < 2 or len(docs) > p.max_feature_df:
            continue
        for x in docs:
            useful[x] += 1
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                shared[(a, b)] += 1
    plausible = {
        k: v
        for k, v in shared.items()
        if v >= p.min_shared_features and _within_days(feats[k[0]], feats[k[1]], p)
    }
    poor = {
        f.pos
        for f in feats
        if f.pos not in skip
        and f.minhash is not None
        and useful.get(f.pos, 0) < max(1, p.strong_shared_features)
    }
    return plausible, poor


def _knn(
    queries: Sequence[int],
    qvecs: np.ndarray,
    targets: Sequence[int],
    tvecs: np.ndarray,
    k: int,
    block: int = 256,
) -> Iterator[tuple[int, int, float]]:
    """Exact top-``k`` targets of each query by cosine, blockwise: (query, target, cosine).

    A record is never its own neighbour.
    """
    if not len(queries) or not len(targets):
        return
    kk = min(k + 1, len(targets))
    tpos = np.asarray(targets)
    for start in range(0, len(queries), block):
        sims = qvecs[start : start + block] @ tvecs.T
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        for r in range(len(sims)):
            q = int(queries[start + r])
            found = 0
            for c in sorted(top[r].tolist(), key=lambda c: (-sims[r, c], c)):
                t = int(tpos[c])
                if t != q and found < k:
                    found += 1
                    yield q, t, round(float(sims[r, c]), 5)


def _semantic_candidates(
    feats: Sequence[_Features],
    vectors: Mapping[int, np.ndarray],
    plausible: Mapping[tuple[int, int], int],
    poor: set[int],
    uf: _UnionFind,
    p: DedupParams,
) -> list[tuple[int, int, float, int | None]]:
    """Pairs to align: near in embedding space and plausible (or a side is poor)."""
    by_lang: dict[str, list[int]] = defaultdict(list)
    for x in sorted(vectors):
        by_lang[feats[x].lang].append(x)
    mats = {
        lang: np.vstack([vectors[x] for x in xs]).astype(np.float32) for lang, xs in by_lang.items()
    }
    best: dict[tuple[int, int], float] = {}
    # Neighbours are searched in every language separately: a multilingual encoder puts
    # two unrelated texts of one language closer than a text and its translation.
    for ql in sorted(by_lang):
        for tl in sorted(by_lang):
            knn = _knn(by_lang[ql], mats[ql], by_lang[tl], mats[tl], p.neighbors)
            for a, b, cos in knn:
                key = (a, b) if a < b else (b, a)
                if key in best or uf.find(a) == uf.find(b):
                    continue
                shared = plausible.get(key, 0)
                if shared >= p.strong_shared_features:
                    ok = cos >= p.min_cosine
                elif shared or a in poor or b in poor:
                    ok = cos >= p.weak_min_cosine and _within_days(feats[a], feats[b], p)
                else:
                    ok = False
                if ok:
                    best[key] = cos
    # At most pairs_per_components pairs per pair of near-duplicate groups: a translation
    # of a wire story need not be aligned with every copy of it.
    by_groups: dict[tuple[int, int], list[tuple[float, int, int]]] = defaultdict(list)
    for (a, b), cos in best.items():
        ga, gb = uf.find(a), uf.find(b)
        by_groups[(min(ga, gb), max(ga, gb))].append((-cos, a, b))
    out = []
    for key in sorted(by_groups):
        for neg, a, b in heapq.nsmallest(p.pairs_per_components, by_groups[key]):
            out.append((a, b, -neg, plausible.get((a, b))))
    return sorted(out, key=lambda t: (t[0], t[1]))


# -- assembling the answer ---------------------------------------------------------------
def _assemble(
    feats: Sequence[_Features], outcomes: Sequence[_Outcome], stats: DedupStats
) -> DedupResult:
    n = len(feats)
    uf = _UnionFind(n)
    pairs: list[DuplicatePair] = []
    best: dict[int, tuple[int, int, DedupEvidence, Relation]] = {}
    for a, b, rel, ev in sorted(outcomes, key=lambda o: (o[0], o[1])):
        if rel is None:
            continue
        uf.union(a, b)
        pairs.append(DuplicatePair(feats[a].id, feats[b].id, rel, replace(ev, match=feats[b].id)))
        for me, other, oriented in (
            (a, b, replace(ev, match=feats[b].id)),
            (b, a, ev.inverse(feats[a].id)),
        ):
            rank = (_STRENGTH[rel], other)
            cur = best.get(me)
            if cur is None or rank < (cur[0], cur[1]):
                best[me] = (rank[0], other, oriented, rel)
    cluster_of: dict[int, int] = {}
    members: dict[int, list[RecordId]] = defaultdict(list)
    decisions = []
    for f in feats:
        root = uf.find(f.pos)
        cluster = cluster_of.setdefault(root, len(cluster_of))
        members[cluster].append(f.id)
        rep = feats[root].id
        if f.pos not in best:
            decisions.append(DedupDecision(f.id, cluster, "unique", rep, DedupEvidence()))
        elif root == f.pos:
            decisions.append(DedupDecision(f.id, cluster, "representative", rep, DedupEvidence()))
        else:
            _, _, ev, rel = best[f.pos]
            decisions.append(DedupDecision(f.id, cluster, rel, rep, ev))
    groups = tuple(DuplicateGroup(c, members[c][0], tuple(members[c])) for c in range(len(members)))
    stats = replace(stats, records=n, verified_pairs=len(pairs))
    return DedupResult(tuple(decisions), groups, tuple(pairs), stats)


def write_jsonl(result: DedupResult, out: IO[str]) -> int:
    """Write one JSON line per decision, in input order; returns the number written."""
    for d in result.decisions:
        out.write(json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=False))
        out.write("\n")
    return len(result.decisions)


# -- the pipeline, independent of where the stages run -----------------------------------
class _Runner:
    """Runs the stages of the pipeline through an executor-like backend.

    ``featurize`` streams records and returns features; ``texts`` returns (pos, text) for
    positions; ``map`` runs a function over batches. The in-process backend does it all
    here; :mod:`newsalign.dedup_dask` does it on a Dask cluster.
    """

    def texts(self, positions: Sequence[int]) -> dict[int, str]:
        raise NotImplementedError

    def map(self, fn: Callable[..., list[Any]], batches: Sequence[Any], *args: Any) -> list[Any]:
        raise NotImplementedError


def _batches(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[k : k + size]) for k in range(0, len(items), size)]


def _run_stages(
    feats: Sequence[_Features],
    runner: _Runner,
    encoder: str | Encoder | None,
    p: DedupParams,
    *,
    batch_size: int = 64,
    progress: bool = False,
) -> DedupResult:
    exact, copies = _exact_pairs(feats)
    outcomes: list[_Outcome] = [
        (a, b, "exact", DedupEvidence(None, "hash", 1.0, 1.0, 1.0)) for a, b in exact
    ]
    lsh = _lsh_pairs(feats, copies, p)
    logger.debug("%d exact pairs, %d LSH candidates", len(exact), len(lsh))
    outcomes += _verify(
        runner,
        lsh,
        feats,
        None,
        None,
        _verify_lexical,
        (p,),
        batch_size,
        progress,
        "near-duplicate pairs",
    )
    stats = DedupStats(exact_pairs=len(exact), lsh_pairs=len(lsh))
    if p.semantic:
        uf = _UnionFind(len(feats))
        for a, b, rel, _ in outcomes:
            if rel is not None:
                uf.union(a, b)
        if p.signature_filter:
            plausible, poor = _signature_candidates(feats, copies, p)
        else:
            plausible = {}
            poor = {f.pos for f in feats if f.pos not in copies and f.minhash is not None}
        to_embed = sorted({x for pair in plausible for x in pair} | poor)
        texts = runner.texts(to_embed)
        vec_batches = runner.map(
            _embed, _batches([(x, texts[x]) for x in to_embed], batch_size), encoder, p
        )
        del texts
        vectors = {pos: v for batch in vec_batches for pos, v in batch}
        sem = _semantic_candidates(feats, vectors, plausible, poor, uf, p)
        logger.debug(
            "%d plausible pairs, %d poor records, %d embedded, %d to align",
            len(plausible),
            len(poor),
            len(vectors),
            len(sem),
        )
        outcomes += _verify(
            runner,
            [(a, b, None) for a, b, _, _ in sem],
            feats,
            {(a, b): cos for a, b, cos, _ in sem},
            {(a, b): s for a, b, _, s in sem},
            _verify_semantic,
            (encoder, p),
            max(1, batch_size // 8),
            progress,
            "semantic pairs",
        )
        stats = replace(
            stats,
            signature_pairs=len(plausible),
            poor_records=len(poor),
            embedded=len(vectors),
            semantic_pairs=len(sem),
        )
    return _assemble(feats, outcomes, stats)


def _verify(
    runner: _Runner,
    pairs: Sequence[tuple[int, int, float | None]],
    feats: Sequence[_Features],
    cosines: Mapping[tuple[int, int], float] | None,
    shared: Mapping[tuple[int, int], int | None] | None,
    fn: Callable[..., list[_Outcome]],
    args: tuple[Any, ...],
    batch_size: int,
    progress: bool,
    what: str,
) -> list[_Outcome]:
    out: list[_Outcome] = []
    # Batches are built a slice at a time so that only their texts are in memory.
    chunk = batch_size * 32
    with _progress(len(pairs), what, progress) as bar:
        for start in range(0, len(pairs), chunk):
            part = pairs[start : start + chunk]
            texts = runner.texts(sorted({x for a, b, _ in part for x in (a, b)}))
            jobs: list[_Job] = [
                (
                    a, b, texts[a], texts[b], feats[a].lang, feats[b].lang, jac,
                    None if cosines is None else cosines.get((a, b)),
                    None if shared is None else shared.get((a, b)),
                )
                for a, b, jac in part
            ]  # fmt: skip
            for res in runner.map(fn, _batches(jobs, batch_size), *args):
                out.extend(res)
            bar.update(len(part))
    return out


class _Progress:
    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress(total: int | None, what: str, enabled: bool) -> _Progress:
    if not enabled:
        return _Progress(None)
    try:
        from tqdm import tqdm
    except ImportError as exc:
        raise MissingDependencyError(f"a progress bar needs tqdm: {_EXTRA}") from exc
    return _Progress(tqdm(total=total, desc=what, unit="", file=sys.stderr, leave=False))


# -- in process --------------------------------------------------------------------------
class _TextStore:
    """Texts spilled to a temporary file, so memory holds offsets, not the corpus."""

    def __init__(self) -> None:
        # closed by close(), which dedup() calls in a finally block
        self._fh = tempfile.TemporaryFile()  # noqa: SIM115
        self._offsets = array("q", [0])

    def add(self, text: str) -> None:
        data = text.encode("utf-8")
        self._fh.seek(0, os.SEEK_END)
        self._fh.write(data)
        self._offsets.append(self._offsets[-1] + len(data))

    def get(self, pos: int) -> str:
        start, end = self._offsets[pos], self._offsets[pos + 1]
        self._fh.seek(start)
        return self._fh.read(end - start).decode("utf-8")

    def close(self) -> None:
        self._fh.close()


class _LocalRunner(_Runner):
    def __init__(self, store: _TextStore) -> None:
        self.store = store

    def texts(self, positions: Sequence[int]) -> dict[int, str]:
        return {x: self.store.get(x) for x in positions}

    def map(self, fn: Callable[..., list[Any]], batches: Sequence[Any], *args: Any) -> list[Any]:
        return [fn(batch, *args) for batch in batches]


def dedup(
    records: Iterable[Mapping[str, Any]] | str | os.PathLike[str],
    *,
    threshold: float | None = None,
    encoder: str | Encoder | None = None,
    params: DedupParams | None = None,
    progress: bool = False,
    chunk_size: int = 1000,
) -> DedupResult:
    """Find exact copies, near copies, translations and same-story records, in process.

    Args:
        records: mappings ``{"id", "text", "lang"?, "date"?}`` (any iterable, read once) or
            the path of a JSONL file of them. Ids are kept as given and must be unique.
        threshold: the aligned share that makes a near duplicate (``params.threshold``).
        encoder: encoder for the semantic stage (``"use-m3"`` by default; ``"tfidf"`` works
            for same-language text only).
        params: every other setting (:class:`DedupParams`).
        progress: show progress bars on stderr (tqdm).
        chunk_size: records featurised at a time.

    Returns:
        A :class:`DedupResult`: one :class:`DedupDecision` per record in input order, the
        :class:`DuplicateGroup` partition, and the verified :class:`DuplicatePair` list.

    Raises:
        InputError: a record lacks ``id`` or ``text``, has a wrong type, or repeats an id.
        ConfigError: a setting is out of range or the encoder is unknown.
        MissingDependencyError: datasketch (or tqdm for ``progress``) is not installed.

    Example:
        >>> story = "Troops crossed the border on Monday. Officials said 3,000 soldiers moved."
        >>> res = dedup([
        ...     {"id": "a", "text": story},
        ...     {"id": "b", "text": story.upper()},
        ...     {"id": "c", "text": "The central bank raised rates by a quarter point."},
        ... ], params=DedupParams(semantic=False))
        >>> [(d.id, d.cluster, d.relation, d.representative) for d in res.decisions]
        [('a', 0, 'representative', 'a'), ('b', 0, 'exact', 'a'), ('c', 1, 'unique', 'c')]
    """
    p = _params(params, threshold)
    if chunk_size < 1:
        raise ConfigError(f"chunk_size must be >= 1, got {chunk_size!r}")
    store = _TextStore()
    try:
        feats: list[_Features] = []
        chunk: list[_Record] = []
        with _progress(None, "records", progress) as bar:
            for rec in iter_records(records):
                store.add(rec.text)
                chunk.append(rec)
                if len(chunk) >= chunk_size:
                    feats += _featurize(chunk, len(feats), p)
                    bar.update(len(chunk))
                    chunk = []
            feats += _featurize(chunk, len(feats), p)
            bar.update(len(chunk))
        return _run_stages(feats, _LocalRunner(store), encoder, p, progress=progress)
    finally:
        store.close()
