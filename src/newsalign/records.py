"""Immutable records shared by every part of newsalign.

All records are frozen, slotted dataclasses holding tuples, so results can be hashed,
compared and shared between threads, and nothing downstream can change them by accident.
"Changing" a result (re-thresholding an alignment, say) returns a new object.

Sides are always called ``left`` and ``right``; sentence references are 0-based indices
into :attr:`Document.sentences`.
"""

from __future__ import annotations

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
    "Document",
    "Link",
    "LinkKind",
    "Mode",
    "Sentence",
]

Mode = Literal["rewrite", "translation"]


#: The alignment modes: ``rewrite`` assumes nothing about order, ``translation`` exploits it.
MODES: tuple[Mode, ...] = ("rewrite", "translation")

LinkKind = Literal["equivalent", "partial"]
#: The closed set of link kinds: ``equivalent`` links carry the same content,
#: ``partial`` links overlap in content (one side says more, or they share a part).
LINK_KINDS: tuple[LinkKind, ...] = ("equivalent", "partial")


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
