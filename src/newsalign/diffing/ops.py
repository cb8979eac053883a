"""Sentence- and fact-level diff of two versions of a story.

:func:`diff` aligns two versions (:func:`newsalign.align`) and turns the alignment into a
sequence of :class:`DiffOp`, each with a tag from a closed set (like RapidFuzz's ``Opcode``,
whose tags match difflib's):

================  ==========================================================================
tag               meaning
================  ==========================================================================
``equal``         the linked sentences read the same after normalisation (case, spacing,
                  typographic quotes and dashes), whatever the number on each side
``paraphrase``    one left sentence and one right sentence say the same thing in other words
``partial``       linked sentences overlap in content; one side says more, or they share a
                  part (any number of sentences per side)
``split``         one left sentence is said by several right sentences (1-n)
``merged``        several left sentences are said by one right sentence (n-1)
``regrouped``     several left sentences are said by several right sentences (n-m)
``deleted``       one left sentence with no counterpart (only in left)
``inserted``      one right sentence with no counterpart (only in right)
================  ==========================================================================

``moved`` is true on a linked op that is out of order: the longest in-order chain of links
(by sentences covered) stays in place, every other link moved.

**Lossless.** Every sentence of both inputs is in exactly one op, and the ops carry the
sentence texts, so :meth:`Diff.left_texts` and :meth:`Diff.right_texts` rebuild both
sentence lists from the ops alone.

**Order.** Ops follow the left version; an inserted sentence stands just before the in-place
link that follows it in the right version (after the left sentences deleted there), as in
a classic diff. A moved link stands at its left position.

**Facts.** Every op carries :class:`~newsalign.facts.FactDifference` records from
:func:`newsalign.facts.compare_facts`; for an inserted or deleted sentence these are its facts
as ``right_only`` or ``left_only``. ``elsewhere`` on a one-sided fact lists the sentences of
the other version that state the same fact outside the op.

The diff encodes nothing itself: the aligner's encoder calls are the only ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..alignment import AlignParams, align
from ..embed import Encoder
from ..errors import InputError
from ..facts import (
    CONFLICT_KINDS,
    Fact,
    FactDifference,
    compare_facts,
    document_facts,
    same_fact,
)
from ..records import Alignment, Document, Link, Mode
from ..text import TYPOGRAPHY

__all__ = [
    "DIFF_TAGS",
    "Diff",
    "DiffOp",
    "DiffSummary",
    "DiffTag",
    "diff",
    "diff_alignment",
    "links_in_place",
]

DiffTag = Literal[
    "equal", "paraphrase", "partial", "split", "merged", "regrouped", "deleted", "inserted"
]
#: The closed set of diff tags (see the module docstring for their meaning).
DIFF_TAGS: tuple[DiffTag, ...] = (
    "equal", "paraphrase", "partial", "split", "merged", "regrouped", "deleted", "inserted",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a diff: linked sentences, or one sentence only one version has.

    Attributes:
        tag: one of :data:`DIFF_TAGS`.
        left: left sentence indices (sorted; empty for ``inserted``).
        right: right sentence indices (sorted; empty for ``deleted``).
        left_texts: the left sentences, in the order of ``left``.
        right_texts: the right sentences, in the order of ``right``.
        moved: the link is out of the order of the rest (never true for one-sided ops).
        score: the link's similarity in [0, 1]; ``None`` for ``inserted`` and ``deleted``.
        fact_differences: how the two sides differ on facts (numbers, dates, names,
            organisations, quotations).
    """

    tag: DiffTag
    left: tuple[int, ...]
    right: tuple[int, ...]
    left_texts: tuple[str, ...]
    right_texts: tuple[str, ...]
    moved: bool = False
    score: float | None = None
    fact_differences: tuple[FactDifference, ...] = ()

    @property
    def conflicts(self) -> tuple[FactDifference, ...]:
        """The fact differences where the two sides disagree on a value."""
        return tuple(d for d in self.fact_differences if d.kind in CONFLICT_KINDS)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the schema is in ``docs/diff.md``)."""
        return {
            "tag": self.tag,
            "left": list(self.left),
            "right": list(self.right),
            "moved": self.moved,
            "score": None if self.score is None else round(float(self.score), 4),
            "fact_differences": [d.to_dict() for d in self.fact_differences],
        }


@dataclass(frozen=True, slots=True)
class DiffSummary:
    """Counts a reader wants first.

    Attributes:
        left_sentences: sentences in the left version.
        right_sentences: sentences in the right version.
        shared_left: left sentences in a linked op.
        shared_right: right sentences in a linked op.
        equal, paraphrase, partial, split, merged, regrouped, deleted, inserted: ops per tag.
        moved: linked ops out of order.
        conflicts: fact differences of a conflicting kind (conflict, qualifier, role, unit).
        name_variants: people spelled differently.
        restated: facts both sides give in forms that cannot be compared.
        left_only_facts: facts of linked ops only the left passage states and the right
            version never states anywhere.
        right_only_facts: the same, the other way round.
    """

    left_sentences: int
    right_sentences: int
    shared_left: int
    shared_right: int
    equal: int
    paraphrase: int
    partial: int
    split: int
    merged: int
    regrouped: int
    deleted: int
    inserted: int
    moved: int
    conflicts: int
    name_variants: int
    restated: int
    left_only_facts: int
    right_only_facts: int

    @property
    def shared_ratio(self) -> float:
        """Share of all sentences (both versions) that are in a linked op, in [0, 1]."""
        total = self.left_sentences + self.right_sentences
        return (self.shared_left + self.shared_right) / total if total else 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: every field, plus ``shared_ratio``."""
        out: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        out["shared_ratio"] = round(self.shared_ratio, 4)
        return out


@dataclass(frozen=True, slots=True)
class Diff:
    """The sentence- and fact-level diff of two versions; a sequence of :class:`DiffOp`.

    Attributes:
        alignment: the alignment the diff was built from (its documents, encoder, mode).
        ops: the ops, in reading order (see the module docstring).

    Example:
        >>> d = diff("Troops moved. Talks failed.", "Talks failed. Troops moved. Rain fell.",
        ...          encoder="tfidf")
        >>> [(op.tag, op.left, op.right, op.moved) for op in d]
        [('equal', (0,), (1,), False), ('equal', (1,), (0,), True), ('inserted', (), (2,), False)]
    """

    alignment: Alignment
    ops: tuple[DiffOp, ...]

    @property
    def left(self) -> Document:
        """The left document."""
        return self.alignment.left

    @property
    def right(self) -> Document:
        """The right document."""
        return self.alignment.right

    def __iter__(self) -> Iterator[DiffOp]:
        return iter(self.ops)

    def __len__(self) -> int:
        return len(self.ops)

    def __getitem__(self, index: int) -> DiffOp:
        return self.ops[index]

    def left_texts(self) -> tuple[str, ...]:
        """The left sentence list, rebuilt from the ops alone."""
        pairs = (zip(op.left, op.left_texts, strict=True) for op in self.ops)
        return _rebuild(item for pair in pairs for item in pair)

    def right_texts(self) -> tuple[str, ...]:
        """The right sentence list, rebuilt from the ops alone."""
        pairs = (zip(op.right, op.right_texts, strict=True) for op in self.ops)
        return _rebuild(item for pair in pairs for item in pair)

    def fact_differences(self) -> tuple[FactDifference, ...]:
        """Every fact difference of every op, in op order."""
        return tuple(d for op in self.ops for d in op.fact_differences)

    @property
    def summary(self) -> DiffSummary:
        """Counts of ops per tag, shared sentences and fact differences."""
        tags = {t: 0 for t in DIFF_TAGS}
        for op in self.ops:
            tags[op.tag] += 1
        linked = [op for op in self.ops if op.left and op.right]
        diffs = [d for op in linked for d in op.fact_differences]
        return DiffSummary(
            left_sentences=len(self.left),
            right_sentences=len(self.right),
            shared_left=sum(len(op.left) for op in linked),
            shared_right=sum(len(op.right) for op in linked),
            moved=sum(op.moved for op in self.ops),
            conflicts=sum(d.kind in CONFLICT_KINDS for d in diffs),
            name_variants=sum(d.kind == "name_variant" for d in diffs),
            restated=sum(d.kind == "restated" for d in diffs),
            left_only_facts=sum(d.kind == "left_only" and not d.elsewhere for d in diffs),
            right_only_facts=sum(d.kind == "right_only" and not d.elsewhere for d in diffs),
            **tags,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; the schema is documented in ``docs/diff.md``.

        Example:
            >>> d = diff("A cat sat.", "A cat sat.", encoder="tfidf")
            >>> sorted(d.to_dict())
            ['encoder', 'left', 'left_name', 'mode', 'ops', 'right', 'right_name', 'summary']
        """
        return {
            "left": list(self.left.texts),
            "right": list(self.right.texts),
            "left_name": self.left.name,
            "right_name": self.right.name,
            "encoder": self.alignment.encoder,
            "mode": self.alignment.mode,
            "ops": [op.to_dict() for op in self.ops],
            "summary": self.summary.to_dict(),
        }


def _rebuild(items: Iterator[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(text for _, text in sorted(items, key=lambda it: it[0]))


# -- building -----------------------------------------------------------------------------
def diff(
    left: Document | str,
    right: Document | str,
    *,
    encoder: str | Encoder | None = None,
    mode: Mode = "rewrite",
    threshold: float | None = None,
    params: AlignParams | None = None,
) -> Diff:
    """Diff two versions of a story, sentence by sentence and fact by fact.

    Args:
        left: a :class:`~newsalign.records.Document`, or text to segment.
        right: the other version.
        encoder: as for :func:`newsalign.align` (``"use-m3"`` by default, ``"tfidf"``...).
        mode: ``"rewrite"`` (any order) or ``"translation"``.
        threshold: lowest score of a 1-1 link (see :func:`newsalign.align`).
        params: the aligner's other settings.

    Returns:
        A :class:`Diff` whose ops cover every sentence of both versions exactly once.

    Raises:
        ConfigError: unknown mode or encoder, threshold outside [0, 1].
        InputError: an input is neither a Document nor a str.

    Example:
        >>> d = diff("Over 3,000 troops left on the 23rd. Talks failed. Rain fell all day.",
        ...          "Rain fell all day. Around 3,000 troops left on the 23rd. Talks failed.",
        ...          encoder="tfidf")
        >>> [(op.tag, op.left, op.right, op.moved) for op in d]  # doctest: +NORMALIZE_WHITESPACE
        [('paraphrase', (0,), (1,), False), ('equal', (1,), (2,), False),
         ('equal', (2,), (0,), True)]
        >>> [(f.kind, f.left_value, f.right_value) for f in d.ops[0].fact_differences]
        [('qualifier', 'Over 3,000 troops', 'Around 3,000 troops')]
    """
    return diff_alignment(
        align(left, right, encoder=encoder, mode=mode, threshold=threshold, params=params)
    )


def diff_alignment(alignment: Alignment) -> Diff:
    """Build the :class:`Diff` of an alignment you already have.

    Args:
        alignment: any :class:`~newsalign.records.Alignment` (from :func:`newsalign.align`
            or :func:`newsalign.align_embeddings`).

    Raises:
        InputError: ``alignment`` is not an Alignment.

    Example:
        >>> import numpy as np
        >>> from newsalign import align_embeddings
        >>> v = np.eye(2, dtype=np.float32)
        >>> al = align_embeddings(v, v[[1, 0]], left=["A b.", "C d."], right=["C d.", "A b."])
        >>> [(op.tag, op.moved) for op in diff_alignment(al)]
        [('equal', False), ('equal', True)]
    """
    if not isinstance(alignment, Alignment):
        raise InputError(f"alignment must be an Alignment, got {type(alignment).__name__}")
    left_doc, right_doc = alignment.left, alignment.right
    left_facts = document_facts(left_doc)
    right_facts = document_facts(right_doc)
    left_index, right_index = _FactIndex(left_facts), _FactIndex(right_facts)
    in_place = links_in_place(alignment.links)
    keyed: list[tuple[tuple[int, int, int], DiffOp]] = []
    for k, link in enumerate(alignment.links):
        facts_l = [f for i in link.left for f in left_facts[i]]
        facts_r = [f for j in link.right for f in right_facts[j]]
        diffs = _with_elsewhere(
            compare_facts(facts_l, facts_r), left_index, right_index, link.left, link.right
        )
        op = DiffOp(
            tag=_tag(link, left_doc, right_doc),
            left=link.left,
            right=link.right,
            left_texts=tuple(left_doc[i].text for i in link.left),
            right_texts=tuple(right_doc[j].text for j in link.right),
            moved=k not in in_place,
            score=link.score,
            fact_differences=diffs,
        )
        keyed.append(((link.left[0], 0, link.right[0]), op))
    for i in alignment.unmatched_left:
        diffs = _with_elsewhere(compare_facts(left_facts[i], ()), left_index, right_index, (i,), ())
        op = DiffOp("deleted", (i,), (), (left_doc[i].text,), (), fact_differences=diffs)
        keyed.append(((i, 0, -1), op))
    # An inserted sentence goes just before the in-place link that follows it on the right.
    next_anchor = [len(left_doc)] * (len(right_doc) + 1)
    anchor_of = {alignment.links[k].right[0]: alignment.links[k].left[0] for k in in_place}
    for j in range(len(right_doc) - 1, -1, -1):
        next_anchor[j] = anchor_of.get(j, next_anchor[j + 1])
    for j in alignment.unmatched_right:
        diffs = _with_elsewhere(
            compare_facts((), right_facts[j]), left_index, right_index, (), (j,)
        )
        op = DiffOp("inserted", (), (j,), (), (right_doc[j].text,), fact_differences=diffs)
        keyed.append(((next_anchor[j + 1], -1, j), op))
    keyed.sort(key=lambda item: item[0])
    return Diff(alignment, tuple(op for _, op in keyed))


def _tag(link: Link, left: Document, right: Document) -> DiffTag:
    if _normalise(" ".join(left[i].text for i in link.left)) == _normalise(
        " ".join(right[j].text for j in link.right)
    ):
        return "equal"
    if link.kind == "partial":
        return "partial"
    n, m = len(link.left), len(link.right)
    if n == 1 and m == 1:
        return "paraphrase"
    if n == 1:
        return "split"
    if m == 1:
        return "merged"
    return "regrouped"


def _normalise(text: str) -> str:
    """Case, spacing, Unicode form, typographic quotes and dashes do not make a change."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY).casefold()
    return re.sub(r"\s+", " ", text).strip()


def links_in_place(links: Sequence[Link]) -> frozenset[int]:
    """Indices of the links on the heaviest chain increasing on both sides.

    Links are sorted by first left index; the chain is a longest increasing subsequence of
    their first right indices, weighted by the sentences a link covers (a Fenwick tree keeps
    it O(n log n)). Ties go to the chain ending earliest on the right, then to lower indices,
    so the result is deterministic. The diff marks every other link ``moved``; public as a
    seam for the brute-force test.

    Example:
        >>> from newsalign import Link
        >>> links = [Link((0,), (1,), 1.0), Link((1,), (0,), 1.0), Link((2,), (2,), 1.0)]
        >>> sorted(links_in_place(links))
        [0, 2]
    """
    n = len(links)
    if n == 0:
        return frozenset()
    ranks = {r: k for k, r in enumerate(sorted(link.right[0] for link in links))}
    size = len(ranks)
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (best weight, link index)
    best: list[int] = [0] * n
    prev: list[int] = [-1] * n

    def query(pos: int) -> tuple[int, int]:
        out = (0, -1)
        while pos > 0:
            if tree[pos][0] > out[0]:
                out = tree[pos]
            pos -= pos & -pos
        return out

    def update(pos: int, item: tuple[int, int]) -> None:
        while pos <= size:
            if item[0] > tree[pos][0]:
                tree[pos] = item
            pos += pos & -pos

    for k, link in enumerate(links):
        rank = ranks[link.right[0]]
        weight, before = query(rank)  # chains ending strictly before this right position
        best[k] = weight + len(link.left) + len(link.right)
        prev[k] = before
        update(rank + 1, (best[k], k))
    end = max(range(n), key=lambda k: (best[k], -k))
    chain: set[int] = set()
    while end >= 0:
        chain.add(end)
        end = prev[end]
    return frozenset(chain)


def _with_elsewhere(
    diffs: Sequence[FactDifference],
    left_index: _FactIndex,
    right_index: _FactIndex,
    left_here: Sequence[int],
    right_here: Sequence[int],
) -> tuple[FactDifference, ...]:
    """Note where the other version states a one-sided fact outside this op (new records)."""
    out = []
    for d in diffs:
        if d.kind == "left_only" and d.left_fact is not None:
            where = right_index.find(d.left_fact, right_here)
        elif d.kind == "right_only" and d.right_fact is not None:
            where = left_index.find(d.right_fact, left_here)
        else:
            where = ()
        out.append(replace(d, elsewhere=where) if where else d)
    return tuple(out)


class _FactIndex:
    """The sentences of one document that state a given fact, memoised by fact.

    Quantities and dates are looked up by value; people, organisations and quotations (matched
    loosely) are compared with the facts of their kind once per distinct fact, so a name that
    recurs in every sentence costs one scan, not one per sentence.
    """

    def __init__(self, facts: Sequence[Sequence[Fact]]) -> None:
        self._exact: dict[tuple[str, str], list[int]] = {}
        self._loose: dict[str, list[tuple[int, Fact]]] = {}
        self._memo: dict[tuple[str, str, str], tuple[int, ...]] = {}
        for k, sentence in enumerate(facts):
            for f in sentence:
                if f.kind in ("quantity", "date"):
                    self._exact.setdefault((f.kind, f.value), []).append(k)
                else:
                    self._loose.setdefault(f.kind, []).append((k, f))

    def find(self, fact: Fact, skip: Sequence[int]) -> tuple[int, ...]:
        key = (fact.kind, fact.value, fact.text)
        hits = self._memo.get(key)
        if hits is None:
            if fact.kind in ("quantity", "date"):
                found = set(self._exact.get((fact.kind, fact.value), ()))
            else:
                found = {k for k, f in self._loose.get(fact.kind, ()) if same_fact(fact, f)}
            hits = self._memo[key] = tuple(sorted(found))
        return tuple(k for k in hits if k not in skip)
