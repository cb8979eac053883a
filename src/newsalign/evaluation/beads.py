"""Alignment files in and out: bead files, newsalign JSON, the seeds gold JSON, and TSV.

A bead file has one bead a line, as Vecalign and Bertalign write them: ``[0, 1]:[0]``,
``[3]:[]`` for a left sentence with no counterpart, ``[]:[4]`` for a right one, and an
optional third field (a score, or Vecalign's cost), which scoring ignores. Indices are 0-based
sentence (line) numbers. Every reader error names the file and, for a bad line, its number.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..records import Alignment, Bead, format_bead, parse_bead

__all__ = [
    "AlignmentFile",
    "FileFormat",
    "format_tsv",
    "read_alignment",
    "read_beads",
    "write_beads",
]

FileFormat = Literal["beads", "newsalign", "gold"]


@dataclass(frozen=True, slots=True)
class AlignmentFile:
    """The beads of one alignment file, whatever its format.

    Attributes:
        name: the path, for messages and reports.
        format: ``"beads"`` (a bead file), ``"newsalign"`` (``newsalign align --format json``)
            or ``"gold"`` (the seeds gold JSON: ``a``, ``b``, ``links`` with ``kind``).
        beads: the equivalent links plus ``[i]:[]`` / ``[]:[j]`` for unmatched sentences;
            what the bead metrics read.
        partial: links of kind ``partial`` (newsalign JSON and the gold JSON), which the pair
            metric accepts as correct but does not require.
    """

    name: str
    format: FileFormat
    beads: tuple[Bead, ...]
    partial: tuple[Bead, ...] = ()


def _read_text(path: str | os.PathLike[str], role: str) -> str:
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{role} {p}: is a directory, not a file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{role} {p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{role} {p}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{role} {p}: not UTF-8 (byte offset {exc.start})") from None


def _parse_bead_lines(text: str, name: str) -> tuple[Bead, ...]:
    out: list[Bead] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            left, right, _ = parse_bead(line)
        except InputError as exc:
            raise InputError(f"{name}:{n}: {exc}") from None
        out.append((left, right))
    return tuple(out)


def read_beads(path: str | os.PathLike[str], *, role: str = "bead file") -> tuple[Bead, ...]:
    """The beads of a bead file, in file order (blank lines skipped, third field ignored).

    Raises :class:`newsalign.InputError` naming the file and line of a malformed bead.
    """
    return _parse_bead_lines(_read_text(path, role), str(path))


def _side(value: Any, name: str, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(k, int) and not isinstance(k, bool) and k >= 0 for k in value
    ):
        raise InputError(f"{name}: {where} must be a list of sentence indices, got {value!r}")
    return tuple(value)


def _from_json(data: Any, name: str) -> AlignmentFile:
    if not isinstance(data, dict) or not isinstance(data.get("links"), list):
        raise InputError(f"{name}: JSON with no 'links' list (not newsalign or gold JSON)")
    gold = "a" in data and "b" in data
    lk, rk = ("a", "b") if gold else ("left", "right")
    beads: list[Bead] = []
    partial: list[Bead] = []
    for n, link in enumerate(data["links"]):
        if not isinstance(link, dict):
            raise InputError(f"{name}: links[{n}] is not an object")
        bead = (_side(link.get(lk), name, f"links[{n}].{lk}"),
                _side(link.get(rk), name, f"links[{n}].{rk}"))  # fmt: skip
        (partial if link.get("kind") == "partial" else beads).append(bead)
    un_l, un_r = ("unaligned_a", "unaligned_b") if gold else ("unmatched_left", "unmatched_right")
    beads += [((i,), ()) for i in _side(data.get(un_l, []), name, un_l)]
    beads += [((), (j,)) for j in _side(data.get(un_r, []), name, un_r)]
    return AlignmentFile(name, "gold" if gold else "newsalign", tuple(beads), tuple(partial))


def read_alignment(path: str | os.PathLike[str], *, role: str = "alignment") -> AlignmentFile:
    """Read a bead file, newsalign JSON or the seeds gold JSON; the format is recognised.

    A file whose first non-blank character is ``{`` is JSON; anything else is a bead file.
    """
    text = _read_text(path, role)
    name = str(path)
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        return _from_json(data, name)
    if not text.strip():
        raise InputError(f"{role} {name}: empty file (no beads)")
    return AlignmentFile(name, "beads", _parse_bead_lines(text, name))


def write_beads(
    beads: Iterable[Bead], path: str | os.PathLike[str], *, scores: Sequence[float] | None = None
) -> None:
    """Write beads one a line, with a score field when ``scores`` is given."""
    items = list(beads)
    if scores is not None and len(scores) != len(items):
        raise InputError(f"{len(items)} beads but {len(scores)} scores")
    lines = [
        format_bead(a, b, None if scores is None else scores[k]) for k, (a, b) in enumerate(items)
    ]
    try:
        Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"output {path}: {exc.strerror or exc}") from None


def _cell(text: str) -> str:
    return " ".join(text.split())


def format_tsv(al: Alignment) -> str:
    """One link a line: left text, right text, score, kind (tab-separated, with a header).

    Sentences of a bead are joined by a space; tabs and line breaks inside become spaces.

    Example:
        >>> from newsalign import align_embeddings
        >>> import numpy as np
        >>> v = np.eye(2, dtype=np.float32)
        >>> tsv = format_tsv(align_embeddings(v, v, left=["A.", "B."], right=["A.", "B."]))
        >>> print(tsv.replace("\\t", " | "))
        left | right | score | kind
        A. | A. | 0.9995 | equivalent
        B. | B. | 0.9995 | equivalent
        <BLANKLINE>
    """
    rows = ["left\tright\tscore\tkind"]
    for link in al.links:
        left = _cell(" ".join(al.left.texts[i] for i in link.left))
        right = _cell(" ".join(al.right.texts[j] for j in link.right))
        rows.append(f"{left}\t{right}\t{link.score:.4f}\t{link.kind}")
    return "".join(row + "\n" for row in rows)
