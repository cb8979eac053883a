"""Terminal views: a diff, a multi-version alignment or a plain alignment as text.

Colour (ANSI) only on request; every sentence of every version appears exactly once.
"""

from __future__ import annotations

import string
import textwrap
from collections.abc import Callable, Sequence

from ..facts import CONFLICT_KINDS
from ..records import Alignment
from .labels import FACT_LABELS, MARKERS, check_result
from .multi import MultiAlignment
from .ops import Diff, DiffOp

__all__ = ["format_alignment", "render_text"]


_Paint = Callable[[str, str], str]  # (style, text) -> text, with or without ANSI codes


_ANSI = {
    "reset": "\033[0m", "bold": "\033[1m", "dim": "\033[2m", "red": "\033[31m",
    "green": "\033[32m", "yellow": "\033[33m", "blue": "\033[34m", "magenta": "\033[35m",
    "cyan": "\033[36m",
}  # fmt: skip


_TAG_COLOUR = {
    "equal": "dim", "paraphrase": "blue", "partial": "magenta", "split": "blue",
    "merged": "blue", "regrouped": "blue", "deleted": "red", "inserted": "green",
}  # fmt: skip


# -- text -------------------------------------------------------------------------------
def render_text(result: Diff | MultiAlignment, *, color: bool = False, width: int = 100) -> str:
    """A terminal view: a summary, then one block per op (or per cluster).

    Args:
        result: a :class:`~newsalign.Diff` or a :class:`~newsalign.MultiAlignment`.
        color: add ANSI colours (the CLI turns them on when stdout is a terminal).
        width: wrap lines at this many characters.

    Example:
        >>> from newsalign import diff
        >>> d = diff("Troops left. Talks failed. It rained.",
        ...          "Talks failed. Troops left. It snowed all day in Seoul.", encoder="tfidf")
        >>> for line in render_text(d).splitlines():
        ...     if line.startswith(("=", "-", "+")):
        ...         print(line)
        = L0 R1  equal
        = L1 R0  equal  moved
        - L2  deleted
        + R2  inserted
    """
    check_result(result)
    paint = _painter(color)
    if isinstance(result, MultiAlignment):
        return _multi_text(result, paint, width)
    d = result
    s = d.summary
    lines = [
        paint("bold", f"{d.left.name or 'left'} ({s.left_sentences} sentences)  ->  "
                      f"{d.right.name or 'right'} ({s.right_sentences} sentences)"),
        f"shared {s.shared_ratio:.0%}: {s.shared_left}/{s.left_sentences} left and "
        f"{s.shared_right}/{s.right_sentences} right sentences linked",
        f"{s.deleted} deleted, {s.inserted} inserted, {s.moved} moved; "
        f"{s.conflicts} fact conflicts, {s.name_variants} name variants, "
        f"{s.left_only_facts} facts only left, {s.right_only_facts} only right",
        "",
    ]  # fmt: skip
    for op in d.ops:
        lines += _op_text(op, paint, width)
    return "\n".join(lines).rstrip() + "\n"


def _painter(color: bool) -> _Paint:
    def paint(style: str, text: str) -> str:
        if not color or not text:
            return text
        return f"{_ANSI[style]}{text}{_ANSI['reset']}"

    return paint


def _op_text(op: DiffOp, paint: _Paint, width: int) -> list[str]:
    refs = " ".join(
        part
        for part in (
            ",".join(f"L{i}" for i in op.left) if op.left else "",
            ",".join(f"R{j}" for j in op.right) if op.right else "",
        )
        if part
    )
    head = f"{MARKERS[op.tag]} {refs}  {op.tag}"
    if op.score is not None and op.tag != "equal":
        head += f" {op.score:.2f}"
    if op.moved:
        head += "  " + paint("cyan", "moved")
    lines = [paint(_TAG_COLOUR[op.tag], head) if not op.moved else head]
    body = width - 8
    if op.tag != "equal":
        for side, idx, texts, style in (
            ("L", op.left, op.left_texts, "red"),
            ("R", op.right, op.right_texts, "green"),
        ):
            for k, text in zip(idx, texts, strict=True):
                label = f"{side}{k}"
                for n, chunk in enumerate(textwrap.wrap(text, body) or [""]):
                    prefix = f"  {label:>5} " if n == 0 else " " * 8
                    coloured = chunk if op.tag == "paraphrase" else paint(style, chunk)
                    lines.append(prefix + coloured)
    else:
        for n, chunk in enumerate(textwrap.wrap(op.left_texts[0], body) if op.left_texts else []):
            lines.append(" " * 8 + paint("dim", chunk) if n < 2 else "")
        lines = [line for line in lines if line]
    if op.tag in ("inserted", "deleted") and op.fact_differences:
        # the whole sentence is one-sided: list its facts in one line
        facts = "; ".join(
            f"{fd.fact} {fd.left_value or fd.right_value!s}"
            + (f" (also {'R' if op.left else 'L'}{','.join(map(str, fd.elsewhere))})"
               if fd.elsewhere else "")
            for fd in op.fact_differences
        )  # fmt: skip
        for n, chunk in enumerate(textwrap.wrap("facts: " + facts, body)):
            lines.append(("        " if n == 0 else "          ") + paint("dim", chunk))
    for fd in op.fact_differences:
        if op.tag in ("inserted", "deleted"):
            continue
        style = "yellow" if fd.kind in CONFLICT_KINDS else "dim"
        mark = "!" if fd.kind in CONFLICT_KINDS else "·"
        text = f"{mark} {FACT_LABELS[fd.kind]} ({fd.fact}): {fd.explanation}"
        if fd.elsewhere:
            side = "left" if fd.kind == "right_only" else "right"
            text += f" [also in {side} {', '.join(map(str, fd.elsewhere))}]"
        for n, chunk in enumerate(textwrap.wrap(text, body)):
            lines.append(("        " if n == 0 else "          ") + paint(style, chunk))
    lines.append("")
    return lines


def _doc_labels(n: int) -> list[str]:
    letters = string.ascii_uppercase
    return [letters[k] if k < 26 else f"D{k}" for k in range(n)]


def _multi_text(ma: MultiAlignment, paint: _Paint, width: int) -> str:
    labels = _doc_labels(len(ma.documents))
    n = len(ma.documents)
    lines = [paint("bold", f"{n} versions, {len(ma.clusters)} clusters")]
    for label, doc in zip(labels, ma.documents, strict=True):
        lines.append(f"  {label}: {doc.name or 'version'} ({len(doc)} sentences)")
    everywhere = sum(len(c.members) == n for c in ma.clusters)
    lines += [f"carried by all {n}: {everywhere}; by one only: "
              f"{sum(len(c.members) == 1 for c in ma.clusters)}", ""]  # fmt: skip
    for cluster in ma.clusters:
        present = "".join(labels[d] if d in cluster.documents else "." for d in range(n))
        count = len(cluster.members)
        style = "green" if count == n else ("red" if count == 1 else "blue")
        lines.append(paint(style, f"[{present}] {len(cluster.members)}/{n}"))
        for d, sentences in cluster.members:
            for s in sentences:
                text = ma.documents[d][s].text
                for k, chunk in enumerate(textwrap.wrap(text, width - 8) or [""]):
                    prefix = f"  {labels[d]}{s:<4} " if k == 0 else " " * 8
                    lines.append(prefix + chunk)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- a plain alignment ---------------------------------------------------------------
def format_alignment(al: Alignment, *, width: int = 100) -> str:
    """A side-by-side listing: every link, then the sentences only one side has.

    Every sentence of both documents appears exactly once.
    """
    col = max(20, (width - 3) // 2)
    lines: list[str] = []
    shared = sum(len(link.left) for link in al.links)
    lines.append(
        f"{al.left.name or 'left'} ({len(al.left)} sentences)  <->  "
        f"{al.right.name or 'right'} ({len(al.right)} sentences)"
    )
    lines.append(
        f"encoder {al.encoder}, mode {al.mode}: {len(al.links)} links, "
        f"{shared}/{len(al.left)} left and "
        f"{sum(len(link.right) for link in al.links)}/{len(al.right)} right sentences linked"
    )
    for link in al.links:
        head = (
            f"L{','.join(map(str, link.left))} <-> R{','.join(map(str, link.right))}  "
            f"{link.kind} {link.score:.2f}"
        )
        lines += ["", head]
        lines += _columns(
            [f"[{i}] {al.left[i].text}" for i in link.left],
            [f"[{j}] {al.right[j].text}" for j in link.right],
            col,
        )
    if al.unmatched_left:
        lines += ["", f"only in left ({len(al.unmatched_left)})"]
        lines += _columns([f"[{i}] {al.left[i].text}" for i in al.unmatched_left], [], col)
    if al.unmatched_right:
        lines += ["", f"only in right ({len(al.unmatched_right)})"]
        lines += _columns([], [f"[{j}] {al.right[j].text}" for j in al.unmatched_right], col)
    return "\n".join(lines) + "\n"


def _columns(left: Sequence[str], right: Sequence[str], col: int) -> list[str]:
    wrap_l = [w for s in left for w in textwrap.wrap(s, col) or [""]]
    wrap_r = [w for s in right for w in textwrap.wrap(s, col) or [""]]
    rows = max(len(wrap_l), len(wrap_r))
    wrap_l += [""] * (rows - len(wrap_l))
    wrap_r += [""] * (rows - len(wrap_r))
    return [f"{a:<{col}} | {b}".rstrip() for a, b in zip(wrap_l, wrap_r, strict=False)]
