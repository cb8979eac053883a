"""Sentence alignment: similarities between two documents' sentences -> many-to-many links.

Public names: :func:`align` (documents or text, any encoder), :func:`align_embeddings`
(your own vectors), :class:`AlignParams` (the settings), :data:`Mode` and :data:`MODES`.
"""

from __future__ import annotations

from .aligner import MODES, AlignParams, Mode, align, align_embeddings

__all__ = ["MODES", "AlignParams", "Mode", "align", "align_embeddings"]
