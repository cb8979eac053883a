"""Immutable records shared by every part of newsalign.

All records are frozen, slotted dataclasses holding tuples, so results can be hashed,
compared and shared between threads, and nothing downstream can change them by accident.
"Changing" a result (re-thresholding an alignment, say) returns a new object.

Sides are always called ``left`` and ``right``; sentence references are 0-based indices
into :attr:`Document.sentences`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import ConfigError, InputError
from .text import Sentence, segment
from .validate import check_text, check_unit

__all__ = [
    "LINK_KINDS",
    "MODES",
    "Alignment",
    "Bead",
    "Document",
    "Link",
    "LinkKind",
    "Mode",
    "Sentence",
    "format_bead",
    "parse_bead",
]

Mode = Literal["rewrite", "translation"]


#: The alignment modes: ``rewrite`` assumes nothing about order, ``translation`` exploits it.
MODES: tuple[Mode, ...] = ("rewrite", "translation")

LinkKind = Literal["equivalent", "partial"]
#: The closed set of link kinds: ``equivalent`` links carry the same content,
#: ``partial`` links overlap in content (one side says more, or they share a part).
LINK_KINDS: tuple[LinkKind, ...] = ("equivalent", "partial")

#: A bead as Vecalign and Bertalign write it, ``[0, 1]:[0]``: left and right sentence
#: indices; one side is empty for a sentence the other side lacks (``[3]:[]``, ``[]:[4]``).
Bead = tuple[tuple[int, ...], tuple[int, ...]]

_SIDE = r"\[\s*((?:\d+\s*,\s*)*\d+)?\s*\]"
_BEAD_LINE = re.compile(rf"^\s*{_SIDE}\s*:\s*{_SIDE}\s*(?::\s*([^:\s]+)\s*)?$")


def format_bead(left: Sequence[int], right: Sequence[int], score: float | None = None) -> str:
    """One bead line as Vecalign writes it (``print_alignments``), score to 6 decimals.

    Example:
        >>> format_bead((0, 1), (0,)), format_bead((3,), (), 0.5)
        ('[0, 1]:[0]', '[3]:[]:0.500000')
    """
    text = f"{list(left)}:{list(right)}"
    return text if score is None else f"{text}:{score:.6f}"


def parse_bead(line: str) -> tuple[tuple[int, ...], tuple[int, ...], float | None]:
    """Read one bead line: ``[i, ...]:[j, ...]`` with an optional third field, a number.

    Raises :class:`InputError` for anything else; callers that read files add the file name
    and line number.

    Example:
        >>> parse_bead("[0, 1]:[0]"), parse_bead("[]:[4]:0.000000")
        (((0, 1), (0,), None), ((), (4,), 0.0))
    """
    m = _BEAD_LINE.match(line)
    if not m:
        raise InputError(f"not a bead: {line.strip()[:60]!r} (expected [i, ...]:[j, ...][:score])")
    left, right = (
        tuple(int(x) for x in g.split(",")) if g else () for g in (m.group(1), m.group(2))
    )
    score: float | None = None
    if m.group(3) is not None:
        try:
            score = float(m.group(3))
        except ValueError:
            raise InputError(f"bead score is not a number: {m.group(3)!r}") from None
    if not left and not right:
        raise InputError(f"a bead needs a sentence on at least one side: {line.strip()!r}")
    return left, right, score


@dataclass(frozen=True, slots=True)
class Document:
    """A text and its sentences.

    Every character of ``text`` belongs to exactly one sentence or to the whitespace
    between two sentences; :meth:`from_text` guarantees it and the constructor checks it.

    Example:
        >>> doc = Document.from_text("Seoul said so. Pyongyang did not.")
        >>> [s.text for s in doc.sentences]
        ['Seoul said so.', 'Pyongyang did not.']
    """

    text: str
    sentences: tuple[Sentence, ...]
    lang: str | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        pos = 0
        for k, s in enumerate(self.sentences):
            if s.start < pos or s.end <= s.start or s.end > len(self.text):
                raise InputError(
                    f"sentence {k} has offsets [{s.start}, {s.end}) that overlap, are empty or "
                    f"leave the text of length {len(self.text)}"
                )
            if self.text[pos : s.start].strip():
                raise InputError(
                    f"characters {pos}..{s.start} belong to no sentence: "
                    f"{self.text[pos : s.start][:40]!r}"
                )
            if self.text[s.start : s.end] != s.text:
                raise InputError(f"sentence {k} text does not match text[{s.start}:{s.end}]")
            pos = s.end
        if self.text[pos:].strip():
            raise InputError(f"characters from {pos} on belong to no sentence")

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, *, lang: str | None = None, name: str | None = None) -> Document:
        """Segment news prose into sentences.

        Args:
            text: the article, headlines and paragraphs separated by line breaks.
            lang: an ISO 639-1 hint (``"en"``, ``"ko"``); detected from the script if omitted.
            name: a label for messages and reports, such as the file name.

        Example:
            >>> Document.from_text("Rep. Kim spoke. He left.").texts
            ('Rep. Kim spoke.', 'He left.')
        """
        check_text("text", text)
        return cls(text=text, sentences=segment(text, lang=lang), lang=lang, name=name)

    @classmethod
    def from_lines(cls, text: str, *, lang: str | None = None, name: str | None = None) -> Document:
        """Read pre-segmented text: one sentence per line, blank lines end a paragraph.

        The segmentation is kept exactly; surrounding whitespace of a line is not part of
        its sentence.

        Example:
            >>> Document.from_lines("One.\\nTwo.\\n\\nThree.").sentences[2].paragraph
            1
        """
        check_text("text", text)
        sentences: list[Sentence] = []
        paragraph, offset, blank_run = 0, 0, False
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if stripped:
                if blank_run and sentences:
                    paragraph += 1
                start = offset + (len(line) - len(line.lstrip()))
                sentences.append(Sentence(stripped, start, start + len(stripped), paragraph))
                blank_run = False
            else:
                blank_run = True
            offset += len(line)
        return cls(text=text, sentences=tuple(sentences), lang=lang, name=name)

    @classmethod
    def from_sentences(
        cls, sentences: Iterable[str], *, lang: str | None = None, name: str | None = None
    ) -> Document:
        """Build a document from sentences already split, joined by single spaces.

        Example:
            >>> Document.from_sentences(["One.", "Two."]).text
            'One. Two.'
        """
        out: list[Sentence] = []
        parts: list[str] = []
        offset = 0
        for k, raw in enumerate(sentences):
            s = check_text(f"sentence {k}", raw).strip()
            if not s:
                raise InputError(f"sentence {k} is empty")
            if parts:
                offset += 1
            out.append(Sentence(s, offset, offset + len(s), 0))
            parts.append(s)
            offset += len(s)
        return cls(text=" ".join(parts), sentences=tuple(out), lang=lang, name=name)

    # -- views --------------------------------------------------------------------------
    @property
    def texts(self) -> tuple[str, ...]:
        """The sentence strings, in order."""
        return tuple(s.text for s in self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)

    def __iter__(self) -> Iterator[Sentence]:
        return iter(self.sentences)

    def __getitem__(self, index: int) -> Sentence:
        return self.sentences[index]


@dataclass(frozen=True, slots=True)
class Link:
    """A many-to-many bead: left sentences ``left`` correspond to right sentences ``right``.

    ``Link(left=(7,), right=(12, 13), score=0.83, kind="equivalent")`` is the ``[7]:[12, 13]``
    bead of Vecalign and Bertalign: one left sentence was split in two on the right.

    Attributes:
        left: sorted, non-empty left sentence indices.
        right: sorted, non-empty right sentence indices.
        score: similarity of the two sides in [0, 1].
        kind: ``"equivalent"`` (same content) or ``"partial"`` (overlapping content).
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    kind: LinkKind = "equivalent"

    def __post_init__(self) -> None:
        if not self.left or not self.right:
            raise ConfigError(f"a link needs sentences on both sides, got {self.left}:{self.right}")
        check_unit("link score", self.score)
        if self.kind not in LINK_KINDS:
            raise ConfigError(f"link kind must be one of {LINK_KINDS}, got {self.kind!r}")

    def inverse(self) -> Link:
        """The same link seen from the other side."""
        return Link(left=self.right, right=self.left, score=self.score, kind=self.kind)

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Every (left, right) sentence pair the bead covers."""
        for i in self.left:
            for j in self.right:
                yield (i, j)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"left": [...], "right": [...], "score": s, "kind": k}``."""
        return {
            "left": list(self.left),
            "right": list(self.right),
            "score": round(float(self.score), 4),
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """The links between two documents.

    Every sentence of each side is either in exactly one link or listed as unmatched.

    Attributes:
        left: the left document.
        right: the right document.
        links: beads sorted by their first left index.
        encoder: the encoder's name (``"use-m3"``, ``"tfidf"``, ``"precomputed"``, ...).
        mode: ``"rewrite"`` or ``"translation"``.
    """

    left: Document
    right: Document
    links: tuple[Link, ...]
    encoder: str = "precomputed"
    mode: Mode = "rewrite"
    _unmatched: tuple[tuple[int, ...], tuple[int, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        used_left: set[int] = set()
        used_right: set[int] = set()
        for link in self.links:
            for side, used, n, name in (
                (link.left, used_left, len(self.left), "left"),
                (link.right, used_right, len(self.right), "right"),
            ):
                for k in side:
                    if not 0 <= k < n:
                        raise ConfigError(f"{name} index {k} out of range for {n} sentences")
                    if k in used:
                        raise ConfigError(f"{name} sentence {k} is in more than one link")
                    used.add(k)
        unmatched = (
            tuple(i for i in range(len(self.left)) if i not in used_left),
            tuple(j for j in range(len(self.right)) if j not in used_right),
        )
        object.__setattr__(self, "_unmatched", unmatched)

    @property
    def unmatched_left(self) -> tuple[int, ...]:
        """Left sentence indices that no link covers."""
        return self._unmatched[0]

    @property
    def unmatched_right(self) -> tuple[int, ...]:
        """Right sentence indices that no link covers."""
        return self._unmatched[1]

    def pairs(self) -> frozenset[tuple[int, int]]:
        """All (left, right) sentence pairs covered by the links."""
        return frozenset(p for link in self.links for p in link.pairs())

    def inverse(self) -> Alignment:
        """Swap the sides: ``align(a, b).inverse() == align(b, a)`` up to ties."""
        links = sorted((link.inverse() for link in self.links), key=_link_order)
        return Alignment(self.right, self.left, tuple(links), self.encoder, self.mode)

    def with_min_score(self, threshold: float) -> Alignment:
        """A new alignment keeping only links whose score is at least ``threshold``."""
        check_unit("threshold", threshold)
        kept = tuple(link for link in self.links if link.score >= threshold)
        return replace(self, links=kept)

    def beads(self) -> tuple[Bead, ...]:
        """Links and unmatched sentences as beads, ``[i]:[]`` and ``[]:[j]`` for the latter.

        Links keep their order; an unmatched left sentence comes before the first bead with a
        higher left index, an unmatched right sentence right after the bead holding the right
        sentence before it, so a monotone alignment reads top to bottom as Vecalign's does.

        Example:
            >>> from newsalign import align_embeddings
            >>> import numpy as np
            >>> v = np.eye(2, dtype=np.float32)
            >>> align_embeddings(v, v[:1], left=["A.", "B."], right=["A."]).beads()
            (((0,), (0,)), ((1,), ()))
        """
        return tuple(b for b, _ in self._scored_beads())

    def _scored_beads(self) -> list[tuple[Bead, float | None]]:
        out: list[tuple[Bead, float | None]] = [((k.left, k.right), k.score) for k in self.links]
        for i in self.unmatched_left:
            at = next((n for n, (b, _) in enumerate(out) if b[0] and b[0][0] > i), len(out))
            out.insert(at, (((i,), ()), None))
        for j in self.unmatched_right:
            at = max((n + 1 for n, (b, _) in enumerate(out) if b[1] and b[1][-1] < j), default=0)
            out.insert(at, (((), (j,)), None))
        return out

    def to_beads(self, *, scores: bool = False) -> str:
        """The alignment as a bead file, one bead a line (see :meth:`beads` for the order).

        With ``scores``, a third field holds the link's score (0 for an unmatched sentence,
        as Vecalign writes a zero cost there). Bead files carry no link kind.

        Example:
            >>> from newsalign import align_embeddings
            >>> import numpy as np
            >>> v = np.eye(2, dtype=np.float32)
            >>> print(align_embeddings(v, v, left=["A.", "B."], right=["A.", "B."]).to_beads())
            [0]:[0]
            [1]:[1]
            <BLANKLINE>
        """
        lines = [
            format_bead(b[0], b[1], (s if s is not None else 0.0) if scores else None)
            for b, s in self._scored_beads()
        ]
        return "".join(line + "\n" for line in lines)

    @classmethod
    def from_beads(
        cls,
        beads: str | Iterable[str],
        left: Document,
        right: Document,
        *,
        encoder: str = "beads",
        mode: Mode = "rewrite",
        score: float = 1.0,
    ) -> Alignment:
        """Read a bead file's text (or its lines) as an alignment of ``left`` and ``right``.

        Beads with an empty side only confirm that a sentence is unmatched. A third field is
        the link's score and must lie in [0, 1]; without one, links get ``score``. Errors name
        the line. Vecalign's third field is a cost, not a similarity: score such files with
        ``newsalign score`` (``newsalign.evaluation.read_beads``) rather than reading them here.

        Example:
            >>> a = Document.from_sentences(["A.", "B.", "C."])
            >>> b = Document.from_sentences(["A B.", "C."])
            >>> al = Alignment.from_beads("[0, 1]:[0]\\n[2]:[1]:0.75\\n", a, b)
            >>> [(k.left, k.right, k.score) for k in al.links]
            [((0, 1), (0,), 1.0), ((2,), (1,), 0.75)]
        """
        check_unit("score", score)
        lines = beads.splitlines() if isinstance(beads, str) else list(beads)
        links: list[Link] = []
        seen: tuple[set[int], set[int]] = (set(), set())
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                lhs, rhs, s = parse_bead(line)
            except InputError as exc:
                raise InputError(f"line {n}: {exc}") from None
            for side, idx, used, doc in (
                ("left", lhs, seen[0], left),
                ("right", rhs, seen[1], right),
            ):
                for k in idx:
                    if k >= len(doc):
                        raise InputError(
                            f"line {n}: {side} index {k} out of range for {len(doc)} sentences"
                        )
                    if k in used:
                        raise InputError(f"line {n}: {side} sentence {k} is in an earlier bead")
                    used.add(k)
            if s is not None and not 0.0 <= s <= 1.0:
                raise InputError(f"line {n}: score {s} is not in [0, 1]")
            if lhs and rhs:
                links.append(Link(lhs, rhs, score if s is None else s))
        return cls(left, right, tuple(links), encoder, mode)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; the schema is documented in ``docs/cli.md``.

        Example:
            >>> from newsalign import align_embeddings
            >>> import numpy as np
            >>> v = np.eye(2, dtype=np.float32)
            >>> al = align_embeddings(v, v, left=["A.", "B."], right=["A.", "B."])
            >>> sorted(al.to_dict())
            ['encoder', 'left', 'links', 'mode', 'right', 'unmatched_left', 'unmatched_right']
        """
        return {
            "left": list(self.left.texts),
            "right": list(self.right.texts),
            "links": [link.to_dict() for link in self.links],
            "unmatched_left": list(self.unmatched_left),
            "unmatched_right": list(self.unmatched_right),
            "encoder": self.encoder,
            "mode": self.mode,
        }


def _link_order(link: Link) -> tuple[int, int]:
    return (link.left[0], link.right[0])


def sort_links(links: Sequence[Link]) -> tuple[Link, ...]:
    """Links in canonical order (by first left index, then first right index)."""
    return tuple(sorted(links, key=_link_order))
