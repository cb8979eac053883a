"""Renderers for a :class:`~newsalign.Diff` and a :class:`~newsalign.MultiAlignment`.

Three formats, each a function that returns a string and writes nothing:

* :func:`render_text`: a terminal view, one block per op, colour (ANSI) on request;
* :func:`render_json`: the ``to_dict()`` form as JSON (schema in ``docs/diff.md``);
* :func:`render_html`: one self-contained HTML file (inline CSS and a few lines of inline
  script; no external assets, nothing fetched from the network): the two versions side by
  side, linked sentences highlighted together, moved links marked, fact differences marked
  inline and listed under each op, and a summary at the top.

For three or more versions, pass a :class:`~newsalign.MultiAlignment`: one row per
cluster, one column per version.
"""

from __future__ import annotations

import json
from typing import Literal

from ..errors import InputError
from .html_page import render_html
from .labels import check_result
from .multi import MultiAlignment
from .ops import Diff
from .terminal import render_text

__all__ = ["FORMATS", "Format", "render", "render_json"]


Format = Literal["text", "json", "html"]


#: The output formats :func:`render` accepts.
FORMATS: tuple[Format, ...] = ("text", "json", "html")


def render(result: Diff | MultiAlignment, format: str = "text", *, color: bool = False) -> str:
    """Render a diff or a multi-version alignment in one of :data:`FORMATS`.

    Raises:
        InputError: an unknown format, or a result of another type.

    Example:
        >>> from newsalign import diff
        >>> d = diff("A cat sat.", "A cat sat.", encoder="tfidf")
        >>> render(d, "json").startswith("{")
        True
    """
    if format == "text":
        return render_text(result, color=color)
    if format == "json":
        return render_json(result)
    if format == "html":
        return render_html(result)
    raise InputError(f"unknown format {format!r}; valid formats: {', '.join(FORMATS)}")


# -- JSON -------------------------------------------------------------------------------
def render_json(result: Diff | MultiAlignment, *, indent: int | None = 2) -> str:
    """The JSON form of ``result.to_dict()`` (UTF-8 text, not ASCII-escaped).

    Example:
        >>> from newsalign import diff
        >>> d = diff("A cat sat.", "A dog ran.", encoder="tfidf")
        >>> sorted(json.loads(render_json(d))["ops"][0])
        ['fact_differences', 'left', 'moved', 'right', 'score', 'tag']
    """
    check_result(result)
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=indent) + "\n"
