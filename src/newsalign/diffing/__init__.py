"""Diffs of versions: an alignment plus facts -> tagged operations, and their renderers.

Public names: :func:`diff` and :func:`diff_alignment` (two versions -> :class:`Diff`),
:func:`align_many` (three or more -> :class:`MultiAlignment` of :class:`Cluster`), and the
renderers :func:`render`, :func:`render_text`, :func:`render_json`, :func:`render_html`.
"""

from __future__ import annotations

from .formats import FORMATS, render, render_json
from .html_page import render_html
from .multi import Cluster, MultiAlignment, align_many
from .ops import (
    DIFF_TAGS,
    Diff,
    DiffOp,
    DiffSummary,
    DiffTag,
    diff,
    diff_alignment,
    links_in_place,
)
from .terminal import format_alignment, render_text

__all__ = [
    "DIFF_TAGS",
    "FORMATS",
    "Cluster",
    "Diff",
    "DiffOp",
    "DiffSummary",
    "DiffTag",
    "MultiAlignment",
    "align_many",
    "diff",
    "diff_alignment",
    "format_alignment",
    "links_in_place",
    "render",
    "render_html",
    "render_json",
    "render_text",
]
